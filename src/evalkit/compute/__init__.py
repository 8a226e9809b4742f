"""Compute engine: builds and runs the fused metric queries (the only user of DuckDB/Ibis)."""
