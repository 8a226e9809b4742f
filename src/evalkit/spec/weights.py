"""Local weights of every criteria node: an AHP block, direct metric weights, or equal weights."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace

from evalkit.ahp import AhpResult, analyse_block
from evalkit.ahp.block import named_items
from evalkit.ahp.findings import quoted
from evalkit.ahp.matrix import UNLINKED
from evalkit.errors import InputError, Problem, Severity, SpecError, did_you_mean
from evalkit.location import LocatedDocument
from evalkit.spec.criteria import ROOT
from evalkit.spec.model import Criterion


def build_weights(
    doc: LocatedDocument,
    criteria: Mapping[str, Criterion],
    on_inconsistency: str,
    scored: Collection[str],
) -> tuple[dict[str, AhpResult], list[Problem]]:
    """The AHP result of each node, and the problems (an inconsistent matrix is one).

    ``scored`` names the metric instances that are scored; the others are report-only and take
    no weight, so a node's AHP block need not compare them (nor a criterion with no scored
    metric under it): what the block leaves out of those is left out of its matrix."""
    weighable = _weighable(criteria, scored)
    blocks = doc.data.get("weights") or {}
    results: dict[str, AhpResult] = {}
    problems: list[Problem] = []
    if not isinstance(blocks, Mapping):
        return results, problems
    for node in blocks:
        if node not in criteria:
            problems.append(
                Problem(
                    f"weights for unknown node '{node}'{did_you_mean(str(node), criteria)}; "
                    "use root or a criterion id",
                    doc.where_key(("weights", node)),
                )
            )
    for node, criterion in criteria.items():
        try:
            result = _node_weights(doc, blocks, criterion, weighable)
        except SpecError as exc:
            problems.extend(exc.problems)
            continue
        results[node] = result
        problems.extend(result.warnings)
        if not result.consistent:
            severity: Severity = "warning" if on_inconsistency == "warn" else "error"
            worst = result.most_inconsistent
            # at the judgment to revisit, which may be in a preset's file
            where = worst.location if worst and worst.location else doc.where(("weights", node))
            problems.append(
                Problem(f"weights of '{node}': {result.inconsistency_message()}", where, severity)
            )
    return results, problems


def _weighable(criteria: Mapping[str, Criterion], scored: Collection[str]) -> set[str]:
    """The scored metric instances and the criteria with one of them under them."""
    found = set(scored)

    def visit(node: str) -> bool:
        below = [visit(c) if c in criteria else c in found for c in criteria[node].children]
        if any(below):
            found.add(node)
        return any(below)

    if ROOT in criteria:
        visit(ROOT)
    return found


def _node_weights(
    doc: LocatedDocument, blocks: Mapping[str, object], criterion: Criterion, weighable: set[str]
) -> AhpResult:
    items = list(criterion.children)
    if criterion.id in blocks:
        path = ("weights", criterion.id)
        named = named_items(doc, path)
        compared = [c for c in items if named is None or c in weighable or c in named]
        try:
            return analyse_block(doc, path, compared or items)
        except SpecError as exc:
            block = blocks[criterion.id]
            listed = block.get("items") if isinstance(block, Mapping) else None
            unweighted = [c for c in compared if c not in weighable and c in (listed or ())]
            raise _hinted(exc, unweighted, criterion.leaf) from None
    direct, given = _direct_metric_weights(doc, criterion)
    synthetic = LocatedDocument(doc.file, {"weights": direct}, {(): doc.where(("criteria",))})
    result = analyse_block(synthetic, (), items)
    return result if given else replace(result, source="default")


_NO_WEIGHT = {
    (True, True): "is reported only (no target or no direction), so it takes no weight and "
    "needs no judgment: leave it out",
    (True, False): "are reported only (no target or no direction), so they take no weight and "
    "need no judgment: leave them out",
    (False, True): "has no scored metric under it, so it takes no weight and needs no "
    "judgment: leave it out",
    (False, False): "have no scored metric under them, so they take no weight and need no "
    "judgment: leave them out",
}
"""(metrics or criteria, one or several) → why listed items need no judgment."""


def _hinted(exc: SpecError, unweighted: list[str], leaf: bool) -> InputError:
    """``exc`` with the error that no judgment links some items told, of those ``items:``
    lists that take no weight (a metric reported only, or a criterion with no scored metric
    under it), that they need no judgment."""
    hinted = []
    for problem in exc.problems:
        named = [c for c in unweighted if f"'{c}'" in problem.message]
        if UNLINKED in problem.message and named:
            hint = _NO_WEIGHT[leaf, len(named) == 1]
            message = f"{problem.message} ({quoted(named)} {hint} of 'items:')"
            problem = replace(problem, message=message)
        hinted.append(problem)
    return SpecError.from_problems(hinted)


def _direct_metric_weights(
    doc: LocatedDocument, criterion: Criterion
) -> tuple[dict[str, float], bool]:
    """The metrics' ``weight:`` (1 where not given) and whether any was given."""
    metrics = doc.data.get("metrics") or {}
    weights: dict[str, float] = {}
    given = False
    for child in criterion.children:
        body = metrics.get(child) if criterion.leaf and isinstance(metrics, Mapping) else None
        weight = body.get("weight") if isinstance(body, Mapping) else None
        explicit = isinstance(weight, int | float) and weight > 0
        given = given or explicit
        weights[child] = float(weight) if explicit and weight is not None else 1.0
    return weights, given
