"""The command line on real files: formats, filters, reports, bad input and exit codes."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

EXAMPLES = ROOT / "examples"


def quotes_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "quotes", *args, "--workers", "1"],
                          capture_output=True, input=stdin, cwd=ROOT)


def test_extract_jsonl_fields_and_speaker_filter():
    run = quotes_cli("extract", str(EXAMPLES), "--format", "jsonl", "--speaker", "Vasquez")
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.decode().splitlines()]
    assert rows and {r["speaker"] for r in rows} == {"Elena Vasquez"}
    text = (EXAMPLES / "harbor_bridge_vote.txt").read_text(encoding="utf-8")
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]
        assert {"doc_id", "quote_id", "paragraph", "speaker_kind", "speaker_titles", "cue", "attribution"} <= set(r)
    assert "Mayor" in rows[0]["speaker_titles"]


def test_type_filter_and_table_format():
    run = quotes_cli("extract", str(EXAMPLES), "--format", "table", "--type", "mixed")
    assert run.returncode == 0
    out = run.stdout.decode()
    assert "mixed" in out and "indirect" not in out


def test_output_is_deterministic(tmp_path: Path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert quotes_cli("extract", str(EXAMPLES), "-f", "json", "-o", str(a)).returncode == 0
    assert quotes_cli("extract", str(EXAMPLES), "-f", "json", "-o", str(b)).returncode == 0
    assert a.read_bytes() == b.read_bytes()


def test_report_writes_csvs(tmp_path: Path):
    run = quotes_cli("report", str(EXAMPLES), "-o", str(tmp_path / "rep"))
    assert run.returncode == 0, run.stderr
    with (tmp_path / "rep" / "quotes.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and rows[0]["doc_id"]
    with (tmp_path / "rep" / "speakers.csv").open(encoding="utf-8", newline="") as fh:
        speakers = {r["speaker"]: r for r in csv.DictReader(fh)}
    assert speakers["Elena Vasquez"]["kind"] == "person"


def test_speakers_json():
    run = quotes_cli("speakers", str(EXAMPLES), "-f", "json")
    table = json.loads(run.stdout)
    assert {"speaker", "kind", "titles", "quotes", "documents"} <= set(table[0])
    assert table[0]["quotes"] >= table[-1]["quotes"]


def test_bad_inputs_are_named_and_the_batch_goes_on(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"%PDF-1.4\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes("Le café “était” fermé, a-t-il dit.".encode("cp1252"))
    (tmp_path / "good.txt").write_text("“We will rebuild the pier,” the mayor said.", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    run = quotes_cli("extract", str(tmp_path), "--format", "jsonl", "--errors", str(errors))
    assert run.returncode == 1
    err = run.stderr.decode()
    for name in ("empty.txt", "binary.txt", "latin1.txt"):
        assert sum(name in line for line in err.splitlines()) == 1
    assert "Traceback" not in err
    assert "4 documents, 1 quotes, 3 failed" in err
    assert json.loads(run.stdout.decode().splitlines()[0])["doc_id"] == "good"
    assert len(errors.read_text().splitlines()) == 3


def test_stdin_and_missing_path():
    run = quotes_cli("extract", "-", "-f", "jsonl", stdin="“Fine,” she said.".encode())
    assert run.returncode == 0
    run = quotes_cli("extract", "does/not/exist.txt", "-f", "jsonl")
    assert run.returncode == 1
    assert b"does/not/exist.txt: no such file or directory" in run.stderr


def test_jsonl_input_carries_metadata(tmp_path: Path):
    src = tmp_path / "articles.jsonl"
    src.write_text(json.dumps({"id": "a1", "text": "The mayor said the bridge would reopen in May.",
                               "source": "Gazette", "url": "https://example.org/a1"}) + "\n{not json\n")
    run = quotes_cli("extract", str(src), "-f", "jsonl")
    assert run.returncode == 1
    row = json.loads(run.stdout.decode().splitlines()[0])
    assert (row["doc_id"], row["source"], row["url"]) == ("a1", "Gazette", "https://example.org/a1")
    assert f"{src}:2" in run.stderr.decode()


def test_usage_error_exit_code():
    assert quotes_cli("extract", str(EXAMPLES), "--format", "xml").returncode == 2


def test_output_is_identical_for_any_worker_count(tmp_path: Path):
    one = subprocess.run([sys.executable, "-m", "quotes", "extract", str(EXAMPLES), "-f", "csv", "--workers", "1"],
                         capture_output=True, cwd=ROOT).stdout
    two = subprocess.run([sys.executable, "-m", "quotes", "extract", str(EXAMPLES), "-f", "csv", "--workers", "2"],
                         capture_output=True, cwd=ROOT).stdout
    assert one == two and one.count(b"\n") > 10
