"""``evalkit plugin check``: one line per problem and exit 2, a test per problem it reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunCli

GOOD = """
from evalkit.compute.protocol import Aggregate, count, ratio
from evalkit.metric import MetricDefinition
from evalkit.plugin import hookimpl

CALLS = []


def measures(frame):
    t = frame.table
    return {"all": count(t.ticket_id.notnull()), "fast": count(t.priority == "priority_a")}


def value(measured, params):
    return ratio(measured["fast"], measured["all"])


METRIC = MetricDefinition(
    id="acme.share",
    title={"en": "Share", "zh": "占比"},
    description="Share of tickets of priority a.",
    formula="tickets of priority a / tickets",
    translations={
        "zh": {"description": "优先级 a 的工单占比。", "formula": "优先级 a 工单 / 工单"}
    },
    unit="fraction",
    direction="higher",
    columns={"tickets": ("ticket_id", "created_at", "priority")},
    computation=Aggregate("tickets", measures, value),
)


@hookimpl
def register_metrics():
    return [METRIC]
"""
ENV = {"EVALKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}


def _check(run_cli: RunCli, folder: Path, text: str) -> list[str]:
    folder.mkdir(exist_ok=True)
    (folder / "acme.py").write_text(text, encoding="utf-8")
    out = run_cli("plugin", "check", folder / "acme.py", env=ENV)
    lines = out.stdout.splitlines()
    assert out.exit_code == (0 if lines[0].startswith("ok:") else 2), out.stderr
    return lines


def test_a_clean_plugin(run_cli: RunCli, tmp_path: Path) -> None:
    assert _check(run_cli, tmp_path / "p", GOOD) == ["ok: 1 metric(s) of acme"]


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            'id="acme.share"',
            'id="share"',
            "id 'share' has no prefix; name it 'yourplugin.share' (lower-case letters, digits, "
            "'_')",
        ),
        (
            'title={"en": "Share", "zh": "占比"}',
            'title={"en": "Share"}',
            "title has no 'zh' text; give title={'en': '…', 'zh': '…'}",
        ),
        (
            'description="Share of tickets of priority a."',
            'description=""',
            "description is empty; write it in English",
        ),
        (
            '"formula": "优先级 a 工单 / 工单"',
            '"description": "优先级 a 的工单占比。"',
            "formula has no zh translation; add translations={'zh': {'formula': '…'}}",
        ),
        (
            'unit="fraction"',
            'unit="percent"',
            "unit 'percent' is not one of minutes, fraction, points, score, currency, count, "
            "ratio, rating",
        ),
        (
            'direction="higher"',
            'direction="up"',
            "direction 'up' is not one of higher, lower, target, none",
        ),
        (
            'unit="fraction",',
            'unit="fraction", params_schema={"type": "objekt"},',
            "params_schema is not a valid JSON Schema: 'objekt' is not valid under any of the "
            "given schemas",
        ),
        (
            'columns={"tickets": ("ticket_id", "created_at", "priority")}',
            'columns={"tikets": ("ticket_id",)}',
            "columns: table 'tikets' is not canonical; use one of tickets, surveys, customers, "
            "orders, contracts, costs, budgets, field_visits, repairs, agents",
        ),
        (
            'unit="fraction",',
            'unit="fraction", params_schema={"type": "object", "required": ["level"], '
            '"properties": {"level": {"type": "string"}}},',
            "param 'level' is required and its schema has no default or examples; add "
            '"examples": [...] so that the sample run can use one',
        ),
        (
            '"priority")}',
            '"priority", "in_warranty")}',
            "columns: tickets.in_warranty is not in the canonical model; declare it in "
            "extra_columns={'tickets': {'in_warranty': 'string'}} (or fix its name)",
        ),
        (
            '"priority")}',
            '"priority", "flag")}, extra_columns={"tickets": {"flag": "bool"}}',
            "extra_columns: tickets.flag has type 'bool'; use one of string, timestamp, date, "
            "number, boolean",
        ),
        (
            'count(t.priority == "priority_a")',
            "count(t.no_such_column)",
            "fails on sample data: AttributeError: 'Table' object has no attribute "
            "'no_such_column'",
        ),
        (
            'return ratio(measured["fast"], measured["all"])',
            'return "fast"',
            "fails on sample data: ValueError: could not convert string to float: 'fast'",
        ),
        (
            'return ratio(measured["fast"], measured["all"])',
            'return float("inf")',
            "returns inf for window baseline; return a finite number or None (no data)",
        ),
        (
            'return ratio(measured["fast"], measured["all"])',
            "CALLS.append(1)\n    return float(len(CALLS))",
            "is not deterministic: two runs on the same data differ for window baseline",
        ),
    ],
)
def test_each_problem(run_cli: RunCli, tmp_path: Path, old: str, new: str, problem: str) -> None:
    assert old in GOOD
    lines = _check(run_cli, tmp_path / "p", GOOD.replace(old, new))
    assert len(lines) == 1, lines
    assert lines[0].startswith("plugin 'acme' metric '"), lines
    assert problem in lines[0], lines[0]


def test_a_required_param_with_an_example_is_used(run_cli: RunCli, tmp_path: Path) -> None:
    schema = (
        'unit="fraction", params_schema={"type": "object", "required": ["level"], '
        '"properties": {"level": {"type": "string", "examples": ["priority_b"]}}},'
    )
    text = GOOD.replace('unit="fraction",', schema).replace(
        '(t.priority == "priority_a")', '(t.priority == frame.params["level"])'
    )
    assert _check(run_cli, tmp_path / "p", text) == ["ok: 1 metric(s) of acme"]


def test_not_a_definition_and_a_duplicate_id(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "other.py").write_text(GOOD, encoding="utf-8")
    lines = _check(run_cli, folder, GOOD.replace("return [METRIC]", 'return [METRIC, "csat"]'))
    assert lines == [
        "plugin 'acme' metric 'acme.share': id is registered by plugins acme, other; ids must "
        "be unique",
        "plugin 'acme': registered 'csat', not a MetricDefinition",
    ]


def test_a_plugin_that_is_not_installed(run_cli: RunCli) -> None:
    out = run_cli("plugin", "check", "no_such_plugin", env=ENV)
    assert out.exit_code == 2
    assert (
        out.stdout == "plugin 'no_such_plugin' is not installed; run: pip install -e <its folder>\n"
    )
