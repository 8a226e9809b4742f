"""Reading comparisons from a document — ``judgments:`` pairs or a full ``matrix:`` — with
every invalid value reported at its file:line:col.

Rules (see docs/ahp.md): judgments are positive finite numbers; an item is never compared with
itself; a pair given both ways must be reciprocal within 1% (|a_ij·a_ji − 1| ≤ 0.01), and the
value given first counts; a matrix has 1 on its diagonal and reciprocal entries (the entry above
the diagonal counts), ``null`` in both mirrored cells marks a missing pair. Values outside
Saaty's scale 1/9 … 9 are accepted with a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from evalkit.ahp.comparisons import Comparisons, Judgment
from evalkit.ahp.findings import Findings, did_you_mean, quoted
from evalkit.ahp.incomplete import components
from evalkit.ahp.options import item_name
from evalkit.ahp.scale import JudgmentValueError, format_value, outside_scale, parse_judgment
from evalkit.location import Path

RECIPROCAL_TOLERANCE = 0.01
UNLINKED = "the comparisons do not link all items"
"""How the error for items no judgment links begins (after the expert's name, if any)."""


def unknown_item(name: str, items: Sequence[str]) -> str:
    """The message for a name that is not one of ``items``."""
    hint = did_you_mean(name, items)
    if hint:
        return f"unknown item {name!r}{hint}"
    return f"unknown item {name!r}: the items are {quoted(items)}"


def read_judgments(f: Findings, path: Path, data: Any, items: Sequence[str]) -> list[Judgment]:
    """The judgments ``{A: {B: 3}}`` at ``path``, one per pair, in the order given."""
    if not isinstance(data, dict):
        f.error(
            "judgments must be a mapping such as {A: {B: 3}}: A is 3 times as important as B", path
        )
        return []
    seen: dict[frozenset[str], Judgment] = {}
    for a_key, row in data.items():
        a_path = (*path, a_key)
        a = _known_item(f, a_key, a_path, items)
        if a is None:
            continue
        if not isinstance(row, dict):
            f.error(f"the judgments of {a!r} must be a mapping such as {{B: 3}}", a_path)
            continue
        for b_key, raw in row.items():
            b_path = (*a_path, b_key)
            b = _known_item(f, b_key, b_path, items)
            if b is None:
                continue
            if b == a:
                f.error(f"judgment {a!r} vs {a!r} compares an item with itself; remove it", b_path)
                continue
            judgment = _judgment(f, a, b, raw, b_path)
            if judgment is not None and _first_of_pair(f, judgment, seen, b_path):
                seen[frozenset((a, b))] = judgment
    return list(seen.values())


def _known_item(f: Findings, key: Any, path: Path, items: Sequence[str]) -> str | None:
    name = item_name(f, key, path, at_key=True)
    if name is not None and name not in items:
        f.error(unknown_item(name, items), path, at_key=True)
        return None
    return name


def _judgment(f: Findings, a: str, b: str, raw: Any, path: Path) -> Judgment | None:
    try:
        value = parse_judgment(raw)
    except JudgmentValueError as exc:
        f.error(f"judgment {a!r} vs {b!r} {exc}", path)
        return None
    return Judgment(a, b, value, f.doc.where(path))


def _first_of_pair(
    f: Findings, judgment: Judgment, seen: dict[frozenset[str], Judgment], path: Path
) -> bool:
    """Whether ``judgment`` is the first of its pair; a later one must be reciprocal."""
    previous = seen.get(frozenset((judgment.a, judgment.b)))
    if previous is None:
        _warn_outside_scale(f, judgment, path)
        return True
    implied = previous.value if previous.a == judgment.a else 1 / previous.value
    if abs(judgment.value / implied - 1) > RECIPROCAL_TOLERANCE:
        f.error(
            f"judgment {judgment.a!r} vs {judgment.b!r} = {format_value(judgment.value)} "
            f"contradicts {previous.a!r} vs {previous.b!r} = {format_value(previous.value)} "
            f"({_where(previous, f.doc.where(path).file)}); give each pair once, or as "
            f"reciprocals ({format_value(implied)})",
            path,
        )
    return False


def _where(judgment: Judgment, file: str) -> str:
    """``line 12`` in the same file, else ``file:line:col`` (a preset's judgment)."""
    location = judgment.location
    if location is None:
        return "line ?"
    return f"line {location.line}" if location.file == file else str(location)


def _warn_outside_scale(f: Findings, judgment: Judgment, path: Path) -> None:
    if outside_scale(judgment.value):
        f.warn(
            f"judgment {judgment.a!r} vs {judgment.b!r} = {format_value(judgment.value)} "
            "is outside Saaty's scale 1/9 … 9",
            path,
        )


def read_matrix(f: Findings, path: Path, data: Any, items: Sequence[str]) -> list[Judgment]:
    """The judgments above the diagonal of the full ``matrix`` at ``path`` (rows = ``items``)."""
    n = len(items)
    if not _square(data, n):
        f.error(
            f"matrix must have {n} rows of {n} entries, one row and one column per item "
            "in the order of items",
            path,
        )
        return []
    for i in range(n):
        _diagonal(f, (*path, i, i), data[i][i], items[i])
    judgments = []
    for i in range(n):
        for j in range(i + 1, n):
            judgment = _pair(f, path, data, items, i, j)
            if judgment is not None:
                judgments.append(judgment)
    return judgments


def _square(data: Any, n: int) -> bool:
    rows_ok = isinstance(data, list) and len(data) == n
    return rows_ok and all(isinstance(row, list) and len(row) == n for row in data)


def _diagonal(f: Findings, path: Path, raw: Any, item: str) -> None:
    shown = format_value(raw) if isinstance(raw, int | float) else repr(raw)
    try:
        ok = abs(parse_judgment(raw) - 1) <= 1e-9
    except JudgmentValueError:
        ok = False
    if not ok:
        f.error(f"matrix diagonal entry {item!r} vs {item!r} must be 1, not {shown}", path)


def _entry(f: Findings, path: Path, raw: Any, a: str, b: str) -> float | None:
    if raw is None:
        return None
    try:
        return parse_judgment(raw)
    except JudgmentValueError as exc:
        f.error(f"matrix entry {a!r} vs {b!r} {exc}", path)
        return None


def _pair(
    f: Findings, path: Path, data: Any, items: Sequence[str], i: int, j: int
) -> Judgment | None:
    a, b = items[i], items[j]
    upper_path, lower_path = (*path, i, j), (*path, j, i)
    upper = _entry(f, upper_path, data[i][j], a, b)
    lower = _entry(f, lower_path, data[j][i], b, a)
    if upper is None and lower is None:
        return None  # missing (null) or invalid, already reported
    reciprocal = upper is None or lower is None or abs(upper * lower - 1) <= RECIPROCAL_TOLERANCE
    if not reciprocal:
        f.error(
            f"matrix entries {a!r} vs {b!r} = {format_value(upper or 0)} and {b!r} vs {a!r} = "
            f"{format_value(lower or 0)} are not reciprocal (their product should be 1); "
            'write fractions such as "1/3"',
            lower_path,
        )
        return None
    if upper is not None:
        judgment = Judgment(a, b, upper, f.doc.where(upper_path))
        chosen_path = upper_path
    else:
        assert lower is not None
        judgment = Judgment(b, a, lower, f.doc.where(lower_path))
        chosen_path = lower_path
    _warn_outside_scale(f, judgment, chosen_path)
    return judgment


def check_connected(f: Findings, comparisons: Comparisons, path: Path, who: str = "") -> None:
    """Record an error naming the groups of items that no judgment links, if any."""
    groups = components(comparisons.n, comparisons.pairs())
    if len(groups) <= 1:
        return
    named = ["{" + quoted(comparisons.items[k] for k in group) + "}" for group in groups]
    listed = ", ".join(named[:-1]) + f" and {named[-1]}"
    f.error(
        f"{who}{UNLINKED}: no judgment connects {listed}; add a judgment between these groups",
        path,
    )
