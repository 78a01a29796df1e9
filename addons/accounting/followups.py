"""The daily follow-up job: a reminder for each customer whose overdue invoices reached a new level.

For every company, a customer (a company partner with its contacts' items)
is overdue on a day when some of their posted receivable items are open and
due before it; what they owe is those items less their open credits
(unmatched payments and credit notes). The level reached is the last of the
company's levels (`addons.accounting.models.followup_level`) whose days the
oldest overdue item is late by. A reminder (``accounting.followup``) is made
at that level unless every overdue item was already in a reminder at that
level or a later one: running the job twice makes nothing new, a new
overdue invoice makes a new reminder. Each reminder adds a note to the
partner's history, and the batch is passed to the
``accounting_followups_created`` hook (with crm installed, it plans an
activity per reminder: `addons.accounting.crm.activities`).

Three reads (the open items, the levels, the earlier reminders) and a batch
of inserts, whatever the number of partners::

    create_followups(env, dt.date(2026, 3, 31))   # the reminders made

The letter (``/accounting/followup/<id>/print``) is printed in the partner's
language, with the level's text (translated while it is the shipped one) and
the overdue invoices. Email delivery is not there yet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import re
from typing import Any

from sqlalchemy import func
from sqlalchemy import select
from werkzeug.routing import Rule
from werkzeug.wrappers import Response

from addons.accounting.account_types import types_where
from addons.commerce.printing import readable
from core.i18n import Translator
from core.i18n import _
from core.i18n import translator
from core.i18n import using
from core.jobs import Job
from core.orm import history
from core.orm.environment import Environment
from core.web import Request

ZERO = decimal.Decimal(0)
PLACEHOLDER = re.compile(r"\{(partner|company|amount|days|date)\}")
TEMPLATE = "accounting/followup_print.html"


@dataclasses.dataclass
class _Overdue:
    """What one partner of one company owes, while the job reads the items."""

    items: list[int] = dataclasses.field(default_factory=list)
    amount: decimal.Decimal = ZERO
    oldest: dt.date | None = None


def job() -> Job:
    """The daily job, for the ``register_jobs`` hook."""
    return Job("accounting.followups", dt.timedelta(days=1), lambda env: create_followups(env, env.today()))


def create_followups(env: Environment, day: dt.date) -> list[Any]:
    """Make the reminders due on ``day`` (see the module); returns them."""
    overdue = _overdue(env, day)
    if not overdue:
        return []
    levels = _levels(env, {company for company, _partner in overdue})
    reminded = _reminded(env, {partner for _company, partner in overdue})
    values = []
    for (company, partner), owed in sorted(overdue.items()):
        late = (day - owed.oldest).days if owed.oldest is not None else 0
        reached = [level for level in levels.get(company, []) if level[1] <= late]
        if owed.amount <= 0 or not reached:
            continue
        level_id, days = reached[-1]
        done = reminded.get((company, partner), {})
        if all(done.get(item, 0) >= days for item in owed.items):
            continue
        values.append(
            {
                "partner": partner,
                "company": company,
                "level": level_id,
                "date": day,
                "amount": owed.amount,
                "items": owed.items,
            }
        )
    if not values:
        return []
    # Held while creating: the session keeps loaded records only while they are referenced, and
    # creating would otherwise load the partners, levels and items one by one.
    held = (
        env["accounting.move_line"].search(
            [("id", "in", [item for vals in values for item in vals["items"]])]
        ),
        env["base.partner"].search(
            [("id", "in", [vals["partner"] for vals in values]), ("active", "in", [True, False])]
        ),
        env["accounting.followup_level"].search([("id", "in", [vals["level"] for vals in values])]),
    )
    created = env["accounting.followup"].create(values)
    followups = list(created)
    del held
    history.store(
        env,
        [
            history.Entry(
                followup.partner,
                "note",
                body=_(
                    "Follow-up %(level)s: %(amount)s overdue.",
                    level=followup.level.name,
                    amount=amount_text(followup),
                ),
            )
            for followup in followups
        ],
    )
    env.hook.accounting_followups_created(env=env, followups=created)
    return followups


def amount_text(followup: Any) -> str:
    """What ``followup`` found overdue, rounded, with the currency code: "1700.00 TRY"."""
    return f"{followup.currency.round(followup.amount)} {followup.currency.code}"


def _overdue(env: Environment, day: dt.date) -> dict[tuple[int, int], _Overdue]:
    """Per (company, customer), the items overdue on ``day`` and what is owed: one query."""
    Line, Account = env.registry["accounting.move_line"], env.registry["accounting.account"]
    Partner = env.registry["base.partner"]
    owner = func.coalesce(Partner.parent_id, Line.partner_id)
    due = func.coalesce(Line.date_maturity, Line.date)
    stmt = (
        select(Line.id, Line.company_id, owner, due, Line.amount_residual)
        .join(Account, Account.id == Line.account_id)
        .join(Partner, Partner.id == Line.partner_id)
        .where(
            Account.type.in_(types_where(role="receivable")),
            Line.parent_state == "posted",
            Line.reconciled.is_(False),
            Line.amount_residual != 0,
        )
        .order_by(Line.id)
    )
    rule = None if env.su else env.access.condition(Line, "read")
    if rule is not None:
        stmt = stmt.where(rule)
    found: dict[tuple[int, int], _Overdue] = {}
    for line_id, company, partner, due_on, residual in env.session.execute(stmt):
        owed = found.setdefault((company, partner), _Overdue())
        amount = decimal.Decimal(str(residual))
        if amount < 0:
            owed.amount += amount
        elif due_on < day:
            owed.amount += amount
            owed.items.append(line_id)
            owed.oldest = min(owed.oldest or due_on, due_on)
    return {key: owed for key, owed in found.items() if owed.items}


def _levels(env: Environment, companies: set[int]) -> dict[int, list[tuple[int, int]]]:
    """Per company, its levels as (id, days), by days: one query."""
    Level = env.registry["accounting.followup_level"]
    stmt = select(Level.id, Level.company_id, Level.days).where(Level.company_id.in_(companies))
    levels: dict[int, list[tuple[int, int]]] = {}
    for level_id, company, days in env.session.execute(stmt.order_by(Level.days, Level.id)):
        levels.setdefault(company, []).append((level_id, days))
    return levels


def _reminded(env: Environment, partners: set[int]) -> dict[tuple[int, int], dict[int, int]]:
    """Per (company, partner), each item reminded before and the latest level's days: one query."""
    Followup, Level = env.registry["accounting.followup"], env.registry["accounting.followup_level"]
    relation = Followup._fields["items"].relation_table(env.registry)
    stmt = (
        select(Followup.company_id, Followup.partner_id, relation.c.line_id, func.max(Level.days))
        .join(relation, relation.c.followup_id == Followup.id)
        .join(Level, Level.id == Followup.level_id)
        .where(Followup.partner_id.in_(partners))
        .group_by(Followup.company_id, Followup.partner_id, relation.c.line_id)
    )
    reminded: dict[tuple[int, int], dict[int, int]] = {}
    for company, partner, line, days in env.session.execute(stmt):
        reminded.setdefault((company, partner), {})[line] = days
    return reminded


# -- the letter ----------------------------------------------------------------------------------


def letter(followup: Any, fmt: Translator) -> str:
    """The level's text in ``fmt``'s language (the shipped texts are translated), placeholders filled."""
    currency = followup.currency
    days = (followup.date - min(item.date_maturity or item.date for item in followup.items)).days
    values = {
        "partner": followup.partner.display_name,
        "company": followup.company.name,
        "amount": fmt.money(followup.amount, currency.code, currency.decimal_places),
        "days": fmt.number(days),
        "date": fmt.date(followup.date),
    }
    text = fmt.gettext(followup.level.text) if followup.level.text else ""
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def print_rule() -> Rule:
    """``GET /accounting/followup/<id>/print``: the letter, for the ``register_routes`` hook."""
    return Rule("/accounting/followup/<int:record_id>/print", endpoint=print_letter, methods=["GET"])


def print_letter(request: Request, record_id: int, **values: Any) -> Response:
    """The reminder as a printable letter in the partner's language (else the user's), with the overdue
    invoices; a reminder the user may not read answers 404."""
    followup = readable(request.env["accounting.followup"], record_id)
    lang = followup.partner.lang or (request.user.lang if request.user else None)
    request.translator = fmt = translator(request.env.registry, lang)
    items = sorted(followup.items, key=lambda item: (item.date_maturity or item.date, item.id))
    currency = followup.currency
    with using(fmt):
        return request.app.render(
            request,
            TEMPLATE,
            followup=followup,
            level_name=fmt.gettext(followup.level.name),
            text=letter(followup, fmt),
            items=items,
            partner=followup.partner,
            company=followup.company,
            currency=currency.code,
            places=currency.decimal_places,
        )
