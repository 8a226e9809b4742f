"""Hostile YAML and dates are refused quickly, with exit 2 and one located message."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from evalkit.yamldoc import MAX_BYTES
from tests.conftest import RunCli
from tests.security.conftest import Project


def _laughs(levels: int) -> str:
    """The "billion laughs": each level lists the previous one nine times (9**levels nodes)."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("command", ["validate", "ahp"])
def test_an_alias_bomb_is_refused_in_well_under_a_second(
    run_cli: RunCli, tmp_path: Path, command: str
) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(_laughs(10), encoding="utf-8")
    started = time.monotonic()
    out = run_cli(command, path)
    assert time.monotonic() - started < 1
    assert out.exit_code == 2
    # the message points at the anchored value being expanded once too often (in l0)
    assert out.stderr.startswith(f"error: {path}:1:")
    assert "aliases expand to more than 10000 nodes" in out.stderr


def test_a_few_aliases_are_fine(run_cli: RunCli, project: Project) -> None:
    spec = project(
        {
            "title: {en: ACME service,": "title: &t {en: ACME service,",
            "title: {en: Quality, zh: 质量}": "title: *t",
        }
    )
    out = run_cli("validate", spec)
    assert out.exit_code == 0, out.stderr


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", "1:"),
        ("".join(" " * i + f"k{i}:\n" for i in range(100)) + " " * 100 + "v\n", "65:65"),
        ("a: &a [1, *a]\n", "1:8"),  # a list holding itself: endless once built
    ],
)
@pytest.mark.parametrize("command", ["validate", "ahp"])
def test_deep_nesting_is_exit_2(
    run_cli: RunCli, tmp_path: Path, command: str, text: str, where: str
) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    out = run_cli(command, path)
    assert out.exit_code == 2
    assert out.stderr.startswith(f"error: {path}:{where}")
    assert "nested deeper than 64 levels" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_a_nul_byte_is_located(run_cli: RunCli, project: Project) -> None:
    spec = project()
    text = spec.read_text(encoding="utf-8").replace("client: ACME", "client: AC\0ME")
    spec.write_text(text, encoding="utf-8")
    out = run_cli("validate", spec)
    assert out.exit_code == 2
    assert out.stderr == (
        f"error: {spec}:4:13: invalid YAML: character U+0000 is not allowed; remove it\n"
    )


def test_an_escaped_surrogate_is_located(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "ahp.yaml"
    path.write_text('items: ["A\\ud800", B]\n', encoding="utf-8")
    out = run_cli("ahp", path)
    assert out.exit_code == 2
    assert out.stderr.startswith(
        f"error: {path}:1:9: invalid YAML: an escape such as \\ud800 stands for half a character"
    )


def test_an_oversized_spec_is_refused_before_parsing(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    out = run_cli("validate", path)
    assert out.exit_code == 2
    assert out.stderr.startswith(f"error: {path}:1:1: {path} is larger than 8 MiB")


@pytest.mark.parametrize("command", ["validate", "run", "ahp"])
def test_a_spec_that_never_ends_is_refused(run_cli: RunCli, command: str) -> None:
    out = run_cli(command, "/dev/zero")
    assert out.exit_code == 2
    assert out.stderr == "error: /dev/zero is not a regular file; give the path of a YAML file\n"


def test_go_live_in_year_1_fails_validate_and_run_returns(
    run_cli: RunCli, project: Project
) -> None:
    spec = project({"go_live: 2026-01-15": "go_live: 0001-01-15"})
    expected = f"error: {spec}:5:12: go_live 0001-01-15: the year must lie between 1900 and 2999\n"
    assert run_cli("validate", spec).stderr == expected
    started = time.monotonic()
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert time.monotonic() - started < 10
    assert (out.exit_code, out.stderr) == (2, expected)


@pytest.mark.parametrize("period", ["0001Q1", "0000-01", "9999Q4"])
def test_a_period_out_of_range_is_exit_2(run_cli: RunCli, project: Project, period: str) -> None:
    out = run_cli("run", project(), "--period", period)
    assert out.exit_code == 2
    assert out.stderr == (f"error: --period: '{period}': the year must lie between 1900 and 2999\n")


def test_month_end_baselines_still_work(run_cli: RunCli, project: Project) -> None:
    """go-live on 31 May, window baseline of a quarter: 31 Feb does not exist, so it starts on
    the last day of February (28 Feb 2026) and ends at go-live."""
    spec = project({"go_live: 2026-01-15": "go_live: 2026-05-31"})
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert out.exit_code == 0, out.stderr
    result = json.loads((spec.parent / "out" / "result.json").read_text(encoding="utf-8"))
    assert result["evaluation"]["periods"]["baseline"] == "2026-02-28 – 2026-05-31"
