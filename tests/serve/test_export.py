"""``evalkit serve DIR --export OUT``: the same pages as a static site with relative links, and
the command's errors for a folder without runs."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from urllib.parse import unquote

from evalkit.history.store import archive
from evalkit.serve.dashboard import Dashboard
from evalkit.serve.export import export
from evalkit.serve.model import load_site
from tests.conftest import RunCli
from tests.report.conftest import load
from tests.serve.conftest import Server


def test_export_writes_the_pages_with_links_that_resolve(
    run_cli: RunCli, history: Path, server: Server, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    done = run_cli("serve", history, "--export", out, "--downloads", "json,html")
    assert done.exit_code == 0, done.stderr
    pages = sorted(out.rglob("*.html"))
    # per client: 3 runs × (evaluation + 2 metrics + report.html) + 3 diffs (3 pairs); portfolio
    assert len(pages) == 2 * (3 * 4 + 3) + 1
    for page in pages:
        if page.parent.name == "files":
            continue
        text = page.read_text(encoding="utf-8")
        for link in re.findall(r'(?:href|src)="(?!data:)([^"#]+)"', text):
            assert not link.startswith(("/", "http:", "https:")), (page, link)
            assert (page.parent / unquote(link)).resolve().is_file(), (page, link)
    # the same bytes as the server's pages (an evaluation page offers only what was exported)
    for path in (
        "index.html",
        "acme/2026Q3/1/metrics/frt.html",
        "acme/diff/2025Q4/1/2026Q3/1.html",
    ):
        with urllib.request.urlopen(f"{server.url}/{path}") as response:
            assert response.read() == (out / path).read_bytes(), path
    archived = next((history / "acme" / "2026Q2").glob("*.json"))
    assert (out / "acme/2026Q2/1/files/result.json").read_bytes() == archived.read_bytes()
    report = (out / "acme/2026Q2/1/files/report.html").read_text(encoding="utf-8")
    assert "87.5" in report
    assert not (out / "acme/2026Q2/1/files/report.pdf").exists()
    assert "report.pdf" not in (out / "acme/2026Q2/1/index.html").read_text(encoding="utf-8")
    assert (
        json.loads((out / "acme/2026Q3/1/files/result.json").read_text())["overall"]["score"] == 75
    )


def test_a_single_history_folder_is_one_client(
    run_cli: RunCli, history: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    assert (
        run_cli("serve", history / "globex", "--export", out, "--downloads", "json").exit_code == 0
    )
    assert (out / "globex/2026Q3/1/index.html").is_file()
    assert not (out / "acme").exists()


def test_a_folder_without_runs(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "empty" / "client").mkdir(parents=True)
    done = run_cli("serve", tmp_path / "empty")
    assert done.exit_code == 2
    assert "no archived runs" in done.stderr and "Traceback" not in done.stderr
    done = run_cli("serve", tmp_path / "missing")
    assert done.exit_code == 2
    assert "not a folder" in done.stderr


def test_an_unknown_download_format(run_cli: RunCli, history: Path, tmp_path: Path) -> None:
    done = run_cli("serve", history, "--export", tmp_path / "x", "--downloads", "json,docx")
    assert done.exit_code == 2
    assert "docx" in done.stderr
    assert not (tmp_path / "x").exists()


def test_export_never_writes_into_a_history_or_over_other_files(
    run_cli: RunCli, history: Path, tmp_path: Path
) -> None:
    inside = run_cli("serve", history, "--export", history / "acme" / "site")
    assert inside.exit_code == 2 and "inside a history folder" in inside.stderr
    assert not (history / "acme" / "site").exists()
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine", encoding="utf-8")
    done = run_cli("serve", history, "--export", busy, "--downloads", "json")
    assert done.exit_code == 2 and "holds other files" in done.stderr
    assert sorted(p.name for p in busy.iterdir()) == ["notes.txt"]
    # an earlier export is replaced whole
    site = tmp_path / "site"
    assert run_cli("serve", history, "--export", site, "--downloads", "json,html").exit_code == 0
    assert (site / "acme/2026Q3/1/files/report.html").is_file()
    assert run_cli("serve", history, "--export", site, "--downloads", "json").exit_code == 0
    assert not (site / "acme/2026Q3/1/files/report.html").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_metric_id_that_is_a_path_gets_no_page(tmp_path: Path) -> None:
    result = load("result_demo.json")
    result["metrics"][0]["id"] = "../../../../escaped"
    archive(result, tmp_path / "history" / "northwind")
    export(Dashboard(load_site(tmp_path / "history"), ("json",)), tmp_path / "site")
    assert not list(tmp_path.rglob("escaped*"))
    assert (tmp_path / "site/northwind/2026Q3/1/metrics/csat.html").is_file()
