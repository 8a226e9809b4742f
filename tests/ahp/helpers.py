"""Shared helpers for the AHP tests: loading test files and building comparisons."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evalkit.location import LocatedDocument
from evalkit.yamldoc import load_yaml_file, load_yaml_text

DATA = Path(__file__).parent / "data"


def load(name: str) -> LocatedDocument:
    """A test file from tests/ahp/data, named in messages by its file name."""
    return load_yaml_file(DATA / name, shown_as=name)


def text(source: str) -> LocatedDocument:
    """An inline YAML document named ``t.yaml`` in messages."""
    return load_yaml_text(source, "t.yaml")


def consistent_matrix(w: np.ndarray) -> np.ndarray:
    """a_ij = w_i / w_j: the perfectly consistent matrix of ``w``."""
    return np.outer(w, 1 / w)
