"""The dashboard is read-only and never leaves the served folder: paths with dots, encoded
dots and links out of the folder are 404, and only GET and HEAD are answered."""

from __future__ import annotations

import http.client
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.serve.conftest import Server, raw_get, serving


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/acme/../../../../etc/passwd",
        "/acme/2026Q3/1/files/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/acme/2026Q3/1/metrics/..%2f..%2findex.html",
        "/assets/..%2f..%2f..%2fpyproject.toml",
        "/assets/serve.css",
        "/assets/whatif.html",  # the templates folder the scripts are served from
        "/assets/report.css",
        "/acme/2026Q3/9/index.html",
        "/nobody/2026Q3/1/index.html",
        "/acme/2026Q3/1/files/spec.yaml",
        "/acme/2026Q3/1/metrics/nosuch.html",
        "/acme/diff/2026Q2/1/2026Q4/1.html",
    ],
)
def test_paths_outside_the_site_are_404(server: Server, path: str) -> None:
    status, _, body = raw_get(server, path)
    assert status == 404, path
    assert b"root:" not in body


def test_pages_are_served_with_a_strict_policy(server: Server) -> None:
    status, headers, body = raw_get(server, "/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert b"http://" not in body and b"https://" not in body  # nothing loads from elsewhere


def test_nothing_but_get_and_head(server: Server) -> None:
    for method in ("POST", "PUT", "DELETE"):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        connection.request(method, "/index.html", body=b"x")
        assert connection.getresponse().status == 405
        connection.close()


def test_links_out_of_the_folder_are_not_served(history: Path, tmp_path: Path) -> None:
    served = tmp_path / "served"
    shutil.copytree(history, served, symlinks=True)
    outside = tmp_path / "outside"
    shutil.copytree(history / "globex", outside / "globex")
    entry = next((outside / "globex" / "2026Q3").glob("*.json"))
    # a client folder, a period folder and an entry that link out of the served folder, and an
    # entry that links to a system file
    os.symlink(outside / "globex", served / "initech")
    os.symlink(outside / "globex" / "2026Q2", served / "acme" / "2027Q1")
    linked = served / "acme" / "2026Q3" / ("0002" + entry.name[4:])
    os.symlink(entry, linked)
    os.symlink("/etc/passwd", served / "acme" / "2026Q3" / ("0003" + entry.name[4:]))
    with serving(served) as running:
        status, _, portfolio = raw_get(running, "/")
        assert status == 200
        assert b"initech" not in portfolio and b"2027Q1" not in portfolio
        for path in (
            "/initech/2026Q3/1/index.html",
            "/acme/2027Q1/1/index.html",
            "/acme/2026Q3/2/index.html",
            "/acme/2026Q3/2/files/result.json",
            "/acme/2026Q3/3/files/result.json",
        ):
            assert raw_get(running, path)[0] == 404, path
        status, _, own = raw_get(running, "/acme/2026Q3/1/files/result.json")
        assert (
            status == 200 and own == next((served / "acme" / "2026Q3").glob("0001-*")).read_bytes()
        )


def test_it_listens_on_the_loopback_address_only(server: Server) -> None:
    # /proc/net/tcp lists listening sockets (state 0A) as hex address:port, little-endian IPv4
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    listening = {r.split()[1] for r in rows if r.split()[3] == "0A"}
    assert listening & {f"0100007F:{server.port:04X}"}, listening
    assert not listening & {f"00000000:{server.port:04X}"}


def test_a_port_in_use_is_a_message(run_cli: RunCli, server: Server, history: Path) -> None:
    done = run_cli("serve", history, "--port", str(server.port))
    assert done.exit_code == 2
    assert f"--port {server.port}: cannot listen there" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("name", ["whatif.js", "fitcharts.js"])
def test_the_only_scripts_are_the_reports_served_as_files(server: Server, name: str) -> None:
    # report.html inlines these files; the dashboard's policy allows no inline script
    status, headers, body = raw_get(server, f"/assets/{name}")
    assert status == 200
    assert headers["content-type"] == "text/javascript; charset=utf-8"
    assert body == (Path(__file__).parents[2] / "report_templates" / name).read_bytes()
    _, _, page = raw_get(server, "/acme/2026Q3/1/index.html")
    assert f'<script src="../../../assets/{name}"></script>'.encode() in page
    assert page.count(b"<script") == 3  # the two scripts and the what-if data (JSON)
    assert b'<script type="application/json">' in page
