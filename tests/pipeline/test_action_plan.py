"""The action plan: rule recommendations with priority, owner, due date and effect, and an
action for each weakest metric that no recommendation covers."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import RunCli
from tests.pipeline.test_run_cli import SPEC, SURVEYS, TICKETS

RULE = """\
rules:
  - id: keep-fast
    when: "value('frt') < 2"
    then:
      recommendation:
        text: {zh: 保持响应速度, en: Keep responses fast}
        priority: low
        owner: {zh: 客服经理, en: Service manager}
        due: "2026-12-31"
        effect:
          zh: "首次响应保持在 {target('frt').goal:.0f} 小时内"
          en: "First response under {target('frt').goal:.0f} h"
"""
ADVICE = """\
advice:
  csat:
    text: {zh: 回访低分客户, en: Call back unhappy customers}
    owner: {zh: 体验主管, en: Experience lead}
"""


def _actions(run_cli: RunCli, tmp_path: Path, extra: str) -> list[dict]:
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
    (tmp_path / "spec.yaml").write_text(SPEC + extra, encoding="utf-8")
    out = run_cli("run", tmp_path / "spec.yaml", "--out", tmp_path / "out", "--format", "json,html")
    assert out.exit_code == 0, out.stderr
    result = json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))
    return result["actions"]


def test_rule_actions_and_advice_for_the_weakest(run_cli: RunCli, tmp_path: Path) -> None:
    # CSAT 0.75 is red and the weakest metric; no rule covers it: the spec's advice does.
    actions = _actions(run_cli, tmp_path, RULE + ADVICE)
    assert actions == [
        {
            "text": {"zh": "回访低分客户", "en": "Call back unhappy customers"},
            "priority": "high",
            "owner": {"zh": "体验主管", "en": "Experience lead"},
            "due": None,
            "effect": None,
            "metrics": ["csat"],
            "source": "advice",
        },
        {
            "text": {"zh": "保持响应速度", "en": "Keep responses fast"},
            "priority": "low",
            "owner": {"zh": "客服经理", "en": "Service manager"},
            "due": "2026-12-31",
            "effect": {"zh": "首次响应保持在 2 小时内", "en": "First response under 2 h"},
            "metrics": ["frt"],
            "source": "rule",
            "rule": "keep-fast",
        },
    ]
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    plan = html[html.index('<table class="actions">') :]
    assert plan.index("回访低分客户") < plan.index("保持响应速度")
    assert "keep-fast" not in html


def test_the_weakest_metric_always_gets_an_action(run_cli: RunCli, tmp_path: Path) -> None:
    (action,) = _actions(run_cli, tmp_path, "")
    assert (action["metrics"], action["priority"], action["source"]) == (
        ["csat"],
        "high",
        "default",
    )
    assert action["text"]["en"].startswith("Improve Customer satisfaction:")
