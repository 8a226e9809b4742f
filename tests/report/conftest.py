"""Fixtures for report tests: the demo Result, and its PDF rendered once per locale."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from evalkit.report import render_report
from evalkit.report.render import file_names

DATA = Path(__file__).parent / "data"


def load(name: str) -> dict[str, Any]:
    """A Result fixture from tests/report/data."""
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def pdf_text(path: Path) -> str:
    """The text of a PDF, as pdftotext extracts it (layout order)."""
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@dataclass(frozen=True)
class Rendered:
    """One locale's outputs of the demo Result."""

    locale: str
    out: Path
    text: str

    def path(self, fmt: str) -> Path:
        """The file rendered in ``fmt`` (``report.en.pdf`` for the English one)."""
        return self.out / file_names(load("result_demo.json"), self.locale)[fmt]

    @property
    def html(self) -> str:
        """The HTML report's text."""
        return self.path("html").read_text(encoding="utf-8")


@pytest.fixture(scope="session", params=["zh-CN", "en"])
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The demo Result rendered to html, pdf and xlsx, once per locale per test session."""
    locale = request.param
    out = tmp_path_factory.mktemp(f"report-{locale}")
    written = render_report(load("result_demo.json"), out, ["html", "pdf", "xlsx"], locale=locale)
    return Rendered(locale, out, pdf_text(next(p for p in written if p.suffix == ".pdf")))
