"""Data layer: sources, column mapping, periods, segments and the data-quality ledger."""

from evalkit.data.credentials import redact
from evalkit.data.requirements import check_requirements
from evalkit.data.schema import DATA_SCHEMA
from evalkit.data.spec import DataSpec, SourceSpec, parse_data_section

__all__ = [
    "DATA_SCHEMA",
    "DataSpec",
    "SourceSpec",
    "check_requirements",
    "parse_data_section",
    "redact",
]
