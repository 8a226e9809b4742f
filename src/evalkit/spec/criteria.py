"""The criteria tree: a synthetic ``root`` over the top-level criteria; leaves name metrics."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from evalkit.errors import Problem, did_you_mean
from evalkit.location import LocatedDocument, Path
from evalkit.spec.model import Criterion, Localized

ROOT = "root"


def localized(value: Any, fallback: str) -> Localized:
    """A title as ``{en, zh}`` whether the spec gave a string or a mapping."""
    if isinstance(value, Mapping):
        en = str(value.get("en") or value.get("zh") or fallback)
        return {"en": en, "zh": str(value.get("zh") or en)}
    text = str(value) if value else fallback
    return {"en": text, "zh": text}


def build_criteria(
    doc: LocatedDocument, root_title: Localized, instance_ids: Collection[str]
) -> tuple[dict[str, Criterion], dict[str, str], list[Problem]]:
    """Criteria by id (root first), metric instance → its criterion, and the problems found."""
    raw = doc.data.get("criteria")
    problems: list[Problem] = []
    criteria: dict[str, Criterion] = {}
    owner: dict[str, str] = {}
    if not isinstance(raw, Mapping) or not raw:
        problems.append(Problem("criteria: the spec needs at least one criterion", doc.where(())))
        return criteria, owner, problems
    criteria[ROOT] = Criterion(ROOT, root_title, None, tuple(raw), leaf=False)
    _walk(doc, raw, ("criteria",), ROOT, instance_ids, criteria, owner, problems)
    for instance in instance_ids:
        if instance not in owner:
            problems.append(
                Problem(
                    f"metric '{instance}' is used by no criterion; it is computed and reported "
                    "but carries no weight",
                    doc.where_key(("metrics", instance)),
                    "warning",
                )
            )
    return criteria, owner, problems


def _walk(
    doc: LocatedDocument,
    nodes: Mapping[str, Any],
    path: Path,
    parent: str,
    instance_ids: Collection[str],
    criteria: dict[str, Criterion],
    owner: dict[str, str],
    problems: list[Problem],
) -> None:
    for cid, node in nodes.items():
        here = (*path, cid)
        if not isinstance(node, Mapping):
            continue  # the schema check reports the wrong type
        if cid in criteria or cid in instance_ids:
            problems.append(
                Problem(
                    f"criterion id '{cid}' is used twice; ids must be unique", doc.where_key(here)
                )
            )
            continue
        title = localized(node.get("title"), str(cid))
        metrics, subs = node.get("metrics"), node.get("criteria")
        if metrics and subs:
            problems.append(
                Problem(
                    f"criterion '{cid}' has both metrics and criteria; move its metrics into a "
                    "sub-criterion",
                    doc.where_key(here),
                )
            )
        if isinstance(subs, Mapping) and subs:
            criteria[cid] = Criterion(cid, title, parent, tuple(subs), leaf=False)
            _walk(doc, subs, (*here, "criteria"), cid, instance_ids, criteria, owner, problems)
        elif isinstance(metrics, list) and metrics:
            criteria[cid] = Criterion(cid, title, parent, tuple(map(str, metrics)), leaf=True)
            _check_leaves(doc, cid, metrics, (*here, "metrics"), instance_ids, owner, problems)
        else:
            problems.append(
                Problem(
                    f"criterion '{cid}' has no metrics; add metrics: [...] or criteria: {{...}}",
                    doc.where_key(here),
                )
            )


def _check_leaves(
    doc: LocatedDocument,
    cid: str,
    metrics: list[Any],
    path: Path,
    instance_ids: Collection[str],
    owner: dict[str, str],
    problems: list[Problem],
) -> None:
    for index, instance in enumerate(metrics):
        name = str(instance)
        where = doc.where((*path, index))
        if name not in instance_ids:
            problems.append(
                Problem(
                    f"unknown metric '{name}' in criterion '{cid}'"
                    f"{did_you_mean(name, instance_ids)}; declare it under metrics:",
                    where,
                )
            )
        elif name in owner:
            problems.append(
                Problem(
                    f"metric '{name}' is already under criterion '{owner[name]}'; declare a second "
                    "instance under metrics: with another id",
                    where,
                )
            )
        else:
            owner[name] = cid
