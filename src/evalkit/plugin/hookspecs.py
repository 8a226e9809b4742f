"""The hooks a plugin may implement. Each returns a list; results of all plugins are merged.

A plugin is a module (or package) with functions decorated ``@evalkit.hookimpl`` whose names
are the hook names below. It is found through the entry-point group ``evalkit``, through
``--plugins-dir DIR`` (its package folders and the ``*.py`` modules that define hook
implementations), and the built-in metrics are plugins too.

There is no hook for data sources: which files and databases can be read is part of the engine
(docs/writing-metrics.md, "Versioning and compatibility", says why).
"""

from __future__ import annotations

from typing import Any

from evalkit.plugin.markers import hookspec


@hookspec
def register_metrics() -> list[Any]:
    """Called once when plugins load; return the ``evalkit.metric.MetricDefinition`` objects
    this plugin provides. Ids are unique across plugins (third-party ids carry a prefix,
    ``acme.backlog_age``); two plugins declaring the same id is an error naming both."""
    return []


@hookspec
def register_scoring_methods() -> list[Any]:
    """Called when scoring is set up; return ``evalkit.scoring.methods.ScoringMethod`` objects,
    each turning a metric value and its target into a score from 0 to 100."""
    return []


@hookspec
def register_presets() -> list[Any]:
    """Called when a spec's ``extends:`` is resolved and by ``evalkit presets``; return
    ``evalkit.spec.presets.Preset`` objects (a name such as ``industry/retail`` and a YAML file)."""
    return []


@hookspec
def register_report_sections() -> list[Any]:
    """Called when a report is rendered; return ``evalkit.report.sections.ReportSection``
    objects that can be named in ``report.sections`` and are rendered from the Result only."""
    return []


@hookspec
def register_rule_functions() -> list[Any]:
    """Called when rules are parsed; return ``evalkit.rules.functions.RuleFunction`` objects,
    functions that rule expressions may call (``value``, ``score`` … are built in)."""
    return []


@hookspec
def register_benchmark_packs() -> list[Any]:
    """Called by ``evalkit benchmarks`` and when a spec names a pack by id; return the paths
    (``pathlib.Path``) of benchmark pack files this plugin ships (format: docs/benchmarks.md).
    A pack is found by the ``id:`` inside it; a broken pack is an error naming its file."""
    return []
