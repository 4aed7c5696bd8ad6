//! Bilingual word evidence from an installed dictionary: Debian's FreeDict packages
//! (`dict-freedict-eng-deu`, `-deu-eng`, `-nld-eng`, `-eng-nld`, …) in dictd format,
//! read from where they are installed at run time. They are GPL, so nothing of them is
//! bundled; without one, alignment works on its other evidence.
//!
//! A dictd dictionary is an index (`headword \t offset \t length`, numbers in base 64) and
//! a dictzip file: gzip cut into chunks that inflate on their own, listed in the gzip
//! header's "RA" field, so a definition is read by inflating only its chunks. Only the
//! words of the two documents are looked up, so memory grows with their vocabulary, not
//! with the dictionary.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::features::{fold, fold_into};

/// Where Debian installs dictd dictionaries.
pub const DEFAULT_DICTD_DIR: &str = "/usr/share/dictd";
/// Overrides [`DEFAULT_DICTD_DIR`] (tests, other installations).
pub const DICTD_DIR_VARIABLE: &str = "CLAIMDESK_DICTD_DIR";

/// The largest definition read (a longer one is a damaged index).
const MAX_DEFINITION: usize = 64 * 1024;
/// The longest index line read (real ones are well under 200 bytes).
const MAX_INDEX_LINE: usize = 16 * 1024;
/// The most definitions read for one pair of documents (a real dictionary gives a few per
/// word, and a document pair has a few thousand distinct words).
const MAX_ENTRIES: usize = 200_000;
/// The most definition bytes read for one pair of documents, all entries together: what
/// bounds the inflating (a hostile index of 2,000 long entries took 33 s before).
const MAX_DEFINITION_BYTES: usize = 64 * 1024 * 1024;
/// The largest dictzip chunk inflated.
const MAX_CHUNK: usize = 1024 * 1024;
/// The shortest chunk length accepted: dictzip writes chunks of about 58 KB; a chunk
/// length of 1 makes every byte of a definition a chunk of its own to inflate.
const MIN_CHUNK_LENGTH: usize = 16;
/// The most compressed bytes read from one dictzip file for one pair of documents (each
/// chunk at most about its inflated length, so this bounds the inflating too).
const MAX_COMPRESSED_READ: u64 = 256 * 1024 * 1024;
/// The longest a dictionary may take to read, whatever it holds.
const MAX_READ_TIME: std::time::Duration = std::time::Duration::from_secs(10);

/// Why a dictionary could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read the dictionary {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the dictionary {path} is damaged: {what}")]
    Damaged { path: PathBuf, what: String },
}

/// Word links between language A and language B: for a word of B, the words of A it
/// translates to (accent-folded, lower case).
#[derive(Debug, Default)]
pub struct Lexicon {
    b_to_a: HashMap<String, Vec<String>>,
    /// The dictionaries read, for reports.
    pub sources: Vec<PathBuf>,
}

/// FreeDict's three-letter code of a language code (`en` → `eng`).
fn freedict_code(lang: &str) -> Option<&'static str> {
    Some(
        match lang.split(['-', '_']).next()?.to_ascii_lowercase().as_str() {
            "en" | "eng" => "eng",
            "nl" | "nld" => "nld",
            "de" | "deu" => "deu",
            "fr" | "fra" => "fra",
            "es" | "spa" => "spa",
            "it" | "ita" => "ita",
            "pt" | "por" => "por",
            _ => return None,
        },
    )
}

/// The dictd directory in use.
pub fn dictd_dir() -> PathBuf {
    std::env::var_os(DICTD_DIR_VARIABLE)
        .map_or_else(|| PathBuf::from(DEFAULT_DICTD_DIR), PathBuf::from)
}

impl Lexicon {
    /// The links between `lang_a` and `lang_b` for the given words of each document, from
    /// the FreeDict dictionaries installed in [`dictd_dir`] in either direction; `None`
    /// when none is installed for the pair.
    pub fn installed(
        lang_a: &str,
        lang_b: &str,
        words_a: &HashSet<String>,
        words_b: &HashSet<String>,
    ) -> Result<Option<Lexicon>, LexiconError> {
        Self::installed_in(&dictd_dir(), lang_a, lang_b, words_a, words_b)
    }

    /// [`Lexicon::installed`] from the dictionaries in `dir`.
    pub fn installed_in(
        dir: &Path,
        lang_a: &str,
        lang_b: &str,
        words_a: &HashSet<String>,
        words_b: &HashSet<String>,
    ) -> Result<Option<Lexicon>, LexiconError> {
        let (Some(code_a), Some(code_b)) = (freedict_code(lang_a), freedict_code(lang_b)) else {
            return Ok(None);
        };
        if code_a == code_b {
            return Ok(None);
        }
        let b_to_a = dir.join(format!("freedict-{code_b}-{code_a}"));
        let a_to_b = dir.join(format!("freedict-{code_a}-{code_b}"));
        let is_installed = |base: &Path| base.with_extension("index").is_file();
        // The two directions are read at once (each scans its whole index and inflates
        // the chunks holding the documents' words).
        let (from_b, from_a) = std::thread::scope(|scope| {
            let from_a = is_installed(&a_to_b)
                .then(|| scope.spawn(|| read_translations(&a_to_b, words_a, words_b)));
            let from_b = is_installed(&b_to_a)
                .then(|| read_translations(&b_to_a, words_b, words_a))
                .transpose();
            let from_a = from_a
                .map(|thread| {
                    thread.join().unwrap_or_else(|_| {
                        Err(LexiconError::Damaged {
                            path: a_to_b.clone(),
                            what: "reading it failed unexpectedly".to_owned(),
                        })
                    })
                })
                .transpose();
            (from_b, from_a)
        });
        let mut lexicon = Lexicon::default();
        // B → A: B's words are headwords.
        if let Some(translations) = from_b? {
            for (word_b, words_a_of) in translations {
                let links = lexicon.b_to_a.entry(word_b).or_default();
                links.extend(words_a_of);
            }
            lexicon.sources.push(b_to_a.with_extension("dict.dz"));
        }
        // A → B: A's words are headwords; invert.
        if let Some(translations) = from_a? {
            for (word_a, words_b_of) in translations {
                for word_b in words_b_of {
                    lexicon
                        .b_to_a
                        .entry(word_b)
                        .or_default()
                        .push(word_a.clone());
                }
            }
            lexicon.sources.push(a_to_b.with_extension("dict.dz"));
        }
        if lexicon.sources.is_empty() {
            return Ok(None);
        }
        for links in lexicon.b_to_a.values_mut() {
            links.sort_unstable();
            links.dedup();
        }
        lexicon.b_to_a.retain(|_, links| !links.is_empty());
        Ok(Some(lexicon))
    }

    /// The words of A that the word `word_b` of B (folded) translates to.
    pub fn glosses(&self, word_b: &str) -> &[String] {
        self.b_to_a.get(word_b).map_or(&[], Vec::as_slice)
    }

    /// How many words of B have a link.
    pub fn len(&self) -> usize {
        self.b_to_a.len()
    }

    /// Whether no word of B has a link.
    pub fn is_empty(&self) -> bool {
        self.b_to_a.is_empty()
    }
}

/// The headword forms to look up for a folded word: itself, then the word without a
/// common inflection ending (plurals, verb and adjective endings of en/nl/de/fr).
pub fn lookup_forms(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_owned()];
    for ending in [
        "ies", "es", "s", "ed", "ing", "en", "er", "em", "e", "n", "te", "ten",
    ] {
        if let Some(stem) = word.strip_suffix(ending)
            && stem.chars().count() >= 3
        {
            forms.push(stem.to_owned());
            if ending == "ies" {
                forms.push(format!("{stem}y"));
            }
        }
    }
    forms
}

/// For each of `words` that the dictionary at `base` (without extension) has, directly or
/// by a [`lookup_forms`] form, the folded single words of its translations that are
/// among `targets` (the other document's words).
fn read_translations(
    base: &Path,
    words: &HashSet<String>,
    targets: &HashSet<String>,
) -> Result<HashMap<String, Vec<String>>, LexiconError> {
    let index_path = base.with_extension("index");
    let dict_path = base.with_extension("dict.dz");
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| LexiconError::Io { path, source }
    };
    // Which document words each headword form stands for.
    let mut wanted: HashMap<String, Vec<&str>> = HashMap::new();
    for word in words {
        for form in lookup_forms(word) {
            wanted.entry(form).or_default().push(word);
        }
    }
    // Regular files only: a FIFO in a dictionary's place would block forever.
    for path in [&index_path, &dict_path] {
        let metadata = std::fs::metadata(path).map_err(io(path))?;
        if !metadata.is_file() {
            return Err(LexiconError::Damaged {
                path: path.clone(),
                what: "not a regular file".to_owned(),
            });
        }
    }
    let started = std::time::Instant::now();
    let too_slow = |path: &Path| LexiconError::Damaged {
        path: path.to_owned(),
        what: format!(
            "reading it took more than {} seconds",
            MAX_READ_TIME.as_secs()
        ),
    };
    let mut definition_bytes = 0usize;
    let index = File::open(&index_path).map_err(io(&index_path))?;
    let mut entries: Vec<(u64, usize, Vec<&str>)> = Vec::new();
    let mut line = Vec::new();
    let mut folded = String::new();
    let mut reader = BufReader::with_capacity(256 * 1024, index);
    loop {
        line.clear();
        // A line is read with a bound, so a damaged index cannot exhaust memory.
        let read = (&mut reader)
            .take(MAX_INDEX_LINE as u64 + 1)
            .read_until(b'\n', &mut line)
            .map_err(io(&index_path))?;
        if read == 0 {
            break;
        }
        if line.len() > MAX_INDEX_LINE {
            return Err(LexiconError::Damaged {
                path: index_path,
                what: format!("an index line longer than {MAX_INDEX_LINE} bytes"),
            });
        }
        let Ok(text) = std::str::from_utf8(&line) else {
            continue;
        };
        let mut fields = text.trim_end_matches(['\n', '\r']).split('\t');
        let (Some(headword), Some(offset), Some(length)) =
            (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        fold_into(headword, &mut folded);
        let Some(for_words) = wanted.get(folded.as_str()) else {
            continue;
        };
        let (Some(offset), Some(length)) = (base64_number(offset), base64_number(length)) else {
            return Err(LexiconError::Damaged {
                path: index_path,
                what: format!("bad offset or length for {headword:?}"),
            });
        };
        let length = usize::try_from(length).unwrap_or(usize::MAX);
        if length > MAX_DEFINITION {
            return Err(LexiconError::Damaged {
                path: index_path,
                what: format!("definition of {headword:?} is {length} bytes long"),
            });
        }
        if entries.len() >= MAX_ENTRIES {
            return Err(LexiconError::Damaged {
                path: index_path,
                what: format!("more than {MAX_ENTRIES} entries for the documents' words"),
            });
        }
        definition_bytes += length;
        if definition_bytes > MAX_DEFINITION_BYTES {
            return Err(LexiconError::Damaged {
                path: index_path,
                what: format!(
                    "the documents' words ask for more than {} MB of definitions",
                    MAX_DEFINITION_BYTES >> 20
                ),
            });
        }
        entries.push((offset, length, for_words.clone()));
    }
    let mut dict = Dictzip::open(&dict_path)?;
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    entries.sort_unstable_by_key(|(offset, _, _)| *offset);
    for (n, (offset, length, for_words)) in entries.into_iter().enumerate() {
        if n % 256 == 0 && started.elapsed() > MAX_READ_TIME {
            return Err(too_slow(&dict_path));
        }
        let definition = dict.read(offset, length)?;
        let mut translations = translations(&String::from_utf8_lossy(&definition));
        translations.retain(|word| targets.contains(word));
        if translations.is_empty() {
            continue;
        }
        for word in for_words {
            out.entry(word.to_owned())
                .or_default()
                .extend(translations.iter().cloned());
        }
    }
    Ok(out)
}

/// A dictd number: base 64 with the alphabet `A–Z a–z 0–9 + /`.
fn base64_number(text: &str) -> Option<u64> {
    text.bytes().try_fold(0u64, |acc, byte| {
        let digit = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc.checked_mul(64)?.checked_add(u64::from(digit))
    })
}

/// The single words of a FreeDict definition's translations: the lines after the
/// headword line, without notes, synonyms, cross references, examples and the
/// grammatical and domain labels; translations of more than three words are phrases and
/// left out.
pub fn translations(definition: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in definition.lines().skip(1) {
        let line = line.trim();
        let is_apparatus = [
            "Note:", "Notes:", "Synonym", "see:", "See:", "\"", "Antonym", "Usage:",
        ]
        .iter()
        .any(|prefix| line.starts_with(prefix));
        if line.is_empty() || is_apparatus {
            continue;
        }
        // "1. house", "2. home".
        let line = line
            .split_once(". ")
            .filter(|(number, _)| !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()))
            .map_or(line, |(_, rest)| rest);
        let cleaned = strip_brackets(line);
        for item in cleaned.split([',', ';']) {
            let words: Vec<&str> = item.split_whitespace().collect();
            if words.is_empty() || words.len() > 3 {
                continue;
            }
            for word in words {
                let word = fold(word.trim_matches(|c: char| !c.is_alphanumeric()));
                if word.chars().count() >= 3 && word.chars().all(char::is_alphabetic) {
                    out.push(word);
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The text without `<…>`, `[…]`, `(…)` and `{…}` parts.
fn strip_brackets(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' | '[' | '(' | '{' => depth += 1,
            '>' | ']' | ')' | '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A dictzip file read by chunks (or, without a chunk table, as plain gzip).
struct Dictzip {
    path: PathBuf,
    file: File,
    /// Uncompressed size of every chunk but the last.
    chunk_length: usize,
    /// Where each chunk's compressed data starts, and the end of the last.
    chunk_starts: Vec<u64>,
    /// The last chunk inflated.
    cached: Option<(usize, Vec<u8>)>,
    /// One inflater, reset for every chunk (a new one allocates and clears its window).
    inflater: flate2::Decompress,
    /// Compressed bytes read so far (see [`MAX_COMPRESSED_READ`]).
    compressed_read: u64,
}

impl Dictzip {
    fn open(path: &Path) -> Result<Dictzip, LexiconError> {
        let io = |source| LexiconError::Io {
            path: path.to_owned(),
            source,
        };
        let damaged = |what: &str| LexiconError::Damaged {
            path: path.to_owned(),
            what: what.to_owned(),
        };
        let mut file = File::open(path).map_err(io)?;
        let mut header = [0u8; 10];
        file.read_exact(&mut header).map_err(io)?;
        if header[..3] != [0x1f, 0x8b, 8] {
            return Err(damaged("not a gzip file"));
        }
        let flags = header[3];
        if flags & 4 == 0 {
            return Err(damaged("no dictzip chunk table (plain gzip)"));
        }
        let mut xlen = [0u8; 2];
        file.read_exact(&mut xlen).map_err(io)?;
        let mut extra = vec![0u8; usize::from(u16::from_le_bytes(xlen))];
        file.read_exact(&mut extra).map_err(io)?;
        let mut at = 0;
        let mut table = None;
        while at + 4 <= extra.len() {
            let len = usize::from(u16::from_le_bytes([extra[at + 2], extra[at + 3]]));
            let data = extra
                .get(at + 4..at + 4 + len)
                .ok_or_else(|| damaged("short extra field"))?;
            if extra[at..at + 2] == *b"RA" {
                table = Some(data.to_vec());
            }
            at += 4 + len;
        }
        let table = table.ok_or_else(|| damaged("no dictzip chunk table (plain gzip)"))?;
        if table.len() < 6 {
            return Err(damaged("short chunk table"));
        }
        let word = |k: usize| usize::from(u16::from_le_bytes([table[k], table[k + 1]]));
        let chunk_length = word(2);
        let count = word(4);
        if table.len() < 6 + 2 * count || chunk_length == 0 {
            return Err(damaged("short chunk table"));
        }
        if chunk_length < MIN_CHUNK_LENGTH {
            return Err(damaged(&format!(
                "chunks of {chunk_length} bytes (dictzip writes them of about 58 KB)"
            )));
        }
        // Skip the file name and comment, and the header checksum.
        let mut position = 12 + extra.len() as u64;
        for flag in [8u8, 16] {
            if flags & flag != 0 {
                let mut byte = [0u8; 1];
                loop {
                    file.read_exact(&mut byte).map_err(io)?;
                    position += 1;
                    if byte[0] == 0 {
                        break;
                    }
                }
            }
        }
        if flags & 2 != 0 {
            position += 2;
        }
        let mut chunk_starts = Vec::with_capacity(count + 1);
        chunk_starts.push(position);
        for k in 0..count {
            position += word(6 + 2 * k) as u64;
            chunk_starts.push(position);
        }
        Ok(Dictzip {
            path: path.to_owned(),
            file,
            chunk_length,
            chunk_starts,
            cached: None,
            inflater: flate2::Decompress::new(false),
            compressed_read: 0,
        })
    }

    /// `length` uncompressed bytes from `offset`.
    fn read(&mut self, offset: u64, length: usize) -> Result<Vec<u8>, LexiconError> {
        let mut out = Vec::with_capacity(length);
        let mut at = offset;
        while out.len() < length {
            let chunk = usize::try_from(at / self.chunk_length as u64).unwrap_or(usize::MAX);
            let within = (at % self.chunk_length as u64) as usize;
            let data = self.chunk(chunk)?;
            let Some(available) = data.get(within..) else {
                break;
            };
            if available.is_empty() {
                break;
            }
            let take = available.len().min(length - out.len());
            out.extend_from_slice(&available[..take]);
            at += take as u64;
        }
        Ok(out)
    }

    fn chunk(&mut self, chunk: usize) -> Result<&[u8], LexiconError> {
        if self.cached.as_ref().is_none_or(|(k, _)| *k != chunk) {
            let damaged = |what: String| LexiconError::Damaged {
                path: self.path.clone(),
                what,
            };
            let (Some(&start), Some(&end)) = (
                self.chunk_starts.get(chunk),
                self.chunk_starts.get(chunk + 1),
            ) else {
                return Err(damaged(format!("offset past chunk {chunk}")));
            };
            let size = usize::try_from(end.saturating_sub(start)).unwrap_or(usize::MAX);
            // Deflate never needs much more than the data itself (stored blocks).
            if size > MAX_CHUNK || size > 2 * self.chunk_length + 1024 {
                return Err(damaged(format!("chunk {chunk} is {size} bytes")));
            }
            self.compressed_read += size as u64;
            if self.compressed_read > MAX_COMPRESSED_READ {
                return Err(damaged(format!(
                    "reading the documents' words inflates more than {} MB",
                    MAX_COMPRESSED_READ >> 20
                )));
            }
            let mut compressed = vec![0u8; size];
            self.file
                .seek(SeekFrom::Start(start))
                .and_then(|_| self.file.read_exact(&mut compressed))
                .map_err(|source| LexiconError::Io {
                    path: self.path.clone(),
                    source,
                })?;
            // The previous chunk's buffer is reused.
            let mut inflated = self
                .cached
                .take()
                .map(|(_, mut buffer)| {
                    buffer.clear();
                    buffer
                })
                .unwrap_or_default();
            inflated.reserve(self.chunk_length);
            self.inflater.reset(false);
            self.inflater
                .decompress_vec(&compressed, &mut inflated, flate2::FlushDecompress::Sync)
                .map_err(|error| damaged(format!("chunk {chunk}: {error}")))?;
            self.cached = Some((chunk, inflated));
        }
        Ok(self
            .cached
            .as_ref()
            .map_or(&[], |(_, data)| data.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_numbers() {
        assert_eq!(base64_number("A"), Some(0));
        assert_eq!(base64_number("B0"), Some(64 + 52));
        assert_eq!(base64_number("GHAt"), Some(((6 * 64 + 7) * 64) * 64 + 45));
        assert_eq!(base64_number("*"), None);
    }

    #[test]
    fn translations_leave_out_the_apparatus() {
        let definition = "laufen /lˈaʊfən/ <v, intr>\nrun <v>\n      \"zum Bus laufen\"  - run for the bus\n see: {laufend}, {gelaufen}\n\n";
        assert_eq!(translations(definition), ["run"]);
        let numbered = "Afrikaans /afrikans/\n1. African\n2. Afrikaans\n";
        assert_eq!(translations(numbered), ["african", "afrikaans"]);
        let labelled = "Laufen <neut, n, sg>\n [mach.] operation <n>, running <n>\n         Note: working of a machine\n   Synonyms: {Gang}, {Lauf}\n";
        assert_eq!(translations(labelled), ["operation", "running"]);
    }

    /// Writes a dictd dictionary (index and dictzip with chunks of `chunk` bytes) of
    /// `entries` (headword, definition) as `dir/freedict-{name}`.
    fn write_dictionary(dir: &Path, name: &str, entries: &[(&str, &str)], chunk: usize) {
        let mut data = String::new();
        let mut index = String::new();
        let b64 = |mut n: usize| {
            const ALPHABET: &[u8] =
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
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
        for (headword, definition) in entries {
            let text = format!("{headword}\n{definition}\n");
            index.push_str(&format!(
                "{headword}\t{}\t{}\n",
                b64(data.len()),
                b64(text.len())
            ));
            data.push_str(&text);
        }
        std::fs::write(dir.join(format!("freedict-{name}.index")), index).expect("index");
        // Each chunk deflated on its own, ended by a full flush.
        let mut chunks = Vec::new();
        for piece in data.as_bytes().chunks(chunk) {
            let mut deflater = flate2::Compress::new(flate2::Compression::default(), false);
            let mut out = Vec::with_capacity(piece.len() + 64);
            deflater
                .compress_vec(piece, &mut out, flate2::FlushCompress::Full)
                .expect("deflate");
            chunks.push(out);
        }
        let mut extra = b"RA".to_vec();
        let field_len = 6 + 2 * chunks.len();
        extra.extend_from_slice(&(field_len as u16).to_le_bytes());
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
        std::fs::write(dir.join(format!("freedict-{name}.dict.dz")), file).expect("dict");
    }

    #[test]
    fn an_installed_dictionary_links_the_documents_words() {
        let dir = tempfile::tempdir().expect("temp dir");
        // Small chunks, so definitions cross chunk boundaries.
        write_dictionary(
            dir.path(),
            "deu-eng",
            &[
                ("00-database-info", "A test dictionary."),
                ("Datei", "file <n>\n   Synonyms: {Akte}"),
                ("Verzeichnis", "1. directory\n2. index, list"),
                (
                    "laufen",
                    "run <v>\n      \"zum Bus laufen\"  - run for the bus",
                ),
            ],
            16,
        );
        let words = |list: &[&str]| list.iter().map(|w| (*w).to_owned()).collect();
        let lexicon = Lexicon::installed_in(
            dir.path(),
            "en",
            "de",
            &words(&["file", "directory", "run", "bus"]),
            &words(&["dateien", "verzeichnis", "laufen", "haus"]),
        );
        let lexicon = lexicon.expect("readable").expect("installed");
        assert_eq!(lexicon.glosses("dateien"), ["file"]);
        assert_eq!(lexicon.glosses("verzeichnis"), ["directory"]);
        // The example's "bus" is no translation.
        assert_eq!(lexicon.glosses("laufen"), ["run"]);
        assert!(lexicon.glosses("haus").is_empty());
        // No dictionary for the pair: none.
        let none = Lexicon::installed_in(
            dir.path(),
            "en",
            "fr",
            &words(&["file"]),
            &words(&["fichier"]),
        );
        assert!(none.expect("readable").is_none());
    }

    /// Issue 29, finding 3: a hostile dictionary is refused in bounded work: chunks of
    /// one byte (every byte of a definition its own chunk to inflate) are refused at
    /// once, and a FIFO in place of the dictzip file is refused instead of blocking.
    #[test]
    fn hostile_dictionaries_are_refused_without_unbounded_work() {
        let words = |list: &[&str]| list.iter().map(|w| (*w).to_owned()).collect();
        let dir = tempfile::tempdir().expect("temp dir");
        let entries: Vec<(String, String)> = (0..300)
            .map(|i| ("Datei".to_owned(), format!("file {i}")))
            .collect();
        let entries: Vec<(&str, &str)> = entries
            .iter()
            .map(|(h, d)| (h.as_str(), d.as_str()))
            .collect();
        write_dictionary(dir.path(), "deu-eng", &entries, 1);
        let result = Lexicon::installed_in(
            dir.path(),
            "en",
            "de",
            &words(&["file"]),
            &words(&["Datei"]),
        );
        let err = result.expect_err("one-byte chunks");
        assert!(err.to_string().contains("chunks of 1 bytes"), "{err}");

        #[cfg(unix)]
        {
            let dict = dir.path().join("freedict-deu-eng.dict.dz");
            std::fs::remove_file(&dict).expect("remove");
            let made = std::process::Command::new("mkfifo").arg(&dict).status();
            if made.is_ok_and(|status| status.success()) {
                let result = Lexicon::installed_in(
                    dir.path(),
                    "en",
                    "de",
                    &words(&["file"]),
                    &words(&["Datei"]),
                );
                let err = result.expect_err("a FIFO");
                assert!(err.to_string().contains("not a regular file"), "{err}");
            }
        }
    }

    #[test]
    fn a_damaged_dictionary_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().expect("temp dir");
        write_dictionary(dir.path(), "deu-eng", &[("Datei", "file")], 16);
        let words = |list: &[&str]| list.iter().map(|w| (*w).to_owned()).collect();
        let dict = dir.path().join("freedict-deu-eng.dict.dz");
        let full = std::fs::read(&dict).expect("dict");
        for cut in [0, 5, 14, full.len() - 3] {
            std::fs::write(&dict, &full[..cut]).expect("truncate");
            let result = Lexicon::installed_in(
                dir.path(),
                "en",
                "de",
                &words(&["file"]),
                &words(&["datei"]),
            );
            assert!(result.is_err(), "cut at {cut}");
        }
        // An index line without an end.
        std::fs::write(&dict, &full).expect("restore");
        let index = dir.path().join("freedict-deu-eng.index");
        std::fs::write(&index, vec![b'x'; 100_000]).expect("long line");
        let error = Lexicon::installed_in(
            dir.path(),
            "en",
            "de",
            &words(&["file"]),
            &words(&["datei"]),
        )
        .expect_err("long line");
        assert!(error.to_string().contains("index line longer"), "{error}");
        std::fs::write(&index, "Datei\tA\tJ\n").expect("index");
        std::fs::write(&dict, b"plain text, not gzip").expect("write");
        let error = Lexicon::installed_in(
            dir.path(),
            "en",
            "de",
            &words(&["file"]),
            &words(&["datei"]),
        )
        .expect_err("not gzip");
        assert!(error.to_string().contains("not a gzip file"), "{error}");
    }

    #[test]
    fn inflected_forms_are_looked_up_by_their_stem() {
        assert!(lookup_forms("dateien").contains(&"datei".to_owned()));
        assert!(lookup_forms("directories").contains(&"directory".to_owned()));
        assert_eq!(lookup_forms("mali"), ["mali"]);
    }
}
