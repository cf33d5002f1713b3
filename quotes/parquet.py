"""The Parquet dataset of a run (``--parquet DIR``): written partition by partition by the
workers, read back by ``quotes speakers|report --parquet DIR`` without re-parsing.

    DIR/documents/<partition>.parquet  every input: doc_id, path, n_quotes, error (null when
                                       processed), source/title/date/url, text (for reports)
    DIR/quotes/<partition>.parquet     the quote fields as one document resolved them
    DIR/people/<partition>.parquet     who each document names (doc_id, name, kind, titles,
                                       gender): what the corpus-wide identity step reads
    DIR/merged/<partition>.parquet     the quote fields of the README, speakers merged across
                                       the corpus (canonical names, speaker_id, quote_group)

A partition's name sorts in input order (``<input>-<byte offset>-<hash of the input>``).
Each file is written to a temporary name and renamed into place, so a file that exists
is complete; ``documents`` is written last, so a partition whose documents file exists
is done and a re-run skips it. Read with DuckDB (``SELECT * FROM 'DIR/merged/*.parquet'``),
pandas (``pd.read_parquet('DIR/merged')``) or Spark. Needs the ``dask`` extra (pyarrow).
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from quotes.records import META_FIELDS, DocumentResult, Person, Quote

TABLES = ("documents", "quotes", "people", "merged")
_QUOTE_FIELDS = [f.name for f in fields(Quote)]


def _pa() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - the extra is installed by make setup
        raise RuntimeError("--parquet needs pyarrow: pip install 'quotes[dask]' (or run make setup)") from exc
    return pa, pq


def _quote_schema() -> Any:
    pa, _ = _pa()
    types = {"start": pa.int64(), "end": pa.int64(), "paragraph": pa.int64(), "speaker_start": pa.int64(),
             "speaker_end": pa.int64(), "cue_start": pa.int64(), "cue_end": pa.int64(),
             "speaker_titles": pa.list_(pa.string())}
    return pa.schema([(f, types.get(f, pa.string())) for f in _QUOTE_FIELDS])


def _schemas() -> dict[str, Any]:
    pa, _ = _pa()
    return {
        "documents": pa.schema([("doc_id", pa.string()), ("path", pa.string()), ("position", pa.int64()),
                                ("n_quotes", pa.int64()), ("error", pa.string()),
                                *[(k, pa.string()) for k in META_FIELDS], ("text", pa.string())]),
        "quotes": _quote_schema(),
        "people": pa.schema([("doc_id", pa.string()), ("position", pa.int64()), ("name", pa.string()),
                             ("kind", pa.string()),
                             ("titles", pa.list_(pa.string())), ("gender", pa.string())]),
        "merged": _quote_schema(),
    }


def _write(directory: Path, table: str, partition: str, rows: list[dict[str, Any]]) -> None:
    """One file, written under a temporary name and renamed into place."""
    pa, pq = _pa()
    folder = directory / table
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{partition}.parquet"
    tmp = folder / f".{partition}.{uuid.uuid4().hex}.tmp"
    schema = _schemas()[table]
    try:
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def done(directory: Path, partition: str) -> bool:
    return (directory / "documents" / f"{partition}.parquet").exists()


def merged_done(directory: Path, partition: str) -> bool:
    return (directory / "merged" / f"{partition}.parquet").exists()


def write_partition(directory: Path, partition: str, results: list[DocumentResult],
                    texts: dict[str, str], meta: dict[str, dict[str, str | None]]) -> None:
    """The per-document tables of one partition (documents last: it marks it done)."""
    _write(directory, "quotes", partition, [q.to_dict() for r in results for q in r.quotes])
    _write(directory, "people", partition, [{"doc_id": r.doc_id, "position": k, "name": p.name, "kind": p.kind,
                                             "titles": list(p.titles), "gender": p.gender}
                                            for k, r in enumerate(results) for p in r.people])
    _write(directory, "documents", partition, [
        {"doc_id": r.doc_id, "path": r.path, "position": k, "n_quotes": len(r.quotes), "error": r.error,
         **{f: (meta.get(r.doc_id) or {}).get(f) for f in META_FIELDS}, "text": texts.get(r.doc_id)}
        for k, r in enumerate(results)])


def write_merged(directory: Path, partition: str, results: list[DocumentResult]) -> None:
    _write(directory, "merged", partition, [q.to_dict() for r in results for q in r.quotes])


def partitions(directory: Path) -> list[str]:
    """The complete partitions of a dataset, in input order."""
    folder = directory / "documents"
    return sorted(p.stem for p in folder.glob("*.parquet")) if folder.exists() else []


def _read(directory: Path, table: str, partition: str) -> list[dict[str, Any]]:
    _, pq = _pa()
    path = directory / table / f"{partition}.parquet"
    return pq.read_table(path).to_pylist() if path.exists() else []


def _quote(row: dict[str, Any]) -> Quote:
    return Quote(**{k: (tuple(row[k] or ()) if k == "speaker_titles" else row[k]) for k in _QUOTE_FIELDS})


def read_partition(directory: Path, partition: str, table: str = "quotes",
                   moved: dict[int, str] | None = None) -> list[DocumentResult]:
    """The documents of one partition with their quotes (``table``: the per-document
    ``quotes`` or the ``merged`` ones) and people, in input order. ``moved``: ids of the
    documents renamed in the run (position -> id), as the merged table has them."""
    docs = [{**d, "doc_id": (moved or {}).get(k, d["doc_id"])}
            for k, d in enumerate(_read(directory, "documents", partition))]
    # Quotes were written document after document: each takes its n_quotes rows, so two
    # documents with one id in a partition never share quotes.
    rows = iter(_read(directory, table, partition))
    people: dict[int, list[Person]] = {}
    for row in _read(directory, "people", partition):
        people.setdefault(row["position"], []).append(
            Person(row["name"], row["kind"], tuple(row["titles"] or ()), row["gender"]))
    out = []
    for k, d in enumerate(docs):
        n_quotes = d["n_quotes"] if d["error"] is None else 0
        quotes = [_quote(next(rows)) for _ in range(n_quotes)]
        out.append(DocumentResult(d["doc_id"], d["path"], quotes, people.get(k, []), d["error"]))
    return out


def read_texts(directory: Path) -> dict[str, tuple[str, str | None]]:
    """doc_id -> (text, title) of every processed document (for ``report``)."""
    return {d["doc_id"]: (d["text"], d["title"]) for d in _documents(directory)
            if d["error"] is None and d["text"] is not None}


def renamed(result: DocumentResult, doc_id: str) -> DocumentResult:
    """A document under its id in the run (its quote ids follow)."""
    quotes = [replace(q, doc_id=doc_id, quote_id=f"{doc_id}:{q.quote_id.rsplit(':', 1)[-1]}") for q in result.quotes]
    return replace(result, doc_id=doc_id, quotes=quotes)


def read_documents(directory: Path) -> Iterator[DocumentResult]:
    """Every processed document with its per-document quotes, under its id in the run."""
    renames = _renames(directory)
    for partition in partitions(directory):
        moved = renames.get(partition, {})
        for k, r in enumerate(read_partition(directory, partition)):
            if r.error is None:
                yield renamed(r, moved[k]) if k in moved else r


def read_merged(directory: Path) -> Iterator[DocumentResult]:
    """Every processed document with its merged quotes, in input order."""
    renames = _renames(directory)
    for partition in partitions(directory):
        for r in read_partition(directory, partition, "merged", renames.get(partition)):
            if r.error is None:
                yield r


def failures(directory: Path) -> list[dict[str, Any]]:
    return [{"path": d["path"], "doc_id": d["doc_id"], "reason": d["error"]} for d in _documents(directory)
            if d["error"] is not None]


def summary(directory: Path) -> dict[str, int]:
    docs = list(_documents(directory))
    return {"documents": len(docs), "quotes": sum(d["n_quotes"] for d in docs if d["error"] is None),
            "failed": sum(1 for d in docs if d["error"] is not None)}


_RENAMES = "_renamed_ids.json"


def write_renames(directory: Path, renames: dict[str, dict[int, str]]) -> None:
    """Documents whose id an earlier one used, and their id in the run (merged/ has it)."""
    tmp = directory / f".{_RENAMES}.{uuid.uuid4().hex}.tmp"
    tmp.write_text(json.dumps({p: {str(k): v for k, v in m.items()} for p, m in renames.items()}, sort_keys=True),
                   encoding="utf-8")
    os.replace(tmp, directory / _RENAMES)


def _renames(directory: Path) -> dict[str, dict[int, str]]:
    path = directory / _RENAMES
    if not path.exists():
        return {}
    return {p: {int(k): v for k, v in m.items()} for p, m in json.loads(path.read_text(encoding="utf-8")).items()}


def _documents(directory: Path) -> Iterator[dict[str, Any]]:
    """Rows of the documents table, in input order, with each document's id in the run."""
    renames = _renames(directory)
    for partition in partitions(directory):
        moved = renames.get(partition, {})
        for k, d in enumerate(_read(directory, "documents", partition)):
            yield {**d, "doc_id": moved.get(k, d["doc_id"])}
