"""Text from specs and data reaches the terminal as written: no markup, no escape sequences."""

from __future__ import annotations

from tests.conftest import RunCli
from tests.security.conftest import Project


def test_brackets_in_names_are_printed_literally(run_cli: RunCli, project: Project) -> None:
    spec = project(
        {
            "title: {en: ACME service,": "title: {en: 'ACME [draft] Ltd [/] Beijing',",
            "title: {en: Quality,": "title: {en: '[bold]Quality[/bold]',",
            "  period: 2026Q3": "  period: 2026Q3\n  locale: en",
        }
    )
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert out.exit_code == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "ACME [draft] Ltd [/] Beijing — ACME — Q3 2026"
    assert "[bold]Quality[/bold]" in out.stdout


def test_escape_sequences_are_shown_not_sent(run_cli: RunCli, project: Project) -> None:
    spec = project(
        {
            "client: ACME": 'client: "ACME\\e[2J\\x07"',
            "  period: 2026Q3": "  period: 2026Q3\n  locale: en",
        }
    )
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert out.exit_code == 0, out.stderr
    assert "\x1b" not in out.stdout and "\x07" not in out.stdout
    assert out.stdout.splitlines()[0] == "ACME service — ACME\\x1b[2J\\x07 — Q3 2026"


def test_escape_sequences_in_error_messages_are_shown(run_cli: RunCli, project: Project) -> None:
    spec = project({"tickets: {path: tickets.csv}": 'tickets: {path: "t\\e]0;pwned\\x07.csv"}'})
    out = run_cli("validate", spec)
    assert out.exit_code == 2
    assert "\x1b" not in out.stderr
    assert "t\\x1b]0;pwned\\x07.csv" in out.stderr
