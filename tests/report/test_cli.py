"""``evalkit render`` as a user runs it, with plugins disabled."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from evalkit.history.store import archive
from evalkit.report import fonts
from tests.conftest import RunCli
from tests.report.conftest import DATA, Rendered, load, pdf_text

NO_PLUGINS = {"EVALKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}


@pytest.mark.parametrize("rendered", ["en"], indirect=True)
def test_render_gives_the_same_text_as_the_api(
    rendered: Rendered, run_cli: RunCli, tmp_path: Path
) -> None:
    saved = tmp_path / "result.json"
    shutil.copy(DATA / "result_demo.json", saved)
    out = run_cli("render", saved, "--format", "pdf,html", "--locale", "en", env=NO_PLUGINS)
    assert out.exit_code == 0, out.stderr
    # the Result is in zh-CN: the English files carry their locale, nothing is overwritten
    assert sorted(out.stdout.split()) == [
        str(tmp_path / "report.en.html"),
        str(tmp_path / "report.en.pdf"),
    ]
    assert pdf_text(tmp_path / "report.en.pdf") == rendered.text


def test_render_in_the_results_own_language_keeps_the_plain_names(
    run_cli: RunCli, tmp_path: Path
) -> None:
    saved = tmp_path / "result.json"
    shutil.copy(DATA / "result_demo.json", saved)
    out = run_cli("render", saved, "--format", "html,xlsx", "--locale", "zh-CN", env=NO_PLUGINS)
    assert out.exit_code == 0, out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "report.html",
        "result.json",
        "result.xlsx",
    ]
    again = run_cli("render", saved, "--format", "html,xlsx", "--locale", "en", env=NO_PLUGINS)
    assert again.exit_code == 0, again.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "report.en.html", "report.html", "result.en.xlsx", "result.json", "result.xlsx",
    ]  # fmt: skip


def test_render_refuses_to_write_into_a_history_archive(run_cli: RunCli, tmp_path: Path) -> None:
    entry = archive(load("result_demo.json"), tmp_path / "history")
    before = sorted(p.name for p in (tmp_path / "history").rglob("*"))
    for args in (
        (entry,),  # next to the entry: its period folder
        (DATA / "result_demo.json", "--out", tmp_path / "history"),
        (DATA / "result_demo.json", "--out", tmp_path / "history" / "2027Q1"),
    ):
        out = run_cli("render", *args, "--format", "html", env=NO_PLUGINS)
        assert out.exit_code == 2, args
        assert "write-once" in out.stderr and "--out" in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in (tmp_path / "history").rglob("*")) == before
    ok = run_cli("render", entry, "--format", "html", "--out", tmp_path / "out", env=NO_PLUGINS)
    assert ok.exit_code == 0, ok.stderr


def test_render_without_cjk_font_stops_with_the_package_to_install(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "find_cjk_font", lambda: None)
    saved = tmp_path / "result.json"
    shutil.copy(DATA / "result_demo.json", saved)
    out = run_cli("render", saved, "--format", "html", "--out", tmp_path / "out", env=NO_PLUGINS)
    assert out.exit_code == 2
    assert "install the Debian package fonts-noto-cjk" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_render_rejects_foreign_json_and_unknown_formats(run_cli: RunCli, tmp_path: Path) -> None:
    foreign = tmp_path / "x.json"
    foreign.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    assert run_cli("render", foreign, env=NO_PLUGINS).exit_code == 2
    bad = run_cli("render", DATA / "result_minimal.json", "--format", "docx", env=NO_PLUGINS)
    assert bad.exit_code == 2 and "docx" in bad.stderr
