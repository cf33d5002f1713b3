"""Bad input never crashes a run or loses a document; output is safe and deterministic."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cli import EXAMPLES, quotes_cli

from quotes.export import write_quotes
from quotes.extract import Article, process_document
from quotes.records import Quote

GOOD = "“We will rebuild the pier before the summer,” the mayor said on Monday."


def run_dir(tmp_path: Path, files: dict[str, bytes]) -> tuple[subprocess.CompletedProcess[bytes], list[dict]]:
    d = tmp_path / "in"
    d.mkdir(exist_ok=True)
    for name, data in files.items():
        (d / name).write_bytes(data)
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    run = quotes_cli("extract", str(d), "-f", "jsonl", "--errors", str(errors))
    assert b"Traceback" not in run.stderr
    rows = [json.loads(line) for line in run.stdout.decode().splitlines()]
    assert any(r["doc_id"] == "good" for r in rows), "the good document was lost"
    return run, rows


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty document"),
    ("blank.txt", b"  \n\t \n", "empty document"),
    ("doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (a PDF file)"),
    ("img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image)"),
    ("latin1.txt", "“Où est le café?” a-t-il demandé.".encode("cp1252"), "not valid UTF-8"),
])
def test_bad_file_fails_alone_with_one_line(tmp_path: Path, name: str, data: bytes, reason: str):
    run, _ = run_dir(tmp_path, {name: data})
    assert run.returncode == 1
    lines = [ln for ln in run.stderr.decode().splitlines() if name in ln]
    assert len(lines) == 1 and reason in lines[0]
    assert "2 documents, 1 quotes, 1 failed" in run.stderr.decode()
    failure = json.loads((tmp_path / "errors.jsonl").read_text())
    assert failure["path"].endswith(name) and reason in failure["reason"]


def test_bom_and_crlf_keep_exact_offsets(tmp_path: Path):
    text = "\ufeffThe mayor spoke.\r\n\r\n“We will rebuild the pier,” she said.\r\nThe end."
    run, rows = run_dir(tmp_path, {"crlf.txt": text.encode("utf-8")})
    assert run.returncode == 0
    q = next(r for r in rows if r["doc_id"] == "crlf")
    assert text[q["start"]:q["end"]] == q["text"] == "We will rebuild the pier,"
    assert q["paragraph"] == 2


def test_huge_file_is_refused_by_name(tmp_path: Path):
    big = tmp_path / "in"
    big.mkdir()
    with (big / "huge.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    run, _ = run_dir(tmp_path, {})
    assert run.returncode == 1
    assert "huge.txt: file too large" in run.stderr.decode()


def test_one_two_megabyte_line_is_processed_in_chunks():
    text = ("x" * 2_000_000) + " " + GOOD
    r = process_document(Article("long", text, "long.txt"))
    assert r.error is None
    assert [q.text for q in r.quotes] == ["We will rebuild the pier before the summer,"]
    assert r.quotes[0].start == text.index("We will")


def test_html_markup_is_never_a_quote(tmp_path: Path):
    page = ('<!DOCTYPE html><html><head><title>t</title><style>p{font:"x"}</style>'
            '<script>var s = "a long string that looks like a quote in the script";</script></head>'
            '<body><p class="lead" data-x="“not a quote at all, just an attribute value”">'
            f"{GOOD}</p><p>More &amp; more.</p></body></html>")
    r = process_document(Article("page", page, "page.html"))
    assert [q.text for q in r.quotes] == ["We will rebuild the pier before the summer,"]
    assert page[r.quotes[0].start:r.quotes[0].end] == r.quotes[0].text


@pytest.mark.parametrize("text", [
    "“Only openers “ here and “ there, she said.",
    "He said “this one opens.\nAnd “this ‘one’ nests” but ’s and don’t are apostrophes” she said.",
    "» reversed « marks » and ” closers first “ she said.",
])
def test_odd_marks_never_crash(text: str):
    r = process_document(Article("odd", text, "odd.txt"))
    assert r.error is None
    for q in r.quotes:
        assert text[q.start:q.end] == q.text


@pytest.mark.parametrize("name", ["Ann  Cole", "Ann \u00adCole"])
def test_a_name_with_a_double_space_or_a_soft_hyphen_is_one_name(name: str):
    # Text pasted from a layout: two spaces, or a soft hyphen (a line-break hint) by a space.
    text = f"“We will rebuild the pier before the summer,” said Senator {name}, the chair of the committee."
    r = process_document(Article("spaces", text, "spaces.txt"))
    assert [(q.speaker, text[q.start:q.end] == q.text) for q in r.quotes] == [("Ann Cole", True)]


def test_quote_of_thousands_of_words():
    body = " ".join(["We will keep building until the work is done."] * 400)
    text = f"“{body}” the mayor said."
    r = process_document(Article("long", text, "long.txt"))
    assert len(r.quotes) == 1 and r.quotes[0].text == body and r.quotes[0].speaker == "the mayor"


def test_ten_thousand_small_files(tmp_path: Path):
    d = tmp_path / "many"
    for i in range(100):
        sub = d / f"{i:02d}"
        sub.mkdir(parents=True)
        for j in range(100):
            (sub / f"a{i:02d}{j:02d}.txt").write_text(f"Item {j}. “Fine,” she said.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run = subprocess.run([sys.executable, "-m", "quotes", "extract", str(d), "-f", "jsonl", "-o", str(out)],
                         capture_output=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-500:]
    assert "10000 documents, 10000 quotes, 0 failed" in run.stderr.decode()
    ids = [json.loads(line)["doc_id"] for line in out.open(encoding="utf-8")]
    assert ids == sorted(ids) and len(set(ids)) == 10000


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path: Path):
    locked = tmp_path / "in" / "locked.txt"
    locked.parent.mkdir()
    locked.write_text(GOOD)
    locked.chmod(0)
    run, _ = run_dir(tmp_path, {})
    assert run.returncode == 1 and "locked.txt: cannot be read" in run.stderr.decode()


# ------------------------------------------------------------------ properties

_ALPHABET = st.sampled_from([*"abc XYZ.,;:!?\n“”‘’\"'«»-—", "''", " said ", " he ", " Mr. Lee ", "that "])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_ALPHABET, st.text(max_size=6)), max_size=40).map("".join))
def test_any_text_gives_valid_non_overlapping_quotes(text: str):
    first = process_document(Article("p", text, "p.txt"))
    if not text.strip():
        assert first.error == "empty document"
        return
    assert first.error is None
    previous_end = -1
    for q in first.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.start >= previous_end
        previous_end = q.end
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)
        if q.cue_start is not None:
            assert 0 <= q.cue_start < q.cue_end <= len(text)
    assert process_document(Article("p", text, "p.txt")) == first


def test_txt_and_jsonl_give_the_same_quotes(tmp_path: Path):
    text = (EXAMPLES / "harbor_bridge_vote.txt").read_text(encoding="utf-8")
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "harbor_bridge_vote", "text": text}) + "\n", encoding="utf-8")
    as_txt = quotes_cli("extract", str(EXAMPLES / "harbor_bridge_vote.txt"), "-f", "jsonl").stdout
    as_jsonl = quotes_cli("extract", str(src), "-f", "jsonl").stdout
    assert as_txt == as_jsonl and as_txt


# ------------------------------------------------------------------ output safety


def _quote(text: str, speaker: str) -> Quote:
    return Quote("d", "d:1", "direct", text, 0, len(text), 1, speaker, "person", ("=title",), None, None, None,
                 None, None, None, "cue")


def test_csv_neutralises_formulas_and_round_trips():
    quotes = [_quote('=HYPERLINK("http://x","y")', "+Evil"), _quote('He said, "hi",\nthen left', "@bob"),
              _quote("-5", "Ann")]
    buf = io.StringIO()
    write_quotes(quotes, "csv", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert rows[0]["text"] == "'=HYPERLINK(\"http://x\",\"y\")" and rows[0]["speaker"] == "'+Evil"
    assert rows[1]["text"] == 'He said, "hi",\nthen left' and rows[1]["speaker"] == "'@bob"
    assert rows[0]["speaker_titles"] == "'=title"
    assert rows[2]["text"] == "-5"  # numbers stay numbers


def test_interrupted_run_leaves_no_partial_output(tmp_path: Path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(400):
        (d / f"a{i:03d}.txt").write_text((EXAMPLES / "harbor_bridge_vote.txt").read_text(encoding="utf-8"))
    out = tmp_path / "quotes.csv"
    proc = subprocess.Popen([sys.executable, "-m", "quotes", "extract", str(d), "-f", "csv", "-o", str(out),
                             "--workers", "1"], cwd=ROOT, stderr=subprocess.DEVNULL)
    time.sleep(8)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not out.exists()
