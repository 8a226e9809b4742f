"""A metric value's 95 % interval from its sample, and whether a change is beyond noise."""

from __future__ import annotations

import math
from dataclasses import dataclass

from evalkit.samples import MeanSample, NpsSample, OrderSample, Proportion, Sample

LEVEL = 0.95
ALPHA = 1 - LEVEL


@dataclass(frozen=True)
class Estimate:
    """A value's sample size and interval, in the value's display unit."""

    n: int
    interval: tuple[float, float] | None
    method: str
    """``wilson``, ``t``, ``nps``, ``order`` (a percentile) or ``none`` (n only)."""

    def to_json(self) -> dict[str, object]:
        """result.json's ``n``, ``interval``, ``interval_method``."""
        return {
            "n": self.n,
            "interval": list(self.interval) if self.interval else None,
            "interval_method": self.method,
        }


def _z() -> float:
    from scipy.special import ndtri

    return float(ndtri(1 - ALPHA / 2))


def _t(df: float) -> float:
    from scipy.special import stdtrit

    return float(stdtrit(df, 1 - ALPHA / 2))


def estimate(sample: Sample, scale: float = 1.0) -> Estimate:
    """The interval of the value ``sample`` gives, divided by ``scale`` (a unit change)."""
    if isinstance(sample, Proportion):
        return Estimate(sample.n, _wilson(sample), "wilson")
    if isinstance(sample, MeanSample):
        if sample.n < 2:
            return Estimate(sample.n, None, "t")
        half = _t(sample.n - 1) * sample.sd / math.sqrt(sample.n)
        return Estimate(sample.n, ((sample.mean - half) / scale, (sample.mean + half) / scale), "t")
    if isinstance(sample, NpsSample):
        if sample.n < 1:
            return Estimate(sample.n, None, "nps")
        value, se = _nps(sample)
        return Estimate(sample.n, (value - _z() * se, value + _z() * se), "nps")
    assert isinstance(sample, OrderSample)
    if sample.lower is None or sample.upper is None:
        return Estimate(sample.n, None, "none")
    return Estimate(sample.n, (sample.lower / scale, sample.upper / scale), "order")


def _wilson(sample: Proportion) -> tuple[float, float] | None:
    n = sample.n
    if n <= 0:
        return None
    z = _z()
    p = sample.successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))


def _nps(sample: NpsSample) -> tuple[float, float]:
    """NPS in points and its standard error in points."""
    p = sample.promoters / sample.n
    d = sample.detractors / sample.n
    variance = (p + d - (p - d) ** 2) / sample.n
    return 100 * (p - d), 100 * math.sqrt(max(variance, 0.0))


def p_value(current: Sample, reference: Sample) -> float | None:
    """The two-sided p-value of the difference between two samples of the same kind."""
    from scipy.special import stdtr

    if isinstance(current, Proportion) and isinstance(reference, Proportion):
        n1, n2 = current.n, reference.n
        if n1 <= 0 or n2 <= 0:
            return None
        pooled = (current.successes + reference.successes) / (n1 + n2)
        se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        difference = current.successes / n1 - reference.successes / n2
        return _two_sided_normal(difference, se)
    if isinstance(current, NpsSample) and isinstance(reference, NpsSample):
        if current.n < 1 or reference.n < 1:
            return None
        (v1, se1), (v2, se2) = _nps(current), _nps(reference)
        return _two_sided_normal(v1 - v2, math.hypot(se1, se2))
    if isinstance(current, MeanSample) and isinstance(reference, MeanSample):
        if current.n < 2 or reference.n < 2:
            return None
        a, b = current.sd**2 / current.n, reference.sd**2 / reference.n
        if a + b == 0:
            return 1.0 if current.mean == reference.mean else 0.0
        t = (current.mean - reference.mean) / math.sqrt(a + b)
        df = (a + b) ** 2 / (a * a / (current.n - 1) + b * b / (reference.n - 1))
        return float(2 * stdtr(df, -abs(t)))
    return None


def _two_sided_normal(difference: float, se: float) -> float:
    from scipy.special import ndtr

    if se == 0:
        return 1.0 if difference == 0 else 0.0
    return float(2 * ndtr(-abs(difference) / se))


def significant(current: Sample | None, reference: Sample | None) -> bool | None:
    """Whether the change from ``reference`` to ``current`` is beyond noise at the 5 % level;
    None when either has no sample or the two cannot be compared."""
    if current is None or reference is None:
        return None
    p = p_value(current, reference)
    return None if p is None else p < ALPHA
