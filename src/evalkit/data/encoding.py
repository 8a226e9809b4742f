"""Text encodings of client exports: detect UTF-8, UTF-8 with BOM or GB18030 (a superset of GBK).

Files are read in chunks, so a 1 GB export is checked without holding it in memory; the same
pass computes the file's SHA-256 for provenance.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from evalkit.errors import DataError

CHUNK = 1 << 22
CANDIDATES = ("utf-8", "gb18030")
_UTF8_NAMES = {"utf-8", "utf8", "utf_8", "utf-8-sig", "utf_8_sig", "ascii", "us-ascii"}


@dataclass(frozen=True)
class TextFile:
    """A text file's encoding (``utf-8``, ``utf-8-sig`` or another) and its SHA-256."""

    encoding: str
    sha256: str

    @property
    def is_utf8(self) -> bool:
        """Whether DuckDB can read the file as it is (UTF-8, with or without BOM)."""
        return codecs.lookup(self.encoding).name in {"utf-8", "utf-8-sig"}


@dataclass(frozen=True)
class _Failure:
    encoding: str
    offset: int
    byte: int


def detect_encoding(path: Path, given: str | None = None) -> TextFile:
    """The encoding of ``path``: ``given`` if it decodes the file, else the first candidate that
    does.

    Raises ``DataError`` naming the file and the first bad byte offset when none decodes it.
    """
    names = (given,) if given else CANDIDATES
    failures: list[_Failure] = []
    for name in names:
        result = _try(path, name)
        if isinstance(result, TextFile):
            return result
        failures.append(result)
    tried = "; ".join(
        f"not {f.encoding} (byte 0x{f.byte:02x} at offset {f.offset})" for f in failures
    )
    hint = "give the right 'encoding:'" if given else "save it as UTF-8 or give 'encoding:'"
    raise DataError(f"{path}: cannot decode the file: {tried}; {hint}")


def _try(path: Path, encoding: str) -> TextFile | _Failure:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    digest = hashlib.sha256()
    offset = 0
    bom = False
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            if offset == 0:
                bom = chunk.startswith(codecs.BOM_UTF8)
            digest.update(chunk)
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return _Failure(encoding, offset + exc.start, chunk[exc.start])
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return _Failure(encoding, offset, 0)
    name = encoding
    if codecs.lookup(encoding).name == "utf-8" or encoding.lower() in _UTF8_NAMES:
        name = "utf-8-sig" if bom else "utf-8"
    return TextFile(name, digest.hexdigest())


def transcode_to_utf8(path: Path, encoding: str, target: Path) -> None:
    """Write ``path`` decoded from ``encoding`` as UTF-8 to ``target``, in chunks."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    with path.open("rb") as src, target.open("w", encoding="utf-8", newline="") as dst:
        while chunk := src.read(CHUNK):
            dst.write(decoder.decode(chunk))
        dst.write(decoder.decode(b"", final=True))


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
