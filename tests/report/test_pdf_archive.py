"""The PDF as an archive: PDF/A-3b and PDF/UA-1, tagged, metadata, bookmarks, and the Result it
carries, from which ``evalkit render report.pdf`` renders again."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pypdf
import pytest

from tests.conftest import RunCli
from tests.report.conftest import Rendered, load, pdf_text

NO_PLUGINS = {"EVALKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}
# From result_demo.json, written out here: title, client, preparer, version, approver
TITLE = {"zh-CN": "ACME 服务系统落地效果评估", "en": "ACME service system after go-live"}
SUBJECT = {
    "zh-CN": "ACME 机械有限公司服务系统上线后效果评估（2026年第3季度）",
    "en": "Evaluation of the service system of ACME Machinery Co., Ltd. after go-live, Q3 2026",
}
PREPARER = {"zh-CN": "北风咨询 李伟", "en": "Li Wei, Northwind Consulting"}
APPROVER = {"zh-CN": "张敏（合伙人）", "en": "Zhang Min, Partner"}


def _info(path: Path, *flags: str) -> str:
    return subprocess.run(
        ["pdfinfo", *flags, str(path)], capture_output=True, text=True, check=True
    ).stdout


def _titles(outline: list[Any]) -> list[str]:
    out: list[str] = []
    for item in outline:
        out += _titles(item) if isinstance(item, list) else [item.title]
    return out


def test_pdf_is_tagged_archival_and_identifies_itself(rendered: Rendered) -> None:
    path = rendered.path("pdf")
    info = _info(path)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^PDF version:\s+1\.7$", info, re.M)
    assert re.search(rf"^Title:\s+{re.escape(TITLE[rendered.locale])}$", info, re.M)
    author = re.escape(PREPARER[rendered.locale])
    assert re.search(rf"^Author:\s+{author}$", info, re.M)  # the preparer, not the client
    xmp = _info(path, "-meta")
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert "<xmpMM:VersionID>1.0</xmpMM:VersionID>" in xmp
    assert f"<dc:language><rdf:Bag><rdf:li>{rendered.locale}</rdf:li>" in xmp
    assert f"<dc:contributor><rdf:Bag><rdf:li>{APPROVER[rendered.locale]}</rdf:li>" in xmp
    assert f"<dc:creator><rdf:Seq><rdf:li>{PREPARER[rendered.locale]}</rdf:li>" in xmp
    assert f'<rdf:li xml:lang="x-default">{TITLE[rendered.locale]}</rdf:li>' in xmp
    assert f'<rdf:li xml:lang="x-default">{SUBJECT[rendered.locale]}</rdf:li>' in xmp
    catalog = pypdf.PdfReader(path).trailer["/Root"]
    assert catalog["/Lang"] == rendered.locale
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert "/OutputIntents" in catalog  # sRGB, as PDF/A asks
    struct = _info(path, "-struct")
    assert struct.startswith("Document") and "H1" in struct and "Table" in struct


def test_pdf_bookmarks_are_unique(rendered: Rendered) -> None:
    titles = _titles(pypdf.PdfReader(rendered.path("pdf")).outline)
    assert len(titles) > 10
    assert [t for t, n in Counter(titles).items() if n > 1] == []
    bullets = "实际值与目标、预警线对比" if rendered.locale == "zh-CN" else "against goal"
    assert sum(bullets in t for t in titles) >= 2  # one per criterion, each with its name


def test_pdf_carries_the_result_it_was_rendered_from(rendered: Rendered) -> None:
    listed = subprocess.run(
        ["pdfdetach", "-list", str(rendered.path("pdf"))], capture_output=True, text=True
    ).stdout
    assert listed.splitlines() == ["1 embedded files", "1: result.json"]
    attached = pypdf.PdfReader(rendered.path("pdf")).attachments["result.json"][0]
    assert json.loads(attached) == load("result_demo.json")


@pytest.mark.parametrize("rendered", ["zh-CN"], indirect=True)
def test_render_from_the_pdf_gives_the_same_report(
    rendered: Rendered, run_cli: RunCli, tmp_path: Path
) -> None:
    shutil.copy(rendered.path("pdf"), tmp_path / "report.pdf")
    out = run_cli("render", tmp_path / "report.pdf", "--out", tmp_path / "again", env=NO_PLUGINS)
    assert out.exit_code == 0, out.stderr
    assert pdf_text(tmp_path / "again" / "report.pdf") == rendered.text
    html = (tmp_path / "again" / "report.html").read_text(encoding="utf-8")
    assert html == rendered.html


def test_render_from_a_pdf_without_result_is_bad_input(run_cli: RunCli, tmp_path: Path) -> None:
    plain = tmp_path / "other.pdf"  # any PDF evalkit did not render: a blank page
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with plain.open("wb") as handle:
        writer.write(handle)
    out = run_cli("render", plain, "--out", tmp_path / "out", env=NO_PLUGINS)
    assert out.exit_code == 2
    assert len(out.stderr.strip().splitlines()) == 1
    assert "carries no attached result.json" in out.stderr
    assert not (tmp_path / "out").exists()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage")
    out = run_cli("render", broken, "--out", tmp_path / "out", env=NO_PLUGINS)
    assert out.exit_code == 2 and len(out.stderr.strip().splitlines()) == 1


def test_cover_shows_preparer_version_and_approver_in_the_reports_language(
    rendered: Rendered,
) -> None:
    cover = rendered.text.split("\f")[0]
    labels = {
        "zh-CN": ("编制", "版本", "审批", "ACME 机械有限公司"),
        "en": ("Prepared by", "Version", "Approved by", "ACME Machinery Co., Ltd."),
    }[rendered.locale]
    prepared, version, approved, client = labels
    assert re.search(rf"{prepared}\s+{re.escape(PREPARER[rendered.locale])}", cover)
    assert re.search(rf"{version}\s+1\.0", cover)
    assert re.search(rf"{approved}\s+{re.escape(APPROVER[rendered.locale])}", cover)
    assert client in cover
    if rendered.locale == "en":  # an English report never shows only the Chinese name
        assert "ACME 机械有限公司" not in rendered.text and "ACME 机械有限公司" not in rendered.html
