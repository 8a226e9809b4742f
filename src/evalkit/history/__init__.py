"""The history of results: every run kept, never overwritten, with what changed between runs."""
