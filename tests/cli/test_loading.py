"""Loading a command's modules with the collector off, then freezing what they made."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from evalkit.cli.loading import loading


@pytest.fixture(autouse=True)
def _enabled() -> Iterator[None]:
    yield
    gc.enable()


def test_the_collector_is_off_inside_and_on_after() -> None:
    gc.enable()
    with loading():
        assert not gc.isenabled()
        made = [[i] for i in range(1000)]  # tracked containers, allocated while loading
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(made)


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with loading():
        pass
    assert not gc.isenabled()


def test_an_error_while_loading_turns_the_collector_back_on() -> None:
    gc.enable()
    with pytest.raises(ImportError), loading():
        raise ImportError("no module named 'missing'")
    assert gc.isenabled()
