"""Read-only views of the Result's metrics, criteria and AHP blocks, tolerant of nulls."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from evalkit.result.model import TrendPoint
from evalkit.result.model import WindowScore as Window

ROOT_ID = "root"


def _num(raw: Any) -> float | None:
    return float(raw) if isinstance(raw, int | float) and not isinstance(raw, bool) else None


def _map(raw: Any) -> Mapping[str, Any]:
    return raw if isinstance(raw, Mapping) else {}


def window(raw: Any) -> Window:
    """A window (previous, baseline, a segment) from ``{"value", "score"}`` or null."""
    raw = _map(raw)
    return Window(_num(raw.get("value")), _num(raw.get("score")))


@dataclass(frozen=True)
class ChangeView:
    """A metric's change against a compared period: ``kind`` is ``relative`` (a ratio),
    ``percentage_points`` (a difference of fractions) or ``difference`` (in the metric's unit)."""

    value: float
    kind: str
    significant: bool | None = None
    """False: within sampling noise; None: the metric has no sample to tell."""


def change_view(raw: Any) -> ChangeView | None:
    """A change from ``{"value", "kind", "significant"}``; a bare number (older Results) is
    relative."""
    if isinstance(raw, Mapping) and _num(raw.get("value")) is not None:
        significant = raw.get("significant")
        return ChangeView(
            float(raw["value"]),
            str(raw.get("kind") or "relative"),
            significant if isinstance(significant, bool) else None,
        )
    number = _num(raw)
    return None if number is None else ChangeView(number, "relative")


@dataclass(frozen=True)
class BenchmarkView:
    """A metric among its benchmark peers (result.json's ``benchmark``)."""

    pack: str
    population: Mapping[str, str]
    n: int | None
    quantiles: Mapping[str, float]
    percentile: float | None
    outside: str | None
    synthetic: bool

    def band(self) -> tuple[float, float] | None:
        """The peers' middle half, p25–p75 (None when the pack gives neither)."""
        low, high = self.quantiles.get("p25"), self.quantiles.get("p75")
        return (low, high) if low is not None and high is not None else None


def benchmark_view(raw: Any) -> BenchmarkView | None:
    """The view of a metric's ``benchmark`` entry, or None."""
    if not isinstance(raw, Mapping):
        return None
    quantiles = {str(k): v for k, v in _map(raw.get("quantiles")).items() if _num(v) is not None}
    return BenchmarkView(
        pack=str(raw.get("pack") or ""),
        population={str(k): str(v) for k, v in _map(raw.get("population")).items()},
        n=int(raw["n"]) if _num(raw.get("n")) is not None else None,
        quantiles=quantiles,
        percentile=_num(raw.get("percentile")),
        outside=str(raw["outside"]) if raw.get("outside") else None,
        synthetic=bool(raw.get("synthetic")),
    )


@dataclass(frozen=True)
class MetricView:
    """One metric instance as the report shows it."""

    id: str
    titles: Mapping[str, str]
    criterion: str | None
    unit: str
    direction: str
    value: float | None
    score: float | None
    status: str
    goal: float | None
    red_flag: float | None
    tolerance: float
    bands: tuple[Mapping[str, Any], ...]
    local_weight: float | None
    global_weight: float | None
    error: str | None
    previous: Window
    baseline: Window
    change_previous: ChangeView | None
    change_baseline: ChangeView | None
    trend: tuple[TrendPoint, ...]
    breakdown: Mapping[str, Mapping[str, Window]]
    definition: Mapping[str, Any]
    entered: str | None = None
    """For a manual KPI, who provided its values (the spec's ``source:``)."""

    n: int | None = None
    interval: tuple[float, float] | None = None
    benchmark: BenchmarkView | None = None
    relative: Mapping[str, str] = field(default_factory=dict)
    """``goal``/``red_flag`` → the benchmark quantile it was resolved from (``p75``)."""

    @property
    def standing(self) -> float | None:
        """The percentile among peers turned so that higher is better: the percentile for a
        higher-is-better metric, 100 minus it for a lower-is-better one (None otherwise)."""
        found = self.benchmark.percentile if self.benchmark else None
        if found is None or self.direction not in ("higher", "lower"):
            return None
        return found if self.direction == "higher" else 100.0 - found

    def improved(self, change: ChangeView | None) -> bool | None:
        """Whether a change is for the better, given the metric's direction (None: neither,
        within sampling noise, or a two-sided ``target`` metric, whose change's sign says
        nothing: its score does)."""
        if change is None or change.value == 0 or self.direction not in ("higher", "lower"):
            return None
        if change.significant is False:
            return None
        return (change.value > 0) == (self.direction == "higher")


def metric_view(raw: Mapping[str, Any]) -> MetricView:
    """A metric view from one entry of the Result's ``metrics``."""
    target = _map(raw.get("target"))
    change = _map(raw.get("change"))
    breakdown = {
        str(dim): {str(name): window(w) for name, w in _map(groups).items()}
        for dim, groups in _map(raw.get("breakdown")).items()
    }
    return MetricView(
        id=str(raw.get("id")),
        titles=_map(raw.get("title")) or {"en": str(raw.get("id"))},
        criterion=raw.get("criterion"),
        unit=str(raw.get("unit") or ""),
        direction=str(raw.get("direction") or "higher"),
        value=_num(raw.get("value")),
        score=_num(raw.get("score")),
        status=str(raw.get("status") or "no_data"),
        goal=_num(target.get("goal")),
        red_flag=_num(target.get("red_flag")),
        tolerance=_num(target.get("tolerance")) or 0.0,
        bands=tuple(b for b in target.get("bands") or () if isinstance(b, Mapping)),
        local_weight=_num(raw.get("local_weight")),
        global_weight=_num(raw.get("global_weight")),
        error=str(raw["error"]) if raw.get("error") else None,
        previous=window(raw.get("previous")),
        baseline=window(raw.get("baseline")),
        change_previous=change_view(change.get("previous")),
        change_baseline=change_view(change.get("baseline")),
        trend=tuple(
            TrendPoint(str(p.get("period")), _num(p.get("value")), _num(p.get("score")))
            for p in raw.get("trend") or ()
            if isinstance(p, Mapping)
        ),
        breakdown={dim: groups for dim, groups in breakdown.items() if groups},
        definition=_map(raw.get("definition")),
        n=int(raw["n"]) if _num(raw.get("n")) is not None else None,
        interval=_interval(raw.get("interval")),
        entered=str(_map(raw.get("entered")).get("source", "")) if raw.get("entered") else None,
        benchmark=benchmark_view(raw.get("benchmark")),
        relative={str(k): str(v) for k, v in _map(target.get("relative")).items()},
    )


def _interval(raw: Any) -> tuple[float, float] | None:
    if isinstance(raw, Sequence) and len(raw) == 2:
        low, high = _num(raw[0]), _num(raw[1])
        if low is not None and high is not None:
            return (low, high)
    return None


@dataclass(frozen=True)
class CriterionView:
    """A node of the criteria tree with its metrics and sub-criteria."""

    id: str
    titles: Mapping[str, str]
    parent: str | None
    local_weight: float | None
    global_weight: float | None
    score: float | None
    metrics: tuple[MetricView, ...]
    subcriteria: tuple[CriterionView, ...]
    previous_score: float | None
    baseline_score: float | None
    coverage: Mapping[str, float | None] | None = None
    """``current``/``previous``/``baseline`` → share of the weight with data (newer Results)."""

    def insufficient(self, window: str) -> bool:
        """Whether the criterion has data in ``window`` but too little for a score."""
        share = (self.coverage or {}).get(window)
        score = {"current": self.score, "previous": self.previous_score}.get(
            window, self.baseline_score
        )
        return score is None and bool(share)

    def all_metrics(self) -> Iterator[MetricView]:
        """Every metric under this criterion, depth first."""
        yield from self.metrics
        for sub in self.subcriteria:
            yield from sub.all_metrics()


def _weighted(pairs: Sequence[tuple[float | None, float | None]]) -> float | None:
    # Renormalises over the children that have a score, as the default missing policy does.
    known = [(w, s) for w, s in pairs if w is not None and s is not None]
    total = sum(w for w, _ in known)
    return sum(w * s for w, s in known) / total if total > 0 else None


def criteria_tree(
    raw: Sequence[Mapping[str, Any]], metrics: Sequence[MetricView]
) -> tuple[CriterionView, ...]:
    """The top-level criteria (children of ``root``, or those without a parent), as trees.

    A Result from before per-criterion ``previous_score``/``baseline_score`` existed gets
    them derived here, for the charts only, as the weighted mean of the children's scores.
    """
    by_id = {str(c.get("id")): c for c in raw if isinstance(c, Mapping)}
    metric_by_id = {m.id: m for m in metrics}

    def build(cid: str) -> CriterionView:
        c = by_id[cid]
        children = [str(x) for x in c.get("children") or ()]
        subs = tuple(build(x) for x in children if x in by_id)
        own = tuple(metric_by_id[x] for x in children if x in metric_by_id)
        own += tuple(m for m in metrics if m.criterion == cid and m.id not in children)
        parts = [(m.local_weight, m) for m in own]
        return CriterionView(
            id=cid,
            titles=_map(c.get("title")) or {"en": cid},
            parent=c.get("parent"),
            local_weight=_num(c.get("local_weight")),
            global_weight=_num(c.get("global_weight")),
            score=_num(c.get("score")),
            metrics=own,
            subcriteria=subs,
            previous_score=_num(c["previous_score"])
            if "previous_score" in c
            else _weighted(
                [(w, m.previous.score) for w, m in parts]
                + [(s.local_weight, s.previous_score) for s in subs]
            ),
            baseline_score=_num(c["baseline_score"])
            if "baseline_score" in c
            else _weighted(
                [(w, m.baseline.score) for w, m in parts]
                + [(s.local_weight, s.baseline_score) for s in subs]
            ),
            coverage={
                "current": _num(c.get("coverage")),
                "previous": _num(c.get("previous_coverage")),
                "baseline": _num(c.get("baseline_coverage")),
            },
        )

    roots = [cid for cid, c in by_id.items() if not c.get("parent")]
    if roots == [ROOT_ID]:
        top = [str(x) for x in by_id[roots[0]].get("children") or () if str(x) in by_id]
    else:
        top = roots
    return tuple(build(cid) for cid in top)


@dataclass(frozen=True)
class AhpView:
    """One AHP comparison block of the Result's ``ahp``."""

    node: str
    items: tuple[str, ...]
    weights: tuple[float | None, ...]
    lambda_max: float | None
    ci: float | None
    cr: float | None
    ri: float | None
    threshold: float | None
    consistent: bool | None
    matrix: tuple[tuple[float | None, ...], ...] | None
    most_inconsistent: Mapping[str, Any] | None
    experts: Mapping[str, Any]
    source: str = "judgments"
    """``judgments``, ``matrix``, ``experts``, ``weights`` (given directly) or ``default``."""
    completed: frozenset[tuple[str, str]] = frozenset()
    """Pairs without a judgment, filled in from the others."""
    aggregate: str = "judgments"
    """How a group of experts was combined: ``judgments`` (AIJ) or ``priorities`` (AIP)."""
    collected: Mapping[str, Any] | None = None
    """For a group collected from questionnaires: when, and whether experts above the CR
    threshold were kept or dropped (result.json's ``collected``)."""

    @property
    def compared(self) -> bool:
        """Whether the weights come from pairwise comparisons (so CR means something)."""
        return self.source not in ("weights", "default")

    @property
    def several(self) -> bool:
        """Whether the node has more than one item (a single item always weighs 100 %)."""
        return len(self.items) > 1

    def was_completed(self, a: str, b: str) -> bool:
        """Whether the matrix cell ``a`` vs ``b`` was filled in rather than judged."""
        return (a, b) in self.completed or (b, a) in self.completed


def _pair(key: str) -> tuple[str, str]:
    """``"a|b"`` (a key of an AHP block's ``completed``) → ``("a", "b")``."""
    a, _, b = str(key).partition("|")
    return a, b


def ahp_views(raw: Mapping[str, Any]) -> tuple[AhpView, ...]:
    """The AHP blocks, root first, in the Result's order otherwise."""
    ordered = sorted(raw.items(), key=lambda kv: kv[0] != ROOT_ID)
    views = []
    for node, block in ordered:
        block = _map(block)
        items = tuple(str(i) for i in block.get("items") or ())
        weights = _map(block.get("weights"))
        matrix = block.get("matrix")
        views.append(
            AhpView(
                node=str(node),
                items=items,
                weights=tuple(_num(weights.get(i)) for i in items),
                lambda_max=_num(block.get("lambda_max")),
                ci=_num(block.get("ci")),
                cr=_num(block.get("cr")),
                ri=_num(block.get("ri")),
                threshold=_num(block.get("threshold")),
                consistent=block.get("consistent"),
                matrix=tuple(tuple(_num(x) for x in row) for row in matrix) if matrix else None,
                most_inconsistent=_map(block.get("most_inconsistent")) or None,
                experts=_map(block.get("experts")),
                source=str(block.get("source") or "judgments"),
                completed=frozenset(_pair(key) for key in _map(block.get("completed"))),
                aggregate=str(block.get("aggregate") or "judgments"),
                collected=_map(block.get("collected")) or None,
            )
        )
    return tuple(views)
