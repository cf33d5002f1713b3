"""Embedded SQLite store: results are appended as each document finishes.

Schema (one row per ...):

- ``documents``: ingested document — ``doc_hash`` (SHA-256 of its id and text, the key
  that makes re-runs skip it; older stores keyed the text alone), ``doc_id``, ``path``,
  ``position`` (ingestion order), ``meta`` (JSON: source, title, date, url), ``n_quotes``.
- ``quotes``: quote, exactly the fields of ``quotes extract`` (speaker names as
  resolved inside the document; ``speaker_titles`` as JSON), keyed by ``doc_hash``
  and ``quote_id``.
- ``speakers``: person, organisation or group a document names, with its kind, titles
  (JSON) and the gender it tells (``m``, ``f`` or null) as that document gives them.
- ``mentions``: the words naming the speaker of each quote (``mention``, ``start``,
  ``end``, ``quote_id``).
- ``settings``: ``scope``, the ``--scope`` the store's documents were extracted with; a
  store never mixes two scopes.

The file carries ``PRAGMA application_id`` "QUOT"; another application's SQLite file or
a damaged one is refused before anything is written to it. Each document is written in
one transaction, so an interrupted run loses at most the document in flight and a re-run
skips everything already stored. Cross-document speaker merging happens when reading
(``quotes.aggregate``), as in a single run.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

from quotes.records import CORPUS_FIELDS, DocumentResult, Person, Quote

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_hash TEXT PRIMARY KEY, doc_id TEXT NOT NULL, path TEXT, position INTEGER NOT NULL,
    meta TEXT NOT NULL, n_quotes INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS quotes (
    doc_hash TEXT NOT NULL REFERENCES documents(doc_hash), doc_id TEXT NOT NULL, quote_id TEXT NOT NULL,
    type TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    paragraph INTEGER NOT NULL, speaker TEXT, speaker_kind TEXT NOT NULL, speaker_titles TEXT NOT NULL,
    speaker_mention TEXT, speaker_start INTEGER, speaker_end INTEGER, cue TEXT, cue_start INTEGER,
    cue_end INTEGER, attribution TEXT NOT NULL, source TEXT, title TEXT, date TEXT, url TEXT,
    PRIMARY KEY (doc_hash, quote_id));
CREATE TABLE IF NOT EXISTS speakers (
    doc_hash TEXT NOT NULL REFERENCES documents(doc_hash), name TEXT NOT NULL, kind TEXT NOT NULL,
    titles TEXT NOT NULL, gender TEXT, PRIMARY KEY (doc_hash, name));
CREATE TABLE IF NOT EXISTS mentions (
    doc_hash TEXT NOT NULL REFERENCES documents(doc_hash), quote_id TEXT NOT NULL, mention TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class StoreMismatch(ValueError):
    """The store holds results made with other settings (e.g. another ``--scope``)."""

# speaker_id and quote_group are set when reading, by the cross-document step.
_QUOTE_FIELDS = [f.name for f in fields(Quote) if f.name not in CORPUS_FIELDS]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def document_key(doc_id: str, text: str) -> str:
    """The key of a stored document: its id and its text, so the same wire story published
    by two outlets is two documents, and a re-run of either is skipped."""
    return hashlib.sha256(doc_id.encode("utf-8", "surrogatepass") + b"\0"
                          + text.encode("utf-8", "surrogatepass")).hexdigest()


APPLICATION_ID = 0x51554F54  # "QUOT": marks a SQLite file as a quotes store


class StoreError(ValueError):
    """The file is not a quotes store, is damaged, or is missing; the message says which."""


def _check(db: sqlite3.Connection, path: Path) -> None:
    """Refuse another application's SQLite file before anything is written to it."""
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if app_id == APPLICATION_ID:
        return
    if app_id != 0 or (tables and not {"documents", "quotes"} <= tables):
        raise StoreError(f"{path} is another application's SQLite database, not a quotes store: "
                         "give a new file name to --db")


class Store:
    """A results database at ``path`` (created when missing, unless ``readonly``)."""

    def __init__(self, path: Path, scope: str | None = None, readonly: bool = False) -> None:
        """``scope``: the extraction scope of the documents about to be added; a store
        keeps one scope, so its results never mix two kinds of extraction. ``readonly``:
        only query (works on a read-only file; a missing file is an error, not created)."""
        self.path = path
        if readonly and not path.exists():
            raise StoreError(f"{path}: no such store (fill one with quotes extract ARTICLES --db {path})")
        if path.exists() and not path.is_file():
            raise StoreError(f"{path} is not a file")
        try:
            # Inputs are checked against the store from the worker pool's feeder thread.
            uri = f"{path.resolve().as_uri()}?mode=ro" if readonly else str(path)
            self.db = sqlite3.connect(uri, uri=readonly, check_same_thread=False)
            _check(self.db, path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path} is damaged or not a SQLite database ({exc})") from None
        except StoreError:
            self.db.close()
            raise
        self.lock = threading.Lock()
        if readonly:
            return
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(speakers)")}
        if "gender" not in columns:  # stores made before genders were kept
            with self.db:
                self.db.execute("ALTER TABLE speakers ADD COLUMN gender TEXT")
        if scope is not None:
            row = self.db.execute("SELECT value FROM settings WHERE key = 'scope'").fetchone()
            if row is None and self.count():
                row = ("speech",)  # stores made before scopes existed
            if row is None:
                with self.db:
                    self.db.execute("INSERT INTO settings VALUES ('scope', ?)", (scope,))
            elif row[0] != scope:
                self.db.close()
                raise StoreMismatch(f"{path} holds results extracted with --scope {row[0]}, not {scope}: "
                                    f"use --scope {row[0]} or another store")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has(self, doc_id: str, text: str) -> bool:
        """Whether this document (this id with this text) is stored already."""
        with self.lock:
            return self.db.execute(
                "SELECT 1 FROM documents WHERE doc_hash = ? OR (doc_hash = ? AND doc_id = ?)",
                (document_key(doc_id, text), content_hash(text), doc_id)).fetchone() is not None  # or an older key

    def add(self, result: DocumentResult, doc_hash: str, meta: dict[str, str | None]) -> bool:
        """Store one processed document in one transaction; False if it was there already."""
        with self.lock, self.db:
            position = self.db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM documents").fetchone()[0]
            cur = self.db.execute(
                "INSERT OR IGNORE INTO documents VALUES (?, ?, ?, ?, ?, ?)",
                (doc_hash, result.doc_id, result.path, position, json.dumps(meta, sort_keys=True), len(result.quotes)))
            if cur.rowcount == 0:
                return False
            self.db.executemany(
                f"INSERT INTO quotes VALUES (?, {', '.join('?' * len(_QUOTE_FIELDS))})",
                [(doc_hash, *[json.dumps(list(v)) if k == "speaker_titles" else v
                              for k, v in zip(_QUOTE_FIELDS, _values(q), strict=True)]) for q in result.quotes])
            self.db.executemany("INSERT OR IGNORE INTO speakers (doc_hash, name, kind, titles, gender) "
                                "VALUES (?, ?, ?, ?, ?)",
                                [(doc_hash, p.name, p.kind, json.dumps(list(p.titles)), p.gender)
                                 for p in result.people])
            self.db.executemany(
                "INSERT INTO mentions VALUES (?, ?, ?, ?, ?)",
                [(doc_hash, q.quote_id, q.speaker_mention, q.speaker_start, q.speaker_end)
                 for q in result.quotes if q.speaker_mention is not None])
        return True

    def results(self) -> Iterator[DocumentResult]:
        """Every stored document's results, in ingestion order."""
        docs = self.db.execute("SELECT doc_hash, doc_id, path FROM documents ORDER BY position").fetchall()
        for doc_hash, doc_id, path in docs:
            rows = self.db.execute(
                f"SELECT {', '.join(_quoted(f) for f in _QUOTE_FIELDS)} FROM quotes WHERE doc_hash = ? "
                "ORDER BY start, quote_id", (doc_hash,)).fetchall()
            quotes = [Quote(**{k: (tuple(json.loads(v)) if k == "speaker_titles" else v)
                               for k, v in zip(_QUOTE_FIELDS, row, strict=True)}) for row in rows]
            people = [Person(n, k, tuple(json.loads(t)), g) for n, k, t, g in self.db.execute(
                "SELECT name, kind, titles, gender FROM speakers WHERE doc_hash = ? ORDER BY rowid", (doc_hash,))]
            yield DocumentResult(doc_id, path, quotes, people)

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]


def _quoted(name: str) -> str:
    return f'"{name}"'


def _values(q: Quote) -> list[object]:
    return [getattr(q, f) for f in _QUOTE_FIELDS]
