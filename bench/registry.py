"""How long building a registry takes with every addon in the repository (goal: under 0.3 s).

Addon modules are imported once per process; the figure that matters for a
worker serving a second database is the build itself, so both are reported::

    python bench/registry.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.database import build_registry  # noqa: E402
from core.loader.discovery import discover  # noqa: E402


def main() -> None:
    available = discover()
    names = sorted(available)
    start = time.perf_counter()
    registry = build_registry(names, available)
    first = time.perf_counter() - start
    builds = []
    for _ in range(5):
        start = time.perf_counter()
        build_registry(names, available)
        builds.append(time.perf_counter() - start)
    print(
        json.dumps(
            {
                "benchmark": "registry",
                "addons": names,
                "models": len(registry.models),
                "seconds": {
                    "first_build_with_imports": round(first, 4),
                    "build_median": round(statistics.median(builds), 4),
                },
                "goal_seconds": 0.3,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
