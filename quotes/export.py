"""Write quotes and speaker tables as a terminal table, CSV, JSON or JSONL.

No NLP here: plain records in, bytes out. Output is deterministic (fixed column
order, sorted keys where order is not given, ``\\n`` line ends). CSV cells that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``) get a
leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from tabulate import tabulate

from quotes.records import Quote, SpeakerSummary

FORMATS = ("table", "csv", "json", "jsonl")
QUOTE_COLUMNS = (
    "doc_id", "quote_id", "type", "text", "start", "end", "paragraph", "speaker", "speaker_kind",
    "speaker_titles", "speaker_mention", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end",
    "attribution", "source", "title", "date", "url", "speaker_id", "quote_group",
)
SPEAKER_COLUMNS = ("speaker", "kind", "titles", "quotes", "documents", "where", "speaker_id")
# A spreadsheet runs a cell as a formula when it starts with one of these, also after
# leading spaces, tabs or line breaks, and in their full-width forms.
_FORMULA = re.compile(r"^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]")
# C0 and C1 control characters (but tab and line feed): never written raw to a terminal,
# where ESC sequences retitle it, clear it or write the clipboard.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters replaced by U+FFFD, for terminal output."""
    return _CONTROL.sub("\ufffd", text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if _FORMULA.match(text) and not _is_number(text):
        text = "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _where(rows: Sequence[tuple[str, int]]) -> str:
    by_doc: dict[str, list[int]] = {}
    for doc, para in rows:
        by_doc.setdefault(doc, []).append(para)
    return "; ".join(f"{d} ¶{','.join(str(p) for p in ps)}" for d, ps in by_doc.items())


def _short(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return textwrap.shorten(text, width, placeholder=" …") if len(text) > width else text


def _csv(rows: Iterable[Sequence[Any]], header: Sequence[str], out: TextIO) -> None:
    """RFC 4180 quoting (every field holding a CR, LF, comma or quote is quoted, a bare CR
    too), rows ended by ``\\n``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # CR and LF both make a field quoted
    for row in (list(header), *([_cell(v) for v in r] for r in rows)):
        writer.writerow(row)
        out.write(buffer.getvalue()[:-2] + "\n")
        buffer.seek(0)
        buffer.truncate()


def write_quotes(quotes: Iterable[Quote], fmt: str, out: TextIO) -> int:
    """Write quotes in ``fmt``; returns how many were written."""
    n = 0
    if fmt == "jsonl":
        for q in quotes:
            out.write(json.dumps(q.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        items = [q.to_dict() for q in quotes]
        out.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
        n = len(items)
    elif fmt == "csv":
        rows = [[q.to_dict()[c] for c in QUOTE_COLUMNS] for q in quotes]
        _csv(rows, QUOTE_COLUMNS, out)
        n = len(rows)
    else:
        rows = [[q.doc_id, q.paragraph, q.type, _short(q.speaker or "—", 28), q.attribution,
                 _short(q.text, 70)] for q in quotes]
        out.write(printable(tabulate(rows, headers=["doc", "¶", "type", "speaker", "found by", "quote"],
                                     tablefmt="simple")) + "\n")
        n = len(rows)
    return n


def write_speakers(table: Sequence[SpeakerSummary], fmt: str, out: TextIO) -> None:
    if fmt == "jsonl":
        for s in table:
            out.write(json.dumps(s.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "json":
        out.write(json.dumps([s.to_dict() for s in table], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        _csv(([s.speaker, s.kind, list(s.titles), s.quotes, s.documents, _where(s.where), s.speaker_id]
              for s in table), SPEAKER_COLUMNS, out)
    else:
        ids = any(s.speaker_id for s in table)  # the id column only with a --people file
        rows = [[s.speaker, *([s.speaker_id or ""] if ids else []), s.kind, _short("; ".join(s.titles), 40),
                 s.quotes, s.documents, _short(_where(s.where), 50)] for s in table]
        headers = ["speaker", *(["id"] if ids else []), "kind", "titles", "quotes", "docs", "where"]
        out.write(printable(tabulate(rows, headers=headers, tablefmt="simple")) + "\n")



DETAIL_COLUMNS = ("speaker", "kind", "titles", "doc_id", "title", "paragraph", "type", "cue", "attribution",
                  "start", "end", "text", "speaker_id", "quote_group")


def _detail_rows(speaker: SpeakerSummary, quotes: Sequence[Quote]) -> list[list[Any]]:
    return [[speaker.speaker, speaker.kind, list(speaker.titles), q.doc_id, q.title, q.paragraph, q.type, q.cue,
             q.attribution, q.start, q.end, q.text, speaker.speaker_id, q.quote_group] for q in quotes]


def remarks(quotes: Sequence[Quote]) -> list[list[Quote]]:
    """Quotes grouped by ``quote_group``: each remark once, with every place it appeared
    (two outlets carrying the same words), in order of first appearance."""
    groups: dict[str, list[Quote]] = {}
    for q in quotes:
        groups.setdefault(q.quote_group or q.quote_id, []).append(q)
    return list(groups.values())


def write_speaker_detail(table: Sequence[SpeakerSummary], quotes_by_speaker: dict[str, list[Quote]],
                         fmt: str, out: TextIO, width: int = 72) -> None:
    """Per-speaker view: a heading per speaker, then every quote with document, paragraph,
    type and cue (shortened on a terminal, complete in CSV/JSON)."""
    if fmt == "csv":
        _csv((row for s in table for row in _detail_rows(s, quotes_by_speaker[s.speaker])), DETAIL_COLUMNS, out)
        return
    if fmt in ("json", "jsonl"):
        items = [{**s.to_dict(), "quotes": [q.to_dict() for q in quotes_by_speaker[s.speaker]],
                  "n_quotes": s.quotes} for s in table]
        if fmt == "json":
            out.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
        else:
            for item in items:
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
        return
    for s in table:
        titles = f" — {'; '.join(s.titles)}" if s.titles else ""
        ident = f" [{s.speaker_id}]" if s.speaker_id else ""
        out.write(printable(f"\n{s.speaker}{ident} ({s.kind}){titles}\n"))
        out.write(f"{s.quotes} quotes in {s.documents} documents\n")
        rows = [["\n".join(f"{q.title or q.doc_id} ¶{q.paragraph}" for q in group), group[0].type,
                 group[0].cue or "", textwrap.fill(" ".join(group[0].text.split()), width)]
                for group in remarks(quotes_by_speaker[s.speaker])]
        out.write(printable(tabulate(rows, headers=["where", "type", "cue", "quote"], tablefmt="simple")) + "\n")
