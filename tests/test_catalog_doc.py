"""docs/metrics.md is the catalog rendered from the plugins' metadata, and stays current."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from evalkit.catalog_doc import REGENERATE, render_catalog
from evalkit.cli.main import cli
from evalkit.metric import MetricDefinition
from evalkit.registry import MetricRegistry

COMMITTED = Path(__file__).resolve().parents[1] / "docs" / "metrics.md"


def test_committed_catalog_is_current() -> None:
    result = CliRunner().invoke(cli, ["metrics", "--markdown"])
    assert result.exit_code == 0, result.output
    assert result.output == COMMITTED.read_text(encoding="utf-8"), (
        f"docs/metrics.md is stale: regenerate it with `{REGENERATE}` and commit it"
    )


def test_committed_catalog_lists_every_builtin_metric() -> None:
    text = COMMITTED.read_text(encoding="utf-8")
    assert text.startswith("# Metrics\n")
    assert "50 metrics from 9 plugins" in text
    assert text.count('<a id="') == 50
    assert "### `irr` — Internal rate of return / 内部收益率" in text


def _metric(**changes: object) -> MetricDefinition:
    fields: dict[str, object] = {
        "id": "acme.wait",
        "title": {"en": "Wait", "zh": "等待"},
        "description": "Time | waited.",
        "formula": "mean(wait)",
        "unit": "minutes",
        "direction": "lower",
        "columns": {"tickets": ("created_at", "first_response_at")},
        "computation": None,
        "params_schema": {
            "type": "object",
            "properties": {
                "statistic": {"type": "string", "enum": ["mean", "p90"], "default": "mean"},
                "rate": {"type": "number", "exclusiveMinimum": -1, "description": "per period"},
                "channels": {"type": "array", "items": {"type": "string"}, "default": ["自助"]},
            },
            "required": ["rate"],
        },
        "category": "acme",
        "plugin": "acme",
    }
    fields.update(changes)
    return MetricDefinition(**fields)  # type: ignore[arg-type]


def test_a_metric_section() -> None:
    page = render_catalog(MetricRegistry({"acme.wait": _metric()}))
    section = page[page.index('<a id="acme.wait">') :]
    assert section == (
        '<a id="acme.wait"></a>\n'
        "### `acme.wait` — Wait / 等待\n\n"
        "Time | waited.\n\n"
        "- **Formula:** mean(wait)\n"
        "- **Unit:** minutes; **direction:** lower is better\n"
        "- **Reads:** `tickets` (`created_at`, `first_response_at`)\n"
        "- **Plugin:** `acme`\n"
        "- **Parameters:**\n\n"
        "  | parameter | type | default | description |\n"
        "  |---|---|---|---|\n"
        '  | `statistic` | `mean` \\| `p90` | `"mean"` |  |\n'
        "  | `rate` | number (> -1) | *required* | per period |\n"
        '  | `channels` | list of string | `["自助"]` |  |\n'
    )


def test_categories_in_catalog_order_then_by_name() -> None:
    registry = MetricRegistry(
        {
            "a": _metric(id="a", category="zeta", params_schema={}),
            "b": _metric(id="b", category="cost_control", params_schema={}),
            "c": _metric(id="c", category="service_quality", params_schema={}),
        }
    )
    page = render_catalog(registry)
    headings = [line for line in page.splitlines() if line.startswith("## ")][2:]
    assert headings == ["## Service quality 服务质量", "## Cost control 成本控制", "## zeta"]
    assert "- **Parameters:** none\n" in page
    assert "3 metrics from 1 plugin (`acme`)" in page
