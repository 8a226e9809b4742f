"""The report templates and presets: read from the checkout, and carried by the wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from evalkit.resources import benchmarks_dir, presets_dir, report_templates_dir

ROOT = Path(__file__).resolve().parents[1]
RESULT = ROOT / "tests" / "report" / "data" / "result_demo.json"


def test_a_checkout_reads_its_own_folders() -> None:
    assert report_templates_dir() == ROOT / "report_templates"
    assert presets_dir() == ROOT / "configs" / "presets"
    assert benchmarks_dir() == ROOT / "configs" / "benchmarks"


def _run(args: list[str], cwd: Path, site: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"PYTHONPATH": str(site), "EVALKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)


def test_an_installed_wheel_renders_and_lists_presets_without_the_checkout(tmp_path: Path) -> None:
    pip = [sys.executable, "-m", "pip", "-q"]
    built = subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "dist"), "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("evalkit-*.whl")
    site = tmp_path / "site"
    installed = subprocess.run(
        [*pip, "install", "--no-deps", "--target", str(site), str(wheel)],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr

    where = _run(
        [sys.executable, "-c", "import evalkit.resources as r; print(r.report_templates_dir())"],
        tmp_path,
        site,
    )
    assert Path(where.stdout.strip()) == site / "evalkit" / "_bundled" / "report_templates"

    out = tmp_path / "out"
    rendered = _run(
        [
            sys.executable,
            "-m",
            "evalkit",
            "render",
            str(RESULT),
            "--format",
            "html",
            "--out",
            "out",
        ],
        tmp_path,
        site,
    )
    assert rendered.returncode == 0, rendered.stderr
    assert "ACME" in (out / "report.html").read_text(encoding="utf-8")

    listed = _run([sys.executable, "-m", "evalkit", "presets", "--json"], tmp_path, site)
    assert listed.returncode == 0, listed.stderr
    names = {p["name"] for p in json.loads(listed.stdout)}
    assert names == {"base/post-go-live", "market/b2b", "market/b2c", "industry/manufacturing"}

    packs = _run([sys.executable, "-m", "evalkit", "benchmarks", "--json"], tmp_path, site)
    assert packs.returncode == 0, packs.stderr
    assert [p["id"] for p in json.loads(packs.stdout)] == ["demo-synthetic"]

    scaffolded = _run(
        [sys.executable, "-m", "evalkit", "plugin", "new", "acme_wheel", "--dir", "plugins"],
        tmp_path,
        site,
    )
    assert scaffolded.returncode == 0, scaffolded.stderr
    metrics = tmp_path / "plugins" / "acme_wheel" / "src" / "acme_wheel" / "metrics.py"
    assert 'id="acme_wheel.reopen_rate"' in metrics.read_text(encoding="utf-8")
