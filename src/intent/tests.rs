//! The intents' tests.

mod edits {
    use crate::intent::*;
    use crate::model::*;
    use crate::timestamp::Timestamp;

    /// What the aligner pairs in documents `a` and `b` of `session` (none for one alone).
    pub(super) fn pairs_of(session: &Session, a: u32, b: u32) -> Vec<AlignedPair> {
        match (session.document(DocId(a)), session.document(DocId(b))) {
            (Some(doc_a), Some(doc_b)) if a != b => crate::align::align_documents(doc_a, doc_b),
            _ => Vec::new(),
        }
    }

    /// The sentences the alignment pairs with claim `id`'s.
    fn counterpart_of(session: &Session, id: ClaimId) -> (DocId, SentenceId, SentenceId) {
        let claim = session.claim(id).expect("claim");
        crate::align::counterpart_sentences(session, claim).expect("a counterpart")
    }

    fn two_documents() -> Session {
        let mut builder = Session::builder("t", Timestamp::EPOCH);
        builder
            .document(crate::segment::segmented_document(
                DocId(0),
                "original",
                "nl",
                None,
                "Sinds 2020 zijn er 10.000 doden. Rusland helpt. Frankrijk vertrok.".to_owned(),
            ))
            .document(crate::segment::segmented_document(
                DocId(1),
                "translation",
                "en",
                None,
                "Since 2020 there were 10,000 dead. Russia helps. France left.".to_owned(),
            ));
        builder.build().expect("valid")
    }

    /// The two documents aligned, and the name flag of their third row.
    fn aligned_with_a_flag() -> (Session, crate::align::Divergence) {
        let mut session = two_documents();
        let align = align_documents_edit(&session, DocId(0), DocId(1), pairs_of(&session, 0, 1))
            .expect("align");
        session.apply(align).expect("apply");
        let flag = crate::align::Divergence {
            a: vec![2],
            b: vec![2],
            kind: crate::align::DivergenceKind::Name,
            detail: "name france only in B".to_owned(),
        };
        (session, flag)
    }

    /// Aligning two documents the other way round keeps the flags dismissed before, each
    /// with its sides swapped, so the session still saves and loads (found by the
    /// property tests: the copied flags counted the wrong document's sentences).
    #[test]
    fn realigning_the_other_way_round_keeps_dismissed_flags_in_their_documents() {
        let mut builder = Session::builder("t", Timestamp::EPOCH);
        builder
            .document(crate::segment::segmented_document(
                DocId(0),
                "long",
                "en",
                None,
                "One is here. Two is here. Three is here. Four is here.".to_owned(),
            ))
            .document(crate::segment::segmented_document(
                DocId(1),
                "short",
                "en",
                None,
                "One is here. Two is here.".to_owned(),
            ));
        let mut session = builder.build().expect("valid");
        let align = align_documents_edit(&session, DocId(0), DocId(1), pairs_of(&session, 0, 1))
            .expect("align");
        session.apply(align).expect("align");
        let flag = crate::align::Divergence {
            a: vec![3],
            b: vec![],
            kind: crate::align::DivergenceKind::Unaligned,
            detail: "only in A".to_owned(),
        };
        let dismiss =
            dismiss_flag_edit(&session, DocId(0), DocId(1), flag.key(), true).expect("dismiss");
        session.apply(dismiss).expect("dismiss");
        let realign = align_documents_edit(&session, DocId(1), DocId(0), pairs_of(&session, 1, 0))
            .expect("align the other way");
        session.apply(realign).expect("a valid alignment");
        let alignment = session.alignment(DocId(1), DocId(0)).expect("aligned");
        assert_eq!(alignment.a, DocId(1));
        assert_eq!(alignment.dismissed[0].1, 0..0);
        assert_eq!(alignment.dismissed[0].2, 3..4);
        let saved = crate::store::codec::to_ron(&session).expect("save");
        crate::store::codec::from_ron(&saved, std::path::Path::new("t.ron")).expect("loads back");
    }

    #[test]
    fn dismissing_a_flag_is_an_undoable_saved_edit() {
        let (mut session, flag) = aligned_with_a_flag();
        let before = session.clone();
        let dismiss =
            dismiss_flag_edit(&session, DocId(0), DocId(1), flag.key(), true).expect("dismiss");
        let undo = session.apply(dismiss).expect("apply");
        let alignment = session.alignment(DocId(0), DocId(1)).expect("aligned");
        assert!(alignment.is_dismissed(flag.kind, &flag.a, &flag.b, &flag.detail));
        assert!(!alignment.is_dismissed(flag.kind, &flag.a, &flag.b, "name russia only in B"));
        assert_eq!(
            dismiss_flag_edit(&session, DocId(0), DocId(1), flag.key(), true),
            Err(IntentError::FlagAlready { dismissed: true })
        );
        // Saved and read back, the same bytes; realigning keeps what was dismissed.
        let saved = crate::store::codec::to_ron(&session).expect("save");
        assert!(saved.contains("dismissed: [\n"), "{saved}");
        let loaded = crate::store::codec::from_ron(&saved, std::path::Path::new("t.ron"))
            .expect("load")
            .session;
        assert_eq!(crate::store::codec::to_ron(&loaded).expect("save"), saved);
        let realign = align_documents_edit(&session, DocId(0), DocId(1), pairs_of(&session, 0, 1))
            .expect("realign");
        let mut realigned = session.clone();
        realigned.apply(realign).expect("apply");
        assert_eq!(
            realigned
                .alignment(DocId(0), DocId(1))
                .map(|al| al.dismissed.len()),
            Some(1)
        );
        session.apply(undo).expect("undo");
        assert_eq!(session, before);
    }

    #[test]
    fn a_split_or_merge_carries_dismissed_flags_with_their_rows() {
        let (mut session, flag) = aligned_with_a_flag();
        let dismiss =
            dismiss_flag_edit(&session, DocId(0), DocId(1), flag.key(), true).expect("dismiss");
        session.apply(dismiss).expect("apply");
        // Split the first Dutch sentence before "zijn": every later sentence moves up one.
        let at = "Sinds 2020 ".chars().count();
        let split = split_sentence_edit(&session, DocId(0), at).expect("split");
        session.apply(split).expect("apply");
        let alignment = session.alignment(DocId(0), DocId(1)).expect("aligned");
        let row = alignment
            .pairs
            .iter()
            .find(|pair| pair.b == [2])
            .expect("the row of the third English sentence");
        assert_eq!(row.a, [3], "the row follows its sentence");
        assert!(alignment.is_dismissed(flag.kind, &row.a, &row.b, &flag.detail));
        assert_eq!(alignment.dismissed.len(), 1, "no stale entry");
        // And back: merging the two parts again.
        let merge = merge_sentences_edit(&session, DocId(0), SentenceId(0)).expect("merge");
        session.apply(merge).expect("apply");
        let alignment = session.alignment(DocId(0), DocId(1)).expect("aligned");
        assert!(alignment.is_dismissed(flag.kind, &flag.a, &flag.b, &flag.detail));
        assert_eq!(alignment.dismissed.len(), 1);
    }

    #[test]
    fn align_link_and_correct_are_undoable_edits() {
        let mut session = two_documents();
        let original = session.clone();
        let align = align_documents_edit(&session, DocId(0), DocId(1), pairs_of(&session, 0, 1))
            .expect("align");
        let undo_align = session.apply(align).expect("apply");
        assert_eq!(session.documents()[1].translation_of, Some(DocId(0)));
        let n_rows = session.alignments()[0].pairs.len();

        let claim = new_claim_on_sentences(
            &session,
            DocId(0),
            SentenceId(0),
            SentenceId(0),
            Timestamp::EPOCH,
        )
        .expect("claim");
        let id = claim.id;
        session.apply(Edit::AddClaim(Box::new(claim))).expect("add");
        let (link, linked) =
            create_linked_claim_edit(&session, id, counterpart_of(&session, id), Timestamp::EPOCH)
                .expect("linked claim");
        session.apply(link).expect("apply link");
        assert_eq!(session.claim(id).and_then(|c| c.counterpart), Some(linked));
        assert_eq!(session.claim(linked).map(|c| c.doc), Some(DocId(1)));

        let unlink = unlink_claim_edit(&session, linked, Timestamp::EPOCH).expect("unlink");
        session.apply(unlink).expect("apply unlink");
        assert_eq!(session.claim(id).and_then(|c| c.counterpart), None);
        assert_eq!(
            unlink_claim_edit(&session, id, Timestamp::EPOCH),
            Err(IntentError::NotLinked(id))
        );

        let split = correct_alignment_edit(&session, DocId(0), DocId(1), 0, RowCorrection::Split)
            .expect("split");
        session.apply(split).expect("apply split");
        assert!(session.alignments()[0].is_edited);
        assert_eq!(session.alignments()[0].pairs.len(), n_rows + 1);

        for id in session.claims().iter().map(|c| c.id).collect::<Vec<_>>() {
            let remove = remove_claim_edit(&session, id, Timestamp::EPOCH);
            session.apply(remove).expect("remove");
        }
        session.apply(undo_align).expect("undo align");
        assert_eq!(session, original);
    }

    #[test]
    fn impossible_intents_say_why() {
        let session = two_documents();
        assert_eq!(
            align_documents_edit(&session, DocId(0), DocId(0), pairs_of(&session, 0, 0)),
            Err(IntentError::SameDocument)
        );
        assert_eq!(
            correct_alignment_edit(&session, DocId(0), DocId(1), 0, RowCorrection::Split),
            Err(IntentError::NotAligned {
                a: DocId(0),
                b: DocId(1)
            })
        );
        assert!(matches!(
            new_claim_on_sentences(
                &session,
                DocId(0),
                SentenceId(7),
                SentenceId(9),
                Timestamp::EPOCH
            ),
            Err(IntentError::NoSuchSentences { n_sentences: 3, .. })
        ));
    }
}

mod resegment_tests {
    use super::edits::pairs_of;
    use crate::intent::*;
    use crate::model::*;
    use crate::timestamp::Timestamp;

    #[test]
    fn a_document_segmented_as_another_language_keeps_its_claims_and_undoes() {
        // German rules keep `dem 19. Lebensjahr` together; English ones split it.
        let text = "Er war in dem 19. Lebensjahr. Dann kam er heim. Es regnete.".to_owned();
        let mut builder = Session::builder("t", Timestamp::EPOCH);
        builder.document(crate::segment::segmented_document(
            DocId(0),
            "d",
            "en",
            None,
            text.clone(),
        ));
        builder.document(crate::segment::segmented_document(
            DocId(1),
            "e",
            "en",
            None,
            "Other text. Two.".to_owned(),
        ));
        let mut session = builder.build().expect("valid");
        let n_before = session.documents()[0].sentences().len();
        let last = SentenceId(n_before as u32 - 1);
        let claim = new_claim_on_sentences(&session, DocId(0), last, last, Timestamp::EPOCH)
            .expect("claim");
        let id = claim.id;
        session.apply(Edit::AddClaim(Box::new(claim))).expect("add");
        let aligned = align_documents_edit(&session, DocId(0), DocId(1), pairs_of(&session, 0, 1))
            .expect("align");
        session.apply(aligned).expect("align");
        let before = session.clone();

        let edit = resegment_document_edit(
            &session,
            crate::segment::resegmented(&session.documents()[0], "de"),
        )
        .expect("edit");
        let undo = session.apply(edit).expect("apply");
        let doc = &session.documents()[0];
        assert_eq!(doc.language, "de");
        assert_eq!(doc.sentences().len(), 3, "{:?}", doc.sentences());
        assert!(n_before > 3, "English rules split the ordinal: {n_before}");
        let claim = session.claim(id).expect("claim");
        assert_eq!(claim.anchor.quote.exact, "Es regnete.");
        assert_eq!(claim.anchor.first, SentenceId(2));
        assert!(
            session.alignment(DocId(0), DocId(1)).is_none(),
            "the old alignment is gone"
        );
        assert_eq!(session.validate(), Ok(()));
        session.apply(undo).expect("undo");
        assert_eq!(session, before);
    }

    /// Segmenting a document again, or splitting and merging its sentences by hand,
    /// changes its sentences only: its article details and earlier versions stay.
    #[test]
    fn a_new_segmentation_keeps_the_articles_details_and_versions() {
        let text = "Er war in dem 19. Lebensjahr. Dann kam er heim. Es regnete.".to_owned();
        let mut doc = crate::segment::segmented_document(DocId(0), "d", "en", None, text);
        doc.meta.authors = vec!["A. Schreiber".to_owned()];
        doc.meta.url = Some("https://example.org/a".to_owned());
        doc.versions.push(DocumentVersion {
            content_hash: crate::model::content_hash("Er war heim."),
            text: "Er war heim.".to_owned(),
            replaced: Timestamp::EPOCH,
        });
        let mut builder = Session::builder("t", Timestamp::EPOCH);
        builder.document(doc.clone());
        let mut session = builder.build().expect("valid");
        let kept = |session: &Session| {
            let now = &session.documents()[0];
            (now.meta.clone(), now.versions.clone())
        };
        let before = kept(&session);

        let edit = resegment_document_edit(&session, crate::segment::resegmented(&doc, "de"))
            .expect("edit");
        session.apply(edit).expect("resegment");
        assert_eq!(kept(&session), before);
        let split = split_sentence_edit(&session, DocId(0), 5).expect("split");
        session.apply(split).expect("split");
        assert_eq!(kept(&session), before);
        let merge = merge_sentences_edit(&session, DocId(0), SentenceId(0)).expect("merge");
        session.apply(merge).expect("merge");
        assert_eq!(kept(&session), before);

        let other = crate::segment::segmented_document(DocId(0), "d", "de", None, "Anders.".into());
        assert_eq!(
            resegment_document_edit(&session, other),
            Err(IntentError::NotTheSameText(DocId(0)))
        );
    }
}
