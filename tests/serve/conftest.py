"""Fixtures of the dashboard tests: a folder of two clients' histories of three quarters,
made by running the CLI as a consultant does (``evalkit run --history``)."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from evalkit.cli.main import cli
from tests.pipeline.test_run_cli import SURVEYS, TICKETS

# Two top-level criteria weighted 3 : 1 (AHP judgment), one metric each. In 2026Q3 first
# responses average 1.5 h (goal 2 h: score 100) and 3 of 4 answers are satisfied (0.75, under
# the red flag 0.80: score 0), so the overall score is 0.75 × 100 + 0.25 × 0 = 75, grade B.
SPEC = """\
version: 1
evaluation:
  title: {en: ACME service after go-live}
  client: ACME Machinery
  go_live: 2026-01-15
  period: 2026Q3
data:
  sources:
    tickets: {path: tickets.csv}
    surveys: {path: surveys.csv}
  segments: [segment]
criteria:
  speed: {title: {en: Speed}, metrics: [frt]}
  satisfaction: {title: {en: Satisfaction}, metrics: [csat]}
weights:
  root: {judgments: {speed: {satisfaction: 3}}}
metrics:
  frt: {metric: first_response_time, unit: hours, target: {goal: 2, red_flag: 8}}
  csat: {target: {goal: 0.95, red_flag: 0.80}}
"""
CLIENTS = ("acme", "globex")
PERIODS = ("2025Q4", "2026Q2", "2026Q3")


def build_history(
    folder: Path,
    spec: str = SPEC,
    clients: tuple[str, ...] = CLIENTS,
    periods: tuple[str, ...] = PERIODS,
) -> Path:
    """``folder/<client>/<period>/…json``: every client's spec run once per period."""
    for client in clients:
        work = folder.parent / f"{folder.name}-work" / client
        work.mkdir(parents=True)
        (work / "tickets.csv").write_text(TICKETS, encoding="utf-8")
        (work / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
        (work / "spec.yaml").write_text(spec, encoding="utf-8")
        for period in periods:
            args = ["run", work / "spec.yaml", "--period", period, "--format", "json"]
            args += ["--out", work / period, "--history", folder / client]
            out = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
            assert out.exit_code == 0, out.stderr
    return folder


@pytest.fixture(scope="session")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two clients × three quarters (built once per session; never written to)."""
    return build_history(tmp_path_factory.mktemp("served") / "clients")


@dataclass(frozen=True)
class Server:
    """A running ``evalkit serve``: its base URL and port."""

    url: str
    port: int


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(folder: Path, *extra: str) -> Iterator[Server]:
    """``evalkit serve FOLDER --port N`` in a child process, until the block ends."""
    port = free_port()
    command = [sys.executable, "-m", "evalkit", "serve", str(folder), "--port", str(port), *extra]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(process.communicate()[1].decode()) from None
                time.sleep(0.1)
        yield Server(f"http://127.0.0.1:{port}", port)
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="session")
def server(history: Path) -> Iterator[Server]:
    """The dashboard over ``history``, for the session."""
    with serving(history) as running:
        yield running


def raw_get(server: Server, path: str) -> tuple[int, dict[str, str], bytes]:
    """GET ``path`` sent exactly as written (no dot-segment removal, no re-encoding)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()
