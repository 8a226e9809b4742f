"""The heat map's scale stays readable with red-green colour blindness (deuteranopia)."""

from __future__ import annotations

import itertools
import math

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
