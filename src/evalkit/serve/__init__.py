"""``evalkit serve``: a read-only local dashboard over history folders, and its static export."""
