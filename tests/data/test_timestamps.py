"""Timestamp format detection."""

from __future__ import annotations

import pytest

from evalkit.data.timestamps import ISO, detect_format


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["2026-07-03T09:15:00", "2026-07-04 10:00"], ISO),
        (["2026/07/03 09:15", "2026/12/31 23:59"], "%Y/%m/%d %H:%M"),
        (["2026年07月03日 09:15"], "%Y年%m月%d日 %H:%M"),
        (["2026/07/03 09:15", "待定", "2026/07/04 10:00"], "%Y/%m/%d %H:%M"),
    ],
)
def test_detects_format(values: list[str], expected: str) -> None:
    assert detect_format(values) == expected


def test_no_format_for_mostly_garbage() -> None:
    assert detect_format(["soon", "later", "2026/07/03 09:15"]) is None
