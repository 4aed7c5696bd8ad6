#!/usr/bin/env python3
"""Main-text extraction quality and speed on saved news pages.

    python3 tests/eval/extraction.py [--claimdesk target/release/claimdesk] [--pages DIR] [--verbose]

The pages (tests/data/web/pages/, written by tests/data/web/make_pages.py: twelve Dutch
and English articles, each inside two of ten site templates: public broadcaster, paywalled
newspaper, component blocks, quality paper, WordPress, live blog, an old CMS in
windows-1252, Drupal, AMP, newsletter platform; some gzip-compressed) come with the
expected article text (NAME.expected.txt: standfirst, subheadings, paragraphs, list items;
no headline, byline, captions or boilerplate) and metadata (NAME.meta.json).

Claimdesk runs as `claimdesk extract --json FILE...`. Scores: token precision, recall and
F1 of the extracted body against the expected text (bag of lower-cased word tokens, as
trafilatura's and the Readability benchmarks score), averaged over pages; metadata
accuracy per field; pages per second of one process reading every page ten times. When
the Python package `trafilatura` is installed it runs on the same pages as a peer.
"""
import argparse, collections, glob, gzip, json, os, re, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def tokens(text):
    return collections.Counter(re.findall(r"\w+", text.lower()))


def prf(expected, got):
    e, g = tokens(expected), tokens(got)
    overlap = sum((e & g).values())
    p = overlap / max(1, sum(g.values()))
    r = overlap / max(1, sum(e.values()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def page_files(pages_dir):
    files = sorted(glob.glob(os.path.join(pages_dir, "*.html")) + glob.glob(os.path.join(pages_dir, "*.html.gz")))
    return [(f, re.sub(r"\.html(\.gz)?$", "", f)) for f in files]


def run_claimdesk(binary, files):
    out = subprocess.run([binary, "extract", "--json", *files], capture_output=True, text=True)
    results = {}
    for line in out.stdout.splitlines():
        item = json.loads(line)
        results.setdefault(item["file"], item)
    return results


def meta_scores(expected, got):
    """Per field: 1 when the extracted value equals the expected one."""
    meta = got.get("meta") or {}
    scores = {"title": float(got.get("title") == expected["title"])}
    if "authors" in expected:
        scores["authors"] = float(meta.get("authors", []) == expected["authors"])
    scores["published"] = float((meta.get("published") or "")[:10] == expected["published"])
    if "url" in expected:
        scores["url"] = float(meta.get("url") == expected["url"])
    scores["language"] = float(meta.get("language") == expected["language"])
    return scores


def trafilatura_peer(files):
    try:
        import trafilatura
    except ImportError:
        return None
    out = {}
    start = time.perf_counter()
    for f in files:
        data = open(f, "rb").read()
        if f.endswith(".gz"):
            data = gzip.decompress(data)
        out[f] = trafilatura.extract(data, include_comments=False, include_tables=True) or ""
    return out, len(files) / (time.perf_counter() - start)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--claimdesk", default=os.path.join(ROOT, "target/release/claimdesk"))
    ap.add_argument("--pages", default=os.path.join(ROOT, "tests/data/web/pages"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    pages = page_files(args.pages)
    files = [f for f, _ in pages]
    got = run_claimdesk(args.claimdesk, files)

    rows, metas = [], collections.defaultdict(list)
    for f, stem in pages:
        expected = open(stem + ".expected.txt", encoding="utf-8").read()
        expected_meta = json.load(open(stem + ".meta.json", encoding="utf-8"))
        item = got.get(f, {})
        p, r, f1 = prf(expected, item.get("body", ""))
        rows.append((os.path.basename(stem), p, r, f1, item.get("error")))
        for field, score in meta_scores(expected_meta, item).items():
            metas[field].append(score)
        if args.verbose or f1 < 0.95:
            print(f"  {os.path.basename(stem):48s} P {p:.3f} R {r:.3f} F1 {f1:.3f} {item.get('error') or ''}", file=sys.stderr)

    # Speed: one process, every page ten times.
    start = time.perf_counter()
    subprocess.run([args.claimdesk, "extract", "--json", *(files * 10)], capture_output=True, check=False)
    pages_per_s = 10 * len(files) / (time.perf_counter() - start)

    n = len(rows)
    mean = lambda i: sum(row[i] for row in rows) / n
    print(f"| extractor | pages | precision | recall | F1 | pages/s |")
    print(f"|---|---|---|---|---|---|")
    print(f"| Claimdesk (dom_smoothie) | {n} | {mean(1):.3f} | {mean(2):.3f} | **{mean(3):.3f}** | {pages_per_s:.0f} |")
    peer = trafilatura_peer(files)
    if peer:
        texts, speed = peer
        scores = [prf(open(stem + ".expected.txt", encoding="utf-8").read(), texts[f]) for f, stem in pages]
        pm = lambda i: sum(s[i] for s in scores) / len(scores)
        print(f"| trafilatura (Python) | {n} | {pm(0):.3f} | {pm(1):.3f} | {pm(2):.3f} | {speed:.0f} |")
    else:
        print("\n(trafilatura not installed: `pip install trafilatura` to compare)")
    print()
    print("| metadata field | pages | correct |")
    print("|---|---|---|")
    for field in ("title", "authors", "published", "url", "language"):
        scores = metas[field]
        print(f"| {field} | {len(scores)} | {sum(scores) / len(scores):.2f} |")


if __name__ == "__main__":
    main()
