//! The architecture invariants, as tests (rust-analyzer's rule: an invariant only prose
//! states drifts). They read the source files:
//!
//! - **layers**: each core module uses only the modules its row of [`LAYERS`] allows, so
//!   the model reaches nothing above it and no two modules use each other;
//! - **edits are built in the core**: `src/ui` and `src/cli` construct no `Edit`;
//! - **files named after one job**: no file has more than [`MAX_LINES`] lines of non-test
//!   code.
//!
//! What the code does not keep yet is listed as a debt beside each rule ([`LAYER_DEBTS`],
//! [`EDIT_DEBTS`], [`LENGTH_DEBTS`]), with the count it has now. A debt may only shrink:
//! the test fails when a new breach appears, when one grows, and when one is paid or
//! shrinks without its row being lowered or removed, so the lists stay true.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The most lines of non-test code a file may have.
const MAX_LINES: usize = 800;

/// Which core modules each core module may use (`crate::X`). Bottom up.
const LAYERS: &[(&str, &[&str])] = &[
    ("offsets", &[]),
    ("timestamp", &[]),
    ("links", &[]),
    ("lang", &[]),
    ("word_bounds", &[]),
    // The model: its data and invariants, built by those above it.
    ("model", &["offsets", "timestamp"]),
    // The segmenter builds a document's sentences.
    ("segment", &["lang", "model", "offsets"]),
    ("intent", &["model", "timestamp"]),
    ("history", &["intent", "model"]),
    ("stats", &["model"]),
    ("store", &["model"]),
    ("html", &["links", "model"]),
    ("article", &["html", "lang", "model", "segment", "store"]),
    (
        "fetch",
        &["article", "html", "links", "model", "store", "timestamp"],
    ),
    ("align", &["lang", "model", "offsets"]),
    ("agree", &["model"]),
    // A new version is segmented again.
    ("update", &["intent", "model", "segment", "timestamp"]),
    ("merge", &["intent", "model", "timestamp", "update"]),
    // Imports segment the texts they bring.
    (
        "export",
        &[
            "intent",
            "links",
            "model",
            "offsets",
            "segment",
            "store",
            "timestamp",
        ],
    ),
    (
        "workspace",
        &[
            "article",
            "fetch",
            "history",
            "html",
            "intent",
            "model",
            "store",
            "timestamp",
        ],
    ),
];

/// Uses the layers do not allow, still in the code (issue 28 names each).
const LAYER_DEBTS: &[(&str, &str, &str)] = &[];

/// Files of the shells that still name edits' variants, and how many places (`Edit::…`).
const EDIT_DEBTS: &[(&str, usize)] = &[
    // Reads the edit an undo applied, to select the claim it brought back.
    ("src/ui/app/dispatch.rs", 2),
];

/// Files longer than [`MAX_LINES`], with their non-test lines now.
const LENGTH_DEBTS: &[(&str, usize)] = &[];

struct Source {
    /// `src/…`, with forward slashes.
    path: String,
    /// The code before the file's tests, comment lines left out.
    code: Vec<String>,
}

fn sources() -> Vec<Source> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("read src")
            .map(|entry| entry.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|ext| ext == "rs")
                // A module's tests in a file of their own (`#[cfg(test)] mod tests;`).
                && !path.ends_with("tests.rs")
            {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    walk(&root.join("src"), &mut paths);
    let sources: Vec<Source> = paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("read source");
            let code = non_test_lines(&text)
                .into_iter()
                .filter(|line| !line.trim_start().starts_with("//"))
                .map(str::to_owned)
                .collect();
            let relative = path.strip_prefix(root).expect("under the crate");
            Source {
                path: relative.to_string_lossy().replace('\\', "/"),
                code,
            }
        })
        .collect();
    assert!(
        sources.len() > 50,
        "found only {} source files",
        sources.len()
    );
    sources
}

/// A file's lines without its test modules (`#[cfg(test)] mod … { … }` up to the `}` that
/// closes it at the start of a line, or `#[cfg(test)] mod …;`): code after a test module
/// is read too, so nothing hides behind one.
fn non_test_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "#[cfg(test)]" {
            out.push(line);
            continue;
        }
        let Some(item) = lines.next() else { break };
        if item.trim_end().ends_with('{') {
            for inner in lines.by_ref() {
                if inner == "}" {
                    break;
                }
            }
        } else if !item.trim_end().ends_with(';') {
            // An attribute on one item (a test helper): the item goes with it.
            out.push(line);
            out.push(item);
        }
    }
    out
}

/// The top-level module a file belongs to: `src/model/edit.rs` → `model`.
fn module_of(path: &str) -> String {
    let rest = path.trim_start_matches("src/");
    let first = rest.split('/').next().unwrap_or(rest);
    first.trim_end_matches(".rs").to_owned()
}

/// The modules a file's code names as `crate::X`.
fn crate_uses(code: &[String]) -> BTreeSet<String> {
    let mut uses = BTreeSet::new();
    for line in code {
        let mut rest = line.as_str();
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_' || c.is_ascii_digit())
                .collect();
            if !name.is_empty() {
                uses.insert(name);
            }
            rest = after;
        }
    }
    uses
}

#[test]
fn each_module_uses_only_the_layers_below_it() {
    let allowed: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    let debts: BTreeSet<(&str, &str)> = LAYER_DEBTS.iter().map(|(m, d, _)| (*m, *d)).collect();
    let mut found: BTreeSet<(String, String)> = BTreeSet::new();
    let mut breaches = Vec::new();
    for source in sources() {
        let module = module_of(&source.path);
        if matches!(module.as_str(), "main" | "cli" | "ui" | "lib") {
            continue;
        }
        let Some(may_use) = allowed.get(module.as_str()) else {
            breaches.push(format!(
                "{}: module `{module}` has no row in LAYERS",
                source.path
            ));
            continue;
        };
        for used in crate_uses(&source.code) {
            if used == module {
                continue;
            }
            if used == "ui" {
                breaches.push(format!(
                    "{}: the core uses the GUI (`crate::ui`)",
                    source.path
                ));
            } else if !may_use.contains(&used.as_str()) {
                if debts.contains(&(module.as_str(), used.as_str())) {
                    found.insert((module.clone(), used.clone()));
                } else {
                    breaches.push(format!(
                        "{}: `{module}` uses `{used}`, which its layer does not allow",
                        source.path
                    ));
                }
            }
        }
    }
    for (module, used, _) in LAYER_DEBTS {
        if !found.contains(&((*module).to_owned(), (*used).to_owned())) {
            breaches.push(format!(
                "the debt `{module}` → `{used}` is paid: remove its row from LAYER_DEBTS"
            ));
        }
    }
    assert!(breaches.is_empty(), "{}", breaches.join("\n"));
}

#[test]
fn the_allowed_layers_have_no_circle() {
    let allowed: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    // Depth-first: a module met again while its own uses are being visited is a circle.
    fn visit<'a>(
        module: &'a str,
        allowed: &BTreeMap<&'a str, &'a [&'a str]>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Result<(), String> {
        if let Some(at) = path.iter().position(|m| *m == module) {
            return Err(format!("{} → {module}", path[at..].join(" → ")));
        }
        if !done.insert(module) {
            return Ok(());
        }
        path.push(module);
        for used in allowed.get(module).copied().unwrap_or_default() {
            visit(used, allowed, path, done)?;
        }
        path.pop();
        Ok(())
    }
    let mut done = BTreeSet::new();
    for (module, uses) in LAYERS {
        for used in *uses {
            assert!(
                allowed.contains_key(used),
                "`{module}` may use `{used}`, which has no row"
            );
        }
        if let Err(circle) = visit(module, &allowed, &mut Vec::new(), &mut done) {
            panic!("the layers allow a circle: {circle}");
        }
    }
    // Every module was reached: the table is one graph, visited whole.
    assert_eq!(done.len(), LAYERS.len());
}

/// `Edit::Variant` constructions and matches in a file's code.
fn edit_mentions(code: &[String]) -> usize {
    code.iter()
        .map(|line| {
            line.match_indices("Edit::")
                .filter(|(at, _)| {
                    let before = line[..*at].chars().next_back();
                    let after = line[at + "Edit::".len()..].chars().next();
                    !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                        && after.is_some_and(|c| c.is_ascii_uppercase())
                })
                .count()
        })
        .sum()
}

#[test]
fn the_shells_build_no_edits() {
    let debts: BTreeMap<&str, usize> = EDIT_DEBTS.iter().copied().collect();
    let mut breaches = Vec::new();
    let mut seen = BTreeSet::new();
    for source in sources() {
        let is_shell = source.path.starts_with("src/ui/")
            || source.path.starts_with("src/cli/")
            || source.path == "src/main.rs";
        if !is_shell {
            continue;
        }
        let n = edit_mentions(&source.code);
        let debt = debts.get(source.path.as_str()).copied().unwrap_or(0);
        if debts.contains_key(source.path.as_str()) {
            seen.insert(source.path.clone());
        }
        if n > debt {
            breaches.push(format!(
                "{}: builds edits in {n} place(s) (allowed {debt}); ask an intent in \
                 src/intent/ for the edit instead",
                source.path
            ));
        } else if n < debt {
            breaches.push(format!(
                "{}: builds edits in {n} place(s): lower its row in EDIT_DEBTS to {n}",
                source.path
            ));
        }
    }
    for (path, _) in EDIT_DEBTS {
        if !seen.contains(*path) {
            breaches.push(format!("{path} is gone: remove its row from EDIT_DEBTS"));
        }
    }
    assert!(breaches.is_empty(), "{}", breaches.join("\n"));
}

#[test]
fn no_file_grows_past_its_limit() {
    let debts: BTreeMap<&str, usize> = LENGTH_DEBTS.iter().copied().collect();
    let mut breaches = Vec::new();
    for source in sources() {
        // Lines of code before the tests, comments included (what a reader reads).
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(root.join(&source.path)).expect("read");
        let n = non_test_lines(&text).len();
        let limit = debts
            .get(source.path.as_str())
            .copied()
            .unwrap_or(MAX_LINES);
        if n > limit {
            breaches.push(format!(
                "{}: {n} lines of non-test code (at most {limit}); split it by job",
                source.path
            ));
        } else if limit > MAX_LINES && n < limit {
            breaches.push(format!(
                "{}: {n} lines now: lower its row in LENGTH_DEBTS (or remove it at {MAX_LINES} or less)",
                source.path
            ));
        }
    }
    assert!(breaches.is_empty(), "{}", breaches.join("\n"));
}

/// A file's place in the module tree: `src/align/gap.rs` → `[align, gap]`,
/// `src/align/mod.rs` → `[align]`, `src/ui/app/menus.rs` → `[ui, app, menus]`.
fn unit_of(path: &str) -> Vec<String> {
    let rest = path.trim_start_matches("src/").trim_end_matches(".rs");
    let mut parts: Vec<String> = rest.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|last| last == "mod") {
        parts.pop();
    }
    parts
}

/// The units a file's code names: `crate::a::b::…` and `super::x::…`, each taken as deep
/// as a unit of that name exists.
fn unit_uses(
    unit: &[String],
    code: &[String],
    units: &BTreeSet<Vec<String>>,
) -> BTreeSet<Vec<String>> {
    let mut uses = BTreeSet::new();
    let is_dir_module = |unit: &[String]| {
        units
            .iter()
            .any(|u| u.len() > unit.len() && u.starts_with(unit))
    };
    for line in code {
        for (prefix, base) in [
            ("crate::", Vec::new()),
            ("super::", {
                // `super` of `a/b.rs` is `a`; of `a/mod.rs` (unit `a`) it is the crate.
                let mut parent = unit.to_vec();
                parent.pop();
                parent
            }),
        ] {
            let mut rest = line.as_str();
            while let Some(at) = rest.find(prefix) {
                let before = rest[..at].chars().next_back();
                rest = &rest[at + prefix.len()..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let mut path = base.clone();
                let mut deepest = None;
                for segment in rest.split("::") {
                    let name: String = segment
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || *c == '_' || c.is_ascii_digit())
                        .collect();
                    if name.is_empty() || name.len() != segment.len() && !segment.starts_with(&name)
                    {
                        break;
                    }
                    path.push(name.clone());
                    if units.contains(&path) {
                        deepest = Some(path.clone());
                    }
                    if name.len() != segment.len()
                        || !is_dir_module(&path) && !units.contains(&path)
                    {
                        break;
                    }
                }
                if let Some(used) = deepest {
                    uses.insert(used);
                }
            }
        }
    }
    uses
}

/// No two files use each other, directly or round a longer circle, at any level of the
/// module tree: a use from `a/b/x.rs` of `a/c.rs` is a use of `c` by `b` (the two
/// children of `a` they sit under). A module and its own children are not a circle (a
/// parent declares and re-exports its children; a child uses its parent's items).
#[test]
fn no_modules_use_each_other_in_a_circle() {
    let sources = sources();
    let units: BTreeSet<Vec<String>> = sources.iter().map(|s| unit_of(&s.path)).collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for source in &sources {
        let unit = unit_of(&source.path);
        for used in unit_uses(&unit, &source.code, &units) {
            let common = unit.iter().zip(&used).take_while(|(a, b)| a == b).count();
            if common == unit.len() || common == used.len() {
                continue; // one is the other's ancestor
            }
            let from = unit[..=common].to_vec();
            let to = used[..=common].to_vec();
            edges.entry(from).or_default().insert(to);
        }
    }
    fn visit(
        unit: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        path: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
    ) -> Result<(), String> {
        if let Some(at) = path.iter().position(|u| u == unit) {
            let circle: Vec<String> = path[at..]
                .iter()
                .chain([unit])
                .map(|u| u.join("/"))
                .collect();
            return Err(circle.join(" → "));
        }
        if !done.insert(unit.clone()) {
            return Ok(());
        }
        path.push(unit.clone());
        for next in edges.get(unit).into_iter().flatten() {
            visit(next, edges, path, done)?;
        }
        path.pop();
        Ok(())
    }
    let mut done = BTreeSet::new();
    let mut circles = Vec::new();
    for unit in edges.keys() {
        if let Err(circle) = visit(unit, &edges, &mut Vec::new(), &mut done) {
            circles.push(circle);
        }
    }
    assert!(
        circles.is_empty(),
        "modules use each other: {}",
        circles.join("\n")
    );
    // The test sees the tree: the panels use the command module, the aligner's gap step its
    // first steps.
    assert!(
        edges[&vec!["ui".to_owned(), "inspector".to_owned()]]
            .contains(&vec!["ui".to_owned(), "command".to_owned()])
    );
    assert!(
        edges[&vec!["align".to_owned(), "gap".to_owned()]]
            .contains(&vec!["align".to_owned(), "aligner".to_owned()])
    );
}
