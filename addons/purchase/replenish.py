"""Replenishment by purchase: stock's needs become requests for quotation, one per vendor and warehouse.

Stock's reorder job hands over what is missing (``stock_replenish``, see
`addons.stock.replenish`). `order_needs` chooses each product's vendor by
its vendor prices for the quantity, today (`VendorPrice.choose`), then, per
vendor and warehouse, adds to that vendor's draft request for quotation for
the warehouse (the oldest, when there are several), or creates one in the
chosen price's currency. A product already on the request gets its line's
quantity increased (its price stays as the buyer may have negotiated it);
another gets a new line priced from the vendor. Needs of products without a
vendor price are skipped, and logged as a warning in the job's log.

Sent requests are not changed (the vendor has them), but their quantities
count: `planned_incoming` answers ``stock_planned_incoming`` with the
quantities of draft and sent requests for the warehouse, which stock adds to
its forecast, so the next run does not order the same goods again. Once
confirmed, they are stock moves that stock counts itself.
"""

from __future__ import annotations

import decimal
import logging
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import func
from sqlalchemy import select

from core.orm.environment import Environment
from core.orm.records import RecordSet

if TYPE_CHECKING:
    from addons.stock.replenish import Need

logger = logging.getLogger(__name__)
RFQ_STATES = ("draft", "sent")


def order_needs(env: Environment, needs: Sequence[Need]) -> RecordSet[Any]:
    """Turn ``needs`` into lines of draft requests for quotation; returns the requests changed or made."""
    today = env.today()
    Price = env.registry["purchase.vendor_price"]
    groups: dict[tuple[Any, Any], list[tuple[Need, Any]]] = defaultdict(list)
    by_company: dict[Any, list[Need]] = defaultdict(list)
    for need in needs:
        by_company[need.warehouse.company].append(need)
    for company, company_needs in by_company.items():
        items = [(need.product, need.quantity) for need in company_needs]
        prices = Price.choose_many(env, items, today, company=company)  # type: ignore[attr-defined]
        for need, price in zip(company_needs, prices, strict=True):
            if price is None:
                logger.warning(
                    "purchase: no vendor price for %s (%s in %s); not ordered",
                    need.product.display_name,
                    need.quantity,
                    need.warehouse.name,
                )
                continue
            groups[(price.partner, need.warehouse)].append((need, price))
    if not groups:
        return RecordSet(env, env.registry["purchase.order"], [])
    Order = env["purchase.order"]
    existing: dict[tuple[int, int], Any] = {}
    drafts = Order.search(
        [
            ("state", "=", "draft"),
            ("partner", "in", sorted({vendor.id for vendor, _warehouse in groups})),
            ("warehouse", "in", sorted({warehouse.id for _vendor, warehouse in groups})),
        ],
        order="date_order, id",
    )
    drafts.prefetch(["lines"])
    for draft in drafts:
        existing.setdefault((draft.partner_id, draft.warehouse_id), draft)
    touched = []
    for (vendor, warehouse), wanted in groups.items():
        order = existing.get((vendor.id, warehouse.id))
        if order is None:
            order = Order.create(
                {
                    "partner": vendor.id,
                    "warehouse": warehouse.id,
                    "company": warehouse.company.id,
                    "currency": wanted[0][1].currency.id,
                    "lines": _new_lines(wanted),
                }
            )
        else:
            _add_to(order, wanted)
        touched.append(order)
    env.flush()
    return RecordSet(env, env.registry["purchase.order"], touched)


def _new_lines(wanted: Iterable[tuple[Need, Any]]) -> list[dict[str, Any]]:
    """Line values for the needs, one line per product."""
    quantities: dict[Any, decimal.Decimal] = defaultdict(decimal.Decimal)
    for need, _price in wanted:
        quantities[need.product] += need.quantity
    return [{"product": product.id, "quantity": quantity} for product, quantity in quantities.items()]


def _add_to(order: Any, wanted: Sequence[tuple[Need, Any]]) -> None:
    """Add the needs to a draft request: more of a product already on it, else new lines."""
    lines: dict[int, Any] = {}
    for line in order.lines:
        if line.product_id is not None:
            lines.setdefault(line.product_id, line)
    fresh = []
    for values in _new_lines(wanted):
        line = lines.get(values["product"])
        if line is not None:
            line.write({"quantity": line.quantity + values["quantity"]})
        else:
            fresh.append({**values, "order": order.id})
    if fresh:
        order.env["purchase.order_line"].create(fresh)


def planned_incoming(
    env: Environment, warehouse: Any, product_ids: Sequence[int]
) -> dict[int, decimal.Decimal]:
    """Per product id, the quantity on draft and sent requests for quotation for ``warehouse`` (one query)."""
    Line = env.registry["purchase.order_line"]
    domain = [
        ("order.state", "in", list(RFQ_STATES)),
        ("order.warehouse", "=", warehouse.id),
        ("product", "in", list(product_ids)),
    ]
    stmt = (
        select(Line.product_id, func.sum(Line.quantity))  # type: ignore[attr-defined]
        .where(Line.where(env, domain))
        .group_by(Line.product_id)  # type: ignore[attr-defined]
    )
    return {product_id: decimal.Decimal(str(total)) for product_id, total in env.session.execute(stmt)}
