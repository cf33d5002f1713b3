"""Per-speaker views and the HTML report, checked with an HTML parser."""

from __future__ import annotations

import csv
import json
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT
from test_cli import EXAMPLES, quotes_cli


class _Collect(HTMLParser):
    """Text of every displaCy span label and every external reference in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[str] = []
        self.external: list[str] = []
        self._in_label = 0
        self._buf = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("src", "href"):
            if a.get(key) and ("//" in a[key] or a[key].startswith("http")):
                self.external.append(a[key])
        if tag == "link" or (tag == "script" and a.get("src")):
            self.external.append(str(a))
        if tag == "span" and "background" in (a.get("style") or "") and "position: absolute" in (a.get("style") or ""):
            self._in_label += 1
            self._buf = ""

    def handle_data(self, data):
        if self._in_label:
            self._buf += data

    def handle_endtag(self, tag):
        if tag == "span" and self._in_label:
            self._in_label -= 1
            if self._buf.strip():
                self.labels.append(" ".join(self._buf.split()))


def test_report_html_highlights_every_quote_with_its_speaker(tmp_path: Path):
    out = tmp_path / "rep"
    assert quotes_cli("report", str(EXAMPLES), "-o", str(out)).returncode == 0
    quotes = list(csv.DictReader((out / "quotes.csv").open(encoding="utf-8", newline="")))
    pages = {p.stem: p.read_text(encoding="utf-8") for p in (out / "articles").glob("*.html")}
    assert set(pages) == {p.stem.replace("_", "-") for p in EXAMPLES.glob("*.txt")}  # one page per article
    for page_name, page in pages.items():
        parser = _Collect()
        parser.feed(page)
        assert parser.external == []
        doc_quotes = [q for q in quotes if q["doc_id"].replace("_", "-") == page_name]
        for n, q in enumerate(doc_quotes, 1):
            assert f"{n} · {q['speaker'] or 'unknown speaker'}" in parser.labels
    index = _Collect()
    index.feed((out / "index.html").read_text(encoding="utf-8"))
    assert index.external == []


def test_report_writes_one_csv_per_speaker(tmp_path: Path):
    out = tmp_path / "rep"
    assert quotes_cli("report", str(EXAMPLES), "-o", str(out)).returncode == 0
    rows = list(csv.DictReader((out / "speakers" / "elena-vasquez.csv").open(encoding="utf-8", newline="")))
    assert len(rows) == 4 and {r["speaker"] for r in rows} == {"Elena Vasquez"}
    assert (out / "speakers" / "tomas-ibarra.csv").exists()


def test_speakers_detail_json_and_filters():
    run = quotes_cli("speakers", str(EXAMPLES), "--detail", "-f", "json", "--min-quotes", "3")
    items = json.loads(run.stdout)
    assert items and all(len(i["quotes"]) >= 3 for i in items)
    assert items[0]["quotes"][0]["text"]
    run = quotes_cli("speakers", str(EXAMPLES), "--detail", "-f", "table", "--speaker", "Ibarra")
    out = run.stdout.decode()
    assert "Tomás Ibarra (person)" in out and "Elena Vasquez" not in out


def test_article_text_is_escaped(tmp_path: Path):
    src = tmp_path / "a.txt"
    src.write_text("“<script>alert(1)</script> is not allowed here,” the mayor said on Monday.", encoding="utf-8")
    out = tmp_path / "rep"
    assert quotes_cli("report", str(src), "-o", str(out)).returncode == 0
    page = (out / "articles" / "a.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page


def test_readme_screenshot_exists():
    assert (ROOT / "docs" / "report-article.png").exists()
