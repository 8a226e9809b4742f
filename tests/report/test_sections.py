"""Choosing, ordering, overriding and adding sections."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import escape

from evalkit.errors import ReportError
from evalkit.report import ReportSection, render_report
from evalkit.report.context import ReportContext
from evalkit.report.render import FILE_NAMES
from tests.report.conftest import load


def _html(out: Path) -> str:
    return (out / "report.html").read_text(encoding="utf-8")


def test_sections_are_chosen_and_ordered(tmp_path: Path) -> None:
    render_report(load("result_demo.json"), tmp_path, ["html"], sections=["findings", "summary"])
    html = _html(tmp_path)
    assert html.index('id="sec-findings"') < html.index('id="sec-summary"')
    assert 'id="sec-cover"' not in html


def test_unknown_section_suggests_the_closest(tmp_path: Path) -> None:
    with pytest.raises(
        ReportError, match="unknown section 'sumary' \\(did you mean 'summary'\\?\\)"
    ):
        render_report(load("result_minimal.json"), tmp_path, ["html"], sections=["sumary"])


def test_plugin_section_is_rendered_before_the_appendices(tmp_path: Path) -> None:
    def render(ctx: ReportContext) -> str:
        return f'<section class="chapter" id="sec-acme"><h1>{escape(ctx.client)}</h1></section>'

    extra = ReportSection(id="acme", title={"en": "ACME", "zh": "ACME"}, render=render)
    render_report(load("result_demo.json"), tmp_path, ["html"], extra_sections=[extra])
    html = _html(tmp_path)
    assert html.index('id="sec-findings"') < html.index('id="sec-acme"')
    assert html.index('id="sec-acme"') < html.index('id="sec-appendix_ahp"')
    assert '<a href="#sec-acme">ACME</a>' in html


def test_spec_templates_override_blocks_and_sections(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    (templates / "sections").mkdir(parents=True)
    (templates / "base.html").write_text(
        '{% extends "default/base.html" %}'
        "{% block brand_style %}{{ super() }} .custom-marker {}{% endblock %}",
        encoding="utf-8",
    )
    (templates / "sections" / "summary.html").write_text(
        '<section id="{{ anchor }}"><h1>{{ title }}</h1>'
        "<p>Custom for {{ ctx.client }}</p></section>",
        encoding="utf-8",
    )
    render_report(load("result_demo.json"), tmp_path / "out", ["html"], templates_dir=templates)
    html = _html(tmp_path / "out")
    assert ".custom-marker" in html and "Custom for ACME 机械有限公司" in html


def test_failure_leaves_no_partial_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ctx: object) -> bytes:
        raise RuntimeError("disk full")

    monkeypatch.setattr("evalkit.report.xlsx.render_xlsx", broken)
    with pytest.raises(RuntimeError):
        render_report(load("result_demo.json"), tmp_path, ["html", "xlsx"])
    assert not any(tmp_path.iterdir())
    assert set(FILE_NAMES) == {"html", "pdf", "xlsx"}
