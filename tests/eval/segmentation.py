#!/usr/bin/env python3
"""Sentence-boundary accuracy of Claimdesk and its peers on real text with human sentence
boundaries: the Universal Dependencies dev sets in ../shared/bench/ud-dev/ (see their
README: running text, gold spans, the scoring rule).

    python3 tests/eval/segmentation.py [--claimdesk target/release/claimdesk] [--data DIR]

Claimdesk runs as `claimdesk segment --lang L --json FILE`; the peers run in this Python
(install what you want compared: `pip install sentencex pysbd syntok spacy`; spaCy's
rule-based sentencizer needs no model). A peer that is not installed is left out and
named. Prints a Markdown table of boundary F1 (precision/recall in --verbose).

Scoring (the dev sets' README): a predicted sentence end matches a gold end when both are
equal after moving left over trailing whitespace; P = matched / predicted, R = matched /
gold, F1.
"""
import argparse, json, os, subprocess, sys, time

SETS = [
    ("nl_lassysmall", "nl", "Dutch LassySmall"),
    ("nl_alpino", "nl", "Dutch Alpino"),
    ("en_ewt", "en", "English EWT"),
    ("en_gum", "en", "English GUM"),
    ("de_gsd", "de", "German GSD"),
]


def ends(text, spans):
    """Sentence ends moved left over trailing whitespace, as code-point offsets."""
    out = set()
    for start, end in spans:
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.add(end)
    return out


def spans_from_pieces(text, pieces):
    """Spans of `pieces` (sentences as strings, in order) found in `text`."""
    spans, at = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        found = text.find(piece, at)
        if found < 0:
            # A segmenter that normalised whitespace: match its first word onwards.
            head = piece.split()[0]
            found = text.find(head, at)
            if found < 0:
                continue
            end = found
            for word in piece.split():
                hit = text.find(word, end)
                if hit < 0:
                    break
                end = hit + len(word)
            spans.append((found, end))
            at = end
            continue
        spans.append((found, found + len(piece)))
        at = found + len(piece)
    return spans


def claimdesk(binary):
    def run(text, lang, path):
        out = subprocess.run([binary, "segment", "--lang", lang, "--json", path],
                             check=True, capture_output=True, text=True).stdout
        return [(s["start"], s["end"]) for s in json.loads(out)]
    return run


def sentencex_peer():
    import sentencex
    def run(text, lang, path):
        return spans_from_pieces(text, list(sentencex.segment(lang, text)))
    return run


def pysbd_peer():
    import pysbd
    def run(text, lang, path):
        seg = pysbd.Segmenter(language=lang, clean=False, char_span=True)
        return [(s.start, s.end) for s in seg.segment(text)]
    return run


def syntok_peer():
    import syntok.segmenter as segmenter
    def run(text, lang, path):
        spans = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                tokens = list(sentence)
                if tokens:
                    spans.append((tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)))
        return spans
    return run


def spacy_peer():
    import spacy
    nlps = {}
    def run(text, lang, path):
        if lang not in nlps:
            nlp = spacy.blank(lang)
            nlp.add_pipe("sentencizer")
            nlp.max_length = 10_000_000
            nlps[lang] = nlp
        return [(s.start_char, s.end_char) for s in nlps[lang](text).sents]
    return run


def score(text, gold, predicted):
    g, p = ends(text, gold), ends(text, predicted)
    matched = len(g & p)
    precision = matched / len(p) if p else 0.0
    recall = matched / len(g) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claimdesk", default=os.path.join(root, "target", "release", "claimdesk"))
    parser.add_argument("--data", default=os.path.join(root, "..", "shared", "bench", "ud-dev"))
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--only", help="only this set, e.g. de_gsd")
    parser.add_argument("--errors", type=int, default=0,
                        help="print this many of Claimdesk's missed and extra ends per set")
    args = parser.parse_args()
    if not os.path.isdir(args.data):
        sys.exit(f"no dev sets at {args.data}")

    peers = [("Claimdesk", lambda: claimdesk(args.claimdesk))]
    peers += [("sentencex", sentencex_peer), ("pySBD", pysbd_peer), ("syntok", syntok_peer),
              ("spaCy sentencizer", spacy_peer)]
    runners, missing = [], []
    for name, make in peers:
        try:
            runners.append((name, make()))
        except ImportError:
            missing.append(name)

    rows = []
    for key, lang, title in SETS:
        if args.only and key != args.only:
            continue
        path = os.path.join(args.data, f"{key}.txt")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(args.data, f"{key}.spans.json"), encoding="utf-8") as f:
            gold = [(s[0], s[1]) for s in json.load(f)]
        row = [title]
        for name, run in runners:
            started = time.perf_counter()
            predicted = run(text, lang, path)
            elapsed = time.perf_counter() - started
            p, r, f1 = score(text, gold, predicted)
            cell = f"{f1:.3f}"
            if args.verbose:
                cell += f" (P {p:.3f} R {r:.3f}, {elapsed:.2f} s)"
            row.append(cell)
            if name == "Claimdesk" and args.errors:
                g, q = ends(text, gold), ends(text, predicted)
                def context(at):
                    return text[max(0, at - 60):at].replace("\n", "⏎") + " ‖ " + text[at:at + 40].replace("\n", "⏎")
                print(f"## {title}: missed ends", file=sys.stderr)
                for at in sorted(g - q)[: args.errors]:
                    print("  " + context(at), file=sys.stderr)
                print(f"## {title}: extra ends", file=sys.stderr)
                for at in sorted(q - g)[: args.errors]:
                    print("  " + context(at), file=sys.stderr)
        rows.append(row)

    names = [name for name, _ in runners]
    print("| dev set | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for row in rows:
        best = max(float(cell.split()[0]) for cell in row[1:])
        cells = [f"**{c}**" if float(c.split()[0]) == best else c for c in row[1:]]
        print(f"| {row[0]} | " + " | ".join(cells) + " |")
    if missing:
        print(f"\n(not installed, left out: {', '.join(missing)})")


if __name__ == "__main__":
    main()
