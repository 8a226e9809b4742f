"""``python -m evalkit``: the same as the ``evalkit`` command."""

from evalkit.cli.main import main

main()
