"""Every built-in metric reads in Chinese too, with every identifier of its English text kept."""

from __future__ import annotations

import re

import pytest

from evalkit.pipeline import open_session

IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]+(?:[_.][a-z0-9]+)+\b")
"""Columns, params and ledger reasons: ``tickets.cost``, ``satisfied_min``, ``out_of_range``."""

BUILTIN = dict(open_session().context.registry.metrics)


def test_all_fifty_builtin_metrics_are_translated() -> None:
    assert len(BUILTIN) == 50
    for metric in BUILTIN.values():
        zh = metric.translations.get("zh", {})
        assert zh.get("description") and zh.get("formula"), metric.id
        assert re.search(r"[\u4e00-\u9fff]", zh["description"]), metric.id


@pytest.mark.parametrize("metric_id", sorted(BUILTIN))
def test_identifiers_survive_translation(metric_id: str) -> None:
    metric = BUILTIN[metric_id]
    zh = metric.translations["zh"]
    for key, english in (("description", metric.description), ("formula", metric.formula)):
        missing = {name for name in IDENTIFIER.findall(english) if name not in zh[key]}
        assert not missing, f"{metric_id} {key}: {sorted(missing)}"
