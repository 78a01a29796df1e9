"""The ``server.py`` command line: ``main(argv) -> exit code``.

::

    python server.py init --demo
    python server.py serve
"""

from core.cli.main import main as main

__all__ = ["main"]
