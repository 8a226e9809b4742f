"""``evalkit ahp SPEC.yaml``: every node of a spec after presets are merged and the metrics its
data cannot feed are left out; an inconsistent judgment is located in the preset that made it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evalkit.spec.presets import BUILTIN_PRESETS
from tests.conftest import RunCli
from tests.fixtures.workbook import SPEC, write_client_export

INCONSISTENT = (
    SPEC + "weights:\n  root:\n    judgments:\n      customer_loyalty: {service_efficiency: 1/6}\n"
)


@pytest.fixture
def export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_client_export(tmp_path)
    return tmp_path


def test_ahp_of_a_spec_shows_each_merged_node(export: Path, run_cli: RunCli) -> None:
    out = run_cli("ahp", "spec.yaml", "--json")
    assert out.exit_code == 0, out.stderr
    body = json.loads(out.stdout)
    root = body["nodes"]["root"]
    assert root["items"] == ["customer_loyalty", "service_quality", "service_efficiency"]
    # base: quality : efficiency = 2; b2b: loyalty : quality = 1, loyalty : efficiency = 2.
    assert root["matrix"] == [[1, 1, 2], [1, 1, 2], [0.5, 0.5, 1]]
    assert root["weights"] == pytest.approx(
        {"customer_loyalty": 0.4, "service_quality": 0.4, "service_efficiency": 0.2}
    )
    assert root["cr"] == pytest.approx(0.0, abs=1e-9)
    assert body["nodes"]["customer_loyalty"]["matrix"] is None  # direct (metric) weights
    assert "revenue_growth" not in body["nodes"]  # every metric of it left out
    assert len(body["not_applicable"]) == 18


def test_ahp_of_a_spec_prints_matrix_weights_and_verdict(export: Path, run_cli: RunCli) -> None:
    out = run_cli("ahp", "spec.yaml")
    assert out.exit_code == 0, out.stderr
    assert "Node 'root': merged judgments" in out.stdout
    assert "λmax 3.0000   CI 0.0000   CR 0.0000   (RI 0.58, table saaty; method eigenvector)" in (
        out.stdout
    )


def test_inconsistent_node_names_the_preset_file_and_line(
    export: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "spec.yaml").write_text(INCONSISTENT, encoding="utf-8")
    preset = (BUILTIN_PRESETS / "base" / "post-go-live.yaml").resolve()
    # loyalty : efficiency = 1/6 against loyalty : quality = 1 and quality : efficiency = 2:
    # the base's judgment 2 (line 95, column 45 of the preset) is the one to revisit.
    message = (
        "CR 0.626 > 0.1: judgment 'service_quality' vs 'service_efficiency' = 2 is the most "
        "inconsistent; about 1 would agree with the others"
    )
    out = run_cli("ahp", "spec.yaml", "--json")
    assert out.exit_code == 1
    assert out.stderr.splitlines() == [f"{preset}:95:45: node 'root': {message}"]
    out = run_cli("validate", "spec.yaml")
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [f"error: {preset}:95:45: weights of 'root': {message}"]


def test_a_judgment_contradicting_a_preset_names_the_preset_file(
    export: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    text = (
        SPEC + "weights:\n  root:\n    judgments:\n      service_efficiency: {service_quality: 1}\n"
    )
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    preset = (BUILTIN_PRESETS / "base" / "post-go-live.yaml").resolve()
    out = run_cli("validate", "spec.yaml")
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [
        "error: spec.yaml:34:45: judgment 'service_efficiency' vs 'service_quality' = 1 "
        f"contradicts 'service_quality' vs 'service_efficiency' = 2 ({preset}:95:45); give each "
        "pair once, or as reciprocals (1/2)"
    ]


def test_a_matrix_block_loses_the_rows_and_columns_of_criteria_left_out(
    export: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    # a consistent matrix from the weights 4 : 2 : 1 : 1 : 1 : 2 (a_ij = w_i / w_j)
    weights = [4, 2, 1, 1, 1, 2]
    rows = ", ".join("[" + ", ".join(f"{a}/{b}" for b in weights) + "]" for a in weights)
    text = SPEC + (
        "weights:\n  root:\n    judgments: null\n"
        "    items: [service_quality, service_efficiency, cost_control, revenue_growth, "
        "technology_innovation, customer_loyalty]\n"
        f"    matrix: [{rows}]\n"
    )
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    out = run_cli("ahp", "spec.yaml", "--json")
    assert out.exit_code == 0, out.stderr
    root = json.loads(out.stdout)["nodes"]["root"]
    # cost control, revenue growth and technology have no metric left: 4 : 2 : 2 remains
    assert sorted(root["items"]) == ["customer_loyalty", "service_efficiency", "service_quality"]
    assert root["weights"] == pytest.approx(
        {"service_quality": 0.5, "service_efficiency": 0.25, "customer_loyalty": 0.25}
    )
    assert root["matrix"] is None  # a matrix block is shown by its weights
