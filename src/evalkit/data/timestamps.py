"""Timestamp formats of client exports and their detection from a sample of values."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

ISO = "iso8601"
"""Marker for ISO 8601 (``2026-07-03``, ``2026-07-03T09:15:00``, with or without seconds)."""

FORMATS = (
    ISO,
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y/%m/%d",
    "%Y年%m月%d日",
)
"""Formats tried in order when the spec gives no ``timestamp_format``."""


def parses(value: str, fmt: str) -> bool:
    """Whether ``value`` is a timestamp in ``fmt`` (``ISO`` for ISO 8601)."""
    try:
        if fmt == ISO:
            datetime.fromisoformat(value)
        else:
            datetime.strptime(value, fmt)
    except ValueError:
        return False
    return True


def detect_format(sample: Iterable[str]) -> str | None:
    """The first format that parses most of ``sample`` (at least half), or None if none does.

    A few bad values must not hide the format of the rest: they go to the ledger later.
    """
    values = [v.strip() for v in sample if v and v.strip()]
    if not values:
        return ISO
    best, best_hits = None, 0
    for fmt in FORMATS:
        hits = sum(parses(v, fmt) for v in values)
        if hits > best_hits:
            best, best_hits = fmt, hits
        if hits == len(values):
            break
    return best if best_hits * 2 >= len(values) else None
