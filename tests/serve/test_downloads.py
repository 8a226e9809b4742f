"""Downloads: result.json as archived; the reports rendered from it on request, never written
into the served folder."""

from __future__ import annotations

import json
from pathlib import Path

from tests.serve.conftest import Server, raw_get


def _files(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")}


def test_reports_are_rendered_on_request(server: Server, history: Path) -> None:
    before = _files(history)
    status, headers, body = raw_get(server, "/acme/2026Q2/1/files/result.json")
    assert status == 200 and headers["content-type"] == "application/json"
    assert json.loads(body)["overall"]["score"] == 87.5
    status, headers, body = raw_get(server, "/acme/2026Q2/1/files/report.pdf")
    assert status == 200 and headers["content-type"] == "application/pdf"
    assert body.startswith(b"%PDF-")
    status, _, body = raw_get(server, "/acme/2026Q2/1/files/report.xlsx")
    assert status == 200 and body.startswith(b"PK")  # a zip container
    status, _, body = raw_get(server, "/acme/2026Q2/1/files/report.html")
    assert status == 200 and b"87.5" in body
    assert _files(history) == before  # read-only
