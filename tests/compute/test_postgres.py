"""The go-live fixture in a real PostgreSQL database: the same values, computed in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from evalkit.compute import ComputeOutcome
from tests.fixtures.golive import SPEC, write_golive
from tests.fixtures.golive_expected import LEDGER
from tests.fixtures.golive_postgres import load_golive, spec_text
from tests.fixtures.golive_run import assert_matches, load_data, run

pytestmark = pytest.mark.integration


def _run(url: str, folder: Path) -> ComputeOutcome:
    load_golive(url)
    spec = folder / "spec.yaml"
    spec.write_text(spec_text(url), encoding="utf-8")
    return run(load_data(spec), folder)


def test_postgres_gives_the_same_values(postgres_url: str, tmp_path: Path) -> None:
    outcome = _run(postgres_url, tmp_path)
    # '待定' cannot be stored in a timestamp column: there, that row's response is just missing
    ledger = {k: v for k, v in LEDGER.items() if k[2] != "unparseable_timestamp"}
    assert_matches(outcome, ledger)


def test_postgres_provenance_hides_the_password(postgres_url: str, tmp_path: Path) -> None:
    outcome = _run(postgres_url, tmp_path)
    sources = {f.table: f.source for f in outcome.data}
    assert "secret" not in " ".join(sources.values())
    assert sources["tickets"].endswith("table crm.工单")
    assert {f.table: f.rows for f in outcome.data} == {"tickets": 16, "surveys": 12, "customers": 7}


@pytest.mark.parametrize("in_database", [("customers",), ("tickets", "surveys")])
def test_segments_looked_up_across_systems(
    postgres_url: str, tmp_path: Path, in_database: tuple[str, ...]
) -> None:
    """Customers in the database and tickets in files, or the other way round: the segment
    lookup is copied to the tickets' system, and every value is the hand value."""
    import yaml

    load_golive(postgres_url)
    write_golive(tmp_path)
    in_files = yaml.safe_load(SPEC)
    in_place = yaml.safe_load(spec_text(postgres_url))
    for table in in_database:
        in_files["data"]["sources"][table] = in_place["data"]["sources"][table]
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(in_files, allow_unicode=True, sort_keys=False), "utf-8")
    outcome = run(load_data(spec), tmp_path)
    # '待定' cannot be stored in a timestamp column of the database's tables
    ledger = {
        k: v
        for k, v in LEDGER.items()
        if k[2] != "unparseable_timestamp" or k[0] not in in_database
    }
    assert_matches(outcome, ledger)
