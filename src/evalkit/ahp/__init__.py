"""AHP weighting: exact eigenvector weights, consistency that says what to fix, groups of
experts, incomplete matrices and hierarchies.

The engine calls :func:`analyse_block` for each ``weights:`` block of a spec; ``evalkit ahp``
calls :func:`analyse_file`. Both raise :class:`evalkit.errors.SpecError` with every problem of
the input, each located at file:line:col; warnings travel in the results.
"""

from __future__ import annotations

from evalkit.ahp.block import analyse_block
from evalkit.ahp.hierarchy import analyse_file, analyse_hierarchy
from evalkit.ahp.model import (
    AhpResult,
    Consistency,
    ExpertResult,
    HierarchyResult,
    MostInconsistent,
)
from evalkit.ahp.ri import RI_TABLES, random_index

__all__ = [
    "RI_TABLES",
    "AhpResult",
    "Consistency",
    "ExpertResult",
    "HierarchyResult",
    "MostInconsistent",
    "analyse_block",
    "analyse_file",
    "analyse_hierarchy",
    "random_index",
]
