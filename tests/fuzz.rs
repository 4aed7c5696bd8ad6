//! Mutation fuzzing of everything that reads files from outside: the session loader and
//! the three importers (W3C, doccano, Label Studio). Each case takes a real file of that
//! kind, mutates it (flipped bytes, cut or doubled stretches, hostile tokens such as
//! `0..4294967295` or a 20-digit id) and asserts that Claimdesk does not panic, stays
//! within a memory budget proportional to the input (the allocator below aborts the test
//! otherwise), and that every input it accepts is a valid session that saves and loads
//! back unchanged.
//!
//! It runs as an ordinary, bounded test (`FUZZ_CASES` cases per target, 96 by default);
//! `FUZZ_CASES=5000 cargo test --release --test fuzz` is the long run.

use std::alloc::System;
use std::path::Path;

use cap::Cap;
use claimdesk::export::{self, ExportOptions, Format};
use claimdesk::model::Session;
use claimdesk::store;
use claimdesk::timestamp::Timestamp;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// What one input may allocate beyond what was allocated before it: a fixed allowance
/// for tables and buffers plus a multiple of the input's size.
fn budget(input_len: usize) -> usize {
    64 * 1024 * 1024 + 200 * input_len
}

/// Held by each test for its whole run: the allocator's limit is one for the process, so
/// the tests of this file take turns (one test's allocations must not count against
/// another's budget).
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs `f` with the allocator limited to [`budget`]; going over aborts the test binary.
fn within_budget<T>(input_len: usize, f: impl FnOnce() -> T) -> T {
    let limit = ALLOCATOR.allocated() + budget(input_len);
    ALLOCATOR.set_limit(limit).expect("limit above current use");
    let out = f();
    ALLOCATOR.set_limit(usize::MAX).expect("lift limit");
    out
}

/// Tokens that have broken parsers before: huge numbers and ranges, unbalanced
/// delimiters, raw-string openers, control and non-BMP characters, a newer version.
const HOSTILE: &[&str] = &[
    "4294967295",
    "18446744073709551615",
    "-1",
    "0..4294967295",
    "4294967295..0",
    "1e309",
    "NaN",
    "\"",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    "r#\"",
    "\"#",
    "\\u{0}",
    "\u{0}",
    "\u{FEFF}",
    "🇲🇱",
    "version: 3",
    "\"id\": 18446744073709551615",
    "\"start\": 4294967295",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
];

#[derive(Clone, Debug)]
enum Mutation {
    Flip {
        at: usize,
        byte: u8,
    },
    Cut {
        at: usize,
        len: usize,
    },
    Double {
        at: usize,
        len: usize,
        to: usize,
    },
    Insert {
        at: usize,
        token: usize,
    },
    Truncate {
        at: usize,
    },
    /// The `nth` number in the file (an offset, an index, a range end) made huge.
    Renumber {
        nth: usize,
        value: usize,
    },
}

/// Numbers that overflow or exhaust: the largest u32, u64, and a billion.
const HUGE: &[&str] = &["4294967295", "18446744073709551615", "1000000000"];

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        (at, any::<u8>()).prop_map(|(at, byte)| Mutation::Flip { at, byte }),
        (at, 1..200usize).prop_map(|(at, len)| Mutation::Cut { at, len }),
        (at, 1..400usize, any::<usize>()).prop_map(|(at, len, to)| Mutation::Double {
            at,
            len,
            to
        }),
        (at, 0..HOSTILE.len()).prop_map(|(at, token)| Mutation::Insert { at, token }),
        at.prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), 0..HUGE.len()).prop_map(|(nth, value)| Mutation::Renumber { nth, value }),
    ]
}

fn mutate(base: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for mutation in mutations {
        let n = bytes.len().max(1);
        match *mutation {
            Mutation::Flip { at, byte } => {
                if let Some(b) = bytes.get_mut(at % n) {
                    *b = byte;
                }
            }
            Mutation::Cut { at, len } => {
                let start = (at % n).min(bytes.len());
                let end = (start + len).min(bytes.len());
                bytes.drain(start..end);
            }
            Mutation::Double { at, len, to } => {
                let start = (at % n).min(bytes.len());
                let end = (start + len).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                let to = (to % n).min(bytes.len());
                bytes.splice(to..to, copy);
            }
            Mutation::Insert { at, token } => {
                let at = (at % n).min(bytes.len());
                bytes.splice(at..at, HOSTILE[token].bytes());
            }
            Mutation::Truncate { at } => bytes.truncate(at % n),
            Mutation::Renumber { nth, value } => {
                let starts: Vec<usize> = (0..bytes.len())
                    .filter(|&i| {
                        bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit())
                    })
                    .collect();
                if let Some(&start) = starts.get(nth % starts.len().max(1)) {
                    let end = start
                        + bytes[start..]
                            .iter()
                            .take_while(|b| b.is_ascii_digit())
                            .count();
                    bytes.splice(start..end, HUGE[value].bytes());
                }
            }
        }
    }
    bytes
}

fn sample() -> Session {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/mali-review.ron");
    store::load(&path).expect("sample").session
}

/// An accepted session must be valid and survive a save and a load unchanged.
fn assert_saves_back(session: &Session) -> Result<(), TestCaseError> {
    prop_assert!(session.validate().is_ok(), "{:?}", session.validate());
    let text = store::to_ron(session).map_err(|err| TestCaseError::fail(err.to_string()))?;
    let again = store::from_ron(&text, Path::new("again.ron"))
        .map_err(|err| TestCaseError::fail(err.to_string()))?;
    prop_assert_eq!(&again.session, session);
    Ok(())
}

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(96)
}

/// Runs `target` on mutants of `base`; `target` returns whether the mutant was accepted.
fn fuzz(name: &str, base: &[u8], target: impl Fn(&[u8]) -> Result<bool, TestCaseError>) {
    let accepted = std::cell::Cell::new(0u32);
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = proptest::collection::vec(mutation(), 1..6);
    let result = runner.run(&strategy, |mutations| {
        let bytes = mutate(base, &mutations);
        let was_accepted = within_budget(bytes.len(), || target(&bytes))?;
        accepted.set(accepted.get() + u32::from(was_accepted));
        Ok(())
    });
    if let Err(err) = result {
        panic!("{name}: {err}");
    }
    eprintln!(
        "{name}: {} mutants, {} accepted (valid, saved back), the rest refused with an error",
        cases(),
        accepted.get()
    );
}

fn import_target(format: Format) -> impl Fn(&[u8]) -> Result<bool, TestCaseError> {
    move |bytes| {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return Ok(false); // Refused before parsing, like the file importer does.
        };
        let now = Timestamp::from_unix_secs(1_800_000_000);
        match export::import::import_str(text, Path::new("in.json"), format, now) {
            Ok(imported) => assert_saves_back(&imported.session).map(|()| true),
            Err(_) => Ok(false),
        }
    }
}

fn load_target(bytes: &[u8]) -> Result<bool, TestCaseError> {
    match store::from_bytes(bytes, Path::new("mutant.ron")) {
        Ok(loaded) => assert_saves_back(&loaded.session).map(|()| true),
        Err(_) => Ok(false),
    }
}

#[test]
fn loaders_and_importers_survive_mutated_files() {
    let _turn = one_at_a_time();
    let session = sample();
    let ron = store::to_ron(&session).expect("encode");
    fuzz("session loader", ron.as_bytes(), load_target);
    let v1 = include_bytes!("data/v1/mali-review.v1.ron");
    fuzz("version-1 loader", v1, load_target);
    let sessions = std::slice::from_ref(&session);
    for format in Format::IMPORTABLE {
        let text = export::export(sessions, *format, ExportOptions::default()).expect("export");
        fuzz(format.name(), text.as_bytes(), import_target(*format));
    }
}

/// Web pages (issue 29, finding 9): mutants of real saved pages, read as `extract`, `new`,
/// Open URL and the clipboard read them, never panic and stay within the memory budget;
/// the hostile shapes issue 29 found (stray and ignored end tags, `<rb>` outside ruby,
/// 100,000 attributes, a million empty elements, gzip-free bodies of NUL bytes) are the
/// seed corpus and are refused within it.
#[test]
fn web_pages_survive_mutation_and_hostile_shapes() {
    let _turn = one_at_a_time();
    use claimdesk::html::{Extraction, read_page};
    let pages = [
        "council-potholes.old_cms_br.html",
        "bibliotheek-sluit.amp.html",
    ];
    for name in pages {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/web/pages")
            .join(name);
        let Ok(page) = std::fs::read(&path) else {
            continue;
        };
        fuzz(name, &page, |bytes| {
            Ok(read_page(
                bytes,
                None,
                Some("https://example.org/a"),
                Extraction::MainText,
            )
            .is_ok())
        });
    }
    let attributes: String = (0..100_000).map(|i| format!(" a{i}=1")).collect();
    let corpus = [
        "<div></x>".repeat(10_000),
        "<span><div></span>".repeat(5_000),
        "<rb>".repeat(100_000),
        format!("<div{attributes}>x</div>"),
        "<i></i>".repeat(1_000_001),
    ];
    for page in &corpus {
        let page = format!("<html><body>{page}<p>Text.</p></body></html>");
        let outcome = within_budget(page.len(), || {
            read_page(page.as_bytes(), None, None, Extraction::WholePage)
        });
        assert!(outcome.is_err(), "refused: {}", &page[..40]);
    }
    // Misnested formatting the parser repairs (not deep): read, within the budget.
    let misnested = format!("<html><body>{}</body></html>", "<b><p></b>x".repeat(5_000));
    let outcome = within_budget(misnested.len(), || {
        read_page(misnested.as_bytes(), None, None, Extraction::WholePage)
    });
    assert!(outcome.is_ok(), "{outcome:?}");
}

/// Addresses (issue 29, finding 9): whatever a session or a page holds as an address,
/// the checks that decide what becomes a link or a URL value never panic, and nothing but
/// http, https and mailto passes them.
#[test]
fn address_checks_survive_mutated_addresses() {
    let _turn = one_at_a_time();
    let seeds = [
        "https://user:secret@example.org/a?b#c",
        "javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "mailto:desk@example.org",
        "file:///etc/passwd",
    ];
    for seed in seeds {
        fuzz(seed, seed.as_bytes(), |bytes| {
            let text = String::from_utf8_lossy(bytes);
            let stripped = claimdesk::fetch::without_credentials(&text);
            let linkable = claimdesk::links::is_linkable(text.trim());
            if linkable {
                let scheme = text
                    .trim()
                    .split(':')
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                prop_assert!(
                    matches!(scheme.as_str(), "http" | "https" | "mailto"),
                    "{text:?} became a link"
                );
            }
            // An address that can be fetched is never stored with a user name or password
            // in its authority (`//user:secret@host`).
            let authority = |url: &str| {
                url.split_once("://")
                    .and_then(|(_, rest)| rest.split(['/', '?', '#', '\\']).next())
                    .map(str::to_owned)
            };
            if claimdesk::links::is_web_address(text.trim())
                && authority(text.trim()).is_some_and(|a| a.contains('@'))
                && stripped != text.trim()
            {
                let kept = authority(&stripped).unwrap_or_default();
                prop_assert!(!kept.contains('@'), "{text:?} → {stripped:?}");
            }
            Ok(linkable)
        });
    }
}

/// A small dictd dictionary (index and dictzip file) of `entries`, in chunks of `chunk`
/// bytes, as FreeDict packages ship them.
fn dictionary(entries: &[(&str, &str)], chunk: usize) -> (Vec<u8>, Vec<u8>) {
    let b64 = |mut n: usize| {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut digits = Vec::new();
        loop {
            digits.push(ALPHABET[n % 64]);
            n /= 64;
            if n == 0 {
                break;
            }
        }
        digits.reverse();
        String::from_utf8(digits).unwrap_or_default()
    };
    let (mut data, mut index) = (String::new(), String::new());
    for (headword, definition) in entries {
        let text = format!("{headword}\n{definition}\n");
        index.push_str(&format!(
            "{headword}\t{}\t{}\n",
            b64(data.len()),
            b64(text.len())
        ));
        data.push_str(&text);
    }
    let chunks: Vec<Vec<u8>> = data
        .as_bytes()
        .chunks(chunk)
        .map(|piece| {
            let mut deflater = flate2::Compress::new(flate2::Compression::default(), false);
            let mut out = Vec::with_capacity(piece.len() + 64);
            deflater
                .compress_vec(piece, &mut out, flate2::FlushCompress::Full)
                .expect("deflate");
            out
        })
        .collect();
    let mut extra = b"RA".to_vec();
    extra.extend_from_slice(&((6 + 2 * chunks.len()) as u16).to_le_bytes());
    extra.extend_from_slice(&1u16.to_le_bytes());
    extra.extend_from_slice(&(chunk as u16).to_le_bytes());
    extra.extend_from_slice(&(chunks.len() as u16).to_le_bytes());
    for c in &chunks {
        extra.extend_from_slice(&(c.len() as u16).to_le_bytes());
    }
    let mut file = vec![0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 3];
    file.extend_from_slice(&(extra.len() as u16).to_le_bytes());
    file.extend_from_slice(&extra);
    for c in &chunks {
        file.extend_from_slice(c);
    }
    (index.into_bytes(), file)
}

/// Dictionaries (issue 29, finding 9): mutants of an installed dictionary's index and of
/// its dictzip file are read without a panic, within the memory budget, as an error or as
/// translations.
#[test]
fn dictionaries_survive_mutated_index_and_dictzip_files() {
    let _turn = one_at_a_time();
    use claimdesk::align::lexicon::Lexicon;
    let entries = [
        ("Datei", "file; document"),
        ("Soldat", "soldier"),
        ("Regierung", "government"),
        ("Krieg", "war {m}"),
    ];
    let (index, dict) = dictionary(&entries, 32);
    let words = |list: &[&str]| list.iter().map(|w| (*w).to_owned()).collect();
    let (english, german) = (
        words(&["file", "soldier", "government", "war"]),
        words(&["Datei", "Soldat", "Regierung", "Krieg"]),
    );
    let read = |index: &[u8], dict: &[u8]| {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("freedict-deu-eng.index"), index).expect("index");
        std::fs::write(dir.path().join("freedict-deu-eng.dict.dz"), dict).expect("dict");
        within_budget(index.len() + dict.len(), || {
            Lexicon::installed_in(dir.path(), "en", "de", &english, &german)
        })
    };
    assert!(read(&index, &dict).expect("the dictionary reads").is_some());
    fuzz("dictionary index", &index, |bytes| {
        Ok(read(bytes, &dict).is_ok())
    });
    fuzz("dictzip file", &dict, |bytes| {
        Ok(read(&index, bytes).is_ok())
    });
}
