"""Text encodings of client exports: detect UTF-8, UTF-8 with BOM or GB18030 (a superset of GBK).

The encoding is chosen from the first ``SAMPLE`` bytes after any pure-ASCII start (the whole
file when it is smaller), so a 1 GB export is not decoded in Python just to be handed to
DuckDB, which checks UTF-8 itself as it reads. ``verify_encoding`` decodes a whole file to name
its first bad byte when DuckDB rejects it; GB18030 files are decoded in full anyway, by
``transcode_to_utf8``. The file's SHA-256, for provenance, is computed over every byte in the
same pass as detection.
"""

from __future__ import annotations

import codecs
import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from evalkit.data.digests import cached_sha256
from evalkit.errors import DataError

CHUNK = 1 << 22
SAMPLE = 1 << 23
"""Bytes decoded to choose the encoding (a chunk boundary may split a character: not final)."""
CANDIDATES = ("utf-8", "gb18030")
_UTF8_NAMES = {"utf-8", "utf8", "utf_8", "utf-8-sig", "utf_8_sig", "ascii", "us-ascii"}


@dataclass(frozen=True)
class TextFile:
    """A text file's encoding (``utf-8``, ``utf-8-sig`` or another) and its SHA-256."""

    encoding: str
    sha256: str | FileDigest
    """``str()`` gives the hex digest (waiting for the background thread)."""
    verified: bool = True
    """Whether every byte was decoded (``False``: only the first ``SAMPLE`` bytes were)."""

    @property
    def is_utf8(self) -> bool:
        """Whether DuckDB can read the file as it is (UTF-8, with or without BOM)."""
        return codecs.lookup(self.encoding).name in {"utf-8", "utf-8-sig"}


@dataclass(frozen=True)
class _Failure:
    encoding: str
    offset: int
    byte: int


def detect_encoding(path: Path, given: str | None = None, sample: int = SAMPLE) -> TextFile:
    """The encoding of ``path``: ``given`` if it decodes the first ``sample`` bytes, else the
    first candidate that does.

    Raises ``DataError`` naming the file and the first bad byte offset when none decodes them.
    """
    names = (given,) if given else CANDIDATES
    start = 0
    with path.open("rb") as handle:
        head = handle.read(sample)
        while head and head.isascii():  # ASCII fits every candidate: read on for evidence
            start += len(head)
            head = handle.read(CHUNK)
        complete = not handle.read(1)
    digest = FileDigest(path)  # in the background, while the file is read as data
    failures: list[_Failure] = []
    for name in names:
        failure = _feed(_decoder(name), head, name, start, final=complete)
        if failure is None:
            bom = start == 0 and head.startswith(codecs.BOM_UTF8)
            return TextFile(_named(name, bom), digest, verified=complete)
        failures.append(failure)
    tried = "; ".join(
        f"not {f.encoding} (byte 0x{f.byte:02x} at offset {f.offset})" for f in failures
    )
    hint = "give the right 'encoding:'" if given else "save it as UTF-8 or give 'encoding:'"
    raise DataError(f"{path}: cannot decode the file: {tried}; {hint}")


def verify_encoding(path: Path, encoding: str) -> None:
    """Decode all of ``path``; ``DataError`` naming the first bad byte if it is not ``encoding``."""
    decoder = _decoder(encoding)
    offset = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            failure = _feed(decoder, chunk, encoding, offset)
            if failure is not None:
                raise _undecodable(path, failure)
            offset += len(chunk)
    failure = _feed(decoder, b"", encoding, offset, final=True)
    if failure is not None:
        raise _undecodable(path, failure)


def transcode_to_utf8(path: Path, encoding: str, target: Path) -> None:
    """Write ``path`` decoded from ``encoding`` as UTF-8 to ``target``, in chunks.

    Raises ``DataError`` naming the first byte that does not decode.
    """
    decoder = _decoder(encoding)
    offset = 0
    with path.open("rb") as src, target.open("w", encoding="utf-8", newline="") as dst:
        while chunk := src.read(CHUNK):
            try:
                dst.write(decoder.decode(chunk))
            except UnicodeDecodeError as exc:
                bad = _Failure(encoding, offset + exc.start, chunk[exc.start])
                raise _undecodable(path, bad) from None
            offset += len(chunk)
        end = _feed(decoder, b"", encoding, offset, final=True)
        if end is not None:
            raise _undecodable(path, end)


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class FileDigest:
    """The SHA-256 of a file, computed in a background thread from the moment it is created
    (hashlib releases the GIL, so hashing a large Parquet file overlaps the queries on it),
    or the one recorded for the unchanged file (``digests.cached_sha256``); ``str()`` waits
    for it (and raises what reading the file raised)."""

    def __init__(self, path: Path) -> None:
        self._found: list[str | OSError] = []
        self._thread = threading.Thread(target=self._hash, args=(path,), daemon=True)
        self._thread.start()

    def _hash(self, path: Path) -> None:
        try:
            self._found.append(cached_sha256(path, file_sha256))
        except OSError as exc:
            self._found.append(exc)

    def __str__(self) -> str:
        self._thread.join()
        found = self._found[0]
        if isinstance(found, OSError):
            raise found
        return found

    def __eq__(self, other: object) -> bool:
        """Equal to its hex digest, or to a digest of the same bytes."""
        if isinstance(other, str | FileDigest):
            return str(self) == str(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))


def _decoder(encoding: str) -> codecs.IncrementalDecoder:
    return codecs.getincrementaldecoder(encoding)(errors="strict")


def _feed(
    decoder: codecs.IncrementalDecoder,
    chunk: bytes,
    encoding: str,
    offset: int,
    final: bool = False,
) -> _Failure | None:
    try:
        decoder.decode(chunk, final=final)
    except UnicodeDecodeError as exc:
        if not chunk:  # a character cut off by the end of the file
            return _Failure(encoding, offset, 0)
        byte = chunk[exc.start] if exc.start < len(chunk) else 0
        return _Failure(encoding, offset + exc.start, byte)
    return None


def _named(encoding: str, bom: bool) -> str:
    if codecs.lookup(encoding).name == "utf-8" or encoding.lower() in _UTF8_NAMES:
        return "utf-8-sig" if bom else "utf-8"
    return encoding


def _undecodable(path: Path, failure: _Failure) -> DataError:
    return DataError(
        f"{path}: cannot decode the file: not {failure.encoding} (byte 0x{failure.byte:02x} at "
        f"offset {failure.offset}); save it as UTF-8 or give the right 'encoding:'"
    )
