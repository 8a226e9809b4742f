"""``evalkit validate``: every problem with its exact message and file:line:col."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.spec.conftest import SPEC

MakeSpec = Callable[..., Path]


def errors(outcome_stderr: str) -> list[str]:
    return [line for line in outcome_stderr.splitlines() if line.startswith("error: ")]


def test_valid_spec(run_cli: RunCli, make_spec: MakeSpec) -> None:
    out = run_cli("validate", make_spec())
    assert out.exit_code == 0, out.stderr
    assert "ok (2 metrics, 1 criteria, 0 rules)" in out.stdout


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  client: ACME\n",
            "  client: ACME\n  titel: x\n",
            "spec.yaml:5:3: unknown key 'titel' in evaluation (did you mean 'title'?); allowed: "
            "title, client, go_live, period, compare, locale, fiscal_year_start, baseline, "
            "trend_periods, industry, market, size, region",
        ),
        (
            "  period: 2026Q3\n",
            "  period: 2026Q3\n  trend_periods: many\n",
            "spec.yaml:7:18: evaluation.trend_periods: 'many' is not of type 'integer'",
        ),
        (
            "metric: first_response_time",
            "metric: frist_response_time",
            "spec.yaml:14:17: unknown metric 'frist_response_time' (did you mean "
            "'first_response_time'?); `evalkit metrics` lists them",
        ),
        (
            "metrics: [frt, csat]}",
            "metrics: [frt, cstat]}",
            "spec.yaml:12:58: unknown metric 'cstat' in criterion 'quality' (did you mean "
            "'csat'?); declare it under metrics:",
        ),
        (
            "target: {goal: 2, red_flag: 8}",
            "target: {goal: 8, red_flag: 2}",
            "spec.yaml:14:66: target of 'frt' contradicts the metric's direction: lower is "
            "better, so the goal (8) must be below the red flag (2); swap them",
        ),
        (
            "target: {goal: 2, red_flag: 8}",
            "target: {goal: 8, red_flag: 8}",
            "spec.yaml:14:66: target of 'frt': the goal (8) equals the red flag; lower is "
            "better, so set the goal below the red flag",
        ),
        (
            "criteria:\n",
            "criteria:\n  empty: {title: Empty}\n",
            "spec.yaml:12:3: criterion 'empty' has no metrics; add metrics: [...] or "
            "criteria: {...}",
        ),
        (
            "unit: hours",
            "unit: weeks",
            "spec.yaml:14:44: unit 'weeks' does not fit metric 'first_response_time'; use one "
            "of: minutes, hours, days",
        ),
    ],
)
def test_each_problem_is_located(
    run_cli: RunCli, make_spec: MakeSpec, old: str, new: str, expected: str
) -> None:
    assert old in SPEC
    out = run_cli("validate", make_spec(SPEC.replace(old, new)))
    assert out.exit_code == 2
    found = errors(out.stderr)
    assert len(found) == 1, out.stderr
    assert found[0].endswith("/" + expected), found[0]
    assert "Traceback" not in out.stderr


def test_all_problems_are_reported_in_one_pass(run_cli: RunCli, make_spec: MakeSpec) -> None:
    text = SPEC.replace("metric: first_response_time", "metric: frist_response_time").replace(
        "  client: ACME\n", "  client: ACME\n  titel: x\n"
    )
    out = run_cli("validate", make_spec(text))
    assert out.exit_code == 2
    assert len(errors(out.stderr)) == 2


def test_unused_metric_is_a_warning(run_cli: RunCli, make_spec: MakeSpec) -> None:
    text = SPEC.replace("metrics: [frt, csat]}", "metrics: [frt]}")
    out = run_cli("validate", make_spec(text))
    assert out.exit_code == 0, out.stderr
    assert (
        "spec.yaml:15:3: warning: metric 'csat' is used by no criterion; it is computed and "
        "reported but carries no weight"
    ) in out.stderr


def test_weights_for_a_node_that_does_not_exist(run_cli: RunCli, make_spec: MakeSpec) -> None:
    text = SPEC + "weights:\n  qualty: {weights: {frt: 1, csat: 2}}\n"
    out = run_cli("validate", make_spec(text))
    assert out.exit_code == 2
    assert errors(out.stderr)[0].endswith(
        "spec.yaml:17:3: weights for unknown node 'qualty' (did you mean 'quality'?); use root "
        "or a criterion id"
    )


def test_inconsistent_ahp_names_the_judgment(run_cli: RunCli, make_spec: MakeSpec) -> None:
    text = SPEC.replace(
        "metrics: [frt, csat]}",
        "criteria: {a: {metrics: [frt]}, b: {metrics: [csat]}, c: {metrics: [x]}}}",
    ).replace(
        "  csat: {target",
        "  x: {metric: csat, target: {goal: 0.9, red_flag: 0.5}}\n  csat: {target",
    ) + ("weights:\n  quality: {judgments: {a: {b: 9, c: 1/9}, b: {c: 9}}}\n")
    out = run_cli("validate", make_spec(text))
    assert out.exit_code == 2, out.stderr
    message = errors(out.stderr)[0]
    assert "weights of 'quality': CR" in message
    assert "is the most inconsistent" in message


def test_unset_environment_variable(
    run_cli: RunCli, make_spec: MakeSpec, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EVALKIT_TEST_CLIENT", raising=False)
    text = SPEC.replace("client: ACME", "client: ${EVALKIT_TEST_CLIENT}")
    out = run_cli("validate", make_spec(text))
    assert out.exit_code == 2
    assert errors(out.stderr)[0].endswith(
        "spec.yaml:4:11: environment variable EVALKIT_TEST_CLIENT is not set; export it or "
        "write ${EVALKIT_TEST_CLIENT:-default}"
    )


def test_environment_default_and_value(
    run_cli: RunCli, make_spec: MakeSpec, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EVALKIT_TEST_CLIENT", raising=False)
    text = SPEC.replace("client: ACME", "client: ${EVALKIT_TEST_CLIENT:-ACME Ltd}")
    assert run_cli("validate", make_spec(text)).exit_code == 0


def test_unknown_preset(run_cli: RunCli, make_spec: MakeSpec) -> None:
    out = run_cli("validate", make_spec("extends: [markt/b2b]\n" + SPEC))
    assert out.exit_code == 2
    assert errors(out.stderr)[0].endswith(
        "spec.yaml:1:11: unknown preset 'markt/b2b' (did you mean 'market/b2b'?); "
        "`evalkit presets` lists them"
    )


def test_extends_cycle_names_the_files(run_cli: RunCli, make_spec: MakeSpec) -> None:
    make_spec("extends: [spec.yaml]\nscoring: {missing: zero}\n", name="base.yaml")
    out = run_cli("validate", make_spec("extends: [base.yaml]\n" + SPEC))
    assert out.exit_code == 2
    assert errors(out.stderr)[0].endswith(
        "base.yaml:1:11: extends cycle: spec.yaml → base.yaml → spec.yaml; remove one of these "
        "includes"
    )


def test_extends_relative_file_merges(run_cli: RunCli, make_spec: MakeSpec) -> None:
    make_spec("scoring: {missing: zero}\nreport: {formats: [json]}\n", name="base.yaml")
    out = run_cli("validate", make_spec("extends: base.yaml\n" + SPEC))
    assert out.exit_code == 0, out.stderr


def test_yaml_syntax_error_is_located(run_cli: RunCli, make_spec: MakeSpec) -> None:
    out = run_cli("validate", make_spec(SPEC.replace("client: ACME", "client: [ACME")))
    assert out.exit_code == 2
    assert errors(out.stderr)[0].startswith("error: ") and ":5:" in errors(out.stderr)[0]
    assert "Traceback" not in out.stderr


def test_python_tags_are_refused(run_cli: RunCli, make_spec: MakeSpec) -> None:
    out = run_cli(
        "validate",
        make_spec(SPEC.replace("client: ACME", "client: !!python/object/apply:os.system [id]")),
    )
    assert out.exit_code == 2
    assert "could not determine a constructor" in out.stderr


def test_a_file_reached_twice_is_merged_once(
    run_cli: RunCli, make_spec: MakeSpec, spec_dir: Path
) -> None:
    # a.yaml and b.yaml both extend base.yaml; a.yaml changes csat's goal. If base.yaml were
    # merged again through b.yaml, it would put the goal back to 0.95.
    make_spec("metrics:\n  csat: {target: {goal: 0.95, red_flag: 0.8}}\n", name="base.yaml")
    make_spec("extends: base.yaml\nmetrics:\n  csat: {target: {goal: 0.90}}\n", name="a.yaml")
    make_spec("extends: base.yaml\nscoring: {missing: zero}\n", name="b.yaml")
    text = SPEC.replace("  csat: {target: {goal: 0.95, red_flag: 0.8}}\n", "")
    spec = make_spec("extends: [a.yaml, b.yaml]\n" + text)
    from evalkit.pipeline import open_session
    from evalkit.spec.load import load_spec

    loaded = load_spec(spec, open_session().context)
    target = loaded.metrics["csat"].target
    assert target is not None
    assert (target.goal, target.red_flag) == (0.90, 0.8)
    assert loaded.scoring.missing == "zero"
    assert [p.name for p in loaded.files] == ["spec.yaml", "a.yaml", "base.yaml", "b.yaml"]


WITH_TRAINING = (
    SPEC.replace("metrics: [frt, csat]}", "metrics: [frt, csat, trained]}").replace(
        "    surveys: {path: surveys.csv}\n",
        "    surveys: {path: surveys.csv}\n    agents: {path: agents.csv}\n",
    )
    + "  trained: {metric: training_participation_rate, target: {goal: 0.9, red_flag: 0.5}}\n"
)


@pytest.mark.parametrize(
    ("old", "new", "warned"),
    [
        ("", "", True),  # compare defaults to previous and baseline
        ("  period: 2026Q3\n", "  period: 2026Q3\n  compare: [previous]\n", False),
        ("  period: 2026Q3\n", "  period: 2026Q3\n  baseline: period\n", False),
    ],
    ids=["baseline window", "no baseline", "baseline period"],
)
def test_a_metric_kept_by_period_has_no_baseline_window(
    run_cli: RunCli, make_spec: MakeSpec, old: str, new: str, warned: bool
) -> None:
    """agents rows are per period key (2025Q4, 2026Q1, …); the baseline window before the
    go-live of 2026-01-15, as long as a quarter, is 2025-10-15 – 2026-01-15: no key names it."""
    spec = make_spec(WITH_TRAINING.replace(old, new))
    (spec.parent / "agents.csv").write_text("agent_id,period,trained\nA1,2026Q3,true\n", "utf-8")
    out = run_cli("validate", spec)
    assert out.exit_code == 0, out.stderr
    warning = (
        "spec.yaml:2:1: warning: 'trained' reads rows kept by period (agents.period), and the "
        "baseline window 2025-10-15 – 2026-01-15 is no period: it will have no baseline "
        "value; set 'baseline: period' under evaluation to compare it (and every metric) "
        "with 2025Q4"
    )
    assert (warning in out.stderr) is warned, out.stderr
