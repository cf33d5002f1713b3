"""Offset-preserving clean-up of raw article text before parsing.

Every function here returns a string of exactly the same length as its input, so a
character offset into the cleaned text is the same offset into the original. Markup,
odd spaces and ambiguous quotation marks are replaced in place; nothing moves.
"""

from __future__ import annotations

import re

from quotes.markup import scan

_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff\t\f\v]")
_SOFT_HYPHEN = re.compile(r"(?<=\s)\u00ad+|\u00ad+(?=\s)")  # "Doug \u00adAndres": a break hint left by a layout
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_CR = re.compile(r"\r(?=\n)")
_LONE_CR = re.compile(r"\r")
_MARKUP_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s+[\w:-]+=(?:\"[^\"<>]*\"|'[^'<>]*'))*\s*/?>")
_ENTITY = re.compile(r"&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": " ",
             "mdash": "\u2014", "ndash": "\u2013", "ldquo": "\u201c", "rdquo": "\u201d",
             "lsquo": "\u2018", "rsquo": "\u2019", "hellip": "\u2026"}


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML page or fragment rather than plain prose."""
    head = text[:2000].lower()
    if "<html" in head or "<!doctype html" in head or "<body" in head:
        return True
    return sum(1 for m in scan(text[:20000]) if m.kind != "raw") >= 5


def strip_html(text: str) -> str:
    """Blank out tags, comments, declarations, scripts and styles (``quotes.markup``, one
    linear pass); block tags become paragraph breaks; entities become their character."""
    chars = list(text)
    for m in scan(text):
        fill = [" "] * (m.end - m.start)
        if m.block and fill:
            fill[0] = "\n"
        # Line breaks inside markup stay, so paragraphs are not glued together.
        chars[m.start:m.end] = [ch if ch == "\n" else f for ch, f in zip(text[m.start:m.end], fill, strict=True)]
    text = "".join(chars)

    def entity(m: re.Match[str]) -> str:
        name = m.group(1)
        if name.startswith("#"):
            code = int(name[2:], 16) if name.startswith("#x") else int(name[1:])
            ch = chr(code) if code < 0x110000 else " "
        else:
            ch = _ENTITIES.get(name.lower(), " ")
        if not ch.isprintable() or len(ch) != 1:
            ch = " "
        return ch + " " * (len(m.group(0)) - 1)

    return _ENTITY.sub(entity, text)


def clean(text: str) -> str:
    """Same-length copy of ``text`` that spaCy parses well."""
    text = _CR.sub(" ", text)
    text = _LONE_CR.sub("\n", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _SOFT_HYPHEN.sub(_blank, text)
    # Stray markup in plain text (embedded tweets: <tweet author="@x">) is blanked too:
    # its attribute values hold quotation marks that are not quotes.
    text = strip_html(text) if looks_like_html(text) else _MARKUP_TAG.sub(_blank, text)
    # Control characters (other than newline) confuse the tokenizer.
    return _CONTROL.sub(" ", text)
