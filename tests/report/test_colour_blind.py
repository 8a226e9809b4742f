"""The heat map's scale stays readable with red-green colour blindness (deuteranopia); status
badges have the contrast small text needs."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import pytest

from evalkit.report.charts import score_colour

# Viénot, Brettel & Mollon (1999): deuteranope simulation in linear RGB
DEUTERANOPIA = ((0.29275, 0.70725, 0.0), (0.29275, 0.70725, 0.0), (-0.02234, 0.02234, 1.0))


def _linear(hex_colour: str) -> tuple[float, ...]:
    channels = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def _seen(hex_colour: str) -> tuple[float, ...]:
    rgb = _linear(hex_colour)
    return tuple(sum(m * c for m, c in zip(row, rgb, strict=True)) for row in DEUTERANOPIA)


def test_low_middle_and_high_scores_stay_apart() -> None:
    # the old red–amber–green scale put 0 and 100 at a distance of 0.07 here
    for a, b in itertools.combinations((0, 50, 100), 2):
        assert math.dist(_seen(score_colour(a)), _seen(score_colour(b))) > 0.2, (a, b)


def _contrast(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio: (L1 + 0.05) / (L2 + 0.05) of the relative luminances."""

    def luminance(colour: str) -> float:
        r, g, b = _linear(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_wcag() -> None:
    # WCAG's own endpoints: black on white is 21:1, a colour on itself 1:1.
    assert _contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert _contrast("#777777", "#777777") == pytest.approx(1.0)


def test_every_status_and_badge_is_readable() -> None:
    """Small text (7.5 pt) needs 4.5:1 (WCAG 2.x AA); "not scored" was white on white."""
    css = (Path(__file__).parents[2] / "report_templates" / "report.css").read_text("utf-8")
    rules = dict(re.findall(r"^([^{}\n]+)\{([^}]*)\}", css, re.M))
    base = {"status": "#ffffff", "badge": "#ffffff"}
    checked = []
    for selector, body in rules.items():
        kind = next((k for k in base if f".{k}-" in selector or f".{k}." in selector), None)
        background = re.search(r"background:\s*(#[0-9a-f]{6})", body)
        if kind is None or background is None:
            continue
        colour = re.search(r"(?<!-)color:\s*(#[0-9a-f]{6})", body)
        text = colour[1] if colour else base[kind]
        checked.append(selector.strip())
        assert _contrast(text, background[1]) >= 4.5, selector
    assert any("unscored" in s for s in checked) and len(checked) >= 8
