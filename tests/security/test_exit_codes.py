"""Inputs at fault are exit 2 with one located message, never exit 1 or 3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.security.conftest import Project


@pytest.mark.parametrize(
    ("out_dir", "reason"),
    [
        ("/proc/evalkit-out", "cannot write there (No such file or directory)"),
        ("/dev/null", "not a folder"),
    ],
)
def test_an_unwritable_out_is_exit_2(
    run_cli: RunCli, project: Project, out_dir: str, reason: str
) -> None:
    out = run_cli("run", project(), "--out", out_dir)
    assert out.exit_code == 2
    assert out.stderr.startswith(f"error: --out {out_dir}: {reason}")


def test_a_plugin_that_exits_at_import_is_a_plugin_error(
    run_cli: RunCli, project: Project, tmp_path: Path
) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "quitter.py").write_text(
        "import sys\n\nfrom evalkit.plugin import hookimpl\n\nsys.exit(1)\n\n\n"
        "@hookimpl\ndef register_metrics():\n    return []\n",
        encoding="utf-8",
    )
    out = run_cli("run", project(), "--plugins-dir", folder)
    assert out.exit_code == 2
    assert out.stderr == (
        f"error: {folder / 'quitter.py'}:5:1: plugin failed to import: it called sys.exit(1) "
        "while being imported; plugins must not exit\n"
    )


def test_ahp_json_never_prints_infinity(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("items: [A, B, C]\njudgments:\n  A: {B: 1.0e+300, C: 2}\n  B: {C: 3}\n")
    out = run_cli("ahp", path, "--json")
    assert out.exit_code == 2
    assert out.stdout == ""
    assert out.stderr == (
        f"error: {path}:3:10: judgment 'A' vs 'B' must lie between 1/1000000 and 1000000, "
        "not 1e+300 (Saaty's scale is 1/9 … 9)\n"
    )


def test_ahp_json_accepts_large_judgments_within_the_limit(run_cli: RunCli, tmp_path: Path) -> None:
    """A vs B = 1e6 with two items: weights 1e6/(1e6+1) and 1/(1e6+1), consistent (n = 2)."""
    path = tmp_path / "large.yaml"
    path.write_text("items: [A, B]\njudgments: {A: {B: 1000000}}\n")
    out = run_cli("ahp", path, "--json")
    assert out.exit_code == 0, out.stderr
    weights = out.json()["weights"]
    assert weights["A"] == pytest.approx(1e6 / (1e6 + 1))
    assert weights["B"] == pytest.approx(1 / (1e6 + 1))


def test_validate_checks_logo_and_time_zone(run_cli: RunCli, project: Project) -> None:
    spec = project(
        {"tickets: {path: tickets.csv}": "tickets: {path: tickets.csv, timezone: Mars/Olympus}"},
        report="  branding: {logo: ../../etc/logo.png}\n",
    )
    out = run_cli("validate", spec)
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [
        f"error: {spec}:9:44: unknown time zone 'Mars/Olympus'; write an IANA name such as "
        "Asia/Shanghai or UTC",
        f"error: {spec}:19:20: report.branding.logo '../../etc/logo.png': must be inside the "
        "spec's folder",
    ]


def test_a_missing_logo_fails_validate(run_cli: RunCli, project: Project) -> None:
    spec = project(report="  branding: {logo: logo.png}\n")
    out = run_cli("validate", spec)
    assert out.exit_code == 2
    assert f"report.branding.logo 'logo.png': file not found in {spec.parent.resolve()}" in (
        out.stderr
    )


def test_short_colours_are_allowed_and_expanded(run_cli: RunCli, project: Project) -> None:
    spec = project(
        report="  formats: [json, html]\n"
        "  branding: {primary_color: '#0af', accent_color: '#F00'}\n"
    )
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert out.exit_code == 0, out.stderr
    html = (spec.parent / "out" / "report.html").read_text(encoding="utf-8")
    assert "--primary: #00aaff; --accent: #ff0000;" in html
    result = json.loads((spec.parent / "out" / "result.json").read_text(encoding="utf-8"))
    assert result["report"]["branding"]["primary_color"] == "#0af"


def test_render_into_an_unwritable_out_is_exit_2(run_cli: RunCli, project: Project) -> None:
    spec = project()
    assert run_cli("run", spec, "--out", spec.parent / "out").exit_code == 0
    result = spec.parent / "out" / "result.json"
    for out_dir, reason in (("/dev/null", "not a folder"), ("/proc/x", "cannot write there")):
        out = run_cli("render", result, "--format", "html", "--out", out_dir)
        assert out.exit_code == 2
        assert out.stderr.startswith(f"error: --out {out_dir}: {reason}")


def test_a_superscript_digit_in_a_rule_is_a_located_error(
    run_cli: RunCli, project: Project
) -> None:
    """``'¹'.isdigit()`` is true, yet no number is written with it."""
    spec = project()
    spec.write_text(
        spec.read_text(encoding="utf-8")
        + "rules:\n  - id: r1\n    when: \"value('csat') < 2¹\"\n    then: {cap_grade: D}\n",
        encoding="utf-8",
    )
    out = run_cli("validate", spec)
    assert out.exit_code == 2
    assert out.stderr == f"error: {spec}:20:28: invalid number '2¹' in rule 'r1'\n"
