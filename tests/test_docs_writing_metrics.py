"""The Python blocks of docs/writing-metrics.md run, in order, in one namespace; the tests they
define run with the testing kit. (The tutorial's shell blocks: tests/plugin/test_tutorial.py.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from evalkit.metric import MetricDefinition
from evalkit.registry import build_registry
from evalkit.testing import MetricRunner

DOC = Path(__file__).resolve().parents[1] / "docs" / "writing-metrics.md"


def blocks(language: str) -> list[str]:
    """The fenced blocks of ``language`` in docs/writing-metrics.md, in order."""
    text = DOC.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.S | re.M)


def test_the_python_blocks_run(metric_runner: MetricRunner) -> None:
    namespace: dict[str, Any] = {"__name__": "writing_metrics_doc"}
    found = blocks("python")
    assert len(found) >= 5
    for block in found:
        exec(compile(block, str(DOC), "exec"), namespace)
    definitions = [v for v in namespace.values() if isinstance(v, MetricDefinition)]
    assert {d.id for d in definitions} >= {"acme.warranty_claim_rate", "acme.satisfied"}
    build_registry(("doc", d) for d in definitions)  # valid as plugins would register them
    tests = [v for k, v in namespace.items() if k.startswith("test_") and callable(v)]
    assert tests
    for test in tests:
        test(metric_runner)
