"""Tessera's command line: `python server.py --help` lists the commands.

python server.py serve          # a fresh clone: installs the enabled addons, then serves
"""

from core.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
