"""Process documents: a pure function from (id, text, metadata) to plain records.

``process_document`` runs the pipeline (loaded once per process) on one article and
returns a ``DocumentResult``; ``process_all`` maps it over many articles, in input
order, on one or several worker processes. Cross-document work (merging speakers,
tables) happens afterwards, in ``quotes.aggregate``.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from quotes import prepare
from quotes.detect import Paragraphs, find_direct_spans, normalise_marks
from quotes.lexicon import load as load_lexicon
from quotes.records import META_FIELDS, DocumentResult, Person, Quote

CHUNK_CHARS = 100_000  # longer texts are parsed in paragraph-aligned chunks


@dataclass(frozen=True)
class Article:
    """One input document."""

    doc_id: str
    text: str
    path: str
    meta: Mapping[str, str | None] = field(default_factory=dict)


def _chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Paragraph-aligned pieces of at most ``limit`` characters (a longer paragraph is
    cut at a line or sentence break), never cutting through a quoted passage."""
    if len(text) <= limit:
        return [(0, len(text))]
    spans = find_direct_spans(text, load_lexicon().quote_marks)
    inside = [(s.open_start, s.close_end) for s in spans]
    pieces: list[tuple[int, int]] = []
    start = 0
    k = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n", start + 1, end)
            if cut <= start:
                cut = max(text.rfind(". ", start + 1, end) + 1, text.rfind(" ", start + 1, end))
            if cut > start:
                end = cut
            while k < len(inside) and inside[k][1] <= end:
                k += 1
            if k < len(inside) and inside[k][0] < end < inside[k][1] and inside[k][0] > start:
                end = inside[k][0]
        pieces.append((start, end))
        start = end
    return pieces


def parse_text(nlp: Language, text: str) -> list[tuple[int, Doc]]:
    """Parse a raw text (cleaned in place, same length) into (offset, Doc) chunks."""
    cleaned = prepare.clean(text)
    out = []
    for start, end in _chunks(cleaned):
        piece = cleaned[start:end]
        piece = normalise_marks(piece, find_direct_spans(piece, load_lexicon().quote_marks))
        out.append((start, nlp(piece)))
    return out


def doc_records(article: Article, parsed: list[tuple[int, Doc]]) -> DocumentResult:
    """Plain records for the quotes on the parsed chunks of one article."""
    text = article.text
    paragraphs = Paragraphs(text)
    quotes: list[Quote] = []
    people: dict[str, Person] = {}
    meta = {k: (str(article.meta[k]) if article.meta.get(k) is not None else None) for k in META_FIELDS}
    for offset, doc in parsed:
        titles = doc._.speaker_titles or {}
        for name, person_titles in titles.items():
            if person_titles and name not in people:
                people[name] = Person(name, "person", tuple(person_titles))
        for m in doc._.quotes or []:
            speaker = m.speaker
            name = speaker.name if speaker is not None and speaker.method != "unresolved" else None
            kind = speaker.kind if name is not None and speaker is not None else "unknown"
            person_titles = tuple(titles.get(name, ())) if name else ()
            if name is not None and name not in people:
                people[name] = Person(name, kind, person_titles)
            mention, cue = m.mention, m.cue
            attribution = m.attribution
            if attribution == "cue" and speaker is not None and speaker.method in ("coreference", "nearest"):
                attribution = speaker.method
            start, end = m.start + offset, m.end + offset
            quotes.append(Quote(
                doc_id=article.doc_id,
                quote_id=f"{article.doc_id}:{len(quotes) + 1}",
                type=m.type,
                text=text[start:end],
                start=start,
                end=end,
                paragraph=paragraphs.number(start),
                speaker=name,
                speaker_kind=kind,
                speaker_titles=person_titles,
                speaker_mention=text[mention.start_char + offset:mention.end_char + offset] if mention else None,
                speaker_start=mention.start_char + offset if mention else None,
                speaker_end=mention.end_char + offset if mention else None,
                cue=text[cue.span.start_char + offset:cue.span.end_char + offset] if cue else None,
                cue_start=cue.span.start_char + offset if cue else None,
                cue_end=cue.span.end_char + offset if cue else None,
                attribution=attribution,
                **meta,
            ))
    return DocumentResult(article.doc_id, article.path, quotes, list(people.values()))


# ------------------------------------------------------------------ workers

_worker_nlp: Language | None = None


def _nlp() -> Language:
    global _worker_nlp
    if _worker_nlp is None:
        from quotes.nlp import load_pipeline

        _worker_nlp = load_pipeline()
    return _worker_nlp


def process_document(article: Article) -> DocumentResult:
    """Quotes and speakers of one article. Never raises for bad text: the error is recorded."""
    if not article.text.strip():
        return DocumentResult(article.doc_id, article.path, error="empty document")
    try:
        return doc_records(article, parse_text(_nlp(), article.text))
    except (ValueError, IndexError, KeyError, RecursionError, MemoryError) as exc:
        return DocumentResult(article.doc_id, article.path, error=f"could not be processed: {exc!r}")


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _init_worker() -> None:
    _nlp()


def process_all(articles: Iterable[Article | DocumentResult], workers: int = 1) -> Iterator[DocumentResult]:
    """Results for each input, in input order. Inputs that already failed (a
    ``DocumentResult`` with an error, from reading) pass straight through."""
    if workers <= 1:
        for item in articles:
            yield item if isinstance(item, DocumentResult) else process_document(item)
        return
    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ctx.Pool(workers, initializer=_init_worker) as pool:
        yield from pool.imap(_process_item, articles, chunksize=4)


def _process_item(item: Article | DocumentResult) -> DocumentResult:
    return item if isinstance(item, DocumentResult) else process_document(item)
