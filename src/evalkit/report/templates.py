"""The Jinja2 environment of reports: sandboxed, autoescaping, spec templates before ours."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from evalkit.errors import ReportError
from evalkit.resources import report_templates_dir

STYLESHEET = "report.css"


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


def make_environment(templates_dir: Path | None) -> SandboxedEnvironment:
    """The environment: ``templates_dir`` (the spec's overrides) first, then the defaults.

    An override may extend a default template by its ``default/`` name, e.g.
    ``{% extends "default/base.html" %}``, and replace only some blocks.
    """
    default = report_templates_dir()
    if not default.is_dir():
        raise ReportError(f"report templates not found at {default}")
    loaders: list[BaseLoader] = []
    if templates_dir is not None:
        if not templates_dir.is_dir():
            raise ReportError(f"report.templates: folder {templates_dir} not found")
        loaders.append(FileSystemLoader(templates_dir))
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


def stylesheet(env: SandboxedEnvironment) -> Markup:
    """The report's CSS (an override folder may replace ``report.css``), for an inline style."""
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, STYLESHEET)
    return Markup(source.replace("</", "<\\/"))
