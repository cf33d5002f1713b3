"""Run a corpus on a Dask cluster (or on this machine's cores) into a Parquet dataset.

The same split as a local run, on an engine that spans machines:

    plan     (client)   inputs -> partitions: a few text files, or one byte block of a
                        JSONL file, so one large file spreads over many workers
    map      (workers)  each partition: read, parse with ``nlp.pipe`` (the pipeline is
                        loaded once per worker process, ``quotes.extract._nlp``), write
                        documents/quotes/people (``quotes.parquet``), return the partition's
                        speaker tally (a ``SpeakerMerger`` fed its documents)
    reduce   (client)   fold the tallies in input order and compute the aliases once
    map      (workers)  rename each partition's speakers -> merged/

Workers write their own files (atomically, named by partition), so a re-run skips the
partitions already written, and a task rerun after a worker died writes the same file
again: nothing lost, nothing twice. Inputs are local paths or fsspec URLs and globs
(``s3://bucket/2016/*.jsonl``), read on the workers. No NLP objects cross the network:
partitions, tallies and summaries are plain records.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotes import parquet
from quotes.aggregate import SpeakerMerger
from quotes.extract import BATCH_SIZE, Article, process_batch
from quotes.inputs import (
    JSONL_SUFFIXES,
    MAX_BYTES,
    NOT_REGULAR,
    TEXT_SUFFIXES,
    InputError,
    check_size,
    jsonl_record,
    listed_files,
    text_article,
    unique_id,
)
from quotes.people import People
from quotes.records import META_FIELDS, DocumentResult

BLOCK_BYTES = 64 * 1024 * 1024  # a JSONL file is split into blocks of about this size
FILES_PER_PARTITION = 16
MIN_BLOCK = 64 * 1024  # smallest automatic JSONL block
_BLOCKS_PER_WORKER = 4


@dataclass(frozen=True)
class Partition:
    """A unit of work: text files, or a byte block of one JSONL file."""

    name: str  # sorts in input order; stable across re-runs of the same inputs
    kind: str  # "text", "jsonl" or "failed" (inputs that could not even be listed)
    files: tuple[tuple[str, str], ...] = ()  # (url or path, doc_id) of text files
    url: str = ""  # the JSONL file
    offset: int = 0
    length: int = 0
    first_line: int = 1  # line number of the block's first line
    failures: tuple[tuple[str, str, str], ...] = ()  # (doc_id, path, reason)


@dataclass
class PartitionSummary:
    name: str
    documents: int
    quotes: int
    failed: int
    doc_ids: list[str]
    tally: SpeakerMerger
    skipped: bool  # already in the dataset


def _fs(url: str) -> tuple[Any, str]:
    import fsspec

    fs, _, paths = fsspec.get_fs_token_paths(url)
    return fs, paths[0] if paths else url


def _is_url(raw: str) -> bool:
    return "://" in raw


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _expand(raw: str) -> list[tuple[str, str] | DocumentResult]:
    """(url, doc_id) of the files an input names, or failures."""
    if not _is_url(raw):
        # Absolute: workers may run in another directory.
        return [e if isinstance(e, DocumentResult) else (str(e[0]), e[1])
                for e in listed_files(os.path.abspath(raw))]
    import fsspec

    files = fsspec.open_files(raw)
    if not files:
        return [DocumentResult(raw, raw, error="no such file or directory")]
    return [(f.full_name if hasattr(f, "full_name") else f.path, Path(f.path).stem) for f in files]


def plan(inputs: Sequence[str], block_bytes: int = BLOCK_BYTES, files_per_partition: int = FILES_PER_PARTITION,
         workers: int = 1) -> list[Partition]:
    """The partitions of a run, in input order. A JSONL file is cut into blocks of at most
    ``block_bytes``, and small enough that it gives every worker a few (``MIN_BLOCK`` and
    up)."""
    parts: list[Partition] = []
    for k, raw in enumerate(inputs):
        texts: list[tuple[str, str]] = []
        failures: list[tuple[str, str, str]] = []
        jsonl: list[str] = []
        for item in _expand(raw):
            if isinstance(item, DocumentResult):
                failures.append((item.doc_id, item.path, item.error or "cannot be read"))
                continue
            url, doc_id = item
            if Path(url).suffix.lower() in JSONL_SUFFIXES:
                jsonl.append(url)
            elif Path(url).suffix.lower() in TEXT_SUFFIXES or not Path(raw).is_dir():
                texts.append((url, doc_id))
        if failures:
            parts.append(Partition(f"{k:05d}-000000000000-failed-{_digest(raw, failures)}", "failed",
                                   failures=tuple(failures)))
        for n in range(0, len(texts), files_per_partition):
            group = tuple(texts[n:n + files_per_partition])
            stamp = [(u, _stat(u)) for u, _ in group]
            parts.append(Partition(f"{k:05d}-{n:012d}-text-{_digest(raw, stamp)}", "text", files=group))
        for j, url in enumerate(jsonl):
            fs, path = _fs(url)
            size = fs.size(path)
            stamp = _stat(url)
            block = min(block_bytes, max(MIN_BLOCK, -(-size // (_BLOCKS_PER_WORKER * workers))))
            for offset in range(0, max(size, 1), block):
                parts.append(Partition(f"{k:05d}-{j:04d}{offset:012d}-jsonl-{_digest(url, stamp, block)}",
                                       "jsonl", url=url, offset=offset, length=min(block, size - offset)))
    return parts


def _stat(url: str) -> tuple[Any, ...]:
    fs, path = _fs(url)
    try:
        info = fs.info(path)
    except OSError:
        return ()
    return info.get("size"), info.get("mtime") or info.get("LastModified") or info.get("created")


# ------------------------------------------------------------------ worker side

def _block(url: str, offset: int, length: int) -> bytes:
    """The lines of a JSONL byte block: from the first line that starts in it to the end
    of the line that runs past it (fsspec's delimiter-aligned read)."""
    from fsspec.utils import read_block

    fs, path = _fs(url)
    with fs.open(path, "rb") as fh:
        return read_block(fh, offset, length, delimiter=b"\n")


def count_lines(part: Partition) -> int:
    """Lines in a JSONL block (for the line numbers of the next blocks)."""
    return _block(part.url, part.offset, part.length).count(b"\n") if part.kind == "jsonl" else 0


def _read_text(url: str, doc_id: str) -> Article | DocumentResult:
    """A text file through fsspec, with the checks and messages of a local read."""
    fs, path = _fs(url)
    try:
        info = fs.info(path)
        if info.get("type") not in (None, "file"):
            raise InputError(NOT_REGULAR)
        check_size(info.get("size") or 0)
        with fs.open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        return DocumentResult(doc_id, url, error=f"cannot be read ({exc.strerror or exc})")
    except InputError as exc:
        return DocumentResult(doc_id, url, error=str(exc))
    return text_article(data, doc_id, url)


def _items(part: Partition) -> list[Article | DocumentResult]:
    if part.kind == "failed":
        return [DocumentResult(d, p, error=r) for d, p, r in part.failures]
    if part.kind == "text":
        return [_read_text(url, doc_id) for url, doc_id in part.files]
    data = _block(part.url, part.offset, part.length)
    items = []
    for n, raw in enumerate(data.split(b"\n"), part.first_line):
        record = jsonl_record(raw, part.url, n)
        if record is not None:
            items.append(record)
    return items


def run_partition(part: Partition, out_dir: str, scope: str = "speech",
                  batch_size: int = BATCH_SIZE) -> PartitionSummary:
    """Parse one partition and write its tables, or read them back when a previous run
    wrote them. Never raises for a bad document: it is a row with its error."""
    out = Path(out_dir)
    skipped = parquet.done(out, part.name)
    if skipped:
        results = parquet.read_partition(out, part.name)
    else:
        items = _items(part)
        results = process_batch(items, batch_size, scope)
        texts = {i.doc_id: i.text for i in items if isinstance(i, Article)}
        meta = {i.doc_id: {k: (str(i.meta[k]) if i.meta.get(k) is not None else None) for k in META_FIELDS}
                for i in items if isinstance(i, Article)}
        parquet.write_partition(out, part.name, results, texts, meta)
    tally = SpeakerMerger()
    for r in results:
        if r.error is None:
            tally.add(r)
    return PartitionSummary(part.name, len(results), sum(len(r.quotes) for r in results if r.error is None),
                            sum(1 for r in results if r.error is not None), [r.doc_id for r in results], tally,
                            skipped)


def merge_partition(name: str, out_dir: str, merger: SpeakerMerger,
                    renames: dict[str, dict[int, str]] | None = None) -> int:
    """Rename one partition's speakers to the corpus-wide canonical ones (merged/), and
    its documents whose id an earlier partition used (``renames``: position -> id)."""
    out = Path(out_dir)
    moved = (renames or {}).get(name, {})
    results = []
    for k, r in enumerate(parquet.read_partition(out, name)):
        if k in moved:
            r = parquet.renamed(r, moved[k])
        if r.error is None:
            results.append(merger.apply(r))
    parquet.write_merged(out, name, results)
    return sum(len(r.quotes) for r in results)


def unique_ids(summaries: Sequence[PartitionSummary]) -> dict[str, dict[int, str]]:
    """Ids unique in the run, as a local run makes them (``quotes.inputs.unique_id``, in
    input order): partition -> {position: new id} for the documents renamed."""
    seen: set[str] = set()
    renames: dict[str, dict[int, str]] = {}
    for s in summaries:
        for k, doc_id in enumerate(s.doc_ids):
            new = unique_id(doc_id, seen)
            if new != doc_id:
                renames.setdefault(s.name, {})[k] = new
    return renames


# ------------------------------------------------------------------ client side

@dataclass
class RunSummary:
    documents: int
    quotes: int
    failed: int
    skipped_partitions: int
    partitions: int


def _numbered(parts: list[Partition], counts: list[int]) -> list[Partition]:
    """JSONL blocks with the line number of their first line (prefix sums per file)."""
    out, lines = [], {}
    for part, n in zip(parts, counts, strict=True):
        if part.kind == "jsonl":
            first = lines.get(part.url, 1)
            lines[part.url] = first + n
            part = Partition(part.name, part.kind, url=part.url, offset=part.offset, length=part.length,
                             first_line=first)
        out.append(part)
    return out


def run(inputs: Sequence[str], out_dir: Path, mapper: Callable[..., list[Any]], scope: str = "speech",
        people: People | None = None, block_bytes: int = BLOCK_BYTES, workers: int = 1,
        warn: Callable[[str], None] | None = None) -> RunSummary:
    """Plan, map, reduce and map again. ``mapper(fn, items, **kwargs)`` runs ``fn`` over
    ``items`` and returns the results in order: Dask's ``client.map`` + ``gather``, or a
    local process pool."""
    out_dir = out_dir.resolve()  # workers may run in another directory, or on another machine
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("*/.*.tmp"):  # left by a writer killed mid-file
        stale.unlink(missing_ok=True)
    parts = plan(inputs, block_bytes, workers=workers)
    parts = _numbered(parts, mapper(count_lines, parts))
    summaries: list[PartitionSummary] = mapper(run_partition, parts, out_dir=str(out_dir), scope=scope)
    merger = SpeakerMerger(people)
    for s in summaries:  # input order: the same canonical names as a local run
        merger.update(s.tally)
    merger.freeze()
    renames = unique_ids(summaries)
    parquet.write_renames(out_dir, renames)
    if warn is not None:
        for s in summaries:
            for k, new in sorted(renames.get(s.name, {}).items()):
                warn(f"{s.name}: id {s.doc_ids[k]!r} is already used in this run; this document is {new!r}")
    mapper(merge_partition, [s.name for s in summaries], out_dir=str(out_dir), merger=merger, renames=renames)
    return RunSummary(sum(s.documents for s in summaries), sum(s.quotes for s in summaries),
                      sum(s.failed for s in summaries), sum(s.skipped for s in summaries), len(summaries))


def dask_mapper(address: str, workers: int) -> tuple[Callable[..., list[Any]], Callable[[], None]]:
    """A mapper over a Dask cluster: ``local`` starts a LocalCluster of ``workers``
    processes on this machine; else ``address`` is a running scheduler (tcp://host:8786).

    Local workers are forked where the platform allows it, so a pipeline the caller has
    loaded (``quotes.nlp.load_pipeline``) is theirs from the start, as with the local
    process pool, instead of each one loading its own (a worker Dask restarts later is
    spawned and loads it itself)."""
    import dask
    from distributed import Client, LocalCluster

    cluster = None
    if address == "local":
        method = "fork" if hasattr(os, "fork") and sys.platform.startswith("linux") else "spawn"
        with dask.config.set({"distributed.worker.multiprocessing-method": method}):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                   host="127.0.0.1")
        client = Client(cluster)
    else:
        client = Client(address)

    def mapper(fn: Callable[..., Any], items: list[Any], **kwargs: Any) -> list[Any]:
        if not items:
            return []
        # The merger (names and aliases of the whole corpus) goes to each worker once.
        shared = {k: (client.scatter(v, broadcast=True) if isinstance(v, SpeakerMerger) else v)
                  for k, v in kwargs.items()}
        keys = [f"{fn.__name__}-{_digest(item, sorted(kwargs))}" for item in items]
        return client.gather(client.map(fn, items, key=keys, **shared))

    def close() -> None:
        client.close()
        if cluster is not None:
            cluster.close()

    return mapper, close


def pool_mapper(workers: int) -> tuple[Callable[..., list[Any]], Callable[[], None]]:
    """A mapper over a local process pool (``--parquet`` without ``--dask``)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    if workers <= 1:
        return (lambda fn, items, **kw: [fn(i, **kw) for i in items]), (lambda: None)
    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    pool = ProcessPoolExecutor(workers, mp_context=ctx)

    def mapper(fn: Callable[..., Any], items: list[Any], **kwargs: Any) -> list[Any]:
        return list(pool.map(partial(fn, **kwargs), items))

    return mapper, lambda: pool.shutdown()
