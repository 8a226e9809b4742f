"""``evalkit plugin new``: the files it writes and the names and folders it refuses."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.conftest import RunCli


def test_the_package_it_writes(run_cli: RunCli, tmp_path: Path) -> None:
    out = run_cli("plugin", "new", "acme_kpis", "--dir", tmp_path)
    assert out.exit_code == 0, out.stderr
    root = tmp_path / "acme_kpis"
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert files == [
        "README.md",
        "pyproject.toml",
        "src/acme_kpis/__init__.py",
        "src/acme_kpis/metrics.py",
        "tests/data/tickets.csv",
        "tests/test_metrics.py",
    ]
    assert not any("{{" in (root / f).read_text(encoding="utf-8") for f in files)
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["entry-points"]["evalkit"] == {"acme_kpis": "acme_kpis"}
    assert project["project"]["dependencies"] == ["evalkit>=0.1"]
    assert 'id="acme_kpis.reopen_rate"' in (root / "src/acme_kpis/metrics.py").read_text("utf-8")


def test_a_name_that_is_not_a_package_name(run_cli: RunCli, tmp_path: Path) -> None:
    out = run_cli("plugin", "new", "Acme-KPIs", "--dir", tmp_path)
    assert out.exit_code == 2
    assert out.stderr == (
        "error: plugin name 'Acme-KPIs': use lower-case letters, digits and '_', starting with a "
        "letter (it becomes the package name and the metric id prefix), e.g. acme_metrics\n"
    )
    assert not any(tmp_path.iterdir())


def test_a_folder_that_is_not_empty(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "acme").mkdir()
    (tmp_path / "acme" / "notes.txt").write_text("mine", encoding="utf-8")
    out = run_cli("plugin", "new", "acme", "--dir", tmp_path)
    assert out.exit_code == 2
    assert out.stderr == (
        f"error: {tmp_path / 'acme'} exists and is not empty; choose another name or --dir\n"
    )
    assert [p.name for p in (tmp_path / "acme").iterdir()] == ["notes.txt"]


def test_check_a_folder_without_plugins(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "helpers.py").write_text("X = 1\n", encoding="utf-8")
    out = run_cli("plugin", "check", tmp_path, env={"EVALKIT_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert out.exit_code == 2
    assert out.stderr == (
        f"error: {tmp_path}: no plugin here (no pyproject.toml, no @hookimpl module)\n"
    )


def test_check_a_project_without_an_entry_point(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    out = run_cli("plugin", "check", tmp_path)
    assert out.exit_code == 2
    assert out.stderr == (
        f"error: {tmp_path / 'pyproject.toml'}: no [project.entry-points.evalkit]; add e.g. "
        'myplugin = "myplugin"\n'
    )
