"""Read articles lazily from files, directories, JSONL and stdin.

Each input yields an ``Article`` or, when it cannot be read, a failed
``DocumentResult`` naming the file (and line, for JSONL) and the reason, so that a
batch accounts for every input. Text is decoded as strict UTF-8 (a BOM is kept as a
character, so offsets match any UTF-8 reader); other encodings fail that file with a
message saying how to convert it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

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
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            f"convert it first, e.g. iconv -f cp1252 -t utf-8 {name}"
        ) from None


def _failed(doc_id: str, path: str, reason: str) -> DocumentResult:
    return DocumentResult(doc_id, path, error=reason)


def read_text_file(path: Path) -> Article | DocumentResult:
    doc_id = path.stem
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return _failed(doc_id, str(path), f"file too large ({size:,} bytes; the limit is {MAX_BYTES:,}): "
                                              "split it into articles, or pass them as JSONL")
        data = path.read_bytes()
    except OSError as exc:
        return _failed(doc_id, str(path), f"cannot be read ({exc.strerror or exc})")
    try:
        text = decode(data, str(path))
    except InputError as exc:
        return _failed(doc_id, str(path), str(exc))
    if not text.strip():
        return _failed(doc_id, str(path), "empty document")
    return Article(doc_id, text, str(path))


def _jsonl_records(lines: Iterable[bytes], path: str) -> Iterator[Article | DocumentResult]:
    for n, raw in enumerate(lines, 1):
        where = f"{path}:{n}"
        if not raw.strip():
            continue
        try:
            obj = json.loads(decode(raw, path))
        except (InputError, json.JSONDecodeError) as exc:
            yield _failed(f"{Path(path).stem}:{n}", where, f"malformed JSON line ({exc})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield _failed(f"{Path(path).stem}:{n}", where, 'a JSONL article needs a "text" string')
            continue
        doc_id = str(obj.get("id") or obj.get("doc_id") or f"{Path(path).stem}:{n}")
        if not obj["text"].strip():
            yield _failed(doc_id, where, "empty document")
            continue
        meta = {k: obj.get(k) for k in META_FIELDS if obj.get(k) is not None}
        yield Article(doc_id, obj["text"], where, meta)


def read_jsonl_file(path: Path) -> Iterator[Article | DocumentResult]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield _failed(path.stem, str(path), f"cannot be read ({exc.strerror or exc})")
        return
    with fh:
        yield from _jsonl_records(fh, str(path))


def _walk(root: Path) -> Iterator[Path]:
    """Files under a directory, recursively, in a stable (sorted) order."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            p = Path(dirpath) / name
            if p.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES:
                yield p


def read_stdin() -> Iterator[Article | DocumentResult]:
    data = sys.stdin.buffer.read()
    if data.lstrip()[:1] == b"{":
        yield from _jsonl_records(data.splitlines(), "<stdin>")
        return
    try:
        text = decode(data, "<stdin>")
    except InputError as exc:
        yield _failed("stdin", "<stdin>", str(exc))
        return
    if not text.strip():
        yield _failed("stdin", "<stdin>", "empty document")
        return
    yield Article("stdin", text, "<stdin>")


def read_inputs(paths: Iterable[str]) -> Iterator[Article | DocumentResult]:
    """Every article named by ``paths`` (files, directories, JSONL, ``-``), lazily."""
    for raw in paths:
        if raw == "-":
            yield from read_stdin()
            continue
        path = Path(raw)
        if path.is_dir():
            files: Iterable[Path] = _walk(path)
        elif path.exists():
            files = [path]
        else:
            yield _failed(path.stem or raw, raw, "no such file or directory")
            continue
        for f in files:
            if f.suffix.lower() in JSONL_SUFFIXES:
                yield from read_jsonl_file(f)
            else:
                yield read_text_file(f)


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many articles ``paths`` hold (for a progress ETA), or None when unknown (stdin)."""
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        files: Iterable[Path] = _walk(path) if path.is_dir() else [path] if path.exists() else []
        for f in files:
            if f.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with f.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total
