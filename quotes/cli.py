"""The ``quotes`` command line: a thin shell over the library.

    quotes extract ARTICLES...            every quote, one row each
    quotes speakers ARTICLES...           who said how much, and where (--detail: every quote)
    quotes report ARTICLES... -o DIR      CSV files and a browsable HTML report in DIR

Exit codes: 0 all documents processed; 1 some documents failed (each named on stderr
and, with ``--errors FILE``, listed there as JSONL); 2 usage error or missing model.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer

from quotes.aggregate import SpeakerMerger, merge_speakers, quotes_by_speaker, speaker_matches, speaker_table
from quotes.attribute import SCOPES
from quotes.cluster import BLOCK_BYTES
from quotes.export import FORMATS, printable, write_quotes, write_speaker_detail, write_speakers
from quotes.extract import Article, default_workers, process_all
from quotes.html import unique_slugs, write_site
from quotes.inputs import count_inputs, read_inputs
from quotes.people import People, PeopleFileError
from quotes.records import META_FIELDS, QUOTE_TYPES, DocumentResult, Quote
from quotes.store import Store, StoreError, StoreMismatch, document_key

app = typer.Typer(
    help="Find quotes in news articles, attribute them to speakers, and tabulate who said what and where.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

Paths = Annotated[list[str] | None, typer.Argument(
    help="Articles: .txt files, directories (searched recursively), JSONL files of "
         '{"id", "text", ...} records, or - for stdin. Optional with --db.', show_default=False)]
DbOpt = Annotated[Path | None, typer.Option(
    "--db", help="SQLite store: new documents are added as they finish (documents already stored are "
                 "skipped, so an interrupted run resumes), and results come from everything stored.")]
ParquetOpt = Annotated[Path | None, typer.Option(
    "--parquet", help="Parquet dataset directory: results are written there partition by partition (a re-run "
                      "skips what is written), and read from there; with no ARTICLES, answer from it without "
                      "parsing. Needs the dask extra (pip install 'quotes[dask]').", show_default=False)]
DaskOpt = Annotated[str | None, typer.Option(
    "--dask", help="Run on a Dask cluster: 'local' (a LocalCluster of --workers processes) or a scheduler "
                   "address (tcp://host:8786). Results go to --parquet DIR, which every worker must reach.",
    show_default=False)]
BlockOpt = Annotated[int, typer.Option(
    "--block-size", min=1024, help="With --parquet: the most bytes of a JSONL file per partition (a large file "
                                   "is split into blocks, at least four per worker, that spread over the workers).")]
Format = Annotated[str | None, typer.Option(
    "--format", "-f", help="table, csv, json or jsonl. Default: table on a terminal, jsonl otherwise.",
    show_default=False)]
Output = Annotated[str, typer.Option("--output", "-o", help="Write to this file (- for stdout).")]
Workers = Annotated[int | None, typer.Option(
    "--workers", "-w", min=1, help="Worker processes (default: all cores).", show_default=False)]
SpeakerOpt = Annotated[str | None, typer.Option(
    "--speaker", "-s", help="Only this speaker; any form of the name matches ('Lutnick' finds Howard Lutnick).")]
TypeOpt = Annotated[str | None, typer.Option(
    "--type", "-t", help="Only quotes of this type: direct, indirect or mixed.")]
ErrorsOpt = Annotated[Path | None, typer.Option(
    "--errors", help="Write documents that failed as JSONL (path, reason) to this file.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")]
PeopleOpt = Annotated[Path | None, typer.Option(
    "--people", help="CSV of known people (columns name, aliases, titles, id; several aliases or titles "
                     "separated by ';'): every alias is that person, and the id is written as speaker_id.",
    show_default=False)]
ScopeOpt = Annotated[str, typer.Option(
    "--scope", help="speech: what people say, write and believe. all: also stated positions "
                    "('endorsed Trump') and attributions to no one named ('is expected to win', 'seems close'), "
                    "as the PolNeAR corpus annotates them.")]


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(printable(f"quotes: {message}"), err=True)
    return typer.Exit(code)


def _resolve_format(fmt: str | None, output: str) -> str:
    if fmt is None:
        return "table" if output == "-" and sys.stdout.isatty() else "jsonl"
    if fmt not in FORMATS:
        raise _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    return fmt


@contextmanager
def _open_output(output: str) -> Iterator[TextIO]:
    """stdout, or a file written atomically (a temporary file renamed into place). A write
    that fails (a full disk, /dev/full, a directory, no permission) ends the run with one
    line and exit code 2; the old file is left intact and no temporary file remains."""
    try:
        with _output_stream(output) as fh:
            yield fh
    except OSError as exc:
        raise _fail(f"{output}: cannot write ({exc.strerror or exc})") from None


@contextmanager
def _output_stream(output: str) -> Iterator[TextIO]:
    if output == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(output)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "it is a directory")
    if target.exists() and not target.is_file():  # /dev/null, a named pipe: write straight through
        with target.open("w", encoding="utf-8", newline="") as fh:
            yield fh
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a report is an ordinary file
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _Progress:
    """Documents done, docs/s and ETA on stderr, only when stderr is a terminal."""

    def __init__(self, quiet: bool, paths: list[str] | None = None) -> None:
        self.on = not quiet and sys.stderr.isatty()
        self.total = count_inputs(paths) if self.on and paths else None
        self.start = time.monotonic()
        self.n = 0

    def tick(self) -> None:
        self.n += 1
        if self.on:
            rate = self.n / max(time.monotonic() - self.start, 1e-9)
            line = f"{self.n} documents, {rate:.1f} docs/s"
            if self.total and self.total >= self.n:
                eta = int((self.total - self.n) / max(rate, 1e-9))
                line = f"{self.n}/{self.total} documents, {rate:.1f} docs/s, ETA {eta // 60}:{eta % 60:02d}"
            sys.stderr.write(f"\r{line}\033[K")
            sys.stderr.flush()

    def done(self) -> None:
        if self.on:
            sys.stderr.write("\r\033[K")


def _load_people(path: Path | None) -> People:
    if path is None:
        return People()
    try:
        return People.load(path)
    except PeopleFileError as exc:
        raise _fail(str(exc)) from None


def _run(paths: list[str] | None, workers: int | None, errors: Path | None, quiet: bool,
         keep_texts: dict[str, tuple[str, str | None]] | None = None,
         db: Path | None = None, scope: str = "speech",
         people_file: Path | None = None, dataset: Path | None = None, dask: str | None = None,
         block_size: int = BLOCK_BYTES) -> tuple[Iterable[DocumentResult], int]:
    """Process all inputs; report failures; return the merged results and how many failed.

    With ``db``, documents already in the store are skipped, new ones are stored as they
    finish, and the results returned are everything in the store. With ``dataset`` (and
    ``dask``), the corpus runs into a Parquet dataset (``quotes.cluster``)."""
    if not paths and db is None and dataset is None:
        raise _fail("give articles to read (files, directories, JSONL or -), or --db STORE or --parquet DIR "
                    "to query.")
    people = _load_people(people_file)
    if dask is not None and dataset is None:
        raise _fail("--dask needs --parquet DIR: the workers write their results there.")
    if dataset is not None:
        if db is not None:
            raise _fail("give --db or --parquet, not both.")
        return _run_dataset(paths, dataset, dask, workers or default_workers(), errors, quiet, scope, people,
                            people_file is not None and not paths, keep_texts, block_size)
    progress = _Progress(quiet, paths)
    ok: list[DocumentResult] = []
    failed: list[DocumentResult] = []
    if scope not in SCOPES:
        raise _fail(f"--scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    try:
        store = Store(db, scope if paths else None, readonly=not paths) if db is not None else None
    except sqlite3.Error as exc:
        raise _fail(f"{db}: cannot open the store ({exc})") from None
    except (StoreMismatch, StoreError) as exc:
        raise _fail(str(exc)) from None
    skipped = 0
    pending: deque[tuple[str, dict[str, str | None]] | None] = deque()

    def unseen(items: Iterable[Article | DocumentResult]) -> Iterator[Article | DocumentResult]:
        nonlocal skipped
        for item in items:
            if store is not None and isinstance(item, Article):
                if store.has(item.doc_id, item.text):
                    skipped += 1
                    continue
                pending.append((document_key(item.doc_id, item.text), {k: item.meta.get(k) for k in META_FIELDS}))
            elif store is not None:
                pending.append(None)
            yield item

    if paths:
        from quotes.nlp import ModelMissing, load_pipeline

        try:
            load_pipeline(scope=scope)
        except ModelMissing as exc:
            raise _fail(str(exc)) from None
        inputs: Iterable[Article | DocumentResult] = unseen(read_inputs(
            paths, warn=lambda message: typer.echo(f"quotes: {printable(message)}", err=True)))
        if keep_texts is not None:
            inputs = _keeping_texts(inputs, keep_texts)
        for result in process_all(inputs, workers or default_workers(), scope=scope):
            progress.tick()
            stored = pending.popleft() if store is not None else None
            if result.error:
                typer.echo(printable(f"quotes: {result.path}: {result.error}"), err=True)
                failed.append(result)
                continue
            if store is not None and stored is not None:
                store.add(result, *stored)
            else:
                ok.append(result)
        progress.done()
    if errors is not None:
        with _open_output(str(errors)) as fh:
            for r in failed:
                fh.write(json.dumps({"path": r.path, "doc_id": r.doc_id, "reason": r.error}, ensure_ascii=False) + "\n")
    n_processed = progress.n
    if store is None:
        merged: Iterable[DocumentResult] = merge_speakers(ok, people)
        n_docs, n_quotes = len(ok), sum(len(r.quotes) for r in ok)
    else:
        merged, n_docs, n_quotes = _stored_results(store, people)
    if not quiet:
        line = f"{n_processed + skipped} documents, {n_quotes} quotes, {len(failed)} failed"
        if store is not None:
            line += f" ({skipped} already in {db}; the store holds {n_docs} documents)"
        typer.echo(line, err=True)
    return merged, len(failed)


def _run_dataset(paths: list[str] | None, dataset: Path, dask: str | None, workers: int, errors: Path | None,
                 quiet: bool, scope: str, people: People, repin: bool,
                 keep_texts: dict[str, tuple[str, str | None]] | None,
                 block_size: int) -> tuple[Iterable[DocumentResult], int]:
    """Run ``paths`` into the Parquet dataset (on Dask or local processes), then read it."""
    from quotes import cluster, parquet

    if paths:
        if "-" in paths:
            raise _fail("--parquet reads files and URLs, not stdin: save it to a file first.")
        from quotes.nlp import ModelMissing, check_models, load_pipeline

        try:  # fail fast, here, when a model is missing (local workers fork with it loaded)
            check_models() if dask not in (None, "local") else load_pipeline(scope=scope)
        except ModelMissing as exc:
            raise _fail(str(exc)) from None
        try:
            mapper, close = cluster.dask_mapper(dask, workers) if dask else cluster.pool_mapper(workers)
        except (OSError, TimeoutError) as exc:
            raise _fail(f"cannot reach the Dask scheduler at {dask} ({exc})") from None
        try:
            run = cluster.run(paths, dataset, mapper, scope, people, block_size, workers,
                              warn=lambda message: typer.echo(f"quotes: {printable(message)}", err=True))
        except OSError as exc:
            raise _fail(f"{dataset}: cannot write the dataset ({exc.strerror or exc})") from None
        finally:
            close()
    elif not parquet.partitions(dataset):
        raise _fail(f"{dataset}: no Parquet dataset here (fill one with quotes extract ARTICLES --parquet {dataset})")
    failed = parquet.failures(dataset)
    for f in failed:
        typer.echo(printable(f"quotes: {f['path']}: {f['reason']}"), err=True)
    if errors is not None:
        with _open_output(str(errors)) as fh:
            for f in failed:
                fh.write(json.dumps(f, ensure_ascii=False) + "\n")
    totals = parquet.summary(dataset)
    if not quiet:
        line = f"{totals['documents']} documents, {totals['quotes']} quotes, {totals['failed']} failed"
        if paths:
            line += f" ({run.skipped_partitions} of {run.partitions} partitions already in {dataset})"
        typer.echo(line, err=True)
    if keep_texts is not None:
        keep_texts.update(parquet.read_texts(dataset))
    if repin:  # --people when reading a dataset: merge again from the per-document tables
        merger = SpeakerMerger(people)
        per_doc = list(parquet.read_documents(dataset))
        for r in per_doc:
            merger.add(r)
        return (merger.apply(r) for r in per_doc), len(failed)
    return parquet.read_merged(dataset), len(failed)


def _stored_results(store: Store, people: People) -> tuple[Iterator[DocumentResult], int, int]:
    """Everything in the store, speakers merged, streamed (memory stays flat): one pass
    to learn the names, a second to rename them as the results are written."""
    merger = SpeakerMerger(people)
    n_docs = n_quotes = 0
    for r in store.results():
        merger.add(r)
        n_docs += 1
        n_quotes += len(r.quotes)

    def stream() -> Iterator[DocumentResult]:
        try:
            for r in store.results():
                yield merger.apply(r)
        finally:
            store.close()

    return stream(), n_docs, n_quotes


def _keeping_texts(items: Iterable[Article | DocumentResult],
                   texts: dict[str, tuple[str, str | None]]) -> Iterator[Article | DocumentResult]:
    for item in items:
        if isinstance(item, Article):
            title = item.meta.get("title")
            texts[item.doc_id] = (item.text, str(title) if title else None)
        yield item


def _check_type(qtype: str | None) -> None:
    if qtype is not None and qtype not in QUOTE_TYPES:
        raise _fail(f"unknown quote type {qtype!r}; choose one of {', '.join(QUOTE_TYPES)}.")


def _select(results: Iterable[DocumentResult], speaker: str | None, qtype: str | None) -> Iterator[Quote]:
    """The quotes to show, lazily (results may stream from a store)."""
    return (q for r in results for q in r.quotes
            if (qtype is None or q.type == qtype)
            and (speaker is None or (q.speaker is not None and speaker_matches(q.speaker, speaker))))


@app.command()
def extract(paths: Paths = None, fmt: Format = None, output: Output = "-", speaker: SpeakerOpt = None,
            qtype: TypeOpt = None, workers: Workers = None, errors: ErrorsOpt = None, quiet: Quiet = False,
            db: DbOpt = None, scope: ScopeOpt = "speech", people: PeopleOpt = None,
            dataset: ParquetOpt = None, dask: DaskOpt = None, block_size: BlockOpt = BLOCK_BYTES) -> None:
    """List every quote: text, type, speaker, and where it is (document, paragraph, offsets).

    Examples: quotes extract examples/ --speaker Lutnick --format csv -o lutnick.csv ;
    quotes extract archive/ --db quotes.db ; quotes extract --db quotes.db --speaker Lutnick
    """
    fmt = _resolve_format(fmt, output)
    _check_type(qtype)
    results, n_failed = _run(paths, workers, errors, quiet, db=db, scope=scope, people_file=people,
                             dataset=dataset, dask=dask, block_size=block_size)
    with _open_output(output) as out:
        write_quotes(_select(results, speaker, qtype), fmt, out)
    raise typer.Exit(1 if n_failed else 0)


@app.command()
def speakers(paths: Paths = None, fmt: Format = None, output: Output = "-", speaker: SpeakerOpt = None,
             qtype: TypeOpt = None,
             detail: Annotated[bool, typer.Option(
                 "--detail", "-d", help="One section per speaker listing every quote: document, paragraph, "
                                        "type, cue and text.")] = False,
             min_quotes: Annotated[int, typer.Option(
                 "--min-quotes", "-m", min=1, help="Only speakers with at least this many quotes.")] = 1,
             workers: Workers = None, errors: ErrorsOpt = None, quiet: Quiet = False, db: DbOpt = None,
             scope: ScopeOpt = "speech", people: PeopleOpt = None, dataset: ParquetOpt = None,
             dask: DaskOpt = None) -> None:
    """Table of speakers: kind, titles, number of quotes and documents, and where they spoke.

    Most quoted first. With --detail, every quote of each speaker under a heading.

    Examples: quotes speakers examples/ ; quotes speakers examples/ --detail --speaker Vasquez
    """
    fmt = _resolve_format(fmt, output)
    _check_type(qtype)
    results, n_failed = _run(paths, workers, errors, quiet, db=db, scope=scope, people_file=people,
                             dataset=dataset, dask=dask)
    quotes = list(_select(results, speaker, qtype))
    table = [s for s in speaker_table(quotes) if s.quotes >= min_quotes]
    with _open_output(output) as out:
        if detail:
            write_speaker_detail(table, quotes_by_speaker(quotes), fmt, out)
        else:
            write_speakers(table, fmt, out)
    raise typer.Exit(1 if n_failed else 0)


@app.command()
def report(output: Annotated[Path, typer.Option("--output", "-o", help="Directory to write the report into.")],
           paths: Paths = None, workers: Workers = None, errors: ErrorsOpt = None, quiet: Quiet = False,
           scope: ScopeOpt = "speech", people: PeopleOpt = None, dataset: ParquetOpt = None,
           dask: DaskOpt = None) -> None:
    """Write DIR/quotes.csv, DIR/speakers.csv, DIR/speakers/<name>.csv and DIR/index.html.

    index.html is a self-contained page: the speakers table and links to every article with
    its quotes highlighted in the speaker's colour.

    Example: quotes report examples/ -o out/
    """
    if output.exists() and not output.is_dir():
        raise _fail(f"{output}: exists and is not a directory; give a directory for the report")
    texts: dict[str, tuple[str, str | None]] = {}
    streamed, n_failed = _run(paths, workers, errors, quiet, keep_texts=texts, scope=scope, people_file=people,
                              dataset=dataset, dask=dask)
    results = list(streamed)
    all_quotes = [q for r in results for q in r.quotes]
    table = speaker_table(all_quotes)
    by_speaker = quotes_by_speaker(all_quotes)
    files = unique_slugs([s.speaker for s in table])
    with _open_output(str(output / "quotes.csv")) as out:
        write_quotes(all_quotes, "csv", out)
    with _open_output(str(output / "speakers.csv")) as out:
        write_speakers(table, "csv", out)
    written = {output / "quotes.csv", output / "speakers.csv"}
    for s in table:
        target = output / "speakers" / f"{files[s.speaker]}.csv"
        with _open_output(str(target)) as out:
            write_speaker_detail([s], by_speaker, "csv", out)
        written.add(target)
    ok_ids = {r.doc_id for r in results}
    try:
        written |= write_site(output, {d: t for d, t in texts.items() if d in ok_ids}, all_quotes, table, files)
        _remove_stale(output, written)
    except OSError as exc:
        raise _fail(f"{output}: cannot write the report ({exc.strerror or exc})") from None
    if not quiet:
        typer.echo(f"wrote {output / 'index.html'}, quotes.csv, speakers.csv and {len(table)} files in "
                   f"{output / 'speakers'}", err=True)
    raise typer.Exit(1 if n_failed else 0)


def _remove_stale(output: Path, written: set[Path]) -> None:
    """Pages and CSV files an earlier report left in ``output`` that this one did not write
    (a speaker or article no longer there) are removed, so the report is this run's alone."""
    for folder, pattern in (("speakers", "*.csv"), ("articles", "*.html")):
        for path in (output / folder).glob(pattern):
            if path not in written and path.is_file():
                path.unlink()


def main() -> None:  # pragma: no cover
    app()
