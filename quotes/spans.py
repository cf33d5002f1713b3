"""Doc-level results: cues, quotes and speakers as they point into a spaCy Doc.

These are what the ``quotes`` pipeline component puts on ``doc._.quotes``; the plain,
picklable records made from them live in ``quotes.records``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

WORD = re.compile(r"\w+")
# Dashes that set off a dateline ("WASHINGTON — ...") or a byline ("“…” ― Jane Doe").
DASHES = ("—", "–", "―", "--")


def word_count(text: str) -> int:
    return len(WORD.findall(text))


@dataclass(frozen=True)
class Speaker:
    name: str
    kind: str  # person, organisation, anonymous, unknown
    method: str  # how the name was reached: "mention", "coreference", "salience", "description", "unresolved"


@dataclass(frozen=True)
class Cue:
    """An attribution cue: the cue words, who speaks, and (for reported speech) what."""

    token: Token
    span: Span
    speaker: Token | None
    content: tuple[int, int] | None  # character range of reported content
    kind: str  # "speech", "belief", "belief-quoted", "stance", "stance-quoted", "impression", "direct" or "source"
    listener: bool  # the verb's object is who was spoken to, never the speaker
    # "The plan, he said, is dead": the reported clause resumes after the cue.
    resumed: tuple[int, int] | None = None


@dataclass
class QuoteMatch:
    """A quote found in a Doc, before its speaker is resolved to a canonical name."""

    start: int
    end: int
    type: str
    cue: Cue | None
    mention: Span | None
    attribution: str  # "cue", "continuation", "colon", "heading", "byline", "clause", "intro" or "none"
    speaker: Speaker | None = None  # set by quotes.resolve


@dataclass(frozen=True)
class SentenceIndex:
    """The sentences of a Doc: ``number[i]`` is token i's sentence, ``starts[k]`` the
    first token of sentence k (and ``starts[-1] == len(doc)``)."""

    number: list[int]
    starts: list[int]


def sentence_index(doc: Doc) -> SentenceIndex:
    """Built once per Doc (kept in ``doc.user_data``). spaCy's ``Token.sent`` walks the
    document's sentences on every call, which makes a document with thousands of quotes
    quadratic."""
    index = doc.user_data.get(_SENTENCE_INDEX)
    if index is None:
        number, starts = [0] * len(doc), []
        for k, sent in enumerate(doc.sents):
            number[sent.start:sent.end] = [k] * len(sent)
            starts.append(sent.start)
        index = doc.user_data[_SENTENCE_INDEX] = SentenceIndex(number, [*starts, len(doc)])
    return index


def sentence_of(tok: Token) -> Span:
    """The sentence of ``tok`` (``sentence_index``)."""
    index = sentence_index(tok.doc)
    k = index.number[tok.i]
    return tok.doc[index.starts[k]:index.starts[k + 1]]


_SENTENCE_INDEX = "quotes.sentence_index"
