"""Shared test helpers: run the CLI as a user does, on files written to a temp folder."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, sync_playwright

from evalkit.cli.main import cli
from tests.fixtures.postgres import running_server
from tests.fixtures.spark import connect_server, local_session


def pytest_configure(config: pytest.Config) -> None:
    # file digests are remembered in a folder of this session, never in the user's cache
    os.environ["EVALKIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="evalkit-cache-")
    config.addinivalue_line(
        "markers", "integration: needs a real service (PostgreSQL), started by the test suite"
    )
    config.addinivalue_line(
        "markers", "spark: needs Spark (Java and a local session); deselect with -m 'not spark'"
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium driven by Playwright (scripts/system-deps.sh installs it; no
    browser is downloaded)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "needs Debian chromium (scripts/system-deps.sh installs it)"
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL server started for this test session (initdb into a temporary folder)."""
    with running_server() as url:
        yield url


@pytest.fixture(scope="session")
def spark_session() -> Iterator[Any]:
    """One small local Spark session for the test session; evalkit runs on ``local[1]`` in
    this process reuse it (tests/fixtures/spark.py)."""
    session = local_session()
    yield session
    session.stop()


@pytest.fixture(scope="session")
def spark_connect() -> Iterator[str]:
    """The ``sc://127.0.0.1:PORT`` address of a Spark Connect server started for the tests."""
    with connect_server() as address:
        yield address


@dataclass(frozen=True)
class CliOutcome:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


RunCli = Callable[..., CliOutcome]


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Run ``evalkit ARGS`` in-process and capture stdout, stderr and the exit code."""

    def run(*args: str, env: dict[str, str] | None = None) -> CliOutcome:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
        return CliOutcome(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a text file under the test's temp folder and return its path."""

    def write_file(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write_file
