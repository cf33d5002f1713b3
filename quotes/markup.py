"""Find HTML markup in a text, in one linear pass, with exact character offsets.

A small tokenizer that follows the HTML5 tokenization rules for what matters to a reader
of article text: tags (attribute values may hold ``>`` or ``<``: ``<a title="a > b">``),
comments (``<!-- ... -->``; an unclosed comment runs to the end of the document, as in a
browser), declarations and processing instructions (``<!DOCTYPE html>``, ``<?xml ...?>``,
bogus comments ``<!x>``), and the raw text of ``script`` and ``style`` elements (up to
their end tag, or to the end of the document when it is missing). Everything else is
text. Each ``str.find`` starts where the last one stopped, so a page of any shape is read
in time linear in its length (100,000 unclosed ``<!--`` included).

Used by ``quotes.prepare`` to blank markup in place (offsets never move).
"""

from __future__ import annotations

from dataclasses import dataclass

RAW_TEXT = ("script", "style")
BLOCK_TAGS = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote",
                        "section", "article", "ul", "ol", "table", "header", "footer", "figure", "figcaption"})
_NAME_END = frozenset(" \t\n\r\f/>")
_SPACE = frozenset(" \t\n\r\f")


@dataclass(frozen=True)
class Markup:
    start: int
    end: int
    kind: str  # "tag", "comment", "declaration" or "raw" (script/style content)
    name: str = ""  # tag name, lower case
    block: bool = False  # a tag that breaks a paragraph (p, br, div, li, ...)


def _tag_end(text: str, j: int) -> int:
    """Index after the ``>`` that closes a tag whose name ends before ``j``: attributes are
    read as the HTML5 tokenizer reads them, so a quoted value is skipped whole (its ``>``
    and ``<`` are not markup). An unclosed tag or value runs to the end of the text."""
    n = len(text)
    while j < n:
        ch = text[j]
        if ch == ">":
            return j + 1
        if ch in _SPACE or ch == "/":
            j += 1
            continue
        while j < n and text[j] not in _SPACE and text[j] not in "=>":  # attribute name
            j += 1
        while j < n and text[j] in _SPACE:
            j += 1
        if j < n and text[j] == "=":
            j += 1
            while j < n and text[j] in _SPACE:
                j += 1
            if j < n and text[j] in "\"'":
                close = text.find(text[j], j + 1)
                if close < 0:
                    return n
                j = close + 1
            else:
                while j < n and text[j] not in _SPACE and text[j] != ">":  # unquoted value
                    j += 1
    return n


def _raw_end(text: str, name: str, start: int) -> int:
    """Where the raw text of a script or style element opened before ``start`` ends: at
    its end tag, matched without case, or at the end of the text."""
    j = text.find("</", start)
    while j >= 0:
        if text[j + 2:j + 2 + len(name)].lower() == name:
            return j
        j = text.find("</", j + 2)
    return len(text)


def scan(text: str) -> list[Markup]:
    """Every piece of markup in ``text``, in order."""
    found: list[Markup] = []
    n = len(text)
    i = text.find("<")
    while 0 <= i < n - 1:
        nxt = text[i + 1]
        if text.startswith("<!--", i):
            if text.startswith(">", i + 4):  # "<!-->": an empty comment
                end = i + 5
            elif text.startswith("->", i + 4):  # "<!--->"
                end = i + 6
            else:
                close = text.find("-->", i + 4)
                end = n if close < 0 else close + 3
            found.append(Markup(i, end, "comment"))
        elif nxt in "!?":
            close = text.find(">", i + 2)
            end = n if close < 0 else close + 1
            found.append(Markup(i, end, "declaration"))
        elif (nxt.isascii() and nxt.isalpha()) or (nxt == "/" and i + 2 < n and text[i + 2].isascii()
                                                 and text[i + 2].isalpha()):
            closing = nxt == "/"
            k = i + (2 if closing else 1)
            m = k
            while m < n and text[m] not in _NAME_END:
                m += 1
            name = text[k:m].lower()
            end = _tag_end(text, m)
            found.append(Markup(i, end, "tag", name, name in BLOCK_TAGS))
            if not closing and name in RAW_TEXT:
                raw_end = _raw_end(text, name, end)
                if raw_end > end:
                    found.append(Markup(end, raw_end, "raw", name))
                end = raw_end
        else:
            end = i + 1  # a "<" in text ("a < b")
        i = text.find("<", max(end, i + 1))
    return found
