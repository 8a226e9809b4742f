"""The Result a report PDF carries: the ``result.json`` attached to every PDF evalkit renders."""

from __future__ import annotations

from pathlib import Path

from evalkit.errors import InputError

ATTACHMENT = "result.json"
"""The attachment's name (``evalkit.report.pdf`` attaches it)."""


def is_pdf(path: Path) -> bool:
    """Whether ``path`` is a PDF file (by its first bytes, whatever its name)."""
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False


def attached_result(path: Path) -> bytes:
    """The bytes of the ``result.json`` attached to the PDF at ``path``."""
    from pypdf import PdfReader  # only when rendering from a PDF
    from pypdf.errors import PyPdfError

    try:
        found = PdfReader(path).attachments.get(ATTACHMENT)
    except (PyPdfError, OSError, ValueError, KeyError) as exc:
        raise InputError(f"{path}: not a readable PDF ({exc})") from None
    if not found:
        raise InputError(
            f"{path}: carries no attached {ATTACHMENT} (not a report evalkit rendered); "
            f"render from the result.json instead"
        )
    return found[0]
