"""Saaty's 1–9 scale: reading judgment values, naming them, and rounding ratios onto the scale.

A judgment is a positive finite number. Users write it as a number (``3``, ``0.5``), a numeric
string (``"3"``) or a fraction (``"1/3"``); nothing is evaluated, the text is only parsed.
"""

from __future__ import annotations

import math
from fractions import Fraction

SCALE_MIN = 1 / 9
SCALE_MAX = 9.0

SAATY_VALUES: tuple[float, ...] = tuple(
    [1 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)]
)
"""The 17 values of Saaty's fundamental scale, from 1/9 to 9, in increasing order."""

_SCALE_SLACK = 1e-9
JUDGMENT_LIMIT = 1e6
"""Judgments (and direct weights) lie in 1/JUDGMENT_LIMIT … JUDGMENT_LIMIT: far outside Saaty's
scale, which is only warned about, yet small enough that products and sums of a matrix's
values stay finite (a judgment of 1e308 would make weights and consistency ratios infinite)."""


class JudgmentValueError(ValueError):
    """A value that is not a positive finite number; the message says what it is instead."""


def parse_judgment(value: object) -> float:
    """The positive finite number that ``value`` (number, numeric string or "a/b") stands for.

    Raises :class:`JudgmentValueError` with the reason (not a number, zero, negative, NaN,
    infinite, beyond ``JUDGMENT_LIMIT``) so that callers can prefix the message with the pair
    it belongs to.
    """
    number = _as_number(value)
    shown = repr(value) if isinstance(value, str) else format_value(number)
    if math.isnan(number):
        raise JudgmentValueError("must be a positive number, not NaN")
    if math.isinf(number):
        raise JudgmentValueError(f"must be a finite positive number, not {shown}")
    if number <= 0:
        raise JudgmentValueError(f"must be positive, not {shown}")
    if not 1 / JUDGMENT_LIMIT <= number <= JUDGMENT_LIMIT:
        raise JudgmentValueError(
            f"must lie between 1/{JUDGMENT_LIMIT:.0f} and {JUDGMENT_LIMIT:.0f}, not {shown} "
            "(Saaty's scale is 1/9 … 9)"
        )
    return number


def _as_number(value: object) -> float:
    if isinstance(value, bool) or value is None:
        raise JudgmentValueError(f'must be a number or a fraction such as "1/3", not {value!r}')
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        return _parse_text(value)
    raise JudgmentValueError(f'must be a number or a fraction such as "1/3", not {value!r}')


def _parse_text(text: str) -> float:
    cleaned = text.strip()
    numerator, slash, denominator = cleaned.partition("/")
    try:
        if not slash:
            return float(cleaned)
        top, bottom = float(numerator), float(denominator)
    except ValueError:
        raise JudgmentValueError(
            f'must be a number or a fraction such as "1/3", not {text!r}'
        ) from None
    if bottom == 0:
        raise JudgmentValueError(f"must be positive, not {text!r} (division by zero)")
    return top / bottom


def outside_scale(value: float) -> bool:
    """Whether ``value`` lies outside Saaty's scale 1/9 … 9 (beyond rounding noise)."""
    return value > SCALE_MAX * (1 + _SCALE_SLACK) or value < SCALE_MIN * (1 - _SCALE_SLACK)


def nearest_saaty(ratio: float) -> float:
    """The scale value nearest to ``ratio`` on a log scale (ratios, not differences, matter)."""
    return min(SAATY_VALUES, key=lambda s: abs(math.log(ratio) - math.log(s)))


def format_value(value: float) -> str:
    """A judgment as a person writes it: ``5``, ``1/3``, ``2.5``, ``0.437``."""
    if value <= 0 or not math.isfinite(value) or value > JUDGMENT_LIMIT:
        return f"{value:g}"
    if _near_integer(value):
        return str(round(value))
    if value < 1 and _near_integer(1 / value):
        return f"1/{round(1 / value)}"
    fraction = Fraction(value).limit_denominator(9)
    if math.isclose(float(fraction), value, rel_tol=1e-9):
        return f"{fraction.numerator}/{fraction.denominator}"
    return f"{value:.3g}"


def _near_integer(value: float) -> bool:
    return abs(value - round(value)) <= 1e-9 * max(1.0, value)
