"""Connections get libpq timeouts unless the URL sets its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from evalkit.compute.sources import Sources, timeouts


def test_defaults_are_added_to_a_plain_url() -> None:
    assert timeouts("postgresql://u@h/db") == {
        "connect_timeout": "10",
        "options": "-c statement_timeout=600s",
    }


def test_a_url_keeps_its_own_settings() -> None:
    url = "postgresql://u@h/db?connect_timeout=30&options=-c%20statement_timeout%3D1800s"
    assert timeouts(url) == {}


@pytest.mark.integration
@pytest.mark.parametrize(
    ("query", "expected"),
    [("", "10min"), ("?options=-c%20statement_timeout%3D90s", "90s")],
)
def test_the_server_applies_the_statement_timeout(
    postgres_url: str, tmp_path: Path, query: str, expected: str
) -> None:
    sources = Sources(tmp_path)
    try:
        backend = sources.database(postgres_url + query)
        with backend.raw_sql("SHOW statement_timeout") as cursor:  # type: ignore[attr-defined]
            assert cursor.fetchone()[0] == expected
    finally:
        sources.close()
