"""The plugin system: the only package that imports pluggy."""

from evalkit.plugin.markers import hookimpl, hookspec

__all__ = ["hookimpl", "hookspec"]
