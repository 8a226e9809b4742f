"""The Result: everything a report shows, serialisable to ``result.json``."""
