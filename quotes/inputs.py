"""Read articles lazily from files, directories, JSONL and stdin.

Each input yields an ``Article`` or, when it cannot be read, a failed
``DocumentResult`` naming the file (and line, for JSONL) and the reason, so that a
batch accounts for every input. Text is decoded as strict UTF-8 (a BOM is kept as a
character, so offsets match any UTF-8 reader); other encodings fail that file with a
message saying how to convert it.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from quotes.extract import Article
from quotes.records import META_FIELDS, DocumentResult

TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
MAX_BYTES = 20 * 1024 * 1024  # larger files are refused: split them into articles first
_BINARY_SIGNATURES = {b"%PDF": "a PDF file", b"\x89PNG": "a PNG image", b"PK\x03\x04": "a ZIP archive",
                      b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"\x1f\x8b": "a gzip archive"}


class InputError(ValueError):
    """An input that cannot be read as an article; the message says why."""


def decode(data: bytes, name: str) -> str:
    """Bytes -> text, or ``InputError`` with a one-line reason."""
    for sig, what in _BINARY_SIGNATURES.items():
        if data.startswith(sig):
            raise InputError(f"binary file ({what}), not text")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"binary file (a NUL byte at offset {nul}), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            f"convert it first, e.g. iconv -f cp1252 -t utf-8 {name}"
        ) from None


def _failed(doc_id: str, path: str, reason: str) -> DocumentResult:
    return DocumentResult(doc_id, path, error=reason)


def _read_capped(fh: BinaryIO, limit: int | None = None) -> bytes:
    """At most ``limit`` (``MAX_BYTES``) bytes, or ``InputError`` when there are more."""
    limit = MAX_BYTES if limit is None else limit
    data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"too large (over {limit:,} bytes): split it into articles, or pass them as JSONL")
    return data


NOT_REGULAR = "not a regular file (a pipe, device or socket); only files are read"


def check_size(size: int) -> None:
    """``InputError`` for a file over ``MAX_BYTES``."""
    if size > MAX_BYTES:
        raise InputError(f"file too large ({size:,} bytes; the limit is {MAX_BYTES:,}): "
                         "split it into articles, or pass them as JSONL")


def _regular(path: Path, capped: bool = True) -> None:
    """``InputError`` unless ``path`` is a regular file (of at most ``MAX_BYTES`` when
    ``capped``): a FIFO or a device (a link to /dev/zero) would block or never end."""
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):
        raise InputError(NOT_REGULAR)
    if capped:
        check_size(st.st_size)


def text_article(data: bytes, doc_id: str, path: str) -> Article | DocumentResult:
    """The article in the bytes of a text file (or stdin), or the failure that says why not."""
    try:
        text = decode(data, path)
    except InputError as exc:
        return _failed(doc_id, path, str(exc))
    if not text.strip():
        return _failed(doc_id, path, "empty document")
    return Article(doc_id, text, path)


def read_text_file(path: Path, doc_id: str | None = None) -> Article | DocumentResult:
    doc_id = doc_id or path.stem
    try:
        _regular(path)
        with path.open("rb") as fh:
            data = _read_capped(fh)
    except OSError as exc:
        return _failed(doc_id, str(path), f"cannot be read ({exc.strerror or exc})")
    except InputError as exc:
        return _failed(doc_id, str(path), str(exc))
    return text_article(data, doc_id, str(path))


def _has_surrogate(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _record_id(obj: dict) -> str | None:
    """The record's id as given: "0" and "false" are ids too; None when it has none or an
    empty one (the caller uses ``file:line``)."""
    for key in ("id", "doc_id"):
        value = obj.get(key)
        if value is None:
            continue
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (str, int, float)) and str(value).strip():
            return str(value)
        return None
    return None


def jsonl_record(raw: bytes, path: str, n: int) -> Article | DocumentResult | None:
    where = f"{path}:{n}"
    fallback = f"{Path(path).stem}:{n}"
    if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 BOM opening the file
    if not raw.strip():
        return None
    if len(raw) > MAX_BYTES:
        return _failed(fallback, where, f"record too large (over {MAX_BYTES:,} bytes)")
    try:
        obj = json.loads(decode(raw, path))
    except (InputError, ValueError, RecursionError) as exc:
        # ValueError covers JSONDecodeError and integers over Python's 4,300-digit limit;
        # RecursionError arrays or objects nested thousands deep.
        reason = str(exc) if not isinstance(exc, RecursionError) else "nested too deeply"
        return _failed(fallback, where, f"malformed JSON line ({reason[:200]})")
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        return _failed(fallback, where, 'a JSONL article needs a "text" string')
    doc_id = _record_id(obj) or fallback
    meta = {k: obj.get(k) for k in META_FIELDS if obj.get(k) is not None}
    bad = [k for k, v in (("id", doc_id), ("text", obj["text"]), *meta.items()) if isinstance(v, str)
           and _has_surrogate(v)]
    if bad:
        return _failed(fallback, where, f"invalid Unicode (a lone surrogate escape) in {', '.join(bad)}")
    if not obj["text"].strip():
        return _failed(doc_id, where, "empty document")
    return Article(doc_id, obj["text"], where, {k: v if isinstance(v, str) else json.dumps(v)
                                                for k, v in meta.items()})


def _capped_lines(fh: BinaryIO) -> Iterator[bytes]:
    """Lines of a binary file, each read with a cap: an overlong line yields its first
    ``MAX_BYTES + 1`` bytes (a record too large) and the rest of it is skipped."""
    while True:
        line = fh.readline(MAX_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while True:  # skip the rest of the overlong line
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
        yield line


def _jsonl_records(lines: Iterable[bytes], path: str) -> Iterator[Article | DocumentResult]:
    for n, raw in enumerate(lines, 1):
        record = jsonl_record(raw, path, n)
        if record is not None:
            yield record


def read_jsonl_file(path: Path) -> Iterator[Article | DocumentResult]:
    try:
        _regular(path, capped=False)  # JSONL: each record is capped instead
        fh = path.open("rb")
    except OSError as exc:
        yield _failed(path.stem, str(path), f"cannot be read ({exc.strerror or exc})")
        return
    except InputError as exc:
        yield _failed(path.stem, str(path), str(exc))
        return
    with fh:
        try:
            yield from _jsonl_records(_capped_lines(fh), str(path))
        except OSError as exc:
            yield _failed(path.stem, str(path), f"cannot be read ({exc.strerror or exc})")


def _walk(root: Path) -> Iterator[Path | DocumentResult]:
    """Files under a directory, recursively, in a stable (sorted) order; iterative, so
    depth has no limit. Symbolic links to directories are followed once (a loop is
    skipped and said); a directory that cannot be read is a failure naming it."""
    stack = [root]
    seen: set[tuple[int, int]] = set()
    while stack:
        directory = stack.pop()
        try:
            st = directory.stat()
            if (st.st_dev, st.st_ino) in seen:
                yield _failed(directory.name, str(directory), "directory link loop: already read, skipped")
                continue
            seen.add((st.st_dev, st.st_ino))
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield _failed(directory.name or str(directory), str(directory),
                          f"directory cannot be read ({exc.strerror or exc})")
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()  # follows symbolic links
            except OSError as exc:
                yield _failed(path.stem, str(path), f"cannot be read ({exc.strerror or exc})")
                continue
            if is_dir:
                subdirs.append(path)
            elif path.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES:
                yield path
        stack.extend(reversed(subdirs))


def _is_jsonl(data: bytes) -> bool:
    """Standard input is JSONL only when every non-blank line is a JSON object with a
    "text" string; an article that happens to start with "{" stays an article."""
    lines = [ln for ln in data.removeprefix(b"\xef\xbb\xbf").splitlines() if ln.strip()]
    if not lines or lines[0].lstrip()[:1] != b"{":
        return False
    for line in lines:
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError):
            return False
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            return False
    return True


def read_stdin() -> Iterator[Article | DocumentResult]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or sys.stdin.closed:
        yield _failed("stdin", "<stdin>", "standard input is closed")
        return
    try:
        data = _read_capped(stream)
    except InputError as exc:
        yield _failed("stdin", "<stdin>", str(exc))
        return
    except (OSError, ValueError) as exc:
        yield _failed("stdin", "<stdin>", f"cannot be read ({exc})")
        return
    if _is_jsonl(data):
        yield from _jsonl_records(data.splitlines(), "<stdin>")
        return
    yield text_article(data, "stdin", "<stdin>")


def files_of(raw: str) -> Iterator[Path | DocumentResult]:
    path = Path(raw)
    try:
        st = path.stat()
    except OSError as exc:
        reason = "no such file or directory" if exc.errno == errno.ENOENT else f"cannot be read ({exc.strerror})"
        yield _failed(path.stem or raw, raw, reason)
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _walk(path)
    else:
        yield path


def file_ids(paths: list[Path], root: Path | None) -> dict[Path, str]:
    """Document ids of files: the stem, or the path relative to ``root`` (without its
    suffix) where two files share a stem (``a/story.txt``, ``b/story.txt``)."""
    stems = Counter(p.stem for p in paths)
    ids = {}
    for p in paths:
        if stems[p.stem] == 1 or root is None:
            ids[p] = p.stem
        else:
            ids[p] = str(p.relative_to(root).with_suffix("")) if p.is_relative_to(root) else str(p.with_suffix(""))
    return ids


def listed_files(raw: str) -> Iterator[tuple[Path, str] | DocumentResult]:
    """The files an input names, each with its document id (``file_ids``), or failures."""
    found = list(files_of(raw))
    root = Path(raw) if len(found) != 1 or found[0] != Path(raw) else None
    ids = file_ids([f for f in found if isinstance(f, Path)], root)
    for f in found:
        yield f if isinstance(f, DocumentResult) else (f, ids[f])


def unique_id(doc_id: str, seen: set[str]) -> str:
    """``doc_id``, or ``doc_id~2``, ``~3``, ... when the run has used it already; the id
    returned is marked used."""
    new, k = doc_id, 2
    while new in seen:
        new = f"{doc_id}~{k}"
        k += 1
    seen.add(new)
    return new


def read_inputs(paths: Iterable[str], warn: Callable[[str], None] | None = None) -> Iterator[Article | DocumentResult]:
    """Every article named by ``paths`` (files, directories, JSONL, ``-``), lazily. Ids are
    unique in a run: files sharing a stem get their relative path; a repeated id (two JSONL
    records, two arguments) gets ``~2``, ``~3``, ... and ``warn`` is told."""
    seen: set[str] = set()

    def unique(item: Article | DocumentResult) -> Article | DocumentResult:
        new = unique_id(item.doc_id, seen)
        if new != item.doc_id:
            if warn is not None:
                warn(f"{item.path}: id {item.doc_id!r} is already used in this run; this document is {new!r}")
            item = replace(item, doc_id=new)
        return item

    for raw in paths:
        if raw == "-":
            for item in read_stdin():
                yield unique(item)
            continue
        for entry in listed_files(raw):
            if isinstance(entry, DocumentResult):
                yield unique(entry)
            elif entry[0].suffix.lower() in JSONL_SUFFIXES:
                for item in read_jsonl_file(entry[0]):
                    yield unique(item)
            else:
                yield unique(read_text_file(*entry))


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many articles ``paths`` hold (for a progress ETA), or None when unknown (stdin)."""
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        for f in files_of(raw):
            if isinstance(f, Path) and f.suffix.lower() in JSONL_SUFFIXES:
                try:
                    _regular(f, capped=False)
                    with f.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except (OSError, InputError):
                    total += 1
            else:
                total += 1
    return total
