"""Fixtures for the compute tests (the PostgreSQL server lives in tests/conftest.py)."""
