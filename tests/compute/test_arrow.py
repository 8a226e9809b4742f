"""``to_arrow``: what Ibis's ``to_pyarrow`` gives, read without Ibis's pandas converters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ibis
import pyarrow as pa
import pytest

from evalkit.compute.arrow import to_arrow


@pytest.fixture
def tickets() -> Any:
    con = ibis.duckdb.connect()
    return con.create_table(
        "tickets",
        schema=ibis.schema({"ticket_id": "string", "segment": "string", "minutes": "float64"}),
    )


def _none_of(t: Any) -> Any:
    return t.filter(t.minutes > 1e9)


SHAPES: dict[str, Callable[[Any], Any]] = {
    "table": lambda t: t.group_by("segment").aggregate(n=t.count(), mean=t.minutes.mean()),
    "column": lambda t: t.order_by("ticket_id").minutes,
    "scalar": lambda t: t.minutes.sum(),
    "empty aggregate": lambda t: _none_of(t).aggregate(n=_none_of(t).count()),
    "memtable join": lambda t: t.inner_join(
        ibis.memtable({"segment": ["B2B"], "label": ["企业"]}), "segment"
    ).select("ticket_id", "label"),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_same_result_as_to_pyarrow(tickets: Any, shape: str) -> None:
    con = tickets.get_backend()
    con.insert("tickets", [("T1", "B2B", 30.0), ("T2", "B2C", 90.0), ("T3", "B2B", None)])
    expr = SHAPES[shape](tickets)
    found, expected = to_arrow(expr), expr.to_pyarrow()
    assert type(found) is type(expected)
    if isinstance(expected, pa.Table):
        key = expected.column_names[0]
        assert found.sort_by(key).equals(expected.sort_by(key))
    else:
        assert found.equals(expected)
