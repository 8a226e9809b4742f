"""The report as one self-contained HTML document: the sections rendered into the base layout."""

from __future__ import annotations

from collections.abc import Sequence

from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from evalkit.report.context import ReportContext
from evalkit.report.figures import Figures
from evalkit.report.sections import ReportSection, TocEntry, criterion_anchor
from evalkit.report.templates import FIT_CHARTS, inline_source, stylesheet
from evalkit.report.whatif import MARKER, STYLE


def render_html(
    ctx: ReportContext,
    sections: Sequence[ReportSection],
    env: SandboxedEnvironment,
    fonts: str,
) -> str:
    """The HTML text of the report; sections the Result has nothing for are left out. It
    holds ``MARKER`` after the summary (else at the end), where report.html gets its what-if
    block (``with_whatif``)."""
    shown = [s for s in sections if s.applies(ctx)]
    toc: list[TocEntry] = [entry for s in shown for entry in s.toc(ctx)]
    common = {
        "ctx": ctx,
        "t": ctx.t,
        "fmt": ctx.fmt,
        "fig": Figures(ctx),
        "toc": toc,
        "criterion_anchor": criterion_anchor,
    }
    bodies = []
    for section in shown:
        if section.render is not None:
            html = section.render(ctx)
        else:
            assert section.template is not None
            title = ctx.t.title(section.title, section.id)
            html = env.get_template(section.template).render(
                common, section=section, title=title, anchor=section.anchor
            )
        bodies.append(Markup(html))
        if section.id == "summary":
            bodies.append(Markup(MARKER))
    if not any(s.id == "summary" for s in shown):
        bodies.append(Markup(MARKER))
    page = env.get_template("base.html")
    # The font names were checked to be plain words, so the list is safe inside <style>.
    return page.render(
        common,
        sections=bodies,
        css=stylesheet(env) + inline_source(env, STYLE),  # the what-if block's (report.html)
        fonts=Markup(fonts),
        fit_charts=inline_source(env, FIT_CHARTS),
    )
