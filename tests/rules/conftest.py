"""Fixtures of the rules tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .fakes import FakeView, standard_view


@pytest.fixture
def view() -> FakeView:
    return standard_view()


@pytest.fixture
def make_view() -> Callable[..., FakeView]:
    return standard_view
