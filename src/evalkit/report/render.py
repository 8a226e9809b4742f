"""``render_report``: a Result dict in, ``report.html`` / ``report.pdf`` / ``result.xlsx`` out.

Everything is rendered in memory first and then written through temp files in the output
folder renamed into place, so a failure leaves no partial files behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from jinja2 import TemplateError

from evalkit.errors import ReportError
from evalkit.report import fonts
from evalkit.report.context import build_context, chosen_locale
from evalkit.report.html import render_html
from evalkit.report.libraries import ldconfig_lookup
from evalkit.report.sections import ReportSection, choose_sections
from evalkit.report.templates import make_environment, template_failure
from evalkit.report.whatif import with_whatif
from evalkit.resources import report_templates_dir
from evalkit.result.store import dumps_result, make_out_dir, unwritable

FILE_NAMES = {"html": "report.html", "pdf": "report.pdf", "xlsx": "result.xlsx"}


def file_names(result: Mapping[str, Any], locale: str | None) -> dict[str, str]:
    """Format → file name: ``report.pdf`` in the spec's language, ``report.en.pdf`` in another,
    so rendering a second language never overwrites the first."""
    chosen, own = chosen_locale(result, locale), chosen_locale(result, None)
    if chosen == own:
        return dict(FILE_NAMES)
    return {fmt: f"{Path(n).stem}.{chosen}{Path(n).suffix}" for fmt, n in FILE_NAMES.items()}


def _file_mode() -> int:
    # mkstemp creates 0600 files; reports are ordinary files, so honour the umask instead.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_all(out_dir: Path, contents: Mapping[str, bytes]) -> list[Path]:
    make_out_dir(out_dir)
    staged: list[tuple[str, Path]] = []
    try:
        for name, data in contents.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=out_dir)
            staged.append((tmp, out_dir / name))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, _file_mode())
        for tmp, target in staged:
            os.replace(tmp, target)
    except OSError as exc:
        raise unwritable(out_dir, exc) from None
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
    return [target for _, target in staged]


def render_report(
    result: Mapping[str, Any],
    out_dir: Path,
    formats: Sequence[str],
    *,
    locale: str | None = None,
    templates_dir: Path | None = None,
    sections: Sequence[str] | None = None,
    extra_sections: Sequence[ReportSection] = (),
    base_dir: Path | None = None,
) -> list[Path]:
    """Render ``result`` into ``out_dir`` in each of ``formats`` (html, pdf, xlsx).

    ``locale`` overrides the Result's; ``templates_dir`` holds templates overriding the
    defaults; ``sections`` chooses and orders sections (default: ``report.sections`` of the
    Result, else all); ``extra_sections`` come from plugins; ``base_dir`` is the spec's folder,
    where the logo is looked up. Files in another language than the Result's carry the locale
    (:func:`file_names`). Returns the paths written.
    """
    unknown = [f for f in formats if f not in FILE_NAMES]
    if unknown:
        raise ReportError(f"cannot render format {', '.join(unknown)}; choose html, pdf or xlsx")
    ctx = build_context(result, chosen_locale(result, locale), base_dir)
    names = file_names(result, locale)
    contents: dict[str, bytes] = {}
    if "html" in formats or "pdf" in formats:
        font_stack = fonts.font_stack(ctx.lang)
        env = make_environment(templates_dir, base_dir)
        requested = (
            sections if sections is not None else ctx.result.get("report", {}).get("sections")
        )
        chosen = choose_sections(requested, extra_sections)
        try:
            html = render_html(ctx, chosen, env, font_stack)
        except TemplateError as exc:
            if templates_dir is None:  # the built-in templates failed: a bug, exit 3
                raise
            raise template_failure(exc, templates_dir) from None
        if "html" in formats:
            contents[names["html"]] = with_whatif(html, ctx, env).encode("utf-8")
        if "pdf" in formats:
            with ldconfig_lookup():  # WeasyPrint is slow to import: only when needed
                from evalkit.report.pdf import render_pdf

            roots = [p for p in (base_dir, templates_dir, report_templates_dir()) if p]
            attached = dumps_result(dict(result)).encode("utf-8")
            contents[names["pdf"]] = render_pdf(
                html, roots, attached, version=ctx.version, approved_by=ctx.approved_by
            )
    if "xlsx" in formats:
        from evalkit.report.xlsx import render_xlsx

        contents[names["xlsx"]] = render_xlsx(ctx)
    return _write_all(out_dir, contents)
