"""The PDF: WeasyPrint on the report's HTML, fetching nothing outside the allowed folders.

The PDF is archival and accessible: PDF/A-3b (``pdf_variant``) with a structure tree
(``pdf_tags``) and the PDF/UA-1 identifier in its XMP metadata, and it carries the Result it
was rendered from as the attachment ``result.json`` (relationship ``Source``), so
``evalkit render report.pdf`` can render it again. Title, author, subject and language come
from the HTML's ``<title>``, ``<meta>`` elements and ``lang``; the report's version and approver
go into the XMP metadata as ``xmpMM:VersionID`` and ``dc:contributor``, the language also as
``dc:language``.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import SubElement, fromstring, tostring

from weasyprint import HTML, Attachment

from evalkit.report.fetcher import ReportFetcher
from evalkit.result.attached import ATTACHMENT

PDF_VARIANT = "pdf/a-3b"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
XMPMM = "http://ns.adobe.com/xap/1.0/mm/"
DC = "http://purl.org/dc/elements/1.1/"


def _with_more_xmp(
    generate: Callable[..., bytes], lang: str, version: str, approved_by: str
) -> Callable[..., bytes]:
    """WeasyPrint's XMP generator with ``pdfuaid:part 1`` beside the PDF/A identifier
    (WeasyPrint writes one variant's identifier; the document is tagged for both), the
    language (``dc:language``), and the report's version and approver, where given."""

    def generate_rdf(*args: Any, **kwargs: Any) -> bytes:
        rdf = fromstring(generate(*args, **kwargs))
        description = SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
        SubElement(description, f"{{{PDFUAID}}}part").text = "1"
        if lang:
            bag = SubElement(SubElement(description, f"{{{DC}}}language"), f"{{{RDF}}}Bag")
            SubElement(bag, f"{{{RDF}}}li").text = lang
        if version:
            SubElement(description, f"{{{XMPMM}}}VersionID").text = version
        if approved_by:
            bag = SubElement(SubElement(description, f"{{{DC}}}contributor"), f"{{{RDF}}}Bag")
            SubElement(bag, f"{{{RDF}}}li").text = approved_by
        xml: bytes = tostring(rdf, encoding="utf-8")
        return xml

    return generate_rdf


def render_pdf(
    html: str,
    allowed: Sequence[Path],
    result_json: bytes,
    *,
    version: str = "",
    approved_by: str = "",
) -> bytes:
    """The PDF bytes of ``html`` with ``result_json`` attached and the report's ``version`` and
    ``approved_by`` in its metadata; only data: URIs and files under ``allowed`` are fetched."""
    base_url = allowed[0].resolve().as_uri() + "/"
    fetcher = ReportFetcher(allowed)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(pdf_tags=True)
    metadata = document.metadata
    metadata.generate_rdf_metadata = _with_more_xmp(
        metadata.generate_rdf_metadata, str(metadata.lang or ""), version, approved_by
    )
    attachment = Attachment(
        file_obj=io.BytesIO(result_json),
        name=ATTACHMENT,
        description="evalkit Result",
        relationship="Source",
        url_fetcher=fetcher,
    )
    pdf: bytes = document.write_pdf(
        pdf_variant=PDF_VARIANT, pdf_tags=True, attachments=[attachment]
    )
    return pdf
