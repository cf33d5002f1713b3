"""Dask and Parquet (issue 12), with a real Dask cluster on 127.0.0.1: the same quotes and
speakers as a local run, through a LocalCluster and through a separately started scheduler
and workers; a worker killed mid-run; an interrupted --parquet run resumed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from test_cli import EXAMPLES

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

BIN = Path(sys.executable).parent


def cli(*args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "quotes", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout)


def inputs() -> list[str]:
    paths = [str(EXAMPLES)]
    if (SEEDS / "docs").exists():
        paths.append(str(SEEDS / "docs"))
    return paths


def sorted_lines(text: str) -> list[str]:
    return sorted(line for line in text.splitlines() if line.strip())


@pytest.fixture(scope="module")
def local_run() -> tuple[list[str], list[str]]:
    quotes = cli("extract", *inputs(), "-f", "jsonl", "--workers", "2")
    speakers = cli("speakers", *inputs(), "-f", "jsonl", "--workers", "2")
    assert quotes.returncode == 0 and speakers.returncode == 0, quotes.stderr + speakers.stderr
    return sorted_lines(quotes.stdout), sorted_lines(speakers.stdout)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """24 articles in one JSONL file: many small partitions with a small --block-size."""
    path = tmp_path / "corpus.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    with path.open("w", encoding="utf-8") as fh:
        for k in range(24):
            fh.write(json.dumps({"id": f"a{k:02d}", "text": texts[k % len(texts)]}) + "\n")
    return path


def test_dask_local_cluster_gives_the_local_quotes_and_speakers(tmp_path: Path, local_run):
    quotes, speakers = local_run
    out = tmp_path / "ds"
    run = cli("extract", *inputs(), "--dask", "local", "--workers", "2", "--parquet", str(out), "-f", "jsonl")
    assert run.returncode == 0, run.stderr
    assert sorted_lines(run.stdout) == quotes
    table = cli("speakers", "--parquet", str(out), "-f", "jsonl")  # from the dataset, no parsing
    assert table.returncode == 0, table.stderr
    assert sorted_lines(table.stdout) == speakers
    import pyarrow.parquet as pq

    docs = pq.read_table(out / "documents").to_pylist()  # every input accounted for, once
    n_inputs = len(list(EXAMPLES.glob("*.txt"))) + (len(list((SEEDS / "docs").glob("*.txt"))) if len(inputs()) > 1
                                                     else 0)
    assert len(docs) == n_inputs == len({d["doc_id"] for d in docs})
    assert all(d["error"] is None for d in docs)


def _cluster(tmp_path: Path, workers: int = 2) -> tuple[str, list[subprocess.Popen[bytes]]]:
    sched_file = tmp_path / "scheduler.json"
    procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
                               "--no-dashboard", "--scheduler-file", str(sched_file)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)]
    for _ in range(200):
        if sched_file.exists() and sched_file.stat().st_size:
            break
        time.sleep(0.1)
    address = json.loads(sched_file.read_text())["address"]
    for _ in range(workers):
        procs.append(subprocess.Popen([str(BIN / "dask"), "worker", address, "--nthreads", "1", "--no-dashboard",
                                       "--host", "127.0.0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      cwd=ROOT))
    return address, procs


def _stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for p in reversed(procs):
        p.terminate()
    for p in procs:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()


def test_separate_scheduler_and_workers_give_the_same_results(tmp_path: Path, local_run):
    address, procs = _cluster(tmp_path)
    try:
        run = cli("extract", *inputs(), "--dask", address, "--parquet", str(tmp_path / "ds"), "-f", "jsonl")
    finally:
        _stop(procs)
    assert run.returncode == 0, run.stderr
    assert sorted_lines(run.stdout) == local_run[0]


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(tmp_path: Path, corpus: Path):
    import psutil

    expected = sorted_lines(cli("extract", str(corpus), "-f", "jsonl", "--workers", "1").stdout)
    address, procs = _cluster(tmp_path)
    out = tmp_path / "ds"
    try:
        run = subprocess.Popen([sys.executable, "-m", "quotes", "extract", str(corpus), "--dask", address,
                                "--parquet", str(out), "--block-size", "2048", "-f", "jsonl"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        for _ in range(1200):  # until the first partitions are written
            if len(list((out / "documents").glob("*.parquet"))) >= 2 or run.poll() is not None:
                break
            time.sleep(0.05)
        # The worker process itself (its nanny starts a new one; Dask reruns its tasks).
        victim = psutil.Process(procs[1].pid).children(recursive=True)
        for child in victim:
            child.send_signal(signal.SIGKILL)
        stdout, stderr = run.communicate(timeout=600)
    finally:
        _stop(procs)
    assert run.returncode == 0, stderr
    lines = sorted_lines(stdout)
    assert lines == expected
    assert len(lines) == len(set(lines))


def test_interrupted_parquet_run_resumes_without_loss_or_duplicates(tmp_path: Path, corpus: Path):
    expected = sorted_lines(cli("extract", str(corpus), "-f", "jsonl", "--workers", "1").stdout)
    out = tmp_path / "ds"
    args = [sys.executable, "-m", "quotes", "extract", str(corpus), "--parquet", str(out), "--block-size", "2048",
            "--workers", "1", "-f", "jsonl", "-o", str(tmp_path / "first.jsonl")]
    first = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    for _ in range(1200):
        if len(list((out / "documents").glob("*.parquet"))) >= 2 or first.poll() is not None:
            break
        time.sleep(0.05)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    written = len(list((out / "documents").glob("*.parquet")))
    again = cli("extract", str(corpus), "--parquet", str(out), "--block-size", "2048", "--workers", "1", "-f",
                "jsonl")
    assert again.returncode == 0, again.stderr
    assert f"{written} of " in again.stderr  # the partitions written before were skipped
    assert not list(out.rglob("*.tmp"))  # a file half-written when killed is gone
    lines = sorted_lines(again.stdout)
    assert lines == expected and len(lines) == len(set(lines))


def test_dask_without_parquet_is_a_usage_error():
    run = cli("extract", str(EXAMPLES), "--dask", "local")
    assert run.returncode == 2 and "--parquet" in run.stderr


def test_parquet_run_makes_ids_unique_as_a_local_run_does(tmp_path: Path):
    text = (EXAMPLES / "wheat_export_talks.txt").read_text(encoding="utf-8")
    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text(json.dumps({"id": "story", "text": text}) + "\n", encoding="utf-8")
    paths = [str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")]
    local = cli("extract", *paths, "-f", "jsonl", "--workers", "1")
    dataset = cli("extract", *paths, "--parquet", str(tmp_path / "ds"), "-f", "jsonl", "--workers", "1")
    assert local.returncode == dataset.returncode == 0, local.stderr + dataset.stderr
    assert sorted_lines(dataset.stdout) == sorted_lines(local.stdout)
    assert {json.loads(line)["doc_id"] for line in dataset.stdout.splitlines()} == {"story", "story~2"}
    assert "story~2" in dataset.stderr
    report = cli("report", "--parquet", str(tmp_path / "ds"), "-o", str(tmp_path / "report"))
    assert report.returncode == 0, report.stderr
    assert len(list((tmp_path / "report" / "articles").glob("*.html"))) == 2
