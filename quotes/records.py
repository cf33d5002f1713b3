"""Plain, typed records: what one document yields and what the tables hold.

They carry no spaCy objects, so they pickle across worker processes and serialise to
JSON/CSV unchanged. Field names are the output contract read by ``score.py``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

QUOTE_TYPES = ("direct", "indirect", "mixed")
CORPUS_FIELDS = ("speaker_id", "quote_group")  # Quote fields set by the cross-document step
META_FIELDS = ("source", "title", "date", "url")


@dataclass(frozen=True)
class Quote:
    """One quoted passage and who said it.

    ``start``/``end`` are character offsets of the quoted content (without its outer
    quotation marks) into the exact decoded text, so ``text == doc_text[start:end]``.
    """

    doc_id: str
    quote_id: str
    type: str
    text: str
    start: int
    end: int
    paragraph: int
    speaker: str | None
    speaker_kind: str  # person, organisation, anonymous, writer or unknown
    speaker_titles: tuple[str, ...]
    speaker_mention: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    attribution: str
    source: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    # Corpus-level, set when speakers are merged across documents (quotes.aggregate):
    speaker_id: str | None = None  # the person's id in the --people file
    quote_group: str | None = None  # shared by the same remark of the same speaker in several documents

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["speaker_titles"] = list(self.speaker_titles)
        return d


@dataclass(frozen=True)
class Person:
    """A speaker as resolved inside one document."""

    name: str
    kind: str
    titles: tuple[str, ...] = ()
    gender: str | None = None  # "m" or "f" when the document tells ("Mrs. Clinton"), else None


@dataclass
class DocumentResult:
    """Everything one document yields; ``error`` is set when it could not be processed."""

    doc_id: str
    path: str
    quotes: list[Quote] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True)
class SpeakerSummary:
    """One row of the per-speaker table."""

    speaker: str
    kind: str
    titles: tuple[str, ...]
    quotes: int
    documents: int
    where: tuple[tuple[str, int], ...]  # (doc_id, paragraph) in input order
    speaker_id: str | None = None  # from the --people file

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "speaker_id": self.speaker_id,
            "kind": self.kind,
            "titles": list(self.titles),
            "quotes": self.quotes,
            "documents": self.documents,
            "where": [{"doc_id": d, "paragraph": p} for d, p in self.where],
        }
