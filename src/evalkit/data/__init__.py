"""Data layer: sources, column mapping, periods, segments and the data-quality ledger."""
