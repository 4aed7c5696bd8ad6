#!/usr/bin/env python3
"""Translation alignment of Claimdesk against a plain Gale–Church run, on real human
translations and on the loose sample pair.

    python3 tests/eval/alignment.py [--claimdesk target/release/claimdesk] [--out DIR]

Data (built here, nothing bundled):
- Faithful pairs from Debian's `debian-reference-en`, `-de`, `-fr` packages (installed
  HTML under /usr/share/debian-reference): the same DocBook source, so within a section
  (the anchors of its headings are the same in every language) block k of one language
  is block k of the other. Sections whose block counts differ are dropped. Blocks are
  paragraphs, headings and definition terms (tables and code are left out); each
  becomes one paragraph of the text.
- A faithful en–nl pair, built the same way from Debian's `debian-faq` and `debian-faq-nl`
  (HTML under /usr/share/doc/debian/FAQ).
- Two more en–nl pairs, added after the aligner was tuned and never tuned to: the aptitude
  manual (`aptitude-doc-en`, `aptitude-doc-nl`: one HTML file per section, the same names
  in both languages, sections keyed by file and anchor) and the Debian Edu manual
  (`debian-edu-doc-en`, `debian-edu-doc-nl`: one HTML file whose generated anchors differ
  between languages, so its sections are keyed by their order).
- Perturbed pairs: the faithful en–de pair with 15% of B's paragraphs dropped and three
  runs of B's paragraphs moved elsewhere (fixed seed). Dropped paragraphs have no
  counterpart; moved ones keep theirs.
- The sample pair with the hand-made by-meaning gold in tests/data/seed-alignment.gold.tsv.

Scoring. Claimdesk's paragraph breaks always end a sentence, so every sentence sits in
one paragraph. A link (i, j) of an aligned pair is right when the paragraphs of i and j
correspond. P = right links / links; R = sentences (both sides) whose paragraph has a
counterpart and that have a right link / such sentences; F1. "Dropped left" is the share
of sentences in dropped paragraphs with no link at all. Flags: content divergences
(number, date, percent, name, quote) per 100 aligned pairs and "moved" per 1000 on the
faithful pairs, where every such flag is false. For the sample pair P and R are over the
gold's links.

Gale–Church: the PyPI `galechurch` package (`pip install galechurch`; nltk's
`gale_church.align_blocks` when only nltk is installed) over the whole text by sentence
length in characters, with the original program's parameters; left out, and named, when
neither is installed.
"""

import argparse
import bisect
import html.parser
import json
import os
import random
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REFERENCE = "/usr/share/debian-reference"
FAQ_EN = "/usr/share/doc/debian/FAQ"
FAQ_NL = "/usr/share/doc/debian/FAQ/nl"
APTITUDE = "/usr/share/doc/aptitude/html"
EDU_MANUAL = "/usr/share/doc/debian-edu-doc-{lang}/debian-edu-bookworm-manual.html"
CONTENT_KINDS = {"number", "date", "percent", "name", "quote"}

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "dt", "title"}
SKIPPED = {"script", "style", "head"}


class Blocks(html.parser.HTMLParser):
    """Sections (keyed by their heading's anchor) of text blocks, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = [("_start", [])]
        self.stack = []  # open block elements: [tag, text parts]
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skip += 1
        elif tag in BLOCKS:
            self.stack.append([tag, []])
        elif tag == "a" and self.stack and self.stack[-1][0] in ("h1", "h2", "h3", "h4", "h5"):
            anchor = dict(attrs).get("id")
            if anchor:
                self.sections.append((anchor, []))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS and self.stack and self.stack[-1][0] == tag:
            _, parts = self.stack.pop()
            text = " ".join("".join(parts).split())
            if text:
                self.sections[-1][1].append(text)

    def handle_data(self, data):
        if not self.skip and self.stack:
            self.stack[-1][1].append(data)


def html_sections(directory, lang):
    """{(file stem, section anchor): [blocks]} of the `STEM.LANG.html` files in `directory`."""
    out = {}
    for name in sorted(os.listdir(directory)):
        parts = name.split(".")
        if len(parts) != 3 or parts[1] != lang or parts[2] != "html" or parts[0] == "index":
            continue
        parser = Blocks()
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            parser.feed(f.read())
        for anchor, blocks in parser.sections:
            out[(parts[0], anchor)] = blocks
    return out


def file_sections(files, by_order=False):
    """{(file stem, section anchor or ordinal): [blocks]} of the HTML `files` ((stem, path))."""
    out = {}
    for stem, path in files:
        parser = Blocks()
        with open(path, encoding="utf-8") as f:
            parser.feed(f.read())
        for ordinal, (anchor, blocks) in enumerate(parser.sections):
            out[(stem, ordinal if by_order else anchor)] = blocks
    return out


def aptitude_files(lang):
    directory = os.path.join(APTITUDE, lang)
    return [
        (name, os.path.join(directory, name))
        for name in sorted(os.listdir(directory))
        if name.endswith(".html") and name != "index.html"
    ]


def aligned_sections(sa, sb):
    """Two lists of paragraphs, block k of A corresponding to block k of B: the sections
    both have with as many blocks."""
    pa, pb = [], []
    for key in sorted(sa):
        if key in sb and len(sa[key]) == len(sb[key]) and sa[key]:
            pa.extend(sa[key])
            pb.extend(sb[key])
    return pa, pb


def faithful_pair(lang_a, lang_b):
    """debian-reference in two languages, block by block."""
    return aligned_sections(html_sections(REFERENCE, lang_a), html_sections(REFERENCE, lang_b))


def perturbed(pa, pb, seed=7):
    """B with 15% of its paragraphs dropped and three runs moved; the correspondence."""
    rng = random.Random(seed)
    order = list(range(len(pb)))
    dropped = set(rng.sample(order, len(order) * 15 // 100))
    kept = [k for k in order if k not in dropped]
    for _ in range(3):
        length = rng.randint(3, 8)
        start = rng.randrange(0, len(kept) - length)
        run = kept[start:start + length]
        del kept[start:start + length]
        to = rng.randrange(0, len(kept))
        kept[to:to] = run
    new_b = [pb[k] for k in kept]
    # Paragraph a of A corresponds to the position of a in the new B.
    corr = {k: pos for pos, k in enumerate(kept)}
    return pa, new_b, corr


def write(path, paragraphs):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n\n".join(paragraphs) + "\n")


def run_json(args):
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def sentence_paragraphs(claimdesk, path, lang):
    """For each sentence: (its paragraph index, its length in characters)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    spans = run_json([claimdesk, "segment", "--lang", lang, "--json", path])
    # A sentence's paragraph: the blank-line breaks before its start.
    breaks = []
    at = text.find("\n\n")
    while at >= 0:
        breaks.append(at)
        at = text.find("\n\n", at + 2)
    return [
        (bisect.bisect_left(breaks, span["start"]), span["end"] - span["start"])
        for span in spans
    ]


def score(links, para_a, para_b, corr, n_a, n_b):
    """P, R, F1 and the share of sentences in dropped paragraphs left without a link."""
    right = [(i, j) for i, j in links if corr.get(para_a[i]) == para_b[j]]
    p = len(right) / len(links) if links else 0.0
    counterpart_b = set(corr.values())
    alignable_a = {i for i in range(n_a) if para_a[i] in corr}
    alignable_b = {j for j in range(n_b) if para_b[j] in counterpart_b}
    covered = {("a", i) for i, _ in right} | {("b", j) for _, j in right}
    hit = sum(1 for i in alignable_a if ("a", i) in covered) + sum(
        1 for j in alignable_b if ("b", j) in covered
    )
    total = len(alignable_a) + len(alignable_b)
    r = hit / total if total else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    linked_a = {i for i, _ in links}
    dropped_a = [i for i in range(n_a) if para_a[i] not in corr]
    dropped_left = (
        sum(1 for i in dropped_a if i not in linked_a) / len(dropped_a) if dropped_a else None
    )
    return p, r, f1, dropped_left


def claimdesk_run(claimdesk, path_a, path_b, lang_a, lang_b):
    # The median of three runs: a single one varies by a factor of two on a busy machine
    # (the first run after a build also pages the program in).
    times = []
    for _ in range(3):
        started = time.perf_counter()
        out = run_json(
            [claimdesk, "align", "--lang-a", lang_a, "--lang-b", lang_b, "--json", path_a, path_b]
        )
        times.append(time.perf_counter() - started)
    seconds = sorted(times)[1]
    links = [(i, j) for pair in out["pairs"] for i in pair["a"] for j in pair["b"]]
    n_pairs = sum(1 for pair in out["pairs"] if pair["a"] and pair["b"])
    content = sum(1 for d in out["divergences"] if d["kind"] in CONTENT_KINDS)
    moved = sum(1 for d in out["divergences"] if d["kind"] == "moved")
    return links, n_pairs, content, moved, seconds, out


def gale_church(lens_a, lens_b):
    """Links of a plain Gale–Church run over the whole text by sentence length, and its
    time; (None, name of what is missing) without a peer installed.

    The PyPI `galechurch` package (a compiled implementation with the original program's
    parameters) is preferred; nltk's pure-Python `gale_church` is the fallback, and its
    n × m table makes it impractical beyond a few thousand sentences."""
    lens_a = [max(1, n) for n in lens_a]
    lens_b = [max(1, n) for n in lens_b]
    try:
        from galechurch import _core
    except ImportError:
        _core = None
    if _core is not None:
        mean, variance = _core.default_length_params()
        started = time.perf_counter()
        beads, _ = _core.align_pair(
            lens_a, lens_b, _core.default_bead_costs(), mean, variance,
            max(50_000_000, (len(lens_a) + 1) * (len(lens_b) + 1)),
        )
        seconds = time.perf_counter() - started
        links = [(i, j) for s0, s1, t0, t1 in beads for i in range(s0, s1) for j in range(t0, t1)]
        return links, seconds
    try:
        from nltk.translate import gale_church
    except ImportError:
        return None, 0.0
    # nltk refuses long texts by default (its table is n × m); these are trusted.
    gale_church.MAX_ALIGN_BLOCKS = max(getattr(gale_church, "MAX_ALIGN_BLOCKS", 0), len(lens_a), len(lens_b))
    started = time.perf_counter()
    links = gale_church.align_blocks(lens_a, lens_b)
    return [tuple(link) for link in links], time.perf_counter() - started


def fmt(x):
    return "–" if x is None else f"{x:.2f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--claimdesk", default=os.path.join(ROOT, "target/release/claimdesk"))
    ap.add_argument("--out", default=os.path.join(ROOT, "target/eval-align"))
    ap.add_argument("--no-peer", action="store_true", help="skip the Gale–Church run")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--only", help="run only the pairs whose name contains this")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    cases = []  # (name, paragraphs A, paragraphs B, correspondence or None, langs)
    if os.path.isdir(REFERENCE):
        en, de = faithful_pair("en", "de")
        cases.append(("debian-reference en–de", en, de, {k: k for k in range(len(en))}, "en", "de"))
        en2, fr = faithful_pair("en", "fr")
        cases.append(("debian-reference en–fr", en2, fr, {k: k for k in range(len(en2))}, "en", "fr"))
        pa, pb, corr = perturbed(en, de)
        cases.append(("en–de, 15% dropped, 3 runs moved", pa, pb, corr, "en", "de"))
    else:
        print(f"({REFERENCE} missing: apt-get install debian-reference-en debian-reference-de "
              "debian-reference-fr)", file=sys.stderr)
    if os.path.isdir(FAQ_NL):
        en, nl = aligned_sections(html_sections(FAQ_EN, "en"), html_sections(FAQ_NL, "nl"))
        cases.append(("debian-faq en–nl", en, nl, {k: k for k in range(len(en))}, "en", "nl"))
    else:
        print(f"({FAQ_NL} missing: apt-get install debian-faq debian-faq-nl)", file=sys.stderr)

    if os.path.isdir(os.path.join(APTITUDE, "nl")) and os.path.isdir(os.path.join(APTITUDE, "en")):
        en, nl = aligned_sections(
            file_sections(aptitude_files("en")), file_sections(aptitude_files("nl"))
        )
        cases.append(("aptitude manual en–nl", en, nl, {k: k for k in range(len(en))}, "en", "nl"))
    else:
        print(f"({APTITUDE}/nl missing: apt-get install aptitude-doc-en aptitude-doc-nl)",
              file=sys.stderr)
    edu_en, edu_nl = (EDU_MANUAL.format(lang=lang) for lang in ("en", "nl"))
    if os.path.isfile(edu_en) and os.path.isfile(edu_nl):
        en, nl = aligned_sections(
            file_sections([("m", edu_en)], by_order=True),
            file_sections([("m", edu_nl)], by_order=True),
        )
        cases.append(("debian-edu manual en–nl", en, nl, {k: k for k in range(len(en))}, "en", "nl"))
    else:
        print("(Debian Edu manual missing: apt-get install debian-edu-doc-en debian-edu-doc-nl)",
              file=sys.stderr)
    if args.only:
        cases = [case for case in cases if args.only in case[0]]

    rows = []
    for name, pa, pb, corr, la, lb in cases:
        slug = "".join(c if c.isalnum() else "-" for c in name)
        path_a, path_b = (os.path.join(args.out, f"{slug}.{s}.txt") for s in ("a", "b"))
        write(path_a, pa)
        write(path_b, pb)
        sa = sentence_paragraphs(args.claimdesk, path_a, la)
        sb = sentence_paragraphs(args.claimdesk, path_b, lb)
        para_a = [p for p, _ in sa]
        para_b = [p for p, _ in sb]
        links, n_pairs, content, moved, seconds, _ = claimdesk_run(
            args.claimdesk, path_a, path_b, la, lb
        )
        p, r, f1, dropped_left = score(links, para_a, para_b, corr, len(sa), len(sb))
        faithful = all(corr.get(k) == k for k in range(len(pa)))
        row = {
            "pair": f"{name} ({len(sa)}/{len(sb)})",
            "cd": (p, r, f1),
            "dropped_left": dropped_left,
            "flags": 100 * content / max(1, n_pairs) if faithful else None,
            "moved": 1000 * moved / max(1, n_pairs) if faithful else None,
            "seconds": seconds,
        }
        if not args.no_peer:
            gc, gc_seconds = gale_church([n for _, n in sa], [n for _, n in sb])
            if gc is not None:
                gp, gr, gf, gc_dropped = score(gc, para_a, para_b, corr, len(sa), len(sb))
                row["gc"] = (gp, gr, gf)
                row["gc_dropped"] = gc_dropped
                row["gc_seconds"] = gc_seconds
        rows.append(row)

    # The sample pair, by meaning.
    gold = set()
    with open(os.path.join(ROOT, "tests/data/seed-alignment.gold.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            a, b = line.rstrip("\n").split("\t")
            for i in a.split(","):
                for j in b.split(","):
                    gold.add((int(i), int(j)))
    path_a = os.path.join(ROOT, "assets/articles/mali-rusland.nl.txt")
    path_b = os.path.join(ROOT, "assets/articles/mali-russia.en.txt")
    links, _, _, _, seconds, _ = claimdesk_run(args.claimdesk, path_a, path_b, "nl", "en")

    def link_scores(links):
        links = set(links)
        p = len(links & gold) / len(links) if links else 0.0
        r = len(links & gold) / len(gold)
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    row = {"pair": "sample nl–en, by meaning", "cd": link_scores(links), "seconds": seconds,
           "dropped_left": None, "flags": None, "moved": None}
    if not args.no_peer:
        sa = sentence_paragraphs(args.claimdesk, path_a, "nl")
        sb = sentence_paragraphs(args.claimdesk, path_b, "en")
        gc, gc_seconds = gale_church([n for _, n in sa], [n for _, n in sb])
        if gc is not None:
            row["gc"] = link_scores(gc)
            row["gc_seconds"] = gc_seconds
    rows.append(row)

    have_gc = any("gc" in row for row in rows)
    if not have_gc and not args.no_peer:
        print("(Gale–Church left out: pip install galechurch)", file=sys.stderr)
    head = "| pair (sentences) | Claimdesk P / R / F1 | dropped left | content flags /100 | moved /1000 | time |"
    line = "|---|---|---|---|---|---|"
    if have_gc:
        head += " Gale–Church P / R / F1 | GC dropped left | GC time |"
        line += "---|---|---|"
    print(head)
    print(line)
    for row in rows:
        p, r, f1 = row["cd"]
        cells = [row["pair"], f"{p:.2f} / {r:.2f} / {f1:.2f}", fmt(row["dropped_left"]),
                 fmt(row["flags"]), fmt(row["moved"]), f"{row['seconds']:.2f} s"]
        if have_gc:
            if "gc" in row:
                gp, gr, gf = row["gc"]
                cells += [f"{gp:.2f} / {gr:.2f} / {gf:.2f}", fmt(row.get("gc_dropped")),
                          f"{row['gc_seconds']:.1f} s"]
            else:
                cells += ["–", "–", "–"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
