"""The Jinja2 environment of reports: sandboxed, autoescaping, spec templates before ours.

Templates (``report.css`` included) are read only from the spec's folder and the built-in
templates, after resolving symbolic links: a link in ``report.templates`` to ``/etc/passwd`` is
refused, as is an ``{% include %}`` of an absolute path or of ``..``. Every failure of an
override (syntax, sandbox, missing include) is a ``ReportError`` naming the template and line.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from evalkit.errors import ReportError
from evalkit.resources import report_templates_dir

STYLESHEET = "report.css"
FIT_CHARTS = "fitcharts.js"
"""The script that scales charts down to a narrow screen (report.html and the dashboard)."""


def css_string(value: object) -> Markup:
    """A CSS string literal, for fixed texts placed in ``content:`` (page footers)."""
    escaped = re.sub(r"[^\w ./:·|-]", lambda m: f"\\{ord(m[0]):x} ", str(value))
    return Markup(f'"{escaped}"')


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    # Compiled templates are kept in the user's private temp folder (created 0700 and checked
    # by Jinja2; entries are checked against the template's source): compiling took ~0.2 s of
    # every render. Without a usable temp folder, templates are compiled each time.
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


class ConfinedLoader(FileSystemLoader):
    """A ``FileSystemLoader`` that serves only files whose real path lies under ``roots``."""

    def __init__(self, searchpath: Path, roots: Sequence[Path]) -> None:
        super().__init__(searchpath)
        self.roots = tuple(root.resolve() for root in roots)

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        """The template's source; ``ReportError`` for absolute names, ``..`` and escaping links."""
        if template.startswith(("/", "\\")) or ".." in template.replace("\\", "/").split("/"):
            raise ReportError(
                f"report.templates: template name {template!r} is refused; name templates "
                "relative to the templates folder, without '..'"
            )
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(root) for root in self.roots):
            raise ReportError(
                f"report.templates: {filename} leads outside the spec's folder (to {real}); "
                "templates are read only from the spec's folder"
            )
        return source, filename, uptodate


def make_environment(
    templates_dir: Path | None, spec_dir: Path | None = None
) -> SandboxedEnvironment:
    """The environment: ``templates_dir`` (the spec's overrides) first, then the defaults.

    An override may extend a default template by its ``default/`` name, e.g.
    ``{% extends "default/base.html" %}``, and replace only some blocks. Overrides are read
    only inside ``spec_dir`` (default: ``templates_dir`` itself), symbolic links resolved.
    """
    default = report_templates_dir()
    if not default.is_dir():
        raise ReportError(f"report templates not found at {default}")
    loaders: list[BaseLoader] = []
    if templates_dir is not None:
        root = (spec_dir or templates_dir).resolve()
        if not templates_dir.resolve().is_relative_to(root):
            raise ReportError(
                f"report.templates: folder {templates_dir} is outside the spec's folder {root}"
            )
        if not templates_dir.is_dir():
            raise ReportError(f"report.templates: folder {templates_dir} not found")
        loaders.append(ConfinedLoader(templates_dir, [root]))
    loaders += [FileSystemLoader(default), PrefixLoader({"default": FileSystemLoader(default)})]
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        bytecode_cache=_bytecode_cache(),
        autoescape=select_autoescape(default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    return env


def template_failure(exc: TemplateError, templates_dir: Path) -> ReportError:
    """``exc``, raised while rendering with overrides in ``templates_dir``, as a located
    ``ReportError`` (the override's file and line where Jinja2 knows them)."""
    if isinstance(exc, TemplateSyntaxError):
        where = f"{exc.filename or exc.name}:{exc.lineno}: "
    else:
        root = templates_dir.resolve()
        frames = [
            f
            for f in traceback.extract_tb(exc.__traceback__)
            if Path(f.filename).resolve().is_relative_to(root)
        ]
        where = f"{frames[-1].filename}:{frames[-1].lineno}: " if frames else ""
    if isinstance(exc, TemplateNotFound):
        what = f"template {exc.name!r} not found in {templates_dir} nor among the built-in ones"
    else:
        what = f"report template failed ({type(exc).__name__}): {exc.message or exc}"
    return ReportError(f"{where}{what}")


def stylesheet(env: SandboxedEnvironment) -> Markup:
    """The report's CSS (an override folder may replace ``report.css``), for an inline style."""
    return inline_source(env, STYLESHEET)


def inline_source(env: Environment, name: str) -> Markup:
    """The text of template file ``name`` (CSS or a script; an override folder may replace it)
    for an inline ``<style>`` or ``<script>`` element, ``</`` escaped so it cannot end it."""
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    return Markup(source.replace("</", "<\\/"))
