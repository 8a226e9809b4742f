"""A CSV's dialect: the quote and escape DuckDB's sniffer finds, given to every read of it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from evalkit.compute.files import open_file
from evalkit.data import SourceSpec
from evalkit.location import Location


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # RFC 4180: a quoted field holding the delimiter, a doubled quote and a line break
        (
            'ticket_id,category\nT1,"投诉, 加急 ""A"" 级\n第二行"\nT2,咨询\n',
            '投诉, 加急 "A" 级\n第二行',
        ),
        # quotes escaped with a backslash, as some CRM exports write them
        ('ticket_id,category\nT1,"say \\"hi\\""\nT2,咨询\n', 'say "hi"'),
        # no quoting at all: an inch mark is a character of the value
        ('ticket_id,category\nT1,5" screen\nT2,咨询\n', '5" screen'),
    ],
    ids=["rfc4180", "backslash", "unquoted"],
)
def test_values_read_as_written(tmp_path: Path, text: str, category: str) -> None:
    path = tmp_path / "tickets.csv"
    path.write_text(text, encoding="utf-8")
    source = SourceSpec("tickets", Location("spec.yaml", 3, 5), path=path)
    con = duckdb.connect()
    raw = open_file(con, source, tmp_path)
    assert raw.columns == {"ticket_id": "VARCHAR", "category": "VARCHAR"}
    rows = con.execute(f"SELECT ticket_id, category FROM {raw.sql}").fetchall()
    assert rows == [("T1", category), ("T2", "咨询")]
