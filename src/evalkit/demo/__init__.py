"""The demo: a fictional manufacturer's service data, a commented spec, and ``evalkit demo``."""

from evalkit.demo.generate import DemoData, generate_demo

__all__ = ["DemoData", "generate_demo"]
