"""The issue's acceptance fixture through ``compute_metrics`` on DuckDB (GBK CSV files)."""

from __future__ import annotations

from pathlib import Path

from tests.fixtures.golive import write_golive
from tests.fixtures.golive_run import assert_matches, load_data, run


def test_golive_values_equal_hand_computed(tmp_path: Path) -> None:
    spec = write_golive(tmp_path)
    outcome = run(load_data(spec), tmp_path)
    assert_matches(outcome)


def test_golive_fingerprints_name_files_and_count_rows(tmp_path: Path) -> None:
    spec = write_golive(tmp_path)
    outcome = run(load_data(spec), tmp_path)
    rows = {f.table: (Path(f.source).name, f.rows, len(f.sha256)) for f in outcome.data}
    assert rows == {
        "tickets": ("工单.csv", 16, 64),
        "surveys": ("满意度调查.csv", 12, 64),
        "customers": ("客户.csv", 7, 64),
    }
