"""The delimiter of a CSV export, chosen from its header, and rows that do not fit it.

DuckDB's own dialect detection gives up on a file with one bad row (a stray delimiter,
unquoted thousands separators, a last line cut off) and reads the header as a single column;
the error then says a column is missing while listing it. Here the delimiter is the candidate
found most often in the header line, and the first ``HEAD`` bytes of the file are checked row
by row, as is its last line: a row with another number of fields than the header is reported
by its line number, and nothing of its content is quoted.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from evalkit.errors import DataError
from evalkit.location import Location

CANDIDATES = (",", ";", "\t", "|")
HEAD = 1 << 20
TAIL = 1 << 16
_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


def check_csv(path: Path, encoding: str, delimiter: str | None = None) -> str | None:
    """The delimiter of ``path`` (text in ``encoding``), ``None`` if the header has a single
    column; ``DataError`` at the first checked row whose number of fields differs from the
    header's. A given ``delimiter`` is checked, not detected."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(HEAD)
        tail = b""
        if size > HEAD:
            handle.seek(max(size - TAIL, HEAD))
            tail = handle.read()
    text = head.decode(encoding, errors="replace").lstrip("\ufeff")
    header = next(iter(text.splitlines()), "")
    chosen = delimiter or _delimiter(header)
    if chosen is None:
        return None
    if tail:  # the sample ends mid-row: drop its partial last line
        text = text[: text.rfind("\n") + 1]
    rows = _numbered(text, chosen)
    expected = len(rows[0][1]) if rows else 0
    for index, (line, row) in enumerate(rows[1:], 1):
        if row and len(row) != expected:
            last = not tail and index == len(rows) - 1 and len(row) < expected
            raise DataError(
                _problem(len(row), expected, chosen, last), Location(str(path), line, 1)
            )
    if tail:
        last_line = tail.decode(encoding, errors="replace").rstrip("\r\n").rsplit("\n", 1)[-1]
        found = _numbered(last_line, chosen)
        if found and 0 < len(found[-1][1]) < expected:
            raise DataError(f"{path}: {_problem(len(found[-1][1]), expected, chosen, True)}")
    return chosen


def _problem(count: int, expected: int, delimiter: str, last: bool) -> str:
    if last:
        return (
            f"the last line is cut off ({count} of {expected} fields; the file may be "
            "truncated): complete or remove it"
        )
    return (
        f"this row has {count} fields where the header has {expected}; quote values that contain "
        f"a {_NAMES[delimiter]} (e.g. thousands separators) or remove the stray one"
    )


def _delimiter(header: str) -> str | None:
    counts = {c: len(next(csv.reader([header], delimiter=c), [])) - 1 for c in CANDIDATES}
    best = max(CANDIDATES, key=lambda c: counts[c])
    return best if counts[best] > 0 else None


def _numbered(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """Each row of ``text`` with the line it starts on (quoted fields may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    found = []
    start = 1
    try:
        for row in reader:
            found.append((start, row))
            start = reader.line_num + 1
    except csv.Error:  # e.g. a quote left open: DuckDB reports it
        pass
    return found
