"""Where evalkit's data folders are: report templates, built-in presets and benchmark packs.

In a source checkout (``make`` installs it editable) they are ``report_templates/`` and
``configs/presets/`` at the repository's root, where contributors edit them. A wheel carries
them inside the package, under ``evalkit/_bundled/`` (``pyproject.toml``, hatch
``force-include``), so an installed evalkit needs no checkout.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
BUNDLED = PACKAGE / "_bundled"
CHECKOUT = PACKAGE.parents[1]  # src/evalkit → the repository's root


def data_dir(bundled: str, *in_checkout: str) -> Path:
    """The folder ``bundled`` of an installed wheel, else ``in_checkout`` of the source tree."""
    installed = BUNDLED / bundled
    return installed if installed.is_dir() else CHECKOUT.joinpath(*in_checkout)


def report_templates_dir() -> Path:
    """The default report templates (``report_templates/``)."""
    return data_dir("report_templates", "report_templates")


def presets_dir() -> Path:
    """The built-in presets (``configs/presets/``)."""
    return data_dir("presets", "configs", "presets")


def benchmarks_dir() -> Path:
    """The built-in benchmark packs (``configs/benchmarks/``)."""
    return data_dir("benchmarks", "configs", "benchmarks")
