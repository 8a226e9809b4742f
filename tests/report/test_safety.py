"""Nothing in a Result makes the renderer fetch a file or a URL."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from evalkit.report import render_report
from evalkit.report.fetcher import RefusedURL, ReportFetcher
from tests.report.conftest import load, pdf_text

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_fetcher_refuses_files_outside_its_folders_and_the_network(tmp_path: Path) -> None:
    inside = tmp_path / "logo.png"
    inside.write_bytes(PNG)
    fetcher = ReportFetcher([tmp_path])
    for url in (
        "file:///etc/passwd",
        "http://example.com/x.png",
        "https://example.com/x.png",
        f"file://{tmp_path}/../{tmp_path.name}/../../etc/passwd",
        "ftp://example.com/x",
    ):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert fetcher.fetch(inside.as_uri()).read() == PNG
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


@pytest.mark.parametrize(
    "title", ['<img src="file:///etc/passwd">', "logo: http://example.com/logo.png"]
)
def test_hostile_title_is_text_and_nothing_is_fetched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, title: str
) -> None:
    fetched: list[str] = []
    original = ReportFetcher.fetch

    def spy(self: ReportFetcher, url: str, headers: object = None) -> object:
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(ReportFetcher, "fetch", spy)
    result = load("result_minimal.json")
    result["evaluation"]["title"] = {"en": title}
    render_report(result, tmp_path, ["pdf"], sections=["cover"])
    assert all(url.startswith("data:") for url in fetched)
    assert title in pdf_text(tmp_path / "report.pdf").replace("\n", " ")


def test_logo_is_embedded_and_must_stay_in_the_spec_folder(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.png").write_bytes(PNG)
    result = load("result_minimal.json")
    result["report"] = {"branding": {"logo": "assets/logo.png", "primary_color": "#123456"}}
    render_report(result, tmp_path / "out", ["html"], base_dir=tmp_path)
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert f'src="data:image/png;base64,{base64.b64encode(PNG).decode()}"' in html
    assert "#123456" in html
    result["report"]["branding"]["logo"] = "../outside.png"
    with pytest.raises(Exception, match="must be inside the spec's folder"):
        render_report(result, tmp_path / "out2", ["html"], base_dir=tmp_path)


def test_branding_colour_cannot_inject_css(tmp_path: Path) -> None:
    result = load("result_minimal.json")
    result["report"] = {"branding": {"primary_color": "red; } body { display: none"}}
    with pytest.raises(Exception, match="not a colour"):
        render_report(result, tmp_path, ["html"])
