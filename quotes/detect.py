"""Find direct-quote spans: pair quotation marks in raw text.

Works on characters, not tokens, and never looks at names or parses. Marks come from
``rules/quote_marks.txt``; a story that quotes with single marks, as British outlets do,
is first rewritten in the usual style (``british_marks``, ``rules/single_quote_marks.txt``).
Pairing is forgiving: a stray or unbalanced mark never stops the document; a quote whose
paragraph ends open and whose next paragraph reopens is one multi-paragraph passage
(``quotes.link`` reports it as one quote per paragraph); a quote left open at a paragraph
end without a reopening is closed there and flagged ``closed=False`` so later stages can
be strict. A quote of the other glyph inside an open one (“… titled "Losing" but …”) is part
of it; ``normalise_marks`` writes its marks as single ones for the later stages.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from quotes.lexicon import QuoteMark
from quotes.spans import word_count

_LINE = re.compile(r"[^\r\n]+")  # a line ends at LF, CRLF or a lone CR
_OPEN_BEFORE = set(" \n([{\u2014\u2013-/:;") | {""}
_INCHES = re.compile(r"\d[\u2019']\d{1,2}\Z")  # 6’2” / 5'2": a height, not a quotation mark
_MAX_PARAGRAPHS = 12  # a quote reopened more often than this is treated as broken marks
_MIN_BRITISH_QUOTES = 2  # single-marked passages a document needs before it is read as quoting with them
_MIN_BRITISH_WORDS = 4  # words a passage needs to count as a quotation (not a scare quote) in that choice


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
    nested: tuple[tuple[int, int], ...] = ()  # the marks of quotes of another glyph inside it


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


def _apostrophe(text: str, i: int) -> bool:
    """The single mark at ``i`` is an apostrophe: between letters (don’t, Xi’s), before a
    digit (’90s), eliding a word's start (’em, rock ’n’ roll) or after a plural "s"
    before a lower-case word (the voters’ anger)."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if (before.isalnum() and after.isalnum()) or after.isdigit():
        return True
    if text[i] == "\u2019" and (before == "" or before.isspace()) and after.isalpha():
        return True
    return before in "sS" and after == " " and text[i + 2:i + 3].islower()


def find_marks(text: str, marks: tuple[QuoteMark, ...], single: bool = False) -> list[Mark]:
    """All quotation marks in ``text``, each with its role from context (``single``:
    single marks, less the apostrophes among them)."""
    first = re.compile("[" + re.escape("".join(sorted({m.glyph[0] for m in marks}))) + "]")
    found: list[Mark] = []
    i, n = 0, len(text)
    while i < n:
        at = first.search(text, i)  # the next character that can open a mark
        if at is None:
            break
        i = at.start()
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
                if not _INCHES.search(text[max(0, i - 4):i]) and not (single and _apostrophe(text, i)):
                    found.append(Mark(i, end, _role(text, i, end, m.role)))
                i = end
                break
        else:
            i += 1
    return found


def find_direct_spans(text: str, marks: tuple[QuoteMark, ...]) -> list[DirectSpan]:
    """Pair the quotation marks of ``text`` into quoted passages, in text order."""
    return _pair(text, find_marks(text, marks))


def _pair(text: str, found: list[Mark]) -> list[DirectSpan]:
    paragraphs = Paragraphs(text)
    spans: list[DirectSpan] = []
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

    skip_to = -1
    for k, mark in enumerate(found):
        if k <= skip_to:
            continue  # a mark of a quote nested in the one open
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
        if role == "open" and opener is not None and (
                closer := _nested_close(text, found, k, opener, paragraphs)) is not None:
            # "“… It was titled "Wall Street Is Losing" but …”": a quote of the other glyph
            # inside the open one is part of it.
            nested = tuple((m.start, m.end) for m in found[k:closer])
            spans.append(DirectSpan(opener.start, opener.end, found[closer].start, found[closer].end, True, nested))
            opener, skip_to = None, closer
        elif role == "open":
            # An opener inside an open quote means the earlier mark was unbalanced.
            opener, opened_in = mark, para
        elif opener is not None:
            if mark.start > opener.end:
                spans.append(DirectSpan(opener.start, opener.end, mark.start, mark.end, True))
            opener = None
    close_open_at_paragraph_end()
    return spans


def _glyph_family(text: str, mark: Mark) -> str:
    glyph = text[mark.start:mark.end]
    return "straight" if glyph == '"' else "apostrophes" if glyph == "''" else "typographic"


def _nested_close(text: str, found: list[Mark], k: int, opener: Mark, paragraphs: Paragraphs) -> int | None:
    """Where ``found[k]``, an opening mark inside the quote ``opener`` opened, starts a
    quote nested in it: a mark of another glyph family whose own closing mark follows, and
    after it (and any more such pairs) a mark of the open quote's family that closes it,
    all in the paragraph the open quote started in. The index of that closing mark, else
    None (the earlier mark was unbalanced, as in a doubled opening: "“…,” Cole said.")."""
    if not text[opener.end:found[k].start].strip():
        return None
    outer = _glyph_family(text, opener)
    para = paragraphs.number(opener.start)
    j = k
    while j < len(found) and paragraphs.number(found[j].start) == para:
        mark = found[j]
        family = _glyph_family(text, mark)
        if family == outer:
            return j if mark.role != "open" and j > k else None
        after = found[j + 1] if j + 1 < len(found) else None
        if mark.role == "close" or after is None or after.role == "open" or _glyph_family(text, after) != family \
                or paragraphs.number(after.start) != para:
            return None
        j += 2
    return None


def normalise_marks(text: str, spans: list[DirectSpan]) -> str:
    """Same-length text with each paired mark rewritten as a curly “ or ”, and the marks
    of a quote nested in one of another glyph as single curly marks (‘ ’).

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
        for n, (start, end) in enumerate(span.nested):
            width = end - start
            opening = n % 2 == 0  # the nested marks come in pairs, opening then closing
            chars[start:end] = ([" "] * (width - 1) + ["\u2018"]) if opening else (["\u2019"] + [" "] * (width - 1))
    return "".join(chars)


def british_marks(text: str, marks: tuple[QuoteMark, ...], single_marks: tuple[QuoteMark, ...]) -> str:
    """Same-length ``text``, rewritten where it quotes with single marks (‘…,’ she said)
    as British outlets do: its single pairs become double marks, and the double marks
    nested inside them single ones, so the rest of the pipeline reads the usual style.

    A document is read so only where its single-marked passages of a few words, outside
    any double-marked one, outnumber its double-marked ones outside single marks (a US
    story's nested ‘…’ and headline scare quotes never turn it).
    """
    found = find_marks(text, single_marks, single=True)
    singles = _pair(text, found)
    if len(singles) < _MIN_BRITISH_QUOTES:
        return text
    doubles = find_direct_spans(text, marks)
    single_in = _Within(singles)
    double_in = _Within(doubles)

    def passages(spans: list[DirectSpan], others: _Within) -> int:
        """Passages of a few words outside the other kind of marks."""
        return sum(1 for s in spans if word_count(text[s.start:s.end]) >= _MIN_BRITISH_WORDS
                   and not others.around(s.open_start, s.close_end))

    if passages(singles, double_in) <= passages(doubles, single_in):
        return text
    chars = list(text)
    for d in doubles:
        if d.start - d.open_start == 1 and single_in.around(d.open_start, d.open_start + 1):
            chars[d.open_start] = "\u2018"
            if d.closed and d.close_end - d.end == 1:
                chars[d.end] = "\u2019"
    starts = {s.open_start for s in singles}
    paragraphs = Paragraphs(text)
    for m in found:
        inside = single_in.around(m.start, m.start + 1)
        para_start, _ = paragraphs.bounds(paragraphs.number(m.start))
        if m.start in starts or (inside and m.role != "close" and text[para_start:m.start].strip() == ""):
            chars[m.start] = "\u201c"  # an opening mark, or one reopening a quote's next paragraph
    for s in singles:
        if s.closed:
            chars[s.end] = "\u201d"
    return "".join(chars)


class _Within:
    """Which of a text's quoted passages (in text order, none inside another) holds a
    stretch of it: one bisection, not a scan (a long story has thousands of marks)."""

    def __init__(self, spans: list[DirectSpan]) -> None:
        self.spans = spans
        self.starts = [s.open_start for s in spans]

    def around(self, start: int, end: int) -> bool:
        """Some passage opens before ``start`` and reaches ``end`` (its closing mark included)."""
        k = bisect.bisect_left(self.starts, start) - 1
        return k >= 0 and end <= self.spans[k].close_end
