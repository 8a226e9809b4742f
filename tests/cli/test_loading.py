"""The console script loads the engine with the collector off, then freezes what it made;
a process that calls the command group in-process keeps its collector as it was."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from evalkit.cli.loading import loading


@pytest.fixture(autouse=True)
def _restore() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


def test_in_the_console_script_the_collector_is_off_inside_and_on_after() -> None:
    gc.enable()
    with loading(console=True):
        assert not gc.isenabled()
        made = [[i] for i in range(1000)]  # tracked containers, allocated while loading
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(made)


def test_in_process_nothing_changes() -> None:
    gc.enable()
    with loading(console=False):
        assert gc.isenabled()
        [[i] for i in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_an_error_while_loading_turns_the_collector_back_on() -> None:
    gc.enable()
    with pytest.raises(ImportError), loading(console=True):
        raise ImportError("no module named 'missing'")
    assert gc.isenabled()


def test_the_console_script_freezes_and_an_in_process_run_does_not(tmp_path: Path) -> None:
    """``evalkit run`` on a spec whose data file is missing (exit 2, after the engine loaded):
    the console script's process froze the engine's objects; the test process did not."""
    (tmp_path / "spec.yaml").write_text(
        "version: 1\nevaluation: {title: T, client: C, go_live: 2026-01-15, period: 2026Q3}\n"
        "data: {sources: {tickets: {path: missing.csv}}}\n"
        "criteria: {c: {title: C, metrics: [resolution_rate]}}\n"
        "metrics: {resolution_rate: {target: {goal: 0.9, red_flag: 0.5}}}\n",
        encoding="utf-8",
    )
    probe = (
        "import gc, os, sys\n"
        "from evalkit.cli.main import cli\n"
        "from evalkit.cli.loading import CONSOLE\n"
        "console = sys.argv[1] == 'console'\n"
        "try:\n"
        "    cli(['run', sys.argv[2]], obj={CONSOLE: True} if console else None)\n"
        "except SystemExit as exc:\n"
        "    print(exc.code, gc.get_freeze_count() > 10000, gc.isenabled())\n"
        "    sys.stdout.flush()\n"
        "    os._exit(0)\n"
    )
    found = {}
    for mode in ("console", "in-process"):
        out = subprocess.run(
            [sys.executable, "-c", probe, mode, str(tmp_path / "spec.yaml")],
            capture_output=True,
            text=True,
            env={**os.environ, "COLUMNS": "200"},
            check=True,
        )
        found[mode] = out.stdout.split()[-3:]
    assert found == {"console": ["2", "True", "True"], "in-process": ["2", "False", "True"]}
