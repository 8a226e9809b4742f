"""Why the score moved between two Results: ``evalkit diff``."""

from evalkit.diff.decompose import Contribution, ScoreChange, decompose

__all__ = ["Contribution", "ScoreChange", "decompose"]
