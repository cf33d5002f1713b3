"""Benchmarks that print figures (they are not tests and never fail on a figure).

    python -m quotes.bench accuracy [--eval-dir ../shared/eval] [--workers N]
    python -m quotes.bench speed [--words 100000] [--workers N]
    python -m quotes.bench dask [--words 100000] [--workers 2]

``accuracy`` runs ``quotes extract`` on the PolNeAR development set and on the seed
articles, with each ``--scope`` (speech, the default, and all), scores them with the
project's scorer (``score.py``), and prints overlap F1, speaker accuracy (verifiable, and
on pronoun speakers) and end-to-end precision and F1, over all quote types and over
direct+mixed; then the corpus-wide speaker table's B-cubed figures (``identity.py``).
``speed`` times the bare spaCy pipeline, spaCy plus coreferee, and the full extraction
path (one worker and all cores) on real news (the PolNeAR development set; a generated
corpus when it is absent), in words per second, with where the time goes.
``dask`` times the local ``--workers`` path, ``--parquet`` and ``--dask local`` on the same
real news (the PolNeAR development set), whole processes, with each run's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tabulate import tabulate

from quotes.attribute import SCOPES

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"


def _score(scorer: Path, gold_dir: Path, pred: Path, only: str | None = None) -> dict:
    cmd = [sys.executable, str(scorer), str(gold_dir), str(pred), "--json"]
    if only:
        cmd += ["--only-types", only]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def _extract(docs: Path, pred: Path, workers: int | None, scope: str) -> float:
    cmd = [sys.executable, "-m", "quotes", "extract", str(docs), "--format", "jsonl", "-o", str(pred), "--quiet",
           "--scope", scope]
    if workers:
        cmd += ["--workers", str(workers)]
    start = time.perf_counter()
    subprocess.run(cmd, check=False)
    return time.perf_counter() - start


def _identity(script: Path, gold_dir: Path, pred: Path) -> dict:
    cmd = [sys.executable, str(script), str(gold_dir), str(pred), "--json"]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def accuracy(eval_dir: Path, workers: int | None) -> None:
    scorer = eval_dir / "score.py"
    sets = [("PolNeAR dev", eval_dir / "polnear-dev"), ("seeds", eval_dir.parent / "seeds")]
    rows, identity_rows = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name, gold in sets:
            if not (gold / "gold.jsonl").exists():
                print(f"skipping {name}: {gold} not found", file=sys.stderr)
                continue
            n_docs = sum(1 for _ in (gold / "docs").glob("*.txt"))
            for scope in SCOPES:
                pred = Path(tmp) / f"{gold.name}-{scope}.jsonl"
                seconds = _extract(gold / "docs", pred, workers, scope)
                for label, only in (("all", None), ("direct+mixed", "direct,mixed")):
                    m = _score(scorer, gold, pred, only)
                    pronoun = m["by_speaker_kind"].get("pronoun", {}).get("speaker_acc")
                    rows.append([name, scope, label, m["n_gold"], m["overlap"]["f1"], m["speaker_acc_verifiable"],
                                 f"{pronoun:.3f}" if pronoun is not None else "-", m["end_to_end"]["p"],
                                 m["end_to_end"]["f1"], m["exact"]["f1"], f"{seconds:.0f} s ({n_docs} docs)"])
                if (eval_dir / "identity.py").exists() and name != "seeds":
                    ident = _identity(eval_dir / "identity.py", gold, pred)
                    for label, key in (("all quotes", "bcubed"), ("without pronoun gold", "bcubed_named_gold"),
                                       ("merging only", "bcubed_same_person")):
                        b = ident[key]
                        identity_rows.append([name, scope, label, b["p"], b["r"], b["f1"]])
    print(tabulate(rows, headers=["set", "--scope", "types", "gold", "overlap F1", "speaker acc (verifiable)",
                                  "pronoun speaker acc", "end-to-end P", "end-to-end F1", "exact F1", "time"],
                   floatfmt=".3f", tablefmt="github"))
    if identity_rows:
        print("\nSpeaker identity across documents (identity.py, B-cubed over the speaker table):\n")
        print(tabulate(identity_rows, headers=["set", "--scope", "quotes", "B-cubed P", "B-cubed R", "B-cubed F1"],
                       floatfmt=".3f", tablefmt="github"))


# ------------------------------------------------------------------ speed

_SENTENCES = [
    "“We are not going to accept a deal that hurts our farmers,” Senator Maria Delgado said on Tuesday.",
    "A person familiar with the negotiations said the talks could stretch into a third day.",
    "According to the ministry, exports fell by nine percent in the first quarter.",
    "The committee chairman warned that the bill would “balloon well past anything in this budget.”",
    "Officials met at the convention centre, where the mood was tense but cordial.",
    "He added that another meeting had not yet been scheduled.",
    "The weather in the capital was mild, and traffic moved slowly along the river road.",
]


def _corpus(words: int) -> list[str]:
    """Articles built from the examples and the sentences above, repeated to ``words``."""
    base = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    base.append("\n".join(_SENTENCES))
    docs: list[str] = []
    total = 0
    i = 0
    while total < words:
        text = base[i % len(base)]
        docs.append(text)
        total += len(text.split())
        i += 1
    return docs


def _rate(words: int, seconds: float) -> float:
    return words / seconds if seconds else float("nan")


def _news(words: int) -> list[str] | None:
    """The first articles of the PolNeAR development set, up to ``words``; None without it."""
    docs_dir = DEFAULT_EVAL / "polnear-dev" / "docs"
    if not docs_dir.exists():
        return None
    docs, total = [], 0
    for p in sorted(docs_dir.glob("*.txt")):
        if total >= words:
            break
        docs.append(p.read_text(encoding="utf-8"))
        total += len(docs[-1].split())
    return docs


def speed(words: int, workers: int, rss_docs: list[int], repeat: int = 2) -> None:
    import spacy

    from quotes.extract import Article, process_all
    from quotes.nlp import ENGLISH_MODELS, load_pipeline
    from quotes.resolve import STAGE_SECONDS

    docs = _news(words)
    source = "real news (the first articles of ../shared/eval/polnear-dev/docs)"
    if docs is None:
        docs = _corpus(words)
        source = "a generated corpus (../shared/eval not found: real news is slower, with more pronoun speakers)"
    n_words = sum(len(d.split()) for d in docs)
    full = load_pipeline()
    model = next(m for m in ENGLISH_MODELS if spacy.util.is_package(m))
    bare = spacy.load(model)
    bare.meta["name"] = "core_web_sm"
    with_coref = spacy.load(model)
    with_coref.meta["name"] = "core_web_sm"
    with_coref.add_pipe("coreferee")

    results = []

    def timed(label: str, fn) -> float:  # type: ignore[no-untyped-def]
        best = float("inf")
        for _ in range(repeat):  # best of ``repeat``: this machine's timings are noisy
            start = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - start)
        results.append((label, _rate(n_words, best)))
        return best

    for nlp in (bare, with_coref, full):  # warm up: first calls allocate
        list(nlp.pipe(docs[:8]))
    parse = timed("(a) spaCy parse + NER", lambda: list(bare.pipe(docs, batch_size=32)))
    timed("(b) + coreferee on whole documents", lambda: list(with_coref.pipe(docs, batch_size=32)))
    articles = [Article(f"d{i}", t, f"d{i}") for i, t in enumerate(docs)]
    STAGE_SECONDS.clear()
    one = timed("(c) quotes extract, 1 worker", lambda: list(process_all(articles, 1)))
    stages = {k: v / repeat for k, v in STAGE_SECONDS.items()}  # the mean of the timed runs
    if workers > 1:
        many = timed(f"(c) quotes extract, {workers} workers", lambda: list(process_all(articles, workers)))
    base_rate = results[0][1]
    print(f"{len(docs)} documents, {n_words:,} words of {source}; best of {repeat} runs each")
    print(tabulate([[label, f"{rate:,.0f}", f"{rate / base_rate:.2f}x"] for label, rate in results],
                   headers=["path", "words/s", "vs (a)"], tablefmt="github"))
    if workers > 1:
        print(f"\nfrom 1 to {workers} workers: {one / many:.2f}x")
    rules, coref = stages.get("rules", 0.0), stages.get("coreferee", 0.0)
    rest = max(0.0, one - parse - rules - coref)
    print("\nwhere the 1-worker time goes (seconds; parse as in (a), the rest measured inside the component):")
    print(tabulate([["spaCy parse + NER", f"{parse:.1f}"],
                    ["coreferee (windows around pronoun speakers)", f"{coref:.1f}"],
                    ["quote rules (detect, attribute, link, resolve)", f"{rules:.1f}"],
                    ["text clean-up, records, batching (the rest)", f"{rest:.1f}"], ["total", f"{one:.1f}"]],
                   headers=["stage", "s"], tablefmt="github"))
    for n in rss_docs:
        print(f"peak RSS, `quotes extract --db` over {n:,} documents: {_peak_rss(n, workers):.0f} MiB")


def _peak_rss(n_docs: int, workers: int) -> float:
    """Largest resident set (MiB) of any process of a ``quotes extract --db`` run over
    ``n_docs`` short articles, measured in a fresh child process."""
    script = (
        "import resource, subprocess, sys, tempfile, json, os\n"
        "d = tempfile.mkdtemp()\n"
        "src = os.path.join(d, 'a.jsonl')\n"
        "with open(src, 'w') as fh:\n"
        f"    for i in range({n_docs}):\n"
        "        fh.write(json.dumps({'id': f'd{i}', 'text': f'Report {i}. ' + sys.argv[1]}) + '\\n')\n"
        "subprocess.run([sys.executable, '-m', 'quotes', 'extract', src, '--db', os.path.join(d, 'q.db'),\n"
        f"                '-o', os.devnull, '--quiet', '--workers', '{workers}'], check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", script, " ".join(_SENTENCES[:3])], check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout
    return int(out.split()[-1]) / 1024


# ------------------------------------------------------------------ dask

def _real_news(words: int) -> tuple[Path, int, int]:
    """A JSONL file of the first articles of the PolNeAR development set up to ``words``."""
    docs_dir = DEFAULT_EVAL / "polnear-dev" / "docs"
    tmp = Path(tempfile.mkdtemp())
    path = tmp / "news.jsonl"
    total = n = 0
    with path.open("w", encoding="utf-8") as fh:
        for p in sorted(docs_dir.glob("*.txt")):
            text = p.read_text(encoding="utf-8")
            fh.write(json.dumps({"id": p.stem, "text": text}) + "\n")
            total += len(text.split())
            n += 1
            if total >= words:
                break
    return path, n, total


def _timed_run(args: list[str]) -> tuple[float, float]:
    """Seconds of a ``quotes extract`` run and the peak RSS (MiB) of its largest process."""
    script = ("import resource, subprocess, sys, time\n"
              "t = time.perf_counter()\n"
              "subprocess.run([sys.executable, '-m', 'quotes', 'extract', *sys.argv[1:]], check=True)\n"
              "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", script, *args], check=True, capture_output=True, text=True,
                         cwd=ROOT).stdout.split()
    return float(out[-2]), int(out[-1]) / 1024


def dask_bench(words: int, workers: int, repeat: int) -> None:
    """The local --workers path and --dask local on the same real news, best of ``repeat``."""
    if not (DEFAULT_EVAL / "polnear-dev" / "docs").exists():
        print("skipping: ../shared/eval/polnear-dev not found", file=sys.stderr)
        return
    src, n_docs, n_words = _real_news(words)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = {
            f"local, --workers {workers}": ["--workers", str(workers)],
            f"local --parquet, --workers {workers}": ["--workers", str(workers), "--parquet", "{out}"],
            f"--dask local, {workers} workers": ["--workers", str(workers), "--dask", "local", "--parquet", "{out}"],
        }
        for label, extra in paths.items():
            best, rss = float("inf"), 0.0
            for k in range(repeat):
                out = Path(tmp) / f"{len(rows)}-{k}"
                args = [str(src), "-o", os.devnull, "--quiet", *[a.replace("{out}", str(out)) for a in extra]]
                seconds, peak = _timed_run(args)
                best, rss = min(best, seconds), max(rss, peak)
            rows.append([label, f"{n_words / best:,.0f}", f"{best:.1f}", f"{rss:.0f}"])
    base = float(rows[0][1].replace(",", ""))
    for row in rows:
        row.append(f"{float(row[1].replace(',', '')) / base:.2f}x")
    print(f"{n_docs} real news articles (PolNeAR dev), {n_words:,} words; whole processes, best of {repeat}")
    print(tabulate(rows, headers=["path", "words/s", "seconds", "peak RSS of a process (MiB)", "vs local"],
                   tablefmt="github"))


def main(argv: list[str] | None = None) -> None:
    from quotes.extract import default_workers

    parser = argparse.ArgumentParser(prog="python -m quotes.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    acc = sub.add_parser("accuracy", help="score extraction on the development set and the seeds")
    acc.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    acc.add_argument("--workers", type=int, default=None)
    spd = sub.add_parser("speed", help="words per second of each stage")
    spd.add_argument("--words", type=int, default=100_000)
    spd.add_argument("--workers", type=int, default=default_workers())
    spd.add_argument("--repeat", type=int, default=2, help="time each path this many times, keep the best")
    spd.add_argument("--rss-docs", default="1000,10000",
                     help="document counts after which to report peak memory (comma separated; empty: skip)")
    dsk = sub.add_parser("dask", help="the local path and --dask local side by side, on real news")
    dsk.add_argument("--words", type=int, default=100_000)
    dsk.add_argument("--workers", type=int, default=2)
    dsk.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    if args.what == "dask":
        dask_bench(args.words, args.workers, args.repeat)
        return
    if args.what == "accuracy":
        accuracy(args.eval_dir, args.workers)
    else:
        speed(args.words, args.workers, [int(n) for n in args.rss_docs.split(",") if n.strip()], args.repeat)


if __name__ == "__main__":
    main()
