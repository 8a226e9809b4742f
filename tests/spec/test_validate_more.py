"""More validation problems: data tables, AHP children, and the schema and init commands."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import RunCli
from tests.spec.conftest import SPEC

MakeSpec = Callable[..., Path]


def test_metric_needing_an_unmapped_table(run_cli: RunCli, make_spec: MakeSpec) -> None:
    text = SPEC.replace("    surveys: {path: surveys.csv}\n", "")
    out = run_cli("validate", make_spec(text))
    assert out.exit_code == 2
    assert out.stderr.strip().endswith(
        "spec.yaml:8:3: metric 'csat' needs table 'surveys' (columns answered_at, csat_score), "
        "which data.sources does not map; add 'sources: {surveys: {path: …}}'"
    ), out.stderr


def test_judgment_naming_a_child_that_does_not_exist(run_cli: RunCli, make_spec: MakeSpec) -> None:
    text = SPEC + "weights:\n  quality: {judgments: {frt: {cstat: 3}}}\n"
    out = run_cli("validate", make_spec(text))
    assert out.exit_code == 2
    assert out.stderr.strip().endswith(
        "spec.yaml:17:31: unknown item 'cstat' (did you mean 'csat'?)"
    ), out.stderr


def test_schema_includes_plugin_parameters(run_cli: RunCli) -> None:
    out = run_cli("schema")
    assert out.exit_code == 0
    schema = json.loads(out.stdout)
    assert set(schema["properties"]) >= {"evaluation", "data", "criteria", "weights", "rules"}
    by_metric = schema["properties"]["metrics"]["additionalProperties"]["allOf"]
    frt = next(
        s
        for s in by_metric[1:]
        if s["if"]["properties"]["metric"]["const"] == "first_response_time"
    )
    assert "statistic" in frt["then"]["properties"]["params"]["properties"]


def test_init_writes_a_starter_that_validates_its_shape(run_cli: RunCli, tmp_path: Path) -> None:
    out = run_cli("init", tmp_path / "eval")
    assert out.exit_code == 0, out.stderr
    text = (tmp_path / "eval" / "spec.yaml").read_text(encoding="utf-8")
    assert text.startswith("# An evalkit evaluation spec.")
    again = run_cli("init", tmp_path / "eval")
    assert again.exit_code == 2
    assert "exists already" in again.stderr


def test_metrics_show_one_and_did_you_mean(run_cli: RunCli) -> None:
    one = run_cli("metrics", "csat")
    assert one.exit_code == 0
    shown = json.loads(one.stdout)
    assert shown["title"]["zh"] == "客户满意度"
    assert shown["direction"] == "higher"
    assert shown["plugin"] == "service_quality"
    wrong = run_cli("metrics", "cstat")
    assert wrong.exit_code == 2
    assert "unknown metric 'cstat' (did you mean 'csat'?)" in wrong.stderr


def test_presets_json(run_cli: RunCli) -> None:
    out = run_cli("presets", "--json")
    assert out.exit_code == 0
    listed = {p["name"]: p for p in out.json()}
    assert {"base/post-go-live", "market/b2b", "market/b2c", "industry/manufacturing"} <= set(
        listed
    )
    assert listed["market/b2b"]["extends"] == ["base/post-go-live"]
    assert set(listed["market/b2b"]) == {"name", "title", "description", "extends"}
