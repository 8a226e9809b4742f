"""Reports rendered from a Result alone: HTML, PDF (WeasyPrint) and XLSX.

The only package that imports Jinja2, WeasyPrint and XlsxWriter.
"""

from evalkit.report.render import render_report
from evalkit.report.sections import ReportSection, TocEntry, builtin_sections

__all__ = ["ReportSection", "TocEntry", "builtin_sections", "render_report"]
