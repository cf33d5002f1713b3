"""The SQLite store: append as documents finish, resume after a kill, query without parsing."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT
from test_cli import EXAMPLES, quotes_cli


def _corpus(d: Path, n: int) -> None:
    d.mkdir()
    base = (EXAMPLES / "harbor_bridge_vote.txt").read_text(encoding="utf-8")
    for i in range(n):
        (d / f"doc{i:03d}.txt").write_text(f"Bulletin {i}.\n{base}", encoding="utf-8")


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db) as con:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # polled while the run creates the file, before its tables
        return 0


def test_killed_run_resumes_with_every_document_once(tmp_path: Path):
    src, db = tmp_path / "in", tmp_path / "q.db"
    _corpus(src, 40)
    cmd = [sys.executable, "-m", "quotes", "extract", str(src), "--db", str(db), "-f", "jsonl", "-o",
           str(tmp_path / "first.jsonl"), "--workers", "1", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and (not db.exists() or _stored(db) < 3):
        time.sleep(0.2)
    proc.kill()
    proc.wait()
    partial = _stored(db)
    assert 0 < partial < 40
    run = quotes_cli("extract", str(src), "--db", str(db), "-f", "jsonl")
    assert run.returncode == 0
    assert f"({partial} already in" in run.stderr.decode()
    rows = [json.loads(line) for line in run.stdout.decode().splitlines()]
    per_doc = {}
    for r in rows:
        per_doc.setdefault(r["doc_id"], set()).add(r["quote_id"])
    assert sorted(per_doc) == [f"doc{i:03d}" for i in range(40)]
    one = len(per_doc["doc000"])
    assert all(len(ids) == one for ids in per_doc.values())
    assert len(rows) == 40 * one  # nothing duplicated
    assert _stored(db) == 40


def test_store_answers_queries_without_inputs(tmp_path: Path):
    db = tmp_path / "q.db"
    assert quotes_cli("extract", str(EXAMPLES), "--db", str(db), "-f", "jsonl").returncode == 0
    run = quotes_cli("extract", "--db", str(db), "--speaker", "Vasquez", "-f", "jsonl")
    rows = [json.loads(line) for line in run.stdout.decode().splitlines()]
    assert rows and {r["speaker"] for r in rows} == {"Elena Vasquez"}
    table = json.loads(quotes_cli("speakers", "--db", str(db), "-f", "json").stdout)
    assert table[0]["speaker"] == "Elena Vasquez" and table[0]["quotes"] == 4
    direct = quotes_cli("speakers", str(EXAMPLES), "-f", "json").stdout
    assert json.loads(direct) == table


def test_no_inputs_and_no_store_is_a_usage_error():
    assert quotes_cli("extract").returncode == 2


def test_a_store_keeps_one_scope(tmp_path: Path):
    db = tmp_path / "q.db"
    assert quotes_cli("extract", str(EXAMPLES), "--db", str(db), "-o", str(tmp_path / "a.jsonl")).returncode == 0
    run = quotes_cli("extract", str(EXAMPLES), "--db", str(db), "--scope", "all")
    assert run.returncode == 2
    assert b"--scope speech" in run.stderr
    # Querying needs no scope.
    assert quotes_cli("extract", "--db", str(db), "-f", "jsonl").returncode == 0
