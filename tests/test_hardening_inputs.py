"""Hardening round 2: hostile inputs and outputs never crash a run, hang it, or put a
quote on the wrong article. Library calls where they suffice; the CLI where the exit code
and the one-line message are the behaviour."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_cli import EXAMPLES, quotes_cli

from quotes.export import write_quotes, write_speakers
from quotes.extract import Article, process_document
from quotes.html import speaker_colours, unique_slugs, write_site
from quotes.inputs import read_inputs
from quotes.records import DocumentResult, Quote, SpeakerSummary
from quotes.store import Store, StoreError

GOOD = "“We will rebuild the pier before the summer,” the mayor said on Monday."


def read(*paths: str | Path, warnings: list[str] | None = None) -> list[Article | DocumentResult]:
    return list(read_inputs([str(p) for p in paths], warn=warnings.append if warnings is not None else None))


def jsonl(tmp_path: Path, lines: list[bytes], name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


# -- JSONL records Python's json cannot take, and odd ids

def test_hostile_json_values_fail_their_line_alone(tmp_path: Path):
    good = json.dumps({"id": "ok", "text": GOOD}).encode()
    path = jsonl(tmp_path, [
        b'{"id": "big", "text": "x", "n": ' + b"9" * 5000 + b"}",
        b'{"id": "deep", "text": "x", "n": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"id": "sur", "text": "' + GOOD.encode() + b'", "title": "\\udfff"}',
        good,
    ])
    items = read(path)
    assert [i.doc_id for i in items if isinstance(i, Article)] == ["ok"]
    failed = [i for i in items if isinstance(i, DocumentResult)]
    assert [f.path for f in failed] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert "malformed JSON" in failed[0].error and "nested too deeply" in failed[1].error
    assert "lone surrogate" in failed[2].error and "title" in failed[2].error


def test_falsy_ids_are_kept_and_a_bom_does_not_cost_the_first_record(tmp_path: Path):
    path = jsonl(tmp_path, [
        b'\xef\xbb\xbf{"id": 0, "text": "A first text."}',
        b'{"id": false, "text": "A second text."}',
        b'{"id": "", "text": "A third text."}',
    ])
    assert [i.doc_id for i in read(path)] == ["0", "false", "in:3"]


def test_same_stem_in_two_folders_gets_two_ids(tmp_path: Path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"Story from {folder}.", encoding="utf-8")
    ids = [i.doc_id for i in read(tmp_path)]
    assert ids == ["a/story", "b/story"]


def test_duplicate_jsonl_ids_are_disambiguated_and_said(tmp_path: Path):
    path = jsonl(tmp_path, [json.dumps({"id": "x", "text": "One."}).encode(),
                            json.dumps({"id": "x", "text": "Two."}).encode()])
    warnings: list[str] = []
    assert [i.doc_id for i in read(path, warnings=warnings)] == ["x", "x~2"]
    assert len(warnings) == 1 and "x~2" in warnings[0] and str(path) in warnings[0]


def test_a_directory_1100_levels_deep_is_read(tmp_path: Path):
    (tmp_path / "top.txt").write_text("Top.", encoding="utf-8")
    deep = tmp_path
    for _ in range(1100):  # os.makedirs itself recurses too deep for this
        deep = deep / "d"
        deep.mkdir()
    (deep / "bottom.txt").write_text("Bottom.", encoding="utf-8")
    try:
        assert [i.doc_id for i in read(tmp_path)] == ["top", "bottom"]
    finally:  # pytest's own clean-up (shutil.rmtree) recurses too deep for this tree
        (deep / "bottom.txt").unlink()
        while deep != tmp_path:
            deep.rmdir()
            deep = deep.parent


def test_fifo_and_device_links_fail_without_blocking(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    items = read(tmp_path)
    failed = {Path(i.path).name: i.error for i in items if isinstance(i, DocumentResult)}
    assert set(failed) == {"pipe.txt", "zero.txt"}
    assert all("not a regular file" in reason for reason in failed.values())
    assert any(isinstance(i, Article) and i.doc_id == "good" for i in items)


def test_symlinked_directory_is_followed_and_a_loop_is_said(tmp_path: Path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "one.txt").write_text("One.", encoding="utf-8")
    (real / "loop").symlink_to(real)
    (tmp_path / "link").symlink_to(real)
    items = read(tmp_path)
    assert [i.doc_id for i in items if isinstance(i, Article)] == ["one"]
    assert any(isinstance(i, DocumentResult) and "loop" in i.error for i in items)


def test_lone_cr_line_ends_number_paragraphs():
    text = "The council met.\r“We will vote,” she said.\rThe end.\r“It passed,” he said."
    paragraphs = [q.paragraph for q in process_document(Article("cr", text, "cr.txt")).quotes]
    assert paragraphs == [2, 4]


# -- outputs

def _quote(**fields) -> Quote:
    base = dict(doc_id="d", quote_id="d:1", type="direct", text="x", start=0, end=1, paragraph=1, speaker="S",
                speaker_kind="person", speaker_titles=(), speaker_mention=None, speaker_start=None, speaker_end=None,
                cue=None, cue_start=None, cue_end=None, attribution="cue")
    return Quote(**{**base, **fields})


def test_csv_quotes_a_bare_cr_and_guards_formulas_after_whitespace():
    out = io.StringIO()
    write_quotes([_quote(source="Wire\r@SUM(1+1)", title=" =HYPERLINK(1)", url="\uff1dcmd", text="-5")], "csv", out)
    rows = list(__import__("csv").reader(io.StringIO(out.getvalue(), newline="")))
    assert len(rows) == 2  # the CR stays inside its quoted field
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["source"] == "Wire\r@SUM(1+1)"
    assert row["title"].startswith("'") and row["url"].startswith("'")
    assert row["text"] == "-5"  # a number is no formula


def test_table_output_never_writes_control_characters():
    evil = "\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07"
    out = io.StringIO()
    write_quotes([_quote(doc_id=evil, text=evil, speaker=evil)], "table", out)
    write_speakers([SpeakerSummary(evil, "person", (evil,), 1, 1, ((evil, 1),))], "table", out)
    assert not any(ch in out.getvalue() for ch in "\x1b\x07\x9b")


def test_report_pages_never_share_a_file_and_colours_survive_escaping(tmp_path: Path):
    ids = ["Doc A", "doc-a", "北京", "上海"]
    assert len(set(unique_slugs(ids).values())) == 4
    quote = _quote(doc_id="北京", speaker="Sean O'Brien", text="We", start=0, end=2)
    table = [SpeakerSummary("Sean O'Brien", "person", (), 1, 1, (("北京", 1),))]
    written = write_site(tmp_path, {d: ("We won.", None) for d in ids}, [quote], table, {"Sean O'Brien": "o"})
    assert len([p for p in written if p.parent.name == "articles"]) == 4
    page = next(p for p in written if p.parent.name == "articles" and "O&#x27;Brien" in p.read_text())
    colour = speaker_colours(table)["Sean O'Brien"]
    assert page.read_text().count(colour) >= 2  # his highlight, not the unknown grey


# -- the store

def test_foreign_or_damaged_sqlite_is_refused_untouched(tmp_path: Path):
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE accounts (id INTEGER)")
    db.close()
    before = foreign.read_bytes()
    with pytest.raises(StoreError, match="another application"):
        Store(foreign, "speech")
    assert foreign.read_bytes() == before
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    with pytest.raises(StoreError, match="damaged"):
        Store(damaged, "speech")


def test_query_needs_an_existing_store_and_works_read_only(tmp_path: Path):
    missing = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="no such store"):
        Store(missing, readonly=True)
    assert not missing.exists()
    path = tmp_path / "q.db"
    Store(path, "speech").close()
    path.chmod(0o444)
    try:
        with Store(path, readonly=True) as store:
            assert store.count() == 0
    finally:
        path.chmod(0o644)


# -- the command line: exit codes and one-line messages

def test_same_text_under_two_ids_is_two_documents_in_a_store(tmp_path: Path):
    src = jsonl(tmp_path, [json.dumps({"id": i, "text": GOOD, "source": s}).encode()
                           for i, s in (("nyt-1", "NYT"), ("ft-1", "FT"))])
    db = tmp_path / "s.db"
    run = quotes_cli("extract", str(src), "--db", str(db), "-f", "jsonl")
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.decode().splitlines()]
    assert sorted((r["doc_id"], r["source"]) for r in rows) == [("ft-1", "FT"), ("nyt-1", "NYT")]
    assert "2 documents" in run.stderr.decode()


def test_closed_stdin_and_bad_output_paths_are_one_line_errors(tmp_path: Path):
    closed = subprocess.run(f"{sys.executable} -m quotes extract - --workers 1 <&-", shell=True, cwd=ROOT,
                            capture_output=True)
    assert closed.returncode == 1 and b"Traceback" not in closed.stderr
    assert b"standard input is closed" in closed.stderr
    to_dir = quotes_cli("extract", str(EXAMPLES / "wheat_export_talks.txt"), "-o", str(tmp_path))
    assert to_dir.returncode == 2 and b"Traceback" not in to_dir.stderr and b"directory" in to_dir.stderr
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    report = quotes_cli("report", str(EXAMPLES / "wheat_export_talks.txt"), "-o", str(a_file))
    assert report.returncode == 2 and b"not a directory" in report.stderr
    if Path("/dev/full").exists():
        full = quotes_cli("extract", str(EXAMPLES / "wheat_export_talks.txt"), "-f", "csv", "-o", "/dev/full")
        assert full.returncode == 2 and b"Traceback" not in full.stderr


def test_report_into_an_old_report_removes_what_this_run_does_not_write(tmp_path: Path):
    out = tmp_path / "report"
    (out / "speakers").mkdir(parents=True)
    (out / "articles").mkdir()
    (out / "speakers" / "someone-gone.csv").write_text("old", encoding="utf-8")
    (out / "articles" / "old-story.html").write_text("old", encoding="utf-8")
    run = quotes_cli("report", str(EXAMPLES / "wheat_export_talks.txt"), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert not (out / "speakers" / "someone-gone.csv").exists()
    assert not (out / "articles" / "old-story.html").exists()
    assert (out / "articles" / "wheat-export-talks.html").exists()


# -- HTML and pathological documents: parsed, not guessed at; linear time

def _within(seconds: int):
    """Fail (instead of hanging CI) if the block takes longer than ``seconds``."""
    import contextlib
    import signal

    @contextlib.contextmanager
    def guard():
        def timeout(*_):
            raise TimeoutError(f"took over {seconds} s: not linear any more")
        old = signal.signal(signal.SIGALRM, timeout)
        signal.alarm(seconds)
        try:
            yield
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)
    return guard()


def test_html_attribute_with_gt_and_unterminated_script_leak_no_markup():
    page = ('<!DOCTYPE html><html><body><p title="a > “b” said DOCTYPE">“The pier will reopen,” '
            'Mayor Ana Cole said.</p><script>var s = "“never a quote,” said the script";')
    quotes = process_document(Article("page", page, "page.html")).quotes
    assert [(q.text, q.speaker) for q in quotes] == [("The pier will reopen,", "Ana Cole")]


@pytest.mark.parametrize("name,text", [
    ("unclosed comments", "<html><body><p>“Real words here,” Ana Cole said.</p>" + "x <!-- y " * 100_000),
    ("unmatched marks", "“ " * 25_000),
    ("short quoted words", "“a” " * 25_000),
    ("marks runs", "Ana Cole said ''''''''''''''''''''" * 2_000),
])
def test_pathological_documents_finish(name: str, text: str):
    with _within(120):
        result = process_document(Article("p", text, "p.txt"))
    assert result.error is None
    if name == "unclosed comments":
        assert [q.text for q in result.quotes] == ["Real words here,"]


def test_a_quotation_longer_than_a_parse_chunk_is_kept_whole():
    quote = "We will build it. " * 8000  # 144,000 characters
    text = f"The council met.\n“{quote}” the mayor said.\nShe left."
    [q] = process_document(Article("long", text, "long.txt")).quotes
    assert q.text == quote and q.start == text.index("We will") and q.speaker == "the mayor"


def test_stdin_starting_with_a_brace_is_an_article_unless_every_line_is_jsonl():
    article = "{Update} “We will rebuild the pier,” the mayor said on Monday."
    run = quotes_cli("extract", "-", "-f", "jsonl", stdin=article.encode())
    assert run.returncode == 0, run.stderr
    [row] = [json.loads(line) for line in run.stdout.decode().splitlines()]
    assert row["doc_id"] == "stdin" and "We will rebuild the pier," in row["text"] and row["speaker"] == "the mayor"


def test_a_nul_byte_anywhere_means_binary(tmp_path: Path):
    path = tmp_path / "late.txt"
    path.write_bytes(b"Plain words. " * 2000 + b"\x00" + b"more")
    [item] = read(path)
    assert isinstance(item, DocumentResult) and "NUL byte at offset 26000" in item.error


def test_every_read_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import quotes.inputs as inputs

    monkeypatch.setattr(inputs, "MAX_BYTES", 1000)
    big = tmp_path / "big.jsonl"
    big.write_bytes(json.dumps({"id": "huge", "text": "x" * 5000}).encode() + b"\n"
                    + json.dumps({"id": "ok", "text": "Fine."}).encode() + b"\n")
    items = read(big)
    assert [type(i).__name__ for i in items] == ["DocumentResult", "Article"]
    assert "too large" in items[0].error
    (tmp_path / "big.txt").write_text("y" * 5000, encoding="utf-8")
    [text] = read(tmp_path / "big.txt")
    assert isinstance(text, DocumentResult) and "too large" in text.error
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"z" * 5000)))
    [stdin] = read("-")
    assert isinstance(stdin, DocumentResult) and "too large" in stdin.error
