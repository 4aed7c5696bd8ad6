//! Session format versions: a version-1 file from the previous release opens, is upgraded
//! to collision-free claim ids, saves as version 2 with the version-1 file kept as `.bak`,
//! and loses nothing on the way; a version-3 file is refused.

use std::path::Path;

use claimdesk::model::{ClaimId, Session};
use claimdesk::store;

const V1_FIXTURE: &str = "tests/data/v1/mali-review.v1.ron";

fn fixture_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(V1_FIXTURE)
}

/// What a claim is, apart from its id: text position, wording, verdict, evidence, notes,
/// and which claim (by position) it links to.
type Essentials = (
    u32,
    usize,
    usize,
    String,
    String,
    Vec<claimdesk::model::Source>,
    String,
    String,
    Option<(u32, usize)>,
);

fn essentials(session: &Session) -> Vec<Essentials> {
    let position = |id: ClaimId| {
        session
            .claim(id)
            .map(|c| (c.doc.0, c.anchor.start))
            .expect("linked claim exists")
    };
    let mut out: Vec<Essentials> = session
        .claims()
        .iter()
        .map(|c| {
            (
                c.doc.0,
                c.anchor.start,
                c.anchor.end,
                c.text.clone(),
                c.verdict.name().to_owned(),
                c.sources.clone(),
                c.note.clone(),
                c.claimant.clone(),
                c.counterpart.map(position),
            )
        })
        .collect();
    out.sort_by_key(|x| (x.0, x.1));
    out
}

#[test]
fn version_1_opens_saves_as_version_2_and_keeps_everything() {
    let v1_text = std::fs::read_to_string(fixture_path()).expect("fixture");
    assert!(
        v1_text.contains("version: 1,"),
        "the fixture is a version-1 file"
    );
    assert!(v1_text.contains("id: 0,"), "with integer claim ids");

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("review.ron");
    std::fs::write(&path, &v1_text).expect("copy fixture");

    let loaded = store::load(&path).expect("a version-1 file opens");
    assert!(
        loaded.warnings.iter().any(|w| w.contains("version 1")),
        "{:?}",
        loaded.warnings
    );
    let session = loaded.session;
    assert_eq!(session.version(), 2);
    assert_eq!(session.claims().len(), 7);
    assert!(
        session
            .claims()
            .iter()
            .all(|c| c.id.0 > u64::from(u32::MAX)),
        "integer ids became 64-bit ids"
    );

    // The counterpart link of the fixture ("sinds 2020" ↔ "since last year") follows.
    let linked: Vec<_> = session
        .claims()
        .iter()
        .filter_map(|c| c.counterpart.map(|other| (c.id, other)))
        .collect();
    assert_eq!(linked.len(), 2, "{linked:?}");
    for (id, other) in &linked {
        assert_eq!(session.claim(*other).and_then(|c| c.counterpart), Some(*id));
    }
    assert_eq!(session.alignments().len(), 1);

    store::save(&session, &path, store::Expect::AnySession).expect("save");
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(saved.contains("version: 2,"));
    assert_eq!(
        std::fs::read_to_string(store::backup_path(&path)).expect("backup"),
        v1_text,
        "the .bak keeps the version-1 file"
    );

    let reopened = store::load(&path).expect("reopen").session;
    assert_eq!(reopened, session);
    assert!(
        store::load(&path).expect("reopen").warnings.is_empty(),
        "a version-2 file needs no upgrade"
    );

    // Compared with the version-1 file read as it was: every claim, source and link.
    let v1_alignment = {
        let start = v1_text.find("alignments:").expect("alignments");
        v1_text[start..].to_owned()
    };
    let v2_alignment = {
        let start = saved.find("alignments:").expect("alignments");
        saved[start..].to_owned()
    };
    assert_eq!(v1_alignment, v2_alignment, "the alignment is unchanged");
    assert_eq!(essentials(&reopened), essentials(&session));
    assert_eq!(essentials(&reopened).len(), 7);
}

#[test]
fn migration_is_the_same_on_every_copy() {
    // Two reviewers who each open a copy of the same version-1 file get the same ids, so
    // their sessions still merge claim by claim.
    let text = std::fs::read_to_string(fixture_path()).expect("fixture");
    let a = store::from_ron(&text, Path::new("a.ron"))
        .expect("a")
        .session;
    let b = store::from_ron(&text, Path::new("b.ron"))
        .expect("b")
        .session;
    assert_eq!(store::to_ron(&a).expect("a"), store::to_ron(&b).expect("b"));
}

#[test]
fn version_3_is_refused_clearly() {
    let text = std::fs::read_to_string(fixture_path())
        .expect("fixture")
        .replacen("version: 1,", "version: 3,", 1);
    let err = store::from_ron(&text, Path::new("future.ron")).expect_err("refused");
    let message = err.to_string();
    assert!(
        message.contains("version 3") && message.contains("newer Claimdesk"),
        "{message}"
    );
}
