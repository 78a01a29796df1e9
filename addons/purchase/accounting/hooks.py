"""purchase's hooks with accounting installed: the three-way match and the clearing of received goods."""

from __future__ import annotations

from typing import Any

from addons.purchase.accounting import clearing
from addons.purchase.accounting import demo
from addons.purchase.accounting import matching
from core.hookspecs import hookimpl
from core.orm.environment import Environment


@hookimpl
def accounting_invoice_line_items(
    env: Environment, invoice: Any, items: dict[int, list[dict[str, Any]]]
) -> None:
    """Refuse a bill that does not match its order (`addons.purchase.accounting.matching`), then book
    its lines of received goods on the goods received not invoiced (`addons.purchase.accounting.clearing`).

    What both read of the lines, their order lines, bills and receipts loads first, one query per
    relation whatever the number of lines."""
    lines = env["accounting.invoice_line"].browse([line.id for line in invoice.lines])
    lines.prefetch(clearing.PATHS)
    matching.check_match(env, invoice)
    clearing.rebook(env, invoice, items)


@hookimpl(trylast=True)
def addon_installed(env: Environment, addon: str) -> None:
    """The second of purchase and accounting installed with the demo: bill demo orders
    (`addons.purchase.accounting.demo.run`), after their receipts and the chart are made."""
    if addon in ("purchase", "accounting"):
        demo.run(env)
