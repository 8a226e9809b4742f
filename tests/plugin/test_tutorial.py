"""Issue 20's done-when: the tutorial of docs/writing-metrics.md, run as written in a temporary
folder — ``plugin new``, ``pip install -e`` (no network: build isolation off), ``pytest`` in the
new package, ``plugin check`` clean, an evaluation with the new metric, and the metric in
``evalkit metrics --json``.

The package is installed into a throw-away environment layered over this one (a venv whose
``.pth`` adds this environment's site-packages), so the test never changes the environment
the suite runs in.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import site
import subprocess
import sys
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "writing-metrics.md"


def _tutorial() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text[text.index("## Tutorial") : text.index("## What a plugin is")]


def _layered_env(root: Path) -> Path:
    """A venv without pip of its own that sees every package installed here; its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    python = root / "bin" / "python"
    target = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    lines = "".join(f"import site; site.addsitedir({p!r})\n" for p in site.getsitepackages())
    (Path(target) / "_evalkit_parent.pth").write_text(lines, encoding="utf-8")
    return python


def _argv(python: Path, line: str) -> list[str]:
    words = shlex.split(line)
    if words[0] == "evalkit":
        return [str(python), "-m", "evalkit", *words[1:]]
    if words[:2] == ["pip", "install"]:
        offline = ["--no-build-isolation", "--no-index", "-q"]
        return [str(python), "-m", "pip", "install", *offline, *words[2:]]
    if words[0] == "pytest":
        return [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *words[1:]]
    raise AssertionError(f"the tutorial runs a command this test does not know: {line}")


def test_the_tutorial_runs_as_written(tmp_path: Path) -> None:
    tutorial = _tutorial()
    python = _layered_env(tmp_path / "env")
    cwd = tmp_path / "work"
    cwd.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVALKIT_")}
    env.pop("PYTHONPATH", None)
    outputs: dict[str, str] = {}
    for block in re.findall(r"^```(sh|yaml)\n(.*?)^```$", tutorial, flags=re.S | re.M):
        kind, body = block
        if kind == "yaml":
            name, text = body.split("\n", 1)
            (cwd / name.removeprefix("# ")).write_text(text, encoding="utf-8")
            continue
        for line in body.splitlines():
            line = line.split(" #")[0].strip()
            if not line:
                continue
            if line.startswith("cd "):
                cwd = cwd / line[3:]
                continue
            done = subprocess.run(
                _argv(python, line), cwd=cwd, env=env, capture_output=True, text=True
            )
            assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
            outputs[line] = done.stdout

    assert set(outputs) == {
        "evalkit plugin new acme_rates",
        "pip install -e .",
        "pytest",
        "evalkit plugin check acme_rates",
        "evalkit run spec.yaml --out out --format json,html",
        "evalkit metrics --json",
    }
    assert "2 passed" in outputs["pytest"]
    assert outputs["evalkit plugin check acme_rates"] == "ok: 1 metric(s) of acme_rates\n"
    listed = {m["id"]: m for m in json.loads(outputs["evalkit metrics --json"])}
    assert listed["acme_rates.reopen_rate"]["title"] == {"en": "Reopen rate", "zh": "重开率"}
    result = json.loads((cwd / "out" / "result.json").read_text(encoding="utf-8"))
    [metric] = [m for m in result["metrics"] if m["id"] == "reopen_rate"]
    # tests/data/tickets.csv, 2026Q2: resolved T1, T2, T3, T5 (T4 open, T6 reopened_count -1
    # left out); reopened T2 and T5 → 2 / 4
    assert metric["value"] == pytest.approx(0.5)
    assert (cwd / "out" / "report.html").is_file()
