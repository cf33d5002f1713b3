"""Benchmarks that print figures (they are not tests and never fail on a figure).

    python -m quotes.bench accuracy [--eval-dir ../shared/eval] [--workers N]
    python -m quotes.bench speed [--words 100000] [--workers N]

``accuracy`` runs ``quotes extract`` on the PolNeAR development set and on the seed
articles, with each ``--scope`` (speech, the default, and all), scores them with the
project's scorer (``score.py``), and prints overlap F1, speaker accuracy (verifiable, and
on pronoun speakers) and end-to-end precision and F1, over all quote types and over
direct+mixed; then the corpus-wide speaker table's B-cubed figures (``identity.py``).
``speed`` times the bare spaCy pipeline, spaCy plus coreferee, and the full extraction
path (one worker and all cores) on a generated corpus, in words per second.
"""

from __future__ import annotations

import argparse
import json
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
                                 pronoun if pronoun is not None else "-", m["end_to_end"]["p"], m["end_to_end"]["f1"],
                                 m["exact"]["f1"], f"{seconds:.0f} s ({n_docs} docs)"])
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


def speed(words: int, workers: int, rss_docs: list[int], repeat: int = 2) -> None:
    import spacy

    from quotes.extract import Article, process_all
    from quotes.nlp import ENGLISH_MODELS, load_pipeline

    docs = _corpus(words)
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
    timed("(a) spaCy parse + NER", lambda: list(bare.pipe(docs, batch_size=32)))
    timed("(b) + coreferee", lambda: list(with_coref.pipe(docs, batch_size=32)))
    articles = [Article(f"d{i}", t, f"d{i}") for i, t in enumerate(docs)]
    timed("(c) quotes extract, 1 worker", lambda: list(process_all(articles, 1)))
    if workers > 1:
        timed(f"(c) quotes extract, {workers} workers", lambda: list(process_all(articles, workers)))
    base_rate = results[0][1]
    print(f"{len(docs)} documents, {n_words} words; best of {repeat} runs each")
    print(tabulate([[label, f"{rate:,.0f}", f"{rate / base_rate:.2f}x"] for label, rate in results],
                   headers=["path", "words/s", "vs (a)"], tablefmt="github"))
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
    args = parser.parse_args(argv)
    if args.what == "accuracy":
        accuracy(args.eval_dir, args.workers)
    else:
        speed(args.words, args.workers, [int(n) for n in args.rss_docs.split(",") if n.strip()], args.repeat)


if __name__ == "__main__":
    main()
