"""``evalkit run`` end to end on a small hand-made export, every number computed by hand."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from scipy import stats

from tests.conftest import RunCli

TICKETS = """\
ticket_id,created_at,segment,first_response_at
T1,2026-07-01 09:00,B2B,2026-07-01 10:00
T2,2026-07-02 09:00,B2C,2026-07-02 12:00
T3,2026-08-01 08:00,B2B,2026-08-01 08:30
T4,2026-09-10 10:00,B2C,
T5,2026-04-01 09:00,B2B,2026-04-01 13:00
T6,2026-05-01 09:00,B2C,2026-05-01 11:00
T7,2025-11-01 09:00,B2B,2025-11-01 15:00
T8,2025-12-01 09:00,B2C,2025-12-01 17:00
"""
SURVEYS = """\
answered_at,segment,csat_score
2026-07-05 10:00,B2B,5
2026-07-06 10:00,B2C,4
2026-08-07 10:00,B2B,3
2026-09-08 10:00,B2C,5
2026-04-09 10:00,B2B,5
2026-05-10 10:00,B2C,5
2025-11-11 10:00,B2B,2
2025-12-12 10:00,B2C,4
"""
SPEC = """\
version: 1
evaluation:
  title: {en: ACME service after go-live, zh: ACME 服务系统落地效果评估}
  client: ACME Machinery
  go_live: 2026-01-15
  period: 2026Q3
data:
  sources:
    tickets: {path: tickets.csv}
    surveys: {path: surveys.csv}
  segments: [segment]
criteria:
  quality: {title: {en: Service quality, zh: 服务质量}, metrics: [frt, csat]}
weights:
  quality: {judgments: {frt: {csat: 3}}}
metrics:
  frt: {metric: first_response_time, unit: hours, target: {goal: 2, red_flag: 8}}
  csat: {target: {goal: 0.95, red_flag: 0.80}}
"""


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
    path = tmp_path / "spec.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


def _run(run_cli: RunCli, spec: Path, *extra: str) -> dict:
    out = run_cli("run", spec, "--out", spec.parent / "out", *extra)
    assert out.exit_code == 0, out.stderr
    return json.loads((spec.parent / "out" / "result.json").read_text(encoding="utf-8"))


def test_values_scores_and_weights(run_cli: RunCli, spec: Path) -> None:
    result = _run(run_cli, spec)
    metrics = {m["id"]: m for m in result["metrics"]}
    frt, csat = metrics["frt"], metrics["csat"]
    # 2026Q3 first responses: 60, 180, 30 min (T4 has none) → mean 90 min = 1.5 h ≤ goal 2 h.
    assert frt["value"] == pytest.approx(1.5, abs=1e-9)
    assert (frt["score"], frt["status"], frt["unit"]) == (100.0, "green", "hours")
    # 2026Q2: 240, 120 → 180 min = 3 h → (8 − 3) / (8 − 2) = 83.33…
    assert frt["previous"]["value"] == pytest.approx(3.0, abs=1e-9)
    assert frt["previous"]["score"] == pytest.approx(500 / 6, abs=1e-9)
    # baseline [2025-10-15, 2026-01-15): 360, 480 → 7 h → (8 − 7) / 6 = 16.67
    assert frt["baseline"]["value"] == pytest.approx(7.0, abs=1e-9)
    assert frt["baseline"]["score"] == pytest.approx(100 / 6, abs=1e-9)
    # durations change relatively: (1.5 − 3) / 3. Welch's test on 60, 180, 30 min (mean 90,
    # variance 6300) against 240, 120 (mean 180, variance 7200): t = −90 / √(2100 + 3600),
    # df = 5700² / (2100² / 2 + 3600² / 1): not significant.
    t, df = -90 / math.sqrt(5700), 5700**2 / (2100**2 / 2 + 3600**2)
    assert frt["change"]["previous"] == {
        "value": pytest.approx(-0.5, abs=1e-9),
        "kind": "relative",
        "significant": False,
        "p_value": pytest.approx(2 * stats.t.sf(abs(t), df), rel=1e-9),
    }
    assert frt["change"]["baseline"]["value"] == pytest.approx((1.5 - 7) / 7, abs=1e-9)
    # a rate changes in percentage points: 0.75 − 1.0 (2026Q2: scores 5, 5); pooled
    # two-proportion z-test: p̂ = 5/6, z = −0.25 / √(5/6 · 1/6 · (1/4 + 1/2))
    z = -0.25 / math.sqrt(5 / 6 * 1 / 6 * (1 / 4 + 1 / 2))
    assert csat["change"]["previous"] == {
        "value": pytest.approx(-0.25, abs=1e-12),
        "kind": "percentage_points",
        "significant": False,
        "p_value": pytest.approx(2 * stats.norm.sf(abs(z)), rel=1e-9),
    }
    # n and the 95 % interval of the current value: t interval of the mean in hours,
    # Wilson interval of 3 of 4
    assert frt["n"] == 3
    half = stats.t.ppf(0.975, 2) * math.sqrt(6300 / 3) / 60
    assert frt["interval"] == [pytest.approx(1.5 - half), pytest.approx(1.5 + half)]
    assert (csat["n"], csat["interval_method"]) == (4, "wilson")
    assert csat["previous"]["n"] == 2
    # segments in 2026Q3: B2B 60, 30 → 0.75 h; B2C 180 → 3 h
    assert frt["breakdown"]["segment"]["B2B"]["value"] == pytest.approx(0.75, abs=1e-9)
    assert frt["breakdown"]["segment"]["B2C"]["value"] == pytest.approx(3.0, abs=1e-9)
    assert frt["breakdown"]["segment"]["B2C"]["score"] == pytest.approx(500 / 6, abs=1e-9)
    # trend: 2025Q4 (T7, T8: 7 h), 2026Q1 (no ticket), 2026Q2, 2026Q3
    assert [(p["period"], p["value"]) for p in frt["trend"]] == [
        ("2025Q4", pytest.approx(7.0)),
        ("2026Q1", None),
        ("2026Q2", pytest.approx(3.0)),
        ("2026Q3", pytest.approx(1.5)),
    ]
    # CSAT 2026Q3: scores 5, 4, 3, 5 → 3 of 4 satisfied = 0.75 ≤ red flag 0.80
    assert csat["value"] == pytest.approx(0.75, abs=1e-9)
    assert (csat["score"], csat["status"]) == (0.0, "red")
    assert csat["breakdown"]["segment"]["B2B"]["value"] == pytest.approx(0.5, abs=1e-9)
    # AHP 2×2: frt 3× csat → 0.75 / 0.25; one criterion → global = local
    assert frt["local_weight"] == pytest.approx(0.75, abs=1e-12)
    assert csat["global_weight"] == pytest.approx(0.25, abs=1e-12)
    # overall: 0.75 × 100 + 0.25 × 0 = 75 → B; previous 0.75 × 83.33 + 0.25 × 100 = 87.5 → A
    assert result["overall"]["score"] == pytest.approx(75.0, abs=1e-9)
    assert result["overall"]["grade"] == "B"
    previous = result["overall"]["previous"]
    assert (previous["score"], previous["grade"], previous["coverage"]) == (
        pytest.approx(87.5),
        "A",
        1.0,
    )
    assert result["overall"]["change"]["previous"] == pytest.approx(75 - 87.5, abs=1e-9)
    assert result["overall"]["baseline"]["score"] == pytest.approx(12.5, abs=1e-9)
    quality = next(c for c in result["criteria"] if c["id"] == "quality")
    assert quality["previous_score"] == pytest.approx(87.5, abs=1e-9)
    assert quality["baseline_score"] == pytest.approx(12.5, abs=1e-9)
    assert result["evaluation"]["periods"]["current"] == "2026Q3"
    assert result["evaluation"]["periods"]["previous"] == "2026Q2"


def test_result_has_every_documented_key(run_cli: RunCli, spec: Path) -> None:
    result = _run(run_cli, spec)
    assert {
        "schema_version",
        "evalkit_version",
        "evaluation",
        "overall",
        "criteria",
        "metrics",
        "ahp",
        "rules",
        "findings",
        "data_quality",
        "provenance",
    } <= set(result)
    assert {"title", "client", "period", "periods"} <= set(result["evaluation"])
    assert {"score", "grade", "grade_before_rules"} <= set(result["overall"])
    for criterion in result["criteria"]:
        assert {
            "id",
            "title",
            "parent",
            "local_weight",
            "global_weight",
            "score",
            "children",
        } <= set(criterion)
    metric_keys = {
        "id", "metric", "title", "criterion", "unit", "direction", "value", "target", "score",
        "status", "local_weight", "global_weight", "error", "previous", "baseline", "breakdown",
    }  # fmt: skip
    for metric in result["metrics"]:
        assert metric_keys <= set(metric)
    assert set(result["ahp"]["quality"]) >= {"weights", "lambda_max", "ci", "cr", "consistent"}
    provenance = result["provenance"]
    assert {"spec_sha256", "spec_files", "plugins", "data", "generated_at"} <= set(provenance)
    assert {d["table"]: d["rows"] for d in provenance["data"]} == {"tickets": 8, "surveys": 8}


def test_period_option_overrides_the_spec(run_cli: RunCli, spec: Path) -> None:
    result = _run(run_cli, spec, "--period", "2026Q2")
    frt = next(m for m in result["metrics"] if m["id"] == "frt")
    assert frt["value"] == pytest.approx(3.0, abs=1e-9)
    assert result["evaluation"]["periods"]["previous"] == "2026Q1"


def test_bad_input_writes_nothing(run_cli: RunCli, spec: Path) -> None:
    spec.write_text(SPEC.replace("metric: first_response_time", "metric: nope"), encoding="utf-8")
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert out.exit_code == 2
    assert not (spec.parent / "out").exists()


def test_missing_data_file_is_bad_input(run_cli: RunCli, spec: Path) -> None:
    (spec.parent / "surveys.csv").unlink()
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert out.exit_code == 2
    assert "surveys.csv" in out.stderr and "Traceback" not in out.stderr
    assert not (spec.parent / "out" / "result.json").exists()


def test_python_m_evalkit(spec: Path) -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "evalkit", "validate", str(spec)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr


def test_bad_period_option_names_the_option(run_cli: RunCli, spec: Path) -> None:
    out = run_cli("run", spec, "--period", "2026Q5", "--out", spec.parent / "out")
    assert out.exit_code == 2
    assert out.stderr.strip() == (
        "error: --period: '2026Q5' is not a period: write a quarter such as 2026Q3 or a month "
        "2026-08"
    )
    assert not (spec.parent / "out").exists()


def test_the_summary_speaks_the_spec_language(run_cli: RunCli, spec: Path) -> None:
    english = spec.read_text(encoding="utf-8").replace(
        "  period: 2026Q3\n", "  period: 2026Q3\n  locale: en\n"
    )
    spec.write_text(english, encoding="utf-8")
    out = run_cli("run", spec, "--out", spec.parent / "out")
    lines = out.stdout.splitlines()
    assert lines[:4] == [
        "ACME service after go-live — ACME Machinery — Q3 2026",
        "Overall score 75.0, grade B",
        "  -12.5 points vs Q2 2026 (87.5)",
        "  +62.5 points vs the baseline before go-live (12.5)",
    ]
    # a red metric's value in its unit (CSAT 0.75 → 75.0%)
    assert "  Red flag  Customer satisfaction: 75.0%" in lines


def test_provenance_shows_data_paths_relative_to_the_spec(run_cli: RunCli, spec: Path) -> None:
    data = spec.parent / "exports"
    data.mkdir()
    (spec.parent / "tickets.csv").rename(data / "tickets.csv")
    spec.write_text(SPEC.replace("path: tickets.csv", "path: exports/tickets.csv"), "utf-8")
    out = run_cli("run", spec, "--out", spec.parent / "out", "--format", "html")
    assert out.exit_code == 0, out.stderr
    result = json.loads((spec.parent / "out" / "result.json").read_text(encoding="utf-8"))
    sources = {d["table"]: d["source"] for d in result["provenance"]["data"]}
    assert sources == {"tickets": "exports/tickets.csv", "surveys": "surveys.csv"}
    html = (spec.parent / "out" / "report.html").read_text(encoding="utf-8")
    assert "exports/tickets.csv" in html
    assert str(spec.parent) not in html


def test_preparer_version_approver_and_a_bilingual_client(run_cli: RunCli, spec: Path) -> None:
    spec.write_text(
        SPEC.replace("client: ACME Machinery", "client: {en: ACME Machinery, zh: ACME 机械}")
        + "report:\n"
        "  locale: en\n"
        '  prepared_by: {en: "Li Wei, Northwind", zh: 北风咨询 李伟}\n'
        '  version: "2.1"\n'
        "  approved_by: Zhang Min\n",
        "utf-8",
    )
    result = _run(run_cli, spec, "--format", "json,html")
    assert result["evaluation"]["client"] == {"en": "ACME Machinery", "zh": "ACME 机械"}
    report = result["report"]
    assert report["prepared_by"] == {"en": "Li Wei, Northwind", "zh": "北风咨询 李伟"}
    assert (report["version"], report["approved_by"]) == (
        "2.1",
        {"en": "Zhang Min", "zh": "Zhang Min"},
    )
    html = (spec.parent / "out" / "report.html").read_text(encoding="utf-8")
    assert '<meta name="author" content="Li Wei, Northwind">' in html
    assert "<th>Version</th><td>2.1</td>" in html
    assert "<th>Approved by</th><td>Zhang Min</td>" in html
    assert "ACME 机械" not in html


def test_an_unquoted_report_version_is_bad_input(run_cli: RunCli, spec: Path) -> None:
    spec.write_text(SPEC + "report:\n  version: 2.1\n", "utf-8")
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert out.exit_code == 2
    assert len(out.stderr.strip().splitlines()) == 1
    assert f"{spec.name}:" in out.stderr and "version" in out.stderr


def test_data_values_get_their_display_names_from_the_spec(run_cli: RunCli, spec: Path) -> None:
    spec.write_text(
        SPEC + "report:\n"
        "  locale: en\n"
        "  values:\n"
        "    segment:\n"
        "      B2B: {en: Business, zh: 企业客户}\n"
        "      B2C: 个人客户\n",  # one text serves both languages
        "utf-8",
    )
    result = _run(run_cli, spec, "--format", "json,html")
    assert result["report"]["values"] == {
        "segment": {
            "B2B": {"en": "Business", "zh": "企业客户"},
            "B2C": {"en": "个人客户", "zh": "个人客户"},
        }
    }
    html = (spec.parent / "out" / "report.html").read_text(encoding="utf-8")
    heat = html[html.index('class="heatmap"') :]
    assert '<th class="num">Business</th>' in heat and '<th class="num">B2B</th>' not in heat


def test_a_display_name_that_is_not_a_text_is_bad_input(run_cli: RunCli, spec: Path) -> None:
    spec.write_text(SPEC + "report:\n  values:\n    segment:\n      B2B: [Business]\n", "utf-8")
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert out.exit_code == 2
    assert len(out.stderr.strip().splitlines()) == 1
    assert f"{spec.name}:" in out.stderr and "values" in out.stderr
    assert not (spec.parent / "out").exists()


def test_the_summary_is_chinese_for_a_chinese_spec(run_cli: RunCli, spec: Path) -> None:
    chinese = spec.read_text(encoding="utf-8").replace(
        "  period: 2026Q3\n", "  period: 2026Q3\n  locale: zh-CN\n"
    )
    spec.write_text(chinese, encoding="utf-8")
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert out.exit_code == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "ACME 服务系统落地效果评估 — ACME Machinery — 2026年第3季度"
    # the red metric (CSAT 0.75 against a red flag of 0.80) in its unit, its status in Chinese
    assert any(line.strip().endswith(": 75.0%") and "预警" in line for line in lines)
    assert not any("Overall score" in line or "Red flag" in line for line in lines)


@pytest.mark.parametrize(("locale", "label"), [("en", "warning: "), ("zh-CN", "警告：")])
def test_a_spec_warning_is_labelled_once_in_the_summary(
    run_cli: RunCli, spec: Path, locale: str, label: str
) -> None:
    text = SPEC.replace("metrics: [frt, csat]}", "metrics: [frt]}").replace(
        "  period: 2026Q3\n", f"  period: 2026Q3\n  locale: {locale}\n"
    )
    spec.write_text(text.replace("judgments: {frt: {csat: 3}}", "weights: {frt: 1}"), "utf-8")
    out = run_cli("run", spec, "--out", spec.parent / "out", "--format", "json")
    assert out.exit_code == 0, out.stderr
    message = "metric 'csat' is used by no criterion; it is computed and reported but carries no"
    summary = "".join(out.stdout.split())  # the console wraps long lines, within words too
    assert "".join(f"{label}{spec}:19:3: {message}".split()) in summary
    assert f"{spec}:19:3:warning" not in summary  # no second label after the location
    result = json.loads((spec.parent / "out" / "result.json").read_text("utf-8"))
    assert result["warnings"] == [f"{spec}:19:3: {message} weight"]
