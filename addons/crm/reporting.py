"""Campaign and source figures: how many leads a campaign brought, how many were qualified and won.

One `read_group` (one SQL query, run as the user, so access rules apply)
grouped by the key, the type and the state; the rows are added up here::

    reporting.campaign_stats(env, [("created_at", ">=", "2026-01-01")], by="source")
    # [{"source": {"id": 1, "display_name": "Website"}, "leads": 40, "opportunities": 18,
    #   "won": 6, "won_revenue": Decimal("58200.00"), "conversion_rate": 15.0}, ...]

Every lead counts once as a lead, also after conversion; ``opportunities``
counts those converted (open, won or lost), ``won`` those won and
``won_revenue`` their expected revenue in the company currency. The
conversion rate is won ÷ leads in percent, to one decimal. Lost leads are
archived but counted; leads archived by a merge are not.
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from typing import Any

from core.errors import ValidationError
from core.i18n import _
from core.orm.environment import Environment

KEYS = ("campaign", "source", "medium", "team", "user")
COUNTED = ["|", ("active", "=", True), ("state", "=", "lost")]


def campaign_stats(
    env: Environment, domain: Sequence[Any] = (), by: str = "campaign"
) -> list[dict[str, Any]]:
    """One row per value of ``by`` (``campaign``, ``source``, ``medium``, ``team`` or ``user``)
    among the leads matching ``domain``, in the order of the values.

    Raises:
        ValidationError: ``by`` is not one of those fields.
        DomainError: ``domain`` is malformed.
    """
    if by not in KEYS:
        raise ValidationError(fields={"by": _("Choose one of: %(keys)s.", keys=", ".join(KEYS))})
    groups = env["crm.lead"].read_group(
        [*COUNTED, *domain], [by, "type", "state"], ["id:count", "expected_revenue_company:sum"]
    )
    rows: dict[Any, dict[str, Any]] = {}
    for group in groups:
        value = group[by]
        key = value["id"] if isinstance(value, dict) else value
        row = rows.setdefault(
            key, {by: value, "leads": 0, "opportunities": 0, "won": 0, "won_revenue": decimal.Decimal(0)}
        )
        count = group["__count"]
        row["leads"] += count
        if group["type"] == "opportunity":
            row["opportunities"] += count
        if group["state"] == "won":
            row["won"] += count
            row["won_revenue"] += group["expected_revenue_company:sum"] or decimal.Decimal(0)
    for row in rows.values():
        row["conversion_rate"] = round(100 * row["won"] / row["leads"], 1) if row["leads"] else 0.0
    return list(rows.values())
