"""Files outside the spec's folder never reach a report through ``report.templates``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.security.conftest import Project

SECRET = "top-secret-line-42"
EXTENDS = '{% extends "default/base.html" %}{% block body %}'


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the spec's folder, standing for /etc/passwd."""
    path = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def _templates(spec: Path) -> Path:
    folder = spec.parent / "tpl"
    folder.mkdir()
    return folder


REPORT = "  formats: [json, html]\n  templates: tpl\n"


def _refused(out_dir: Path, stderr: str) -> None:
    assert SECRET not in stderr
    assert not out_dir.exists() or not any(out_dir.iterdir()), "no half-written outputs"


def test_a_linked_stylesheet_is_refused(run_cli: RunCli, project: Project, outside: Path) -> None:
    spec = project(report=REPORT)
    (_templates(spec) / "report.css").symlink_to(outside)
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert out.exit_code == 2
    assert out.stderr.startswith("error: report.templates: ")
    assert f"leads outside the spec's folder (to {outside})" in out.stderr
    _refused(spec.parent / "out", out.stderr)


def test_a_linked_include_is_refused(run_cli: RunCli, project: Project, outside: Path) -> None:
    spec = project(report=REPORT)
    folder = _templates(spec)
    (folder / "base.html").write_text(EXTENDS + '{% include "inc.html" %}{% endblock %}')
    (folder / "inc.html").symlink_to(outside)
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert out.exit_code == 2
    assert "inc.html leads outside the spec's folder" in out.stderr
    _refused(spec.parent / "out", out.stderr)


def test_an_absolute_include_is_exit_2(run_cli: RunCli, project: Project, outside: Path) -> None:
    spec = project(report=REPORT)
    (_templates(spec) / "base.html").write_text(
        EXTENDS + f'{{% include "{outside}" %}}{{% endblock %}}'
    )
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert out.exit_code == 2
    assert f"template name '{outside}' is refused" in out.stderr
    _refused(spec.parent / "out", out.stderr)


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ('{% include "missing.html" %}', 1, "template 'missing.html' not found"),
        ("\n{{ ctx.__class__ }}", 2, "(SecurityError): access to attribute '__class__'"),
        ("{% if %}", 1, "(TemplateSyntaxError): Expected an expression"),
    ],
)
def test_a_failing_override_is_one_located_message(
    run_cli: RunCli, project: Project, body: str, line: int, message: str
) -> None:
    spec = project(report=REPORT)
    base = _templates(spec) / "base.html"
    base.write_text(EXTENDS + body + "{% endblock %}")
    out = run_cli("run", spec, "--out", spec.parent / "out")
    assert out.exit_code == 2
    assert len(out.stderr.strip().splitlines()) == 1
    assert out.stderr.startswith(f"error: {base}:{line}: ")
    assert message in out.stderr


def test_a_templates_folder_outside_the_spec_folder_fails_validate(
    run_cli: RunCli, project: Project
) -> None:
    spec = project(report="  templates: ../elsewhere\n")
    out = run_cli("validate", spec)
    assert out.exit_code == 2
    assert out.stderr.startswith(f"error: {spec}:19:14: report.templates: folder ")
    assert "is outside the spec's folder" in out.stderr
