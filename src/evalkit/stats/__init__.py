"""Sampling statistics of metric values: 95 % intervals and tests of change.

- a proportion: Wilson score interval; change tested with the pooled two-proportion z-test;
- a mean: Student t interval; change tested with Welch's t-test;
- NPS: normal interval with the variance of a score that is +1, 0 or −1 per answer,
  (p + d − (p − d)²) ÷ n for promoter share p and detractor share d; change tested with a
  z-test on the difference;
- a percentile: n only.

Tests are two-sided at the 5 % level.
"""

from evalkit.stats.estimates import ALPHA, Estimate, estimate, p_value, significant

__all__ = ["ALPHA", "Estimate", "estimate", "p_value", "significant"]
