"""``evalkit render`` as a user runs it, with plugins disabled."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from evalkit.report import fonts
from tests.conftest import RunCli
from tests.report.conftest import DATA, Rendered, pdf_text

NO_PLUGINS = {"EVALKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}


@pytest.mark.parametrize("rendered", ["en"], indirect=True)
def test_render_gives_the_same_text_as_the_api(
    rendered: Rendered, run_cli: RunCli, tmp_path: Path
) -> None:
    saved = tmp_path / "result.json"
    shutil.copy(DATA / "result_demo.json", saved)
    out = run_cli("render", saved, "--format", "pdf,html", "--locale", "en", env=NO_PLUGINS)
    assert out.exit_code == 0, out.stderr
    assert sorted(out.stdout.split()) == [
        str(tmp_path / "report.html"),
        str(tmp_path / "report.pdf"),
    ]
    assert pdf_text(tmp_path / "report.pdf") == rendered.text


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
