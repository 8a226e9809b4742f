"""The HTML report: self-contained, escaped, the same content as the PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evalkit.report import render_report
from tests.report.conftest import Rendered, load


def test_html_is_self_contained(rendered: Rendered) -> None:
    urls = re.findall(r'(?:src|href)="([^"]*)"', rendered.html)
    assert urls
    assert all(u.startswith(("data:", "#")) for u in urls), {u[:40] for u in urls}
    assert "<link" not in rendered.html
    assert "url(" not in rendered.html


@pytest.mark.parametrize(
    "title",
    [
        '<img src="file:///etc/passwd">',
        'see <a href="http://evil.example/x">http://evil.example/x</a>',
    ],
)
def test_spec_text_is_escaped(tmp_path: Path, title: str) -> None:
    result = load("result_minimal.json")
    result["evaluation"]["title"] = {"en": title, "zh": title}
    result["evaluation"]["client"] = title
    render_report(result, tmp_path, ["html"])
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'file:///etc/passwd"' not in html.replace("&#34;", "")
    assert 'src="file:' not in html and 'href="http:' not in html
    assert (
        title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
        in html
    )


def test_minimal_result_renders(tmp_path: Path) -> None:
    written = render_report(load("result_minimal.json"), tmp_path, ["html", "xlsx"])
    assert [p.name for p in written] == ["report.html", "result.xlsx"]
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "no survey table" in html  # the metric's error is shown
    assert 'id="sec-segments"' not in html  # nothing to compare: the section is left out


def test_definitions_are_shown_in_the_reports_language(tmp_path: Path) -> None:
    result = load("result_demo.json")
    definition = result["metrics"][0]["definition"]
    english = definition["description"]
    definition["translations"] = {"zh": {"description": "首次响应的平均时长。"}}
    for locale in ("zh-CN", "en"):
        render_report(result, tmp_path / locale, ["html"], locale=locale)
    zh = (tmp_path / "zh-CN" / "report.html").read_text(encoding="utf-8")
    en = (tmp_path / "en" / "report.en.html").read_text(encoding="utf-8")
    assert "首次响应的平均时长。" in zh and english not in zh
    assert english in en and "首次响应的平均时长。" not in en
    # No Chinese formula given: the English one stands in both.
    assert definition["formula"] in zh and definition["formula"] in en
