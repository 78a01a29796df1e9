"""The demo's sales invoicing: some demo orders invoiced, one with a down payment, one partly paid.

Filled in below.
"""

from __future__ import annotations

from core.orm.environment import Environment


def run(env: Environment) -> None:
    """Invoice the demo orders once; does nothing without both addons' demo data."""
