"""The demo: a fictional manufacturer's service data, a commented spec, and ``evalkit demo``.

``evalkit.demo.generate.generate_demo`` writes the data and the spec; ``evalkit.demo.cli`` is the
command. Nothing is imported here, so the CLI starts without pandas or numpy.
"""
