//! Sentence segmentation: turns a document's text into sentence spans.
//!
//! The heavy lifting is done by `sentencex` (Wikimedia's segmenter: per-language
//! abbreviation lists, quote awareness). Around it we enforce the structure a reader sees:
//! a paragraph break always ends a sentence, and a heading line (Markdown `#`, or a short
//! first line without final punctuation) is a sentence of its own. A few rules of our own
//! then repair what the library gets wrong on news prose (see [`repair`]).
//!
//! Spans carry both byte ranges (for slicing in Rust) and code-point ranges (what sessions
//! store and every export format counts).

mod document;
mod headings;
pub use document::{resegmented, segmented_document};
pub use headings::{
    MAX_HEADING_CHARS, ends_with_sentence_punctuation, markdown_heading_text, reads_as_heading,
};

use std::ops::Range;

use char_offsets::{CharOffsets, count_code_points};
use parallel::{
    CHUNK_BYTES, Cursor, MAX_THREADS, PARALLEL_MIN_BYTES, chunks, skip_pieces_before, split_evenly,
};
use units::{heading_range, trim_range, units};

mod char_offsets;
mod lists;
mod parallel;
mod quotes;
mod repair;
mod rules;
mod units;

/// One sentence of a text, with whitespace around it trimmed off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentenceSpan {
    /// Byte range into the text.
    pub bytes: Range<usize>,
    /// Code-point range into the text.
    pub chars: Range<usize>,
}

/// A reusable segmenter for one language.
pub struct Segmenter {
    /// The sentencex language whose rules are used (`en` for an unknown language).
    rules_code: String,
    language: String,
}

impl Segmenter {
    /// A segmenter using the rules for `language` (an ISO 639-1 code). Unknown codes fall
    /// back to related languages, and finally to generic (English-like) rules.
    pub fn new(language: &str) -> Self {
        let rules_code = if language == crate::lang::UNKNOWN {
            "en"
        } else {
            language
        };
        Segmenter {
            rules_code: rules_code.to_owned(),
            language: language.to_owned(),
        }
    }

    /// The language this segmenter was made for.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Splits `text` into sentences, in text order, never overlapping, never empty.
    ///
    /// A long text is cut at unit boundaries (which always end a sentence) into one
    /// stretch per core, segmented at once; the spans are the same as from one thread.
    pub fn segment(&self, text: &str) -> Vec<SentenceSpan> {
        let threads = if text.len() < PARALLEL_MIN_BYTES {
            1
        } else {
            std::thread::available_parallelism()
                .map_or(1, usize::from)
                .min(MAX_THREADS)
        };
        self.segment_on_threads(text, threads)
    }

    /// [`Segmenter::segment`] on at most `threads` threads (one: on the caller's).
    pub fn segment_on_threads(&self, text: &str, threads: usize) -> Vec<SentenceSpan> {
        let units = units(text);
        let groups = split_evenly(&units, threads);
        if groups.len() <= 1 {
            return self.segment_units(text, &units, CharOffsets::new(text));
        }
        // Each stretch counts code points from its own start.
        let mut starts = Vec::with_capacity(groups.len());
        let (mut byte, mut char) = (0, 0);
        for group in &groups {
            let start = group.first().map_or(byte, |unit| unit.start);
            char += count_code_points(&text.as_bytes()[byte..start]);
            byte = start;
            starts.push(CharOffsets::at(text, byte, char));
        }
        std::thread::scope(|scope| {
            let mut work = groups.iter().zip(starts);
            let first = work.next();
            let others: Vec<_> = work
                .map(|(group, offsets)| {
                    scope.spawn(move || self.segment_units(text, group, offsets))
                })
                .collect();
            let mut spans = first.map_or_else(Vec::new, |(group, offsets)| {
                self.segment_units(text, group, offsets)
            });
            for thread in others {
                match thread.join() {
                    Ok(more) => spans.extend(more),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            spans
        })
    }

    /// The sentences of `units` (consecutive units of `text`), with code-point offsets
    /// counted by `offsets` (which stands at or before the first unit).
    fn segment_units(
        &self,
        text: &str,
        units: &[Range<usize>],
        mut offsets: CharOffsets<'_>,
    ) -> Vec<SentenceSpan> {
        // The library runs over chunks of whole units of about 10 KB (as its own
        // `segment` does: one call per paragraph costs a quarter of the throughput, one
        // call over a whole 10 MB text a third); its sentences are then cut at our unit
        // boundaries. A unit boundary always ends a sentence, so chunking changes nothing.
        let rules = sentencex::language_factory(&self.rules_code);
        let language_rules = rules::LanguageRules::of(&self.rules_code);
        // Pieces of one chunk at a time: small, reused, and still in cache when cut.
        let mut pieces: Vec<Range<usize>> = Vec::new();
        let mut reread: Vec<Range<usize>> = Vec::new();
        // The sentences of one item, repaired, then given code-point offsets.
        let mut item_sentences: Vec<Range<usize>> = Vec::new();
        // Every `.`, `!` and `?` of the chunk, and its Dutch `,,`, found in one pass each:
        // the rules below look for stops inside sentences, and a search per sentence
        // costs more in setting up than in searching.
        let mut stops: Vec<usize> = Vec::new();
        let mut double_commas: Vec<usize> = Vec::new();
        let mut blank_scratch = quotes::Scratch::default();
        let stretch_bytes =
            units.last().map_or(0, |last| last.end) - units.first().map_or(0, |first| first.start);
        let mut spans = Vec::with_capacity(stretch_bytes / 64);
        for (chunk, chunk_units) in chunks(units, CHUNK_BYTES) {
            pieces.clear();
            library_pieces(&*rules, text, chunk.clone(), None, &mut pieces);
            let chunk_bytes = &text.as_bytes()[chunk.clone()];
            stops.clear();
            stops.extend(
                memchr::memchr3_iter(b'.', b'!', b'?', chunk_bytes).map(|at| chunk.start + at),
            );
            double_commas.clear();
            double_commas.extend(quotes::double_commas(chunk_bytes).map(|at| chunk.start + at));
            let mut next_piece = 0;
            let mut stops_cursor = Cursor::new(&stops);
            let mut commas_cursor = Cursor::new(&double_commas);
            for unit in chunk_units {
                let unit_text = &text[unit.clone()];
                if let Some(heading) = heading_range(unit_text) {
                    spans.push(offsets.span(unit.start + heading.start..unit.start + heading.end));
                    next_piece = skip_pieces_before(&pieces, next_piece, unit.end);
                    continue;
                }
                // Where the library may have misread a mark (a quotation or bracket that
                // runs over sentences, a stop inside an address, Dutch `,,`), the unit is
                // read again with those marks neutralised (see `quotes`). Most units are
                // fine, and the check costs far less than neutralising every one.
                let unit_end = pieces[next_piece..]
                    .iter()
                    .position(|piece| piece.start >= unit.end)
                    .map_or(pieces.len(), |n| next_piece + n);
                let unit_pieces = &pieces[next_piece..unit_end];
                let is_contained = unit_pieces.last().is_none_or(|p| p.end <= unit.end);
                let unit_stops = stops_cursor.take_within(unit.clone());
                let has_double_comma = !commas_cursor.take_within(unit.clone()).is_empty();
                if is_contained
                    && quotes::may_misread(text, unit_pieces, unit_stops, has_double_comma)
                    && let Some(blanked) =
                        quotes::blank_misleading_quotes(unit_text, &mut blank_scratch)
                {
                    reread.clear();
                    library_pieces(&*rules, text, unit.clone(), Some(&blanked), &mut reread);
                    pieces.splice(next_piece..unit_end, reread.drain(..));
                }
                let mut item_stops_cursor = Cursor::new(unit_stops);
                for item in lists::inline_items(unit_text) {
                    let item = unit.start + item.start..unit.start + item.end;
                    item_sentences.clear();
                    while let Some(piece) = pieces.get(next_piece) {
                        if piece.start >= item.end {
                            break;
                        }
                        if piece.start >= item.start && piece.end <= item.end {
                            // Inside the item: already trimmed.
                            item_sentences.push(piece.clone());
                        } else {
                            let cut = piece.start.max(item.start)..piece.end.min(item.end);
                            if let Some(range) = trim_range(text, cut) {
                                item_sentences.push(range);
                            }
                        }
                        if piece.end > item.end {
                            break; // The rest of this piece belongs to the next item or unit.
                        }
                        next_piece += 1;
                    }
                    let item_stops = item_stops_cursor.take_within(item.clone());
                    repair::apply(text, &mut item_sentences, item_stops, language_rules);
                    spans.extend(item_sentences.drain(..).map(|range| offsets.span(range)));
                }
            }
        }
        spans
    }
}

/// Appends the library's sentences of `range` (read from `blanked` when given: the same text
/// with misleading marks neutralised, byte for byte) as trimmed ranges of `text`.
fn library_pieces(
    rules: &dyn sentencex::languages::Language,
    text: &str,
    range: Range<usize>,
    blanked: Option<&str>,
    out: &mut Vec<Range<usize>>,
) {
    let read = blanked.unwrap_or(&text[range.clone()]);
    let first = out.len();
    for piece in rules.segment(read) {
        let mut start = range.start + crate::offsets::byte_offset_in(read, piece);
        let end = start + piece.len();
        if blanked.is_some() {
            // A blanked mark right before the piece: a free-standing one after a stop
            // closes the previous sentence (`Ier. " Daarop`), one glued to the next word
            // opens this one.
            let blanked =
                quotes::blanked_before(&text[range.start..start], &read[..start - range.start]);
            let previous_end = out[first..].last().map_or(range.start, |p| p.end);
            if blanked > 0 && start - blanked >= previous_end {
                let mark = start - blanked..start;
                let free_standing = text[mark.end..].starts_with(char::is_whitespace)
                    && text[previous_end..mark.start].trim().is_empty();
                match out[first..].last_mut() {
                    Some(last) if free_standing => last.end = mark.end,
                    _ => start = mark.start,
                }
            }
        }
        if let Some(range) = trim_range(text, start..end) {
            out.push(range);
        }
    }
}

/// Segments `text` with the rules for `language` (`auto` detects it).
pub fn segment(text: &str, language: &str) -> Vec<SentenceSpan> {
    Segmenter::new(&crate::lang::resolve_language(language, text)).segment(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(language: &str, text: &str, expected: &[&str]) {
        let sentences: Vec<&str> = segment(text, language)
            .iter()
            .map(|span| &text[span.bytes.clone()])
            .collect();
        assert_eq!(sentences, expected);
    }

    #[test]
    fn a_long_text_segments_on_threads_as_on_one() {
        // The two sample articles many times over, with non-ASCII text, lists, headings
        // and quotations, past the size where threads are used.
        let nl = include_str!("../../assets/articles/mali-rusland.nl.txt");
        let en = include_str!("../../assets/articles/mali-russia.en.txt");
        let mut text = String::new();
        let mut copy = 0;
        while text.len() < 3 * PARALLEL_MIN_BYTES {
            text.push_str(if copy % 3 == 2 { en } else { nl });
            // Now and then a paragraph break is missing, so stretches end mid-paragraph.
            text.push_str(if copy % 4 == 1 { " " } else { "\n\n" });
            copy += 1;
        }
        for language in ["nl", "en"] {
            let segmenter = Segmenter::new(language);
            let units = units(&text);
            let one_thread = segmenter.segment_units(&text, &units, CharOffsets::new(&text));
            for parts in [2, 3, 7] {
                let groups = split_evenly(&units, parts);
                assert_eq!(groups.len(), parts);
                assert_eq!(groups.concat(), units);
            }
            for threads in [2, 3, 7] {
                let spans = segmenter.segment_on_threads(&text, threads);
                assert_eq!(spans, one_thread, "{language}, {threads} threads");
            }
            assert_eq!(segmenter.segment(&text), one_thread, "{language}");
            let last = one_thread.last().expect("sentences");
            assert_eq!(last.chars.end, text[..last.bytes.end].chars().count());
        }
    }

    #[test]
    fn quotations_hold_their_sentences_only_when_they_close() {
        // Matched, in every convention: the quotation (and its attribution) stays whole.
        check(
            "nl",
            ",,Het is klaar.'' Daarna niets.",
            &[",,Het is klaar.''", "Daarna niets."],
        );
        check(
            "nl",
            "Hij zei: „Het is klaar, echt.” Daarna niets.",
            &["Hij zei: „Het is klaar, echt.”", "Daarna niets."],
        );
        check(
            "de",
            "Sie sagte: „Nein, niemals.“ Dann ging sie.",
            &["Sie sagte: „Nein, niemals.“", "Dann ging sie."],
        );
        check(
            "de",
            "Er sagte ''nein, nie.'' Dann ging er.",
            &["Er sagte ''nein, nie.''", "Dann ging er."],
        );
        check(
            "fr",
            "Il a dit « non, jamais ». Puis il est parti.",
            &["Il a dit « non, jamais ».", "Puis il est parti."],
        );
        check(
            "en",
            "“It is done,” she said. Then she left.",
            &["“It is done,” she said.", "Then she left."],
        );
        // Unmatched opening marks never hold the sentences after them.
        for (language, opener) in [
            ("nl", ",,"),
            ("nl", "„"),
            ("de", "„"),
            ("de", "''"),
            ("fr", "« "),
            ("en", "“"),
            ("en", "\""),
            ("en", "'"),
        ] {
            let text = format!("Hij zei {opener}nee. De kat sliep. Het regende. Wij gingen.");
            let spans = segment(&text, language);
            assert_eq!(spans.len(), 4, "{language} {opener}: {text}");
        }
    }

    #[test]
    fn numbers_ordinals_addresses_and_abbreviations() {
        check(
            "de",
            "Wir haben ihn sehr genossen. 7 Tage Erholung. Die 27. Große Strafkammer tagte am 3. Oktober.",
            &[
                "Wir haben ihn sehr genossen.",
                "7 Tage Erholung.",
                "Die 27. Große Strafkammer tagte am 3. Oktober.",
            ],
        );
        check(
            "en",
            "See No. 5 and p. 12 of the report. Visit Newsfeeds.Com or http://x.example/a.asp?id=1 now. Done.",
            &[
                "See No. 5 and p. 12 of the report.",
                "Visit Newsfeeds.Com or http://x.example/a.asp?id=1 now.",
                "Done.",
            ],
        );
        check(
            "nl",
            "Hij maakte kennis met o.a. Fernand Khnopff. Dat is d.w.z. ver weg.",
            &[
                "Hij maakte kennis met o.a. Fernand Khnopff.",
                "Dat is d.w.z. ver weg.",
            ],
        );
        check(
            "en",
            "He was in love.\" [6] In his memoirs he wrote more. (Really.) Fine.",
            &[
                "He was in love.\" [6]",
                "In his memoirs he wrote more.",
                "(Really.)",
                "Fine.",
            ],
        );
    }

    #[test]
    fn splits_plain_sentences() {
        check(
            "en",
            "Hello World. My name is Jonas.",
            &["Hello World.", "My name is Jonas."],
        );
    }

    #[test]
    fn paragraph_break_ends_a_sentence() {
        check(
            "en",
            "No full stop here\n\nNext one.",
            &["No full stop here", "Next one."],
        );
        check(
            "en",
            "Ends with abbrev. etc.\n\nNext.",
            &["Ends with abbrev. etc.", "Next."],
        );
    }

    #[test]
    fn heading_lines_stand_alone() {
        check(
            "en",
            "# Title\nBody text. More.",
            &["Title", "Body text.", "More."],
        );
        check(
            "nl",
            "De nieuwe koers\nWe hebben vertrouwen in Rusland, zegt hij tegen de verslaggever.",
            &[
                "De nieuwe koers",
                "We hebben vertrouwen in Rusland, zegt hij tegen de verslaggever.",
            ],
        );
    }

    #[test]
    fn hard_wrapped_prose_is_not_a_heading() {
        check(
            "en",
            "The quick brown fox jumps over the lazy dog and then\nit runs away into the woods.",
            &["The quick brown fox jumps over the lazy dog and then\nit runs away into the woods."],
        );
    }

    #[test]
    fn quote_with_attribution_stays_one_sentence() {
        check(
            "nl",
            "Mooi hoeft het niet. “Leve Poetin”, lacht de jonge kleermaker. “Onze bondgenoot.”",
            &[
                "Mooi hoeft het niet.",
                "“Leve Poetin”, lacht de jonge kleermaker.",
                "“Onze bondgenoot.”",
            ],
        );
    }

    #[test]
    fn offsets_count_code_points() {
        let text = "🇲🇱 Vlag. Één zin.";
        let spans = segment(text, "nl");
        let chars: Vec<Range<usize>> = spans.iter().map(|s| s.chars.clone()).collect();
        assert_eq!(chars, vec![0..8, 9..17]);
        for span in &spans {
            let by_chars: String = text
                .chars()
                .skip(span.chars.start)
                .take(span.chars.len())
                .collect();
            assert_eq!(by_chars, &text[span.bytes.clone()]);
        }
    }

    #[test]
    fn auto_detects_language() {
        assert_eq!(
            crate::lang::resolve_language("auto", "Dit is een zin van de krant en het is waar."),
            "nl"
        );
        assert_eq!(crate::lang::resolve_language("EN", "whatever"), "en");
        assert_eq!(
            crate::lang::resolve_language("auto", "xyz"),
            crate::lang::UNKNOWN
        );
    }

    #[test]
    fn inline_lists_split_at_each_marker() {
        check(
            "en",
            "1. The first item 2. The second item",
            &["1. The first item", "2. The second item"],
        );
        check(
            "en",
            "a. The first item b. The second item",
            &["a. The first item", "b. The second item"],
        );
        // Numbers inside a paragraph that does not open with a marker are not a list.
        assert_eq!(
            lists::inline_items("In 1. Then 2. here").collect::<Vec<_>>(),
            vec![0..18]
        );
        // Markers must follow in sequence.
        assert_eq!(
            lists::inline_items("1. One 3. Three").collect::<Vec<_>>(),
            vec![0..15]
        );
    }

    #[test]
    fn stray_symbols_and_quotes_attach_to_the_right_sentence() {
        check(
            "en",
            "Mali’s new route. †\n\nText.",
            &["Mali’s new route. †", "Text."],
        );
        check(
            "en",
            "Says Muctar Mariko, chairman of the Commission. “The longer they stayed, the worse.",
            &[
                "Says Muctar Mariko, chairman of the Commission.",
                "“The longer they stayed, the worse.",
            ],
        );
    }

    #[test]
    fn lone_ellipsis_joins_the_next_sentence() {
        check(
            "nl",
            "81 procent was raak. ...en toen barste de hel los.",
            &["81 procent was raak.", "...en toen barste de hel los."],
        );
    }

    proptest::proptest! {
        #[test]
        fn spans_are_ordered_trimmed_and_in_bounds(
            text in "(\\PC|[ .!?\n⁃“”\"1a]){0,200}",
            language in proptest::sample::select(vec!["en", "nl", "und", "auto"]),
        ) {
            let spans = segment(&text, language);
            let mut previous_end = 0;
            for span in &spans {
                proptest::prop_assert!(previous_end <= span.bytes.start);
                proptest::prop_assert!(span.bytes.start < span.bytes.end);
                let sentence = &text[span.bytes.clone()];
                proptest::prop_assert_eq!(sentence.trim(), sentence);
                proptest::prop_assert_eq!(
                    text[..span.bytes.start].chars().count(),
                    span.chars.start
                );
                proptest::prop_assert_eq!(sentence.chars().count(), span.chars.len());
                previous_end = span.bytes.end;
            }
        }
    }

    #[test]
    fn unknown_language_falls_back_to_generic_rules() {
        check("xx", "One here. Two there.", &["One here.", "Two there."]);
    }
}
