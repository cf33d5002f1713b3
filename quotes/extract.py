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
from functools import partial

from spacy.language import Language
from spacy.tokens import Doc

from quotes import prepare
from quotes.attribute import relative_subject
from quotes.detect import Paragraphs, british_marks, find_direct_spans, normalise_marks
from quotes.lexicon import load as load_lexicon
from quotes.records import META_FIELDS, DocumentResult, Person, Quote

CHUNK_CHARS = 100_000  # longer texts are parsed in paragraph-aligned chunks
BATCH_SIZE = 16  # documents handed to nlp.pipe (and to a worker) at once
BATCH_CHARS = 200_000  # ... and at most this many characters


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
            if k < len(inside) and inside[k][0] < end < inside[k][1]:
                # Never through a quotation: cut before it, or, when it opens the piece
                # (a quotation longer than the limit), after it.
                if inside[k][0] > start:
                    end = inside[k][0]
                else:  # ... and the rest of its paragraph, where its cue is ("…,” she said.)
                    line_end = text.find("\n", inside[k][1], inside[k][1] + limit)
                    end = line_end if line_end > 0 else min(len(text), inside[k][1] + limit // 10)
        pieces.append((start, end))
        start = end
    return pieces


def prepare_pieces(text: str) -> list[tuple[int, str]]:
    """Raw text -> (offset, cleaned piece) chunks ready for the pipeline. Cleaning keeps
    every offset; quotation marks are rewritten as curly marks of the same width."""
    lexicon = load_lexicon()
    marks = lexicon.quote_marks
    cleaned = british_marks(prepare.clean(text), marks, lexicon.single_quote_marks)
    pieces = []
    for start, end in _chunks(cleaned):
        piece = cleaned[start:end]
        pieces.append((start, normalise_marks(piece, find_direct_spans(piece, marks))))
    return pieces


def parse_text(nlp: Language, text: str) -> Iterator[tuple[int, Doc]]:
    """Parse a raw text into (offset, Doc) chunks, lazily: one chunk's Doc at a time, so a
    long article never holds all of its parses at once."""
    for start, piece in prepare_pieces(text):
        yield start, nlp(piece)


def doc_records(article: Article, parsed: Iterable[tuple[int, Doc]]) -> DocumentResult:
    """Plain records for the quotes on the parsed chunks of one article (read once, in
    order; each Doc can be freed as soon as its records are made)."""
    text = article.text
    paragraphs = Paragraphs(text)
    quotes: list[Quote] = []
    people: dict[str, Person] = {}
    meta = {k: (str(article.meta[k]) if article.meta.get(k) is not None else None) for k in META_FIELDS}
    for offset, doc in parsed:
        titles = doc._.speaker_titles or {}
        genders = doc._.speaker_genders or {}
        for name, person_titles in titles.items():
            if person_titles and name not in people:
                people[name] = Person(name, "person", tuple(person_titles), genders.get(name))
        for m in doc._.quotes or []:
            speaker = m.speaker
            name = speaker.name if speaker is not None and speaker.method != "unresolved" else None
            kind = speaker.kind if name is not None and speaker is not None else "unknown"
            person_titles = tuple(titles.get(name, ())) if name else ()
            if name is not None and name not in people:
                people[name] = Person(name, kind, person_titles, genders.get(name) if kind == "person" else None)
            mention, cue = m.mention, m.cue
            if mention is not None and cue is not None and cue.speaker is not None:
                # "a supporter, who said ...": the words naming the speaker here are "who",
                # resolved to the noun the relative clause modifies.
                relative = relative_subject(cue.token)
                if relative is not None and mention.root.i == cue.speaker.i != relative.i \
                        and cue.speaker.head.i != cue.token.i:  # ("which she said": "she" speaks)
                    mention = relative.doc[relative.i:relative.i + 1]
            attribution = m.attribution
            if attribution == "cue" and speaker is not None and speaker.method in ("coreference", "salience"):
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

def _nlp(scope: str = "speech") -> Language:
    from quotes.nlp import load_pipeline  # cached: one pipeline per process and scope

    return load_pipeline(scope=scope)


def process_document(article: Article, scope: str = "speech") -> DocumentResult:
    """Quotes and speakers of one article. Never raises for bad text: the error is recorded.
    ``scope``: "speech" or "all" (see ``quotes.component``)."""
    if not article.text.strip():
        return DocumentResult(article.doc_id, article.path, error="empty document")
    try:
        return doc_records(article, parse_text(_nlp(scope), article.text))
    except _DOCUMENT_ERRORS as exc:
        return DocumentResult(article.doc_id, article.path, error=f"could not be processed: {exc!r}")


_DOCUMENT_ERRORS = (ValueError, IndexError, KeyError, RecursionError, MemoryError)


def process_batch(items: list[Article | DocumentResult], batch_size: int = BATCH_SIZE,
                  scope: str = "speech") -> list[DocumentResult]:
    """``process_document`` over a batch, parsing with ``nlp.pipe`` (faster than one by
    one). Inputs that already failed pass through; the output is in input order."""
    nlp = _nlp(scope)
    try:
        results: dict[int, DocumentResult] = {}
        short: list[_Piece] = []
        for n, item in enumerate(items):
            if isinstance(item, DocumentResult):
                results[n] = item
            elif not item.text.strip():
                results[n] = DocumentResult(item.doc_id, item.path, error="empty document")
            elif len(item.text) > CHUNK_CHARS:  # parsed chunk by chunk, never all at once
                results[n] = doc_records(item, parse_text(nlp, item.text))
            else:
                [(start, piece)] = prepare_pieces(item.text)
                short.append((n, item, start, piece))
        # Short articles in nlp.pipe batches of at most batch_size documents and
        # BATCH_CHARS characters, so memory stays bounded whatever the input.
        for group in _char_groups(short, batch_size):
            docs = nlp.pipe((piece for _, _, _, piece in group), batch_size=len(group))
            for (n, item, start, _), doc in zip(group, docs, strict=True):
                results[n] = doc_records(item, [(start, doc)])
        return [results[n] for n in range(len(items))]
    except _DOCUMENT_ERRORS:
        # One bad document spoils a batch: redo it one by one so only that one fails.
        return [item if isinstance(item, DocumentResult) else process_document(item, scope) for item in items]


_Piece = tuple[int, Article, int, str]  # (position in the batch, article, offset, cleaned text)


def _char_groups(items: list[_Piece], size: int) -> Iterator[list[_Piece]]:
    group: list[_Piece] = []
    chars = 0
    for item in items:
        if group and (len(group) >= size or chars + len(item[3]) > BATCH_CHARS):
            yield group
            group, chars = [], 0
        group.append(item)
        chars += len(item[3])
    if group:
        yield group


def _batches(items: Iterable[Article | DocumentResult], size: int) -> Iterator[list[Article | DocumentResult]]:
    batch: list[Article | DocumentResult] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _init_worker(scope: str) -> None:
    _nlp(scope)


def process_all(articles: Iterable[Article | DocumentResult], workers: int = 1,
                batch_size: int = BATCH_SIZE, scope: str = "speech") -> Iterator[DocumentResult]:
    """Results for each input, in input order, streamed as batches finish. Inputs that
    already failed (a ``DocumentResult`` with an error, from reading) pass straight
    through. The output does not depend on ``workers`` or ``batch_size``."""
    batches = _batches(articles, batch_size)
    work = partial(process_batch, batch_size=batch_size, scope=scope)
    if workers <= 1:
        for batch in batches:
            yield from work(batch)
        return
    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(scope,)) as pool:
        for results in pool.imap(work, batches):
            yield from results
