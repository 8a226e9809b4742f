"""The metric catalog as Markdown, rendered from the metrics' own metadata (``docs/metrics.md``).

Everything on the page comes from the ``MetricDefinition`` of each registered metric, so the
page cannot drift from the code: ``evalkit metrics --markdown`` prints it and a test compares
it with the committed file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from evalkit.data.canonical import TABLES
from evalkit.metric import MetricDefinition
from evalkit.registry import MetricRegistry

REGENERATE = "evalkit metrics --markdown > docs/metrics.md"
"""The command that rewrites the committed page."""

CATEGORIES: Mapping[str, str] = {
    "service_quality": "Service quality 服务质量",
    "service_efficiency": "Service efficiency 服务效率",
    "cost_control": "Cost control 成本控制",
    "revenue_growth": "Revenue growth 收入增长",
    "loyalty": "Loyalty and customer value 客户忠诚度与客户价值",
    "team": "Team 团队",
    "technology": "Technology and innovation 技术和创新",
    "qualitative": "Qualitative indicators 定性指标",
}
"""Category → heading, in the order of the metric catalog; other categories follow by name."""

DIRECTIONS: Mapping[str, str] = {
    "higher": "higher is better",
    "lower": "lower is better",
    "target": "best at the goal, worse the further away on either side",
    "none": "reported, not scored",
}

CONVENTIONS = """\
## Conventions every metric follows

- **Period attribution.** A row belongs to the period of its table's attribution column:
  {attribution}; other tables carry a `period` key (budgets, agents, ratings) or are
  snapshots. Metrics with a `period_by` parameter can attribute by the event column instead.
- **No value rather than a wrong one.** A rate whose denominator is 0 has no value (null,
  "no data"), never 0.
- **Durations** are calendar minutes between the two timestamps. A negative duration (the event
  before the creation) is a data error: the row is left out and counted in the data-quality
  ledger as `negative_duration`.
- **Statistics.** `statistic: mean | median | p90 | p95`; percentiles interpolate linearly
  between closest ranks (`quantile_cont`, numpy `linear`, Excel `PERCENTILE.INC`).
- **Units.** Rates are fractions (0.913, shown as 91.3 %), NPS is in points from −100 to 100,
  money in the data's currency.
- **Data quality.** Every row a metric leaves out for a data reason is counted per table, metric
  and reason (`negative_duration`, `out_of_range`, `missing_required`, …) in the Result's ledger;
  values that do not parse are counted per column (`unparseable_timestamp`, …).
- **Segments.** Each metric is also computed per value of the spec's segment columns, with the
  same definition, on tables that carry the column or get it through `customer_id`.
"""


def render_catalog(registry: MetricRegistry) -> str:
    """The whole page: header, conventions, an index table, then one section per metric."""
    groups = _grouped(registry.metrics.values())
    attribution = ", ".join(f"{t.name} by `{t.period_by}`" for t in TABLES.values() if t.period_by)
    parts = [_header(registry), CONVENTIONS.format(attribution=attribution), _index(groups)]
    for heading, metrics in groups:
        parts.append(f"## {heading}\n")
        parts.extend(_section(m) for m in metrics)
    return "\n".join(parts).rstrip("\n") + "\n"


def _header(registry: MetricRegistry) -> str:
    plugins = sorted({m.plugin for m in registry.metrics.values() if m.plugin})
    return (
        "# Metrics\n\n"
        f"<!-- Generated from the metric plugins' metadata; do not edit by hand. "
        f"Regenerate with: {REGENERATE} -->\n\n"
        f"{len(registry.metrics)} metrics from {len(plugins)} "
        f"plugin{'' if len(plugins) == 1 else 's'} "
        f"({', '.join(f'`{p}`' for p in plugins)}). `evalkit metrics ID` shows one metric as "
        "JSON; the catalog of requirements they implement is `metric-catalog.md`.\n"
    )


def _grouped(
    metrics: Iterable[MetricDefinition],
) -> list[tuple[str, list[MetricDefinition]]]:
    by_category: dict[str, list[MetricDefinition]] = {}
    for m in metrics:
        by_category.setdefault(m.category, []).append(m)
    known = [c for c in CATEGORIES if c in by_category]
    others = sorted(c for c in by_category if c not in CATEGORIES)
    return [
        (CATEGORIES.get(c) or c or "Other", sorted(by_category[c], key=lambda m: m.id))
        for c in (*known, *others)
    ]


def _index(groups: list[tuple[str, list[MetricDefinition]]]) -> str:
    lines = [
        "## Index\n",
        "| id | 中文 | English | unit | better | tables |",
        "|---|---|---|---|---|---|",
    ]
    for _, metrics in groups:
        for m in metrics:
            lines.append(
                f"| [`{m.id}`](#{m.id}) | {_cell(m.title.get('zh', ''))} | "
                f"{_cell(m.title.get('en', ''))} | {m.unit} | {m.direction} | "
                f"{', '.join(m.tables)} |"
            )
    return "\n".join(lines) + "\n"


def _section(m: MetricDefinition) -> str:
    title = " / ".join(t for t in (m.title.get("en"), m.title.get("zh")) if t)
    lines = [
        f'<a id="{m.id}"></a>',
        f"### `{m.id}` — {title}\n",
        f"{m.description}\n",
        f"- **Formula:** {m.formula}",
        *_chinese(m),
        f"- **Unit:** {m.unit}; **direction:** {DIRECTIONS.get(m.direction, m.direction)}",
        f"- **Reads:** {_reads(m.columns)}",
        f"- **Plugin:** `{m.plugin}`" if m.plugin else "",
    ]
    params = _params(m.params_schema)
    lines.append(f"- **Parameters:**\n\n{params}" if params else "- **Parameters:** none\n")
    return "\n".join(line for line in lines if line)


def _chinese(m: MetricDefinition) -> list[str]:
    zh = m.translations.get("zh", {})
    return [
        f"- **{label}:** {zh[key]}"
        for key, label in (("description", "说明"), ("formula", "公式"))
        if zh.get(key)
    ]


def _reads(columns: Mapping[str, tuple[str, ...]]) -> str:
    return "; ".join(
        f"`{table}` ({', '.join(f'`{c}`' for c in cols)})" for table, cols in columns.items()
    )


def _params(schema: Mapping[str, Any]) -> str:
    properties: Mapping[str, Mapping[str, Any]] = schema.get("properties") or {}
    if not properties:
        return ""
    required = set(schema.get("required") or ())
    lines = ["  | parameter | type | default | description |", "  |---|---|---|---|"]
    for name, prop in properties.items():
        default = "*required*" if name in required else _default(prop)
        described = _cell(str(prop.get("description", "")))
        lines.append(f"  | `{name}` | {_type(prop)} | {default} | {described} |")
    return "\n".join(lines) + "\n"


def _type(prop: Mapping[str, Any]) -> str:
    if "enum" in prop:
        return " \\| ".join(f"`{v}`" for v in prop["enum"])
    kind = str(prop.get("type", "any"))
    if kind == "array":
        kind = f"list of {_type(prop.get('items') or {})}"
    bounds = [
        f"{symbol} {prop[key]}"
        for key, symbol in (
            ("minimum", "≥"),
            ("exclusiveMinimum", ">"),
            ("maximum", "≤"),
            ("exclusiveMaximum", "<"),
        )
        if key in prop
    ]
    return f"{kind} ({', '.join(bounds)})" if bounds else kind


def _default(prop: Mapping[str, Any]) -> str:
    if "default" not in prop:
        return "—"
    return f"`{json.dumps(prop['default'], ensure_ascii=False)}`"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")
