"""Report sections: the built-in list, plugin sections, and choosing and ordering them.

Plugins add sections through the ``register_report_sections`` hook, returning
``ReportSection`` objects; ``report.sections`` in the spec names the sections to show, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from evalkit.errors import ReportError, did_you_mean
from evalkit.report.context import ReportContext
from evalkit.report.i18n import Translator


@dataclass(frozen=True)
class TocEntry:
    """A line of the table of contents: the anchor it links to, its title, its level (1, 2)."""

    anchor: str
    title: str
    level: int = 1


def _always(ctx: ReportContext) -> bool:
    return True


@dataclass(frozen=True)
class ReportSection:
    """One section of the report, rendered from the Result only.

    ``template`` names a Jinja2 template (looked up in the spec's ``report.templates`` folder,
    then in ``report_templates/``); ``render`` is the alternative for plugins: a callable taking
    the ``ReportContext`` and returning HTML (it must escape what it inserts). ``applies`` says
    whether the Result has anything for the section; ``entries`` gives its table-of-contents
    lines when it is not the single default line (``None``: the section's title).
    """

    id: str
    title: Mapping[str, str]
    template: str | None = None
    render: Callable[[ReportContext], str] | None = None
    applies: Callable[[ReportContext], bool] = _always
    entries: Callable[[ReportContext], list[TocEntry]] | None = field(default=None)
    in_toc: bool = True

    def __post_init__(self) -> None:
        if (self.template is None) == (self.render is None):
            raise ValueError(f"report section {self.id!r}: give either a template or render")

    @property
    def anchor(self) -> str:
        """The HTML id of the section's heading."""
        return f"sec-{self.id}"

    def toc(self, ctx: ReportContext) -> list[TocEntry]:
        """This section's lines in the table of contents."""
        if not self.in_toc:
            return []
        if self.entries is not None:
            return self.entries(ctx)
        return [TocEntry(self.anchor, ctx.t.title(self.title, self.id))]


def criterion_anchor(index: int) -> str:
    """The HTML id of the chapter of the top-level criterion at ``index``."""
    return f"crit-{index}"


def _criteria_entries(ctx: ReportContext) -> list[TocEntry]:
    return [
        TocEntry(criterion_anchor(i), ctx.t("criterion.chapter", title=ctx.t.title(c.titles, c.id)))
        for i, c in enumerate(ctx.criteria)
    ]


def _has(key: str) -> Callable[[ReportContext], bool]:
    return lambda ctx: bool(ctx.analyses.get(key))


# id, predicate, entries, in_toc — in the default order of the report.
Entries = Callable[[ReportContext], list[TocEntry]] | None
_BUILTIN: tuple[tuple[str, Callable[[ReportContext], bool], Entries, bool], ...] = (
    ("cover", _always, None, False),
    ("contents", _always, None, False),
    ("summary", _always, None, True),
    ("methodology", _always, None, True),
    ("scorecard", lambda ctx: any(m.score is not None for m in ctx.metrics), None, True),
    ("criteria", lambda ctx: bool(ctx.criteria), _criteria_entries, True),
    ("segments", lambda ctx: bool(ctx.segment_dimensions()), None, True),
    ("before_after", lambda ctx: ctx.has_baseline(), None, True),
    ("changes", lambda ctx: bool(ctx.result.get("changes")), None, True),
    ("benchmarks", lambda ctx: any(m.benchmark for m in ctx.metrics), None, True),
    ("value_pyramid", _has("value_pyramid"), None, True),
    ("cost_budget", _has("cost_budget"), None, True),
    ("findings", lambda ctx: bool(ctx.findings) or bool(ctx.result.get("actions")), None, True),
    ("appendix_ahp", lambda ctx: bool(ctx.ahp), None, True),
    ("appendix_data_quality", _always, None, True),
    ("appendix_definitions", lambda ctx: bool(ctx.metrics), None, True),
    ("appendix_provenance", _always, None, True),
)
FIRST_APPENDIX = "appendix_ahp"


def builtin_sections() -> list[ReportSection]:
    """The built-in sections in their default order; titles come from the message catalogs."""
    en, zh = Translator("en"), Translator("zh")
    return [
        ReportSection(
            id=sid,
            title={"en": en(f"sections.{sid}"), "zh": zh(f"sections.{sid}")},
            template=f"sections/{sid}.html",
            applies=applies,
            entries=entries,
            in_toc=in_toc,
        )
        for sid, applies, entries, in_toc in _BUILTIN
    ]


def choose_sections(
    requested: Sequence[str] | None, extra: Sequence[ReportSection] = ()
) -> list[ReportSection]:
    """The sections to render: ``requested`` in order, or all (plugin ones before appendices)."""
    builtin = builtin_sections()
    known = {s.id: s for s in builtin}
    for section in extra:
        if section.id in known:
            raise ReportError(f"report section {section.id!r} is defined twice (by a plugin?)")
        known[section.id] = section
    if requested is None:
        at = next(i for i, s in enumerate(builtin) if s.id == FIRST_APPENDIX)
        return [*builtin[:at], *extra, *builtin[at:]]
    chosen = []
    for sid in requested:
        if sid not in known:
            raise ReportError(
                f"report.sections: unknown section {sid!r}{did_you_mean(sid, known)}; "
                f"known: {', '.join(known)}"
            )
        chosen.append(known[sid])
    return chosen
