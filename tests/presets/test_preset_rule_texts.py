"""The presets' rule texts quote the evaluation's own targets: a spec that overrides a preset
target gets findings (and conditions) that agree with it, through ``evalkit run``."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml

from evalkit.demo.generate import DemoData, generate_demo
from evalkit.spec.presets import BUILTIN_PRESETS
from tests.conftest import RunCli


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoData:
    return generate_demo(tmp_path_factory.mktemp("demo"))


def _findings(run_cli: RunCli, demo: DemoData, targets: dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(demo.spec.read_text("utf-8"))
    for metric, target in targets.items():
        spec["metrics"].setdefault(metric, {})["target"] = target
    name = "-".join(targets)
    path = demo.spec.parent / f"override-{name}.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    out_dir = demo.spec.parent / f"out-{name}"
    out = run_cli("run", path, "--out", out_dir, "--format", "json")
    assert out.exit_code == 0, out.stderr
    result = json.loads((out_dir / "result.json").read_text(encoding="utf-8"))
    return {f["rule"]: f["text"] for f in result["findings"] if f.get("rule")}


def test_an_overridden_goal_is_the_one_quoted(run_cli: RunCli, demo: DemoData) -> None:
    # The demo's CSAT is 93.9 % and its resolution rate 94.8 %; the preset goals are 95 % / 90 %.
    texts = _findings(
        run_cli,
        demo,
        {
            "csat": {"goal": 0.97, "red_flag": 0.8},
            "resolution_rate": {"goal": 0.96, "red_flag": 0.8},
        },
    )
    assert "低于 97.0% 的目标" in texts["csat-below-target"]["zh"]
    assert "below the 97.0% target" in texts["csat-below-target"]["en"]
    assert texts["resolution-below-target"]["zh"] == "服务解决率 94.8% 低于 96.0% 的目标。"


def test_a_lowered_goal_no_longer_fires(run_cli: RunCli, demo: DemoData) -> None:
    # CSAT 93.9 % meets a goal of 85 %: the preset's 95 % no longer decides.
    texts = _findings(run_cli, demo, {"csat": {"goal": 0.85, "red_flag": 0.7}})
    assert "csat-below-target" not in texts


def test_no_preset_rule_text_quotes_a_literal_number() -> None:
    for preset in BUILTIN_PRESETS.rglob("*.yaml"):
        for rule in yaml.safe_load(preset.read_text("utf-8")).get("rules") or ():
            then = rule["then"]
            for text in (then.get("recommendation"), (then.get("finding") or {}).get("text")):
                for line in (text or {}).values():
                    literal = re.sub(r"\{[^{}]*\}", "", line)  # placeholders out
                    assert not re.search(r"\d", literal), f"{preset.name} {rule['id']}: {line}"
