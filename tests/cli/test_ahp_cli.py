"""``evalkit ahp FILE``: run as a user runs it, on real YAML and JSON files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from evalkit.cli.main import cli

DATA = Path(__file__).parents[1] / "ahp" / "data"
INVALID = DATA / "invalid"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["ahp", *args])


def test_consistent_hierarchy_exits_0_with_one_json_object() -> None:
    result = run(str(DATA / "leader.yaml"), "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out.keys() == {"nodes", "global_weights", "consistent"}
    assert out["consistent"] is True
    assert out["global_weights"]["Dick"] == pytest.approx(0.493, abs=5e-4)  # published .493
    node = out["nodes"]["Experience"]
    assert list(node) == [
        "items", "weights", "lambda_max", "ci", "cr", "ri", "ri_table", "threshold",
        "consistent", "most_inconsistent", "source", "matrix",
    ]  # fmt: skip
    assert node["source"] == "matrix" or node["source"] == "judgments"
    assert all(len(row) == len(node["items"]) for row in node["matrix"])
    assert node["ri_table"] == "saaty" and node["threshold"] == 0.1 and node["ri"] == 0.58
    assert result.stderr == ""


def test_inconsistent_matrix_exits_1_and_still_prints_everything() -> None:
    path = DATA / "service.yaml"
    result = run(str(path), "--json")
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert out["consistent"] is False
    assert out["cr"] == pytest.approx(out["ci"] / 0.58)
    worst = out["most_inconsistent"]
    assert worst["pair"] == ["Service quality", "Efficiency"]  # 3×3: a tie, the first given
    assert worst["value"] == 3
    assert worst["consistent_value"] == pytest.approx(
        out["weights"]["Service quality"] / out["weights"]["Efficiency"]
    )
    assert result.stderr == (
        f"{path}:3:33: CR {out['cr']:.3f} > 0.1: judgment 'Service quality' vs 'Efficiency' = 3 "
        f"is the most inconsistent; about {worst['saaty_value']} would agree with the others\n"
    )


def test_incomplete_input_reports_completed_values() -> None:
    result = run(str(DATA / "incomplete.yaml"), "--json")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert out["completed"].keys() == {"c|d"}
    assert out["completed"]["c|d"] == pytest.approx(0.7303, abs=1e-4)  # Bozóki et al. (2010)
    assert "experts" not in out


def test_group_of_experts_reports_each_expert() -> None:
    result = run(str(DATA / "experts.yaml"), "--json")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert out["experts"].keys() == {"Zhang", "Li", "Wang"}
    assert out["experts"]["Li"].keys() == {"weights", "cr", "weight"}
    assert "completed" not in out
    table = run(str(DATA / "experts.yaml"))
    assert "Experts" in table.stdout and "Zhang" in table.stdout


def test_table_output_shows_percentages_and_the_verdict() -> None:
    result = run(str(DATA / "wealth-of-nations.yaml"))
    assert result.exit_code == 0
    assert "42.7" in result.stdout  # US: .427 in Saaty's book
    assert "λmax 7.6077" in result.stdout
    assert "Verdict: consistent" in result.stdout


def test_json_input_file() -> None:
    result = run(str(DATA / "distances.json"), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["weights"]["Tokyo"] == pytest.approx(0.397, abs=5e-4)


def test_values_outside_the_scale_warn_on_stderr() -> None:
    path = DATA / "outside-scale.yaml"
    result = run(str(path), "--json")
    assert result.exit_code == 0
    assert result.stderr == (
        f"{path}:2:20: warning: judgment 'A' vs 'B' = 12 is outside Saaty's scale 1/9 … 9\n"
    )
    assert json.loads(result.stdout)["weights"]["A"] == pytest.approx(12 / 13, abs=1e-15)


@pytest.mark.parametrize(
    ("name", "where", "message"),
    [
        ("zero.yaml", "3:10", "judgment 'A' vs 'B' must be positive, not 0"),
        ("negative.yaml", "3:10", "judgment 'A' vs 'B' must be positive, not -3"),
        ("nan.yaml", "3:10", "judgment 'A' vs 'B' must be a positive number, not NaN"),
        ("infinite.yaml", "3:10", "judgment 'A' vs 'B' must be a finite positive number, not inf"),
        ("negative.json", "3:28", "judgment 'A' vs 'B' must be positive, not -2"),
        (
            "self-comparison.yaml",
            "3:10",
            "judgment 'A' vs 'A' compares an item with itself; remove it",
        ),
        (
            "pair-twice.yaml",
            "4:10",
            "judgment 'B' vs 'A' = 2 contradicts 'A' vs 'B' = 3 (line 3); give each pair once, "
            "or as reciprocals (1/3)",
        ),
        ("diagonal.yaml", "3:6", "matrix diagonal entry 'A' vs 'A' must be 1, not 2"),
        (
            "not-reciprocal.yaml",
            "4:6",
            "matrix entries 'A' vs 'B' = 3 and 'B' vs 'A' = 3 are not reciprocal (their product "
            'should be 1); write fractions such as "1/3"',
        ),
        ("unknown-item.yaml", "3:21", "unknown item 'Cots' (did you mean 'Cost'?)"),
        (
            "disconnected.yaml",
            "2:12",
            "the comparisons do not link all items: no judgment connects {'A', 'B'} and "
            "{'C', 'D'}; add a judgment between these groups",
        ),
        ("no-items.yaml", "1:8", "there are no items: an AHP block needs at least 1 item"),
        ("expert-weight.yaml", "3:19", "expert 'Zhang' weight must be a positive number, not 0"),
    ],
)
def test_invalid_input_exits_2_with_the_place_and_the_reason(
    name: str, where: str, message: str
) -> None:
    path = INVALID / name
    result = run(str(path), "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {path}:{where}: {message}\n"


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    path = INVALID / "many.yaml"
    result = run(str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {path}:3:10: judgment 'A' vs 'B' must be positive, not 0",
        f"error: {path}:3:16: judgment 'A' vs 'C' must be positive, not -3",
        f"error: {path}:3:23: judgment 'A' vs 'A' compares an item with itself; remove it",
        f"error: {path}:3:26: unknown item 'X': the items are 'A', 'B', 'C', 'D'",
        f"error: {path}:4:10: judgment 'B' vs 'C' must be a positive number, not NaN",
        f"error: {path}:4:19: judgment 'B' vs 'D' must be positive, not '1/0' (division by zero)",
        f"error: {path}:5:10: judgment 'C' vs 'D' must be a number or a fraction such as "
        "\"1/3\", not 'abc'",
    ]
    assert "Traceback" not in result.output


def test_missing_file_exits_2() -> None:
    result = run(str(DATA / "no-such-file.yaml"))
    assert result.exit_code == 2
    assert result.stderr == f"error: file not found: {DATA / 'no-such-file.yaml'}\n"
