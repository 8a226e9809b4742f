"""evalkit: evaluate a customer-service / CRM system after go-live from one YAML spec.

Plugins mark their hook implementations with ``@evalkit.hookimpl``.
"""

from importlib.metadata import PackageNotFoundError, version

from evalkit.plugin.markers import hookimpl

try:
    __version__ = version("evalkit")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["__version__", "hookimpl"]
