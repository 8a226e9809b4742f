"""The pluggy markers named after the project: ``@evalkit.hookimpl`` in plugins."""

import pluggy

PROJECT = "evalkit"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
