"""A PostgreSQL server for the integration tests, started once per session."""

from collections.abc import Iterator

import pytest

from tests.fixtures.postgres import running_server


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "integration: needs a real service (PostgreSQL), started by the test suite"
    )


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL server started for this test session (initdb into a temporary folder)."""
    with running_server() as url:
        yield url
