"""The registry of metric definitions contributed by plugins, with did-you-mean lookup."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from evalkit.errors import InputError, did_you_mean
from evalkit.metric import DIRECTIONS, MetricDefinition


@dataclass(frozen=True)
class MetricRegistry:
    """Metric definitions by id."""

    metrics: Mapping[str, MetricDefinition]

    def suggest(self, metric_id: str) -> str:
        """`` (did you mean 'x'?)`` for the closest registered id, or an empty string."""
        return did_you_mean(metric_id, self.metrics)


LANGUAGES = ("en", "zh")
TRANSLATED = ("description", "formula")


def _check_translations(plugin: str, definition: MetricDefinition) -> None:
    for lang, texts in definition.translations.items():
        problem = ""
        if lang not in LANGUAGES:
            problem = f"language {lang!r} is not one of {', '.join(LANGUAGES)}"
        elif not isinstance(texts, Mapping):
            problem = f"translations[{lang!r}] is not a mapping"
        else:
            bad = [k for k, v in texts.items() if k not in TRANSLATED or not isinstance(v, str)]
            if bad:
                wanted = " and/or ".join(TRANSLATED)
                problem = f"translations[{lang!r}] has {bad[0]!r}; give {wanted} as text"
        if problem:
            raise InputError(
                f"plugin '{plugin}' metric '{definition.id}': {problem}, "
                f"e.g. translations={{'zh': {{'description': '…', 'formula': '…'}}}}"
            )


def build_registry(contributions: Iterable[tuple[str, MetricDefinition]]) -> MetricRegistry:
    """One registry from every plugin's ``register_metrics``; a duplicate id is an error."""
    metrics: dict[str, MetricDefinition] = {}
    for plugin, definition in contributions:
        if not isinstance(definition, MetricDefinition):
            raise InputError(
                f"plugin '{plugin}' registered {definition!r}, which is not a MetricDefinition"
            )
        _check_translations(plugin, definition)
        if definition.direction not in DIRECTIONS:
            raise InputError(
                f"plugin '{plugin}' metric '{definition.id}': direction "
                f"{definition.direction!r} is not one of {', '.join(DIRECTIONS)}"
            )
        if definition.id in metrics:
            other = metrics[definition.id].plugin
            raise InputError(
                f"metric id '{definition.id}' is registered by both plugin '{other}' and "
                f"plugin '{plugin}'; uninstall one or give its metric a prefixed id"
            )
        metrics[definition.id] = replace(definition, plugin=plugin)
    return MetricRegistry(dict(sorted(metrics.items())))
