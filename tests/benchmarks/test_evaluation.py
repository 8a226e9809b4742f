"""A spec compares with a pack: percentiles in result.json, p75 targets resolved to numbers,
percentile() in rules, and bad packs reported as file:line:col with exit 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import RunCli

QUICKSTART = Path(__file__).parents[2] / "configs" / "examples" / "quickstart"
# The quickstart's values in 2026Q3: first response 1.5 h (90 min), csat 0.75.
PACK = """\
benchmark_pack: 1
id: test-peers
title: {en: Test peers, zh: 测试同业}
source: hand-written for this test
periods: [2026Q3]
populations:
  - population: {industry: manufacturing}
    clients: 9
    metrics:
      first_response_time:
        unit: minutes
        n: 9
        quantiles: {p10: 60, p25: 80, p50: 100, p75: 120, p90: 200}
      csat: {unit: fraction, n: 9, quantiles: {p25: 0.70, p50: 0.80, p75: 0.90}}
  - population: {industry: retail}
    clients: 7
    metrics:
      csat: {unit: fraction, n: 7, quantiles: {p25: 0.1, p50: 0.2, p75: 0.3}}
"""
BENCHMARKED = """\
  industry: manufacturing
benchmarks: [peers.yaml]
"""


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    """The quickstart with industry: manufacturing and the test pack."""
    folder = tmp_path / "qs"
    shutil.copytree(QUICKSTART, folder)
    (folder / "peers.yaml").write_text(PACK, encoding="utf-8")
    path = folder / "spec.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  locale: zh-CN\n", "  locale: zh-CN\n" + BENCHMARKED)
    path.write_text(text, encoding="utf-8")
    return path


def edit(spec: Path, old: str, new: str) -> Path:
    text = spec.read_text(encoding="utf-8")
    assert old in text
    spec.write_text(text.replace(old, new), encoding="utf-8")
    return spec


def run(run_cli: RunCli, spec: Path) -> dict[str, object]:
    out = run_cli("run", spec, "--out", spec.parent / "out", "--format", "json")
    assert out.exit_code == 0, out.stderr
    return json.loads((spec.parent / "out" / "result.json").read_text(encoding="utf-8"))


def metric(result: dict[str, object], mid: str) -> dict[str, object]:
    metrics = result["metrics"]
    assert isinstance(metrics, list)
    return next(m for m in metrics if m["id"] == mid)


def test_percentiles_in_result_json(run_cli: RunCli, spec: Path) -> None:
    result = run(run_cli, spec)
    frt = metric(result, "first_response_time")
    bench = frt["benchmark"]
    assert isinstance(bench, dict)
    assert bench["pack"] == "test-peers"
    assert bench["population"] == {"industry": "manufacturing"}  # not retail
    assert bench["n"] == 9
    # minutes → the instance's hours: 80 min = 4/3 h …
    assert bench["quantiles"] == pytest.approx(
        {"p10": 1.0, "p25": 80 / 60, "p50": 100 / 60, "p75": 2.0, "p90": 200 / 60}
    )
    # 90 min between p25 (80) and p50 (100): 25 + 10 / 20 × 25
    assert bench["percentile"] == pytest.approx(37.5)
    csat = metric(result, "csat")["benchmark"]
    assert isinstance(csat, dict)
    assert csat["percentile"] == pytest.approx(37.5)  # 0.75: 25 + 0.05 / 0.10 × 25
    assert result["evaluation"]["industry"] == "manufacturing"  # type: ignore[index]
    assert [p["id"] for p in result["benchmarks"]] == ["test-peers"]  # type: ignore[union-attr]


def test_p75_targets_resolve_to_the_packs_numbers(run_cli: RunCli, spec: Path) -> None:
    edit(
        spec,
        "{unit: hours, target: {goal: 2, red_flag: 8}}",
        "{unit: hours, target: {goal: p25, red_flag: p75}}",
    )
    edit(
        spec,
        "csat: {target: {goal: 0.95, red_flag: 0.80}}",
        "csat: {target: {goal: p75, red_flag: p25}}",
    )
    result = run(run_cli, spec)
    frt = metric(result, "first_response_time")
    target = frt["target"]
    assert isinstance(target, dict)
    assert target["goal"] == pytest.approx(80 / 60) and target["red_flag"] == pytest.approx(2.0)
    assert target["relative"] == {"goal": "p25", "red_flag": "p75"}
    # 1.5 h between goal 4/3 h and red flag 2 h: (1.5 − 2) / (4/3 − 2) = 0.75
    assert frt["score"] == pytest.approx(75.0)
    csat = metric(result, "csat")
    assert csat["target"]["goal"] == pytest.approx(0.90)  # type: ignore[index]
    assert csat["score"] == pytest.approx(25.0)  # (0.75 − 0.70) / (0.90 − 0.70)


def test_percentile_in_rules(run_cli: RunCli, spec: Path) -> None:
    edit(spec, "when: \"status('csat') in ('red', 'amber')\"", "when: \"percentile('csat') < 40\"")
    result = run(run_cli, spec)
    fired = {r["id"]: r for r in result["rules"]}  # type: ignore[union-attr]
    assert fired["csat-below-target"]["fired"] is True
    edit(spec, "percentile('csat') < 40", "percentile('csat') < 30")
    result = run(run_cli, spec)
    fired = {r["id"]: r for r in result["rules"]}  # type: ignore[union-attr]
    assert fired["csat-below-target"]["fired"] is False


def test_a_quantile_the_pack_lacks_is_located(run_cli: RunCli, spec: Path) -> None:
    edit(
        spec,
        "csat: {target: {goal: 0.95, red_flag: 0.80}}",
        "csat: {target: {goal: p90, red_flag: p25}}",
    )
    out = run_cli("validate", spec, "--no-data")
    assert out.exit_code == 2
    (line,) = [x for x in out.stderr.splitlines() if x.startswith("error:")]
    assert "spec.yaml:30:25: " in line and "goal: p90 is a benchmark quantile" in line


def test_a_bad_pack_is_located_in_the_pack(run_cli: RunCli, spec: Path) -> None:
    pack = spec.parent / "peers.yaml"
    pack.write_text(PACK.replace("p50: 0.80, p75: 0.90", "p50: 0.80, p75: 0.60"), "utf-8")
    out = run_cli("validate", spec, "--no-data")
    assert out.exit_code == 2
    assert "Traceback" not in out.stderr
    assert out.stderr.strip().endswith(
        "peers.yaml:14:75: csat: p75 (0.6) is below p50 (0.8); quantiles must not decrease "
        "from p10 to p90"
    ), out.stderr


def test_an_unknown_pack_key_is_located(run_cli: RunCli, spec: Path) -> None:
    pack = spec.parent / "peers.yaml"
    pack.write_text(PACK.replace("source:", "sourse: x\nsource:"), "utf-8")
    out = run_cli("validate", spec, "--no-data")
    assert out.exit_code == 2
    assert "peers.yaml:4:1: unknown key 'sourse'" in out.stderr


PLUGIN = """\
from pathlib import Path

import evalkit


@evalkit.hookimpl
def register_benchmark_packs():
    return [Path(__file__).parent / "pack.yaml"]
"""


def test_plugins_ship_packs_and_the_list_shows_them(run_cli: RunCli, tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    (plugins / "acme_peers").mkdir(parents=True)
    (plugins / "acme_peers" / "__init__.py").write_text(PLUGIN, "utf-8")
    (plugins / "acme_peers" / "pack.yaml").write_text(PACK, "utf-8")
    out = run_cli("benchmarks", "--json", "--plugins-dir", plugins)
    assert out.exit_code == 0, out.stderr
    listed = {p["id"]: p for p in out.json()}
    assert listed["test-peers"]["plugin"] == "acme_peers"
    assert listed["test-peers"]["populations"][0] == {
        "population": {"industry": "manufacturing"},
        "clients": 9,
        "metrics": 2,
    }
    assert listed["demo-synthetic"]["synthetic"] is True  # the built-in demo pack
    (plugins / "acme_peers" / "pack.yaml").write_text(PACK.replace("n: 9\n", "n: -1\n", 1))
    out = run_cli("benchmarks", "--plugins-dir", plugins)
    assert out.exit_code == 2
    assert "pack.yaml:12:12: populations.0.metrics.first_response_time.n: -1 is less than" in (
        out.stderr
    )


def test_a_spec_names_an_installed_pack_by_id(run_cli: RunCli, spec: Path) -> None:
    edit(spec, "benchmarks: [peers.yaml]", "benchmarks: [demo-synthetic]")
    edit(spec, "  industry: manufacturing\n", "  industry: manufacturing\n  market: b2b\n")
    result = run(run_cli, spec)
    bench = metric(result, "csat")["benchmark"]
    assert isinstance(bench, dict)
    assert bench["pack"] == "demo-synthetic" and bench["synthetic"] is True
    edit(spec, "benchmarks: [demo-synthetic]", "benchmarks: [demo-synthetc]")
    out = run_cli("validate", spec, "--no-data")
    assert out.exit_code == 2
    assert "no installed benchmark pack 'demo-synthetc'" in out.stderr
    assert "spec.yaml:12:14: " in out.stderr


def test_another_population_than_the_clients_own(run_cli: RunCli, spec: Path) -> None:
    edit(
        spec,
        "benchmarks: [peers.yaml]",
        "benchmarks: {packs: [peers.yaml], population: {industry: retail}}",
    )
    csat = metric(run(run_cli, spec), "csat")["benchmark"]
    assert isinstance(csat, dict)
    assert csat["population"] == {"industry": "retail"}
    # 0.75 is above the retail peers' p75 (0.3): at 75, marked above
    assert csat["percentile"] == 75.0 and csat["outside"] == "above"
    assert metric(run(run_cli, spec), "first_response_time")["benchmark"] is None


def test_no_population_containing_the_client_is_a_warning(run_cli: RunCli, spec: Path) -> None:
    edit(spec, "  industry: manufacturing\n", "  industry: textiles\n")
    out = run_cli("validate", spec, "--no-data")
    assert out.exit_code == 0, out.stderr
    assert (
        "no population in the benchmark packs contains this client (industry=textiles, "
        "year=2026)" in out.stdout + out.stderr
    )
