"""Find direct-quote spans: pair quotation marks in raw text.

Works on characters, not tokens, and never looks at names or parses. Marks come from
``rules/quote_marks.txt``. Pairing is forgiving: a stray or unbalanced mark never
stops the document; a quote whose paragraph ends open and whose next paragraph
reopens is one multi-paragraph quote; a quote left open at a paragraph end without a
reopening is closed there and flagged ``closed=False`` so later stages can be strict.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from quotes.lexicon import QuoteMark

_LINE = re.compile(r"[^\r\n]+")  # a line ends at LF, CRLF or a lone CR
_OPEN_BEFORE = set(" \n([{\u2014\u2013-/:;") | {""}
_INCHES = re.compile(r"\d[\u2019']\d{1,2}\Z")  # 6’2” / 5'2": a height, not a quotation mark
_MAX_PARAGRAPHS = 12  # a quote reopened more often than this is treated as broken marks


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    role: str  # "open" or "close", after context is taken into account


@dataclass(frozen=True)
class DirectSpan:
    """A passage between quotation marks; ``start``/``end`` exclude the marks."""

    open_start: int
    start: int
    end: int
    close_end: int
    closed: bool


class Paragraphs:
    """Paragraph numbering (1-based) of a text: each non-blank line is a paragraph."""

    def __init__(self, text: str) -> None:
        # Lines with a non-space character (linear: no backtracking over long blank lines).
        spans = [(m.start(), m.end()) for m in _LINE.finditer(text) if not m.group().isspace()]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def number(self, offset: int) -> int:
        """Paragraph number of the character at ``offset`` (the nearest one before)."""
        return max(1, bisect.bisect_right(self.starts, offset))

    def bounds(self, number: int) -> tuple[int, int]:
        return self.starts[number - 1], self.ends[number - 1]

    def __len__(self) -> int:
        return len(self.starts)


def _role(text: str, start: int, end: int, glyph_role: str) -> str:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    opens = before in _OPEN_BEFORE or before in "\u201c\u2018\u00ab"
    closes = after == "" or after.isspace() or (not after.isalnum() and after not in "$#@(")
    word_before = before.isalnum() or before in ".,!?;:\u2019'%)"
    if glyph_role == "open":
        # A curly opener written after a word and before a space is a mistyped closer.
        return "close" if word_before and closes else "open"
    if glyph_role == "close":
        return "open" if opens and not closes else "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def find_marks(text: str, marks: tuple[QuoteMark, ...]) -> list[Mark]:
    """All double quotation marks in ``text``, each with its role from context."""
    first_chars = {m.glyph[0] for m in marks}
    found: list[Mark] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch not in first_chars:
            i += 1
            continue
        for m in marks:
            if text.startswith(m.glyph, i):
                end = i + len(m.glyph)
                if m.glyph == "''":
                    # A run of three apostrophes is a double mark beside a single one.
                    run = end
                    while run < n and text[run] == "'":
                        run += 1
                    if run - i == 3 and _role(text, i, run, "either") == "close":
                        i, end = i + 1, run
                    elif run - i > 3:
                        i = run
                        break
                if not _INCHES.search(text[max(0, i - 4):i]):
                    found.append(Mark(i, end, _role(text, i, end, m.role)))
                i = end
                break
        else:
            i += 1
    return found


def find_direct_spans(text: str, marks: tuple[QuoteMark, ...]) -> list[DirectSpan]:
    """Pair the quotation marks of ``text`` into quoted passages, in text order."""
    paragraphs = Paragraphs(text)
    spans: list[DirectSpan] = []
    found = find_marks(text, marks)
    opener: Mark | None = None
    opened_in = 0
    last_para = 0

    def close_open_at_paragraph_end() -> None:
        nonlocal opener
        if opener is None:
            return
        _, para_end = paragraphs.bounds(last_para)
        if para_end > opener.end:
            spans.append(DirectSpan(opener.start, opener.end, para_end, para_end, False))
        opener = None

    for mark in found:
        para = paragraphs.number(mark.start)
        para_start, _ = paragraphs.bounds(para) if len(paragraphs) else (0, 0)
        if opener is not None and para != last_para:
            at_para_start = text[para_start:mark.start].strip() == ""
            reopens = mark.role in ("open", "either") and at_para_start
            if not reopens or para - opened_in > _MAX_PARAGRAPHS:
                close_open_at_paragraph_end()
            else:
                last_para = para
                continue  # the quote runs on into this paragraph
        last_para = para
        role = mark.role
        if role == "either":
            role = "close" if opener is not None else "open"
        if role == "open":
            # An opener inside an open quote means the earlier mark was unbalanced.
            opener, opened_in = mark, para
        elif opener is not None:
            if mark.start > opener.end:
                spans.append(DirectSpan(opener.start, opener.end, mark.start, mark.end, True))
            opener = None
    close_open_at_paragraph_end()
    return spans


def normalise_marks(text: str, spans: list[DirectSpan]) -> str:
    """Same-length text with each paired mark rewritten as a curly “ or ”.

    Two-apostrophe marks become a space plus a curly mark, so the tokenizer and parser
    see ordinary quotation marks; offsets do not move.
    """
    chars = list(text)
    for span in spans:
        width = span.start - span.open_start
        chars[span.open_start:span.start] = [" "] * (width - 1) + ["\u201c"]
        if span.closed:
            width = span.close_end - span.end
            chars[span.end:span.close_end] = ["\u201d"] + [" "] * (width - 1)
    return "".join(chars)

