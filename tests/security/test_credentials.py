"""Database passwords, in every form libpq accepts, never appear in a message or an output."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from evalkit.data.credentials import redact
from tests.conftest import RunCli
from tests.fixtures.golive_postgres import load_golive, spec_text
from tests.security.conftest import SPEC


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postgresql://u:s3cret@h:5432/db", "postgresql://u:***@h:5432/db"),
        ("postgres://:s3cret@h/db", "postgres://:***@h/db"),
        ("postgresql://u:p%40ss@h/db", "postgresql://u:***@h/db"),
        ("postgresql://u@h/db?password=s3cret", "postgresql://u@h/db?password=***"),
        (
            "postgresql://u@h/db?sslmode=require&sslpassword=k3y&application_name=x",
            "postgresql://u@h/db?sslmode=require&sslpassword=***&application_name=x",
        ),
        ("host=h user=u password=s3cret dbname=db", "host=h user=u password=*** dbname=db"),
        ("host=h password = 'it\\'s secret' port=5432", "host=h password=*** port=5432"),
        ("sslpassword=k3y sslkey=/keys/client.key", "sslpassword=*** sslkey=/keys/client.key"),
        ('could not parse "password=s3cret"', 'could not parse "password=***"'),
        ("postgresql://u@h/db", "postgresql://u@h/db"),
    ],
)
def test_every_libpq_password_form_is_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected


def _spec(folder: Path, url: str) -> Path:
    spec = folder / "spec.yaml"
    spec.write_text(
        f"""\
version: 1
evaluation: {{title: {{en: T}}, client: ACME, period: 2026Q3}}
data:
  sources:
    tickets: {{url: "{url}", table: tickets}}
criteria:
  quality: {{title: {{en: Q}}, metrics: [frt]}}
metrics:
  frt: {{metric: first_response_time, unit: hours, target: {{goal: 2, red_flag: 8}}}}
""",
        encoding="utf-8",
    )
    return spec


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u:S3CRET@127.0.0.1:{port}/db",
        "postgresql://u@127.0.0.1:{port}/db?password=S3CRET",
        "postgresql://u@127.0.0.1:{port}/db?sslmode=disable&sslpassword=S3CRET",
    ],
)
def test_a_failed_connection_names_the_source_without_the_password(
    run_cli: RunCli, tmp_path: Path, url: str
) -> None:
    spec = _spec(tmp_path, url.format(port=_closed_port()))
    out = run_cli("run", spec, "--out", tmp_path / "out")
    assert out.exit_code == 2
    assert "S3CRET" not in out.stderr + out.stdout
    assert out.stderr.startswith(f"error: {spec}:5:5: postgresql://u")
    assert "table tickets: cannot connect: " in out.stderr
    assert not (tmp_path / "out").exists()


def test_a_dsn_string_is_refused_without_echoing_its_password(
    run_cli: RunCli, tmp_path: Path
) -> None:
    spec = _spec(tmp_path, "host=db.example password=S3CRET dbname=crm")
    out = run_cli("validate", spec)
    assert out.exit_code == 2
    assert "S3CRET" not in out.stderr
    assert "host=db.example password=*** dbname=crm; use postgresql://" in out.stderr


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A TCP server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield int(server.getsockname()[1])
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


def test_a_server_that_never_answers_times_out(
    run_cli: RunCli, tmp_path: Path, silent_server: int
) -> None:
    url = f"postgresql://u@127.0.0.1:{silent_server}/db?connect_timeout=1&password=S3CRET"
    spec = _spec(tmp_path, url)
    started = time.monotonic()
    out = run_cli("run", spec, "--out", tmp_path / "out")
    assert time.monotonic() - started < 10
    assert out.exit_code == 2
    assert out.stderr.startswith(
        f"error: {spec}:5:5: "
        f"postgresql://u@127.0.0.1:{silent_server}/db?connect_timeout=1&password=*** "
        "table tickets: cannot connect: "
    )
    assert "timeout" in out.stderr


@pytest.mark.integration
@pytest.mark.parametrize(
    "form",
    ["postgresql://evalkit@{host}/postgres?password=S3CRET",
     "postgresql://evalkit:S3CRET@{host}/postgres?sslmode=disable&sslpassword=S3CRET"],
)  # fmt: skip
def test_outputs_of_a_database_run_hold_no_password(
    run_cli: RunCli, postgres_url: str, tmp_path: Path, form: str
) -> None:
    load_golive(postgres_url)  # the server trusts local connections: any password is accepted
    url = form.format(host=postgres_url.split("@", 1)[1].split("/", 1)[0])
    spec = tmp_path / "spec.yaml"
    full = yaml.safe_load(SPEC) | {"data": yaml.safe_load(spec_text(url))["data"]}
    spec.write_text(yaml.safe_dump(full, allow_unicode=True), encoding="utf-8")
    out = run_cli("run", spec, "--out", tmp_path / "out", "--format", "json,html,xlsx")
    assert out.exit_code in (0, 1), out.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["report.html", "result.json", "result.xlsx"]
    for path in (tmp_path / "out").iterdir():
        assert b"S3CRET" not in path.read_bytes(), path.name
    assert "S3CRET" not in out.stdout + out.stderr
    sources = [d["source"] for d in json.loads((tmp_path / "out" / "result.json").read_text())
               ["provenance"]["data"]]  # fmt: skip
    assert any("password=***" in s for s in sources)
