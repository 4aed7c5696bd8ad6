#!/usr/bin/env python3
"""Every command against issue 29's budget: time and peak memory by input size.

    python3 tests/eval/budget.py [--claimdesk target/release/claimdesk] [--sizes 1,10] [--keep DIR]

The budget (issue 29): a command ends within 1 s + 1 s per MB of input, with a peak
resident memory of at most 10 x the input + 200 MB. The inputs are made here, at each size
in MB: an article (the Dutch sample repeated, as text and as a web page), a session made
from it with a claim on every paragraph (through `import --format doccano`), each export
of that session, a reviewer's copy with every claim re-rated, a new version of the article
(a word changed in every 50th paragraph), the English sample at the same size for `align`,
and the hostile shapes of issue 29 (pages that nest without end, a stream of NUL bytes,
a stream of text that never ends). Each command runs as its own process; its wall time
and peak resident memory come from `/usr/bin/time`. A command "passes" when it ends within both
budgets; a refusal with a clear error counts, as the budget is about ending, not about
accepting. Prints one markdown table; exit 1 if any command is over budget.
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MB = 1_000_000


def sample(name):
    with open(os.path.join(ROOT, "assets", "articles", name), encoding="utf-8") as f:
        return f.read().strip()


def repeated(text, size):
    """The text's paragraphs repeated until the whole is `size` bytes, numbered so that
    no two paragraphs are the same (as a long real article's are not)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    out, total, i = [], 0, 0
    while total < size:
        p = paragraphs[i % len(paragraphs)]
        if i >= len(paragraphs):
            p = f"{p} ({i // len(paragraphs)})"
        out.append(p)
        total += len(p.encode()) + 2
        i += 1
    return out


def write(path, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode, **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as f:
        f.write(data)
    return path


def doccano_record(paragraphs):
    """One doccano record: the text and a claim label on every paragraph (code points)."""
    text = "\n\n".join(paragraphs)
    labels, pos = [], 0
    for p in paragraphs:
        labels.append([pos, pos + len(p), "claim"])
        pos += len(p) + 2
    return json.dumps({"text": text, "label": labels}, ensure_ascii=False)


def web_page(paragraphs):
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!doctype html><html lang=nl><head><meta charset=utf-8><title>Mali en Rusland</title>"
        '<meta property="og:site_name" content="NOS"></head><body><nav><a href="/">Home</a></nav>'
        f"<main><article><h1>Mali en Rusland</h1>{body}</article></main>"
        "<footer>Alle rechten voorbehouden</footer></body></html>"
    )


class Stream:
    """Standard input from a generator of chunks, written by a thread as the child reads."""

    def __init__(self, chunk, total):
        self.chunk, self.total = chunk, total


def run(argv, stdin=None, stdout_to=None):
    """Runs one command; returns (exit code, seconds, peak RSS in bytes, last stderr line).

    The peak comes from `/usr/bin/time`, which forks the command from its own small
    process: a child forked from this script would count the script's memory too."""
    import threading

    stats = tempfile.NamedTemporaryFile(prefix="claimdesk-budget-time-", delete=False)
    stats.close()
    start = time.monotonic()
    out = open(stdout_to, "wb") if stdout_to else subprocess.DEVNULL
    proc = subprocess.Popen(
        ["/usr/bin/time", "-f", "%M", "-o", stats.name] + argv,
        stdin=subprocess.PIPE if isinstance(stdin, Stream) else (open(stdin, "rb") if stdin else subprocess.DEVNULL),
        stdout=out,
        stderr=subprocess.PIPE,
    )
    if isinstance(stdin, Stream):
        def feed():
            sent = 0
            try:
                while sent < stdin.total:
                    proc.stdin.write(stdin.chunk)
                    sent += len(stdin.chunk)
            except (BrokenPipeError, OSError):
                pass
            finally:
                try:
                    proc.stdin.close()
                except OSError:
                    pass

        threading.Thread(target=feed, daemon=True).start()
    err = proc.stderr.read()
    proc.wait()
    seconds = time.monotonic() - start
    if stdout_to:
        out.close()
    with open(stats.name, encoding="utf-8") as f:
        figures = [l for l in f.read().splitlines() if l.strip().isdigit()]
    os.remove(stats.name)
    peak = int(figures[-1]) * 1024 if figures else 0
    lines = [l for l in err.decode("utf-8", "replace").splitlines() if l.strip() and not l.startswith("Command exited")]
    return proc.returncode, seconds, peak, (lines[-1] if lines else "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--claimdesk", default=os.path.join(ROOT, "target", "release", "claimdesk"))
    ap.add_argument("--sizes", default="1,10", help="article sizes in MB, comma-separated")
    ap.add_argument("--keep", help="make the inputs in this folder and keep them")
    args = ap.parse_args()
    exe = os.path.abspath(args.claimdesk)
    work = args.keep or tempfile.mkdtemp(prefix="claimdesk-budget-")
    os.makedirs(work, exist_ok=True)
    nl, en = sample("mali-rusland.nl.txt"), sample("mali-russia.en.txt")
    rows, over = [], 0

    def measure(label, argv, inputs, stdin=None, input_bytes=None, stdout_to=None):
        nonlocal over
        size = input_bytes if input_bytes is not None else sum(os.path.getsize(p) for p in inputs)
        code, secs, rss, err = run(argv, stdin=stdin, stdout_to=stdout_to)
        mb = size / MB
        time_budget, mem_budget = 1 + mb, 10 * size + 200 * MB
        ok = secs <= time_budget and rss <= mem_budget and code in (0, 1, 2)
        over += not ok
        outcome = "ok" if code == 0 else f"exit {code}: {err[:70]}"
        rows.append((label, f"{mb:.1f}", f"{secs:.2f} / {time_budget:.0f}", f"{rss / MB:.0f} / {mem_budget / MB:.0f}", "yes" if ok else "**NO**", outcome))
        print(f"  {label}: {secs:.2f} s, {rss / MB:.0f} MB, exit {code}", file=sys.stderr, flush=True)

    for size_mb in [float(s) for s in args.sizes.split(",")]:
        tag = f"{size_mb:g}MB"
        d = os.path.join(work, tag)
        os.makedirs(d, exist_ok=True)
        paragraphs = repeated(nl, int(size_mb * MB))
        article = write(os.path.join(d, "article.nl.txt"), "\n\n".join(paragraphs) + "\n")
        english = write(os.path.join(d, "article.en.txt"), "\n\n".join(repeated(en, int(size_mb * MB))) + "\n")
        page = write(os.path.join(d, "page.html"), web_page(paragraphs))
        changed = [p.replace(" de ", " het ", 1) if i % 50 == 0 else p for i, p in enumerate(paragraphs) if i % 200 != 199]
        new_version = write(os.path.join(d, "article.v2.txt"), "\n\n".join(changed) + "\n")
        jsonl = write(os.path.join(d, "claims.jsonl"), doccano_record(paragraphs) + "\n")
        session = os.path.join(d, "session.ron")
        for f in ("session.ron", "theirs.ron", "base.ron", "ours.ron", "merged.ron", "fresh.ron"):
            if os.path.exists(os.path.join(d, f)):
                os.remove(os.path.join(d, f))
        print(f"{tag}:", file=sys.stderr)
        measure(f"segment ({tag} text)", [exe, "segment", article], [article])
        measure(f"segment - ({tag} on stdin)", [exe, "segment", "-"], [article], stdin=article)
        measure(f"extract ({tag} web page)", [exe, "extract", page], [page])
        measure(f"new ({tag} text)", [exe, "new", article, "-o", os.path.join(d, "fresh.ron")], [article])
        measure(f"new ({tag} web page)", [exe, "new", page, "-o", os.path.join(d, "fresh-page.ron"), "--force"], [page])
        measure(f"import doccano ({tag}, a claim per paragraph)", [exe, "import", "--format", "doccano", jsonl, "-o", session], [jsonl])
        if not os.path.exists(session):
            continue
        measure(f"check ({tag} session)", [exe, "check", session], [session])
        measure(f"stats ({tag} session)", [exe, "stats", session], [session])
        measure(f"claim list ({tag} session)", [exe, "claim", "list", session], [session])
        exports = {}
        for fmt, ext in [("claimreview", "json"), ("w3c", "jsonld"), ("doccano", "jsonl"), ("labelstudio", "json"), ("fever", "jsonl"), ("csv", "csv"), ("markdown", "md"), ("html", "html")]:
            out = os.path.join(d, f"export.{fmt}.{ext}")
            if os.path.exists(out):
                os.remove(out)
            measure(f"export {fmt} ({tag} session)", [exe, "export", "--format", fmt, session, "-o", out], [session])
            exports[fmt] = out
        for fmt in ("w3c", "doccano", "labelstudio"):
            out = os.path.join(d, f"reimported.{fmt}.ron")
            if os.path.exists(out):
                os.remove(out)
            if os.path.exists(exports[fmt]):
                measure(f"import {fmt} (its {tag} export)", [exe, "import", "--format", fmt, exports[fmt], "-o", out], [exports[fmt]])
                if fmt == "w3c":
                    measure(f"import --into (the same {tag} w3c export again)", [exe, "import", "--format", fmt, exports[fmt], "--into", out], [exports[fmt], out])
        base, ours, theirs = (os.path.join(d, n) for n in ("base.ron", "ours.ron", "theirs.ron"))
        shutil.copy(session, base)
        shutil.copy(session, ours)
        with open(session, encoding="utf-8") as f:
            text = f.read()
        # Their reviewer rated every claim.
        write(theirs, text.replace("verdict: Unrated", "verdict: False"))
        measure(f"merge ({tag} sessions x 3)", [exe, "merge", base, ours, theirs, "-o", os.path.join(d, "merged.ron")], [base, ours, theirs])
        measure(f"merge-driver ({tag} sessions x 3)", [exe, "merge-driver", base, ours, theirs, "session.ron"], [base, ours, theirs])
        updated = shutil.copy(theirs, os.path.join(d, "updated.ron"))
        measure(f"update ({tag} session, new version)", [exe, "update", "--doc", "0", updated, new_version], [updated, new_version])
        measure(f"align ({tag} nl + {tag} en)", [exe, "align", article, english], [article, english])
        measure(f"agree ({tag} sessions x 2)", [exe, "agree", session, theirs], [session, theirs])

    d = os.path.join(work, "hostile")
    os.makedirs(d, exist_ok=True)
    print("hostile:", file=sys.stderr)
    hostile = {
        "stray end tags (<div></x> x 20k)": "<html><body>" + "<div></x>" * 20_000 + "text</body></html>",
        "<rb> x 100k": "<html><body>" + "<rb>" * 100_000 + "text</body></html>",
        "500k attributes": "<html><body><p " + " ".join(f"a{i}=1" for i in range(500_000)) + ">text</p></body></html>",
        "9.4M empty <i>": "<html><body>" + "<i></i>" * 9_400_000 + "</body></html>",
    }
    for name, page in hostile.items():
        path = write(os.path.join(d, re.sub(r"\W+", "_", name) + ".html"), page)
        measure(f"extract ({name})", [exe, "extract", path], [path])
        measure(f"new ({name})", [exe, "new", path, "-o", os.path.join(d, "h.ron"), "--force"], [path])
    measure("segment - (2 GB of NUL bytes)", [exe, "segment", "-"], [], stdin=Stream(b"\0" * MB, 2000 * MB), input_bytes=64 * 1024)
    # The input that counts is what is read before the refusal at 1 GiB.
    measure("segment - (`yes` text without end)", [exe, "segment", "-"], [], stdin=Stream(b"This is a sentence.\n" * 50_000, 4000 * MB), input_bytes=1 << 30)

    print("| command | input MB | seconds / budget | peak MB / budget | within | outcome |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(rows) - over} of {len(rows)} within budget", file=sys.stderr)
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
