"""The previous Result a run is compared with, and the comparison it keeps (``changes``).

``evalkit run --previous RESULT`` names it; else, with ``--history DIR``, it is the last run
archived for the latest period before the one evaluated. The decomposition is stored in the
new Result, so ``evalkit render`` draws the report's ``changes`` section from the Result alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from evalkit.diff.decompose import decompose
from evalkit.history.store import read_history
from evalkit.result.store import read_result


def previous_in_history(history: Path | None, period: str) -> Mapping[str, Any] | None:
    """The last archived run of the latest period before ``period`` in ``history``; None when
    there is none (or no history folder yet)."""
    if history is None or not history.is_dir():
        return None
    earlier = [e for e in read_history(history) if e.period < period]
    return read_result(earlier[-1].path) if earlier else None


def changes_against(
    previous: Mapping[str, Any], current: Mapping[str, Any]
) -> dict[str, Any] | None:
    """``current``'s change against ``previous`` as ``evalkit diff --json`` gives it, with
    ``against``: the previous run's period, time, score and grade; None when either has no
    overall score."""
    try:
        change = decompose(previous, current).to_json()
    except ValueError:
        return None
    overall = previous["overall"]
    change["against"] = {
        "period": previous["evaluation"].get("period"),
        "generated_at": previous["provenance"].get("generated_at"),
        "score": overall.get("score"),
        "grade": overall.get("grade"),
    }
    return change
