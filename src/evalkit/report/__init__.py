"""Reports rendered from a Result alone: HTML, PDF (WeasyPrint) and XLSX.

The only package that imports Jinja2, WeasyPrint and XlsxWriter. Its names load on first use,
so that a module of the package that needs none of them (``branding``, which the spec's
checks use) does not bring in the renderer.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from evalkit.report.render import render_report
    from evalkit.report.sections import ReportSection, TocEntry, builtin_sections

__all__ = ["ReportSection", "TocEntry", "builtin_sections", "render_report"]
_HOMES = {
    "render_report": "evalkit.report.render",
    "ReportSection": "evalkit.report.sections",
    "TocEntry": "evalkit.report.sections",
    "builtin_sections": "evalkit.report.sections",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'evalkit.report' has no attribute {name!r}")
