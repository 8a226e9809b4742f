"""The built-in presets: they parse, their AHP judgments are consistent alone and composed, they
use only catalog metrics, and composing a market with an industry preset loses nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from evalkit.spec.extends import resolve_extends
from evalkit.spec.presets import BUILTIN_PRESETS, builtin_presets
from tests.presets.catalog import CATALOG_IDS, children, consistency_ratio, metric_ids

PRESETS = ("base/post-go-live", "market/b2b", "market/b2c", "industry/manufacturing")
COMPOSITIONS = (
    ("market/b2b", "industry/manufacturing"),
    ("industry/manufacturing", "market/b2b"),
    ("market/b2c", "industry/manufacturing"),
)


def resolved(tmp_path: Path, *names: str) -> dict[str, Any]:
    spec = tmp_path / "spec.yaml"
    spec.write_text(f"version: 1\nextends: [{', '.join(names)}]\n", encoding="utf-8")
    catalog = {p.name: p for p in builtin_presets()}
    data: dict[str, Any] = resolve_extends(spec, catalog).doc.data
    return data


@pytest.mark.parametrize("name", PRESETS)
def test_preset_file_parses_and_describes_itself(name: str) -> None:
    data = yaml.safe_load((BUILTIN_PRESETS / f"{name}.yaml").read_text("utf-8"))
    assert set(data["preset"]["title"]) == {"en", "zh"}
    assert data["preset"]["description"]
    if name != "base/post-go-live":
        assert data["extends"] == "base/post-go-live"


@pytest.mark.parametrize("names", [(p,) for p in PRESETS] + list(COMPOSITIONS), ids=str)
def test_every_weights_block_is_consistent(tmp_path: Path, names: tuple[str, ...]) -> None:
    data = resolved(tmp_path, *names)
    nodes = children(data["criteria"])
    for node, block in data["weights"].items():
        items = nodes[node]
        named = set(block["judgments"]) | {b for row in block["judgments"].values() for b in row}
        assert named <= set(items), f"{node}: judgments name {named - set(items)}"
        assert consistency_ratio(items, block["judgments"]) < 0.1, node


@pytest.mark.parametrize("names", [(p,) for p in PRESETS] + list(COMPOSITIONS), ids=str)
def test_presets_use_catalog_metrics_each_under_one_criterion(
    tmp_path: Path, names: tuple[str, ...]
) -> None:
    data = resolved(tmp_path, *names)
    assert metric_ids(data) <= CATALOG_IDS
    leaves = [m for node, kids in children(data["criteria"]).items() for m in kids]
    used = [m for m in leaves if m in data["metrics"]]
    assert sorted(used) == sorted(set(used)) == sorted(data["metrics"])


def test_composition_keeps_what_each_preset_adds(tmp_path: Path) -> None:
    data = resolved(tmp_path, "market/b2b", "industry/manufacturing")
    sq = data["criteria"]["service_quality"]["criteria"]
    assert {"sq_service_commitments", "sq_product_quality", "sq_satisfaction"} <= set(sq)
    assert "customer_loyalty" in data["criteria"]
    assert data["metrics"]["contract_renewal_rate"]["weight"] == 2
    assert data["metrics"]["service_revenue_growth"]["weight"] == 2
    root = data["weights"]["root"]["judgments"]
    assert root["customer_loyalty"]["service_quality"] == 1
    assert data["metrics"]["first_response_time"]["target"] == {"goal": 2, "red_flag": 8}


def test_base_carries_the_seed_targets(tmp_path: Path) -> None:
    metrics = resolved(tmp_path, "base/post-go-live")["metrics"]
    assert metrics["first_response_time"] == {"unit": "hours", "target": {"goal": 2, "red_flag": 8}}
    assert metrics["resolution_rate"]["target"]["goal"] == 0.90
    assert metrics["csat"]["target"]["goal"] == 0.95
    assert metrics["resolution_time"] == {"unit": "hours", "target": {"goal": 48, "red_flag": 96}}


def test_consistency_ratio_matches_a_known_matrix() -> None:
    # Saaty's example-style matrix; CR computed by hand with numpy: λmax 3.0092, CR ≈ 0.0079.
    judgments = {"a": {"b": "1/2", "c": "1/3"}, "b": {"c": "1/2"}}
    assert consistency_ratio(["a", "b", "c"], judgments) == pytest.approx(0.0079, abs=1e-4)


def _titles(node: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every ``title`` value in a preset document, with where it stands."""
    found: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}" if path else str(key)
            if key == "title":
                found.append((here, value))
            found += _titles(value, here)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _titles(value, f"{path}[{i}]")
    return found


@pytest.mark.parametrize("name", PRESETS)
def test_every_title_is_whole_in_both_languages(name: str) -> None:
    data = yaml.safe_load((BUILTIN_PRESETS / f"{name}.yaml").read_text("utf-8"))
    titles = _titles(data)
    assert titles
    for where, title in titles:
        # an unquoted comma in a flow mapping cuts "Service commitments (SLA, FCR)" in two
        assert isinstance(title, dict) and set(title) == {"en", "zh"}, where
        for text in title.values():
            assert isinstance(text, str) and text.strip(), where
            assert text.count("(") == text.count(")"), where
            assert text.count("（") == text.count("）"), where


def test_every_catalog_metric_has_advice_in_both_languages() -> None:
    data = yaml.safe_load((BUILTIN_PRESETS / "base/post-go-live.yaml").read_text("utf-8"))
    advice = data["advice"]
    assert set(advice) == set(CATALOG_IDS)
    for metric, given in advice.items():
        for key in ("text", "owner", *(("effect",) if "effect" in given else ())):
            assert set(given[key]) == {"zh", "en"}, (metric, key)
            assert all(isinstance(t, str) and t.strip() for t in given[key].values()), metric
