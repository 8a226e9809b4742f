"""The PDF: WeasyPrint on the report's HTML, fetching nothing outside the allowed folders."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from weasyprint import HTML

from evalkit.report.fetcher import ReportFetcher


def render_pdf(html: str, allowed: Sequence[Path]) -> bytes:
    """The PDF bytes of ``html``; only data: URIs and files under ``allowed`` are fetched."""
    base_url = allowed[0].resolve().as_uri() + "/"
    document = HTML(string=html, base_url=base_url, url_fetcher=ReportFetcher(allowed))
    pdf: bytes = document.write_pdf()
    return pdf
