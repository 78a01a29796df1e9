"""The demo's invoicing: invoices in euro and in lira, payments in part and in full, a credit note,
a vendor bill and a realised exchange difference, over the three months before this one.

Called by `addons.accounting.demo.run` once the chart is loaded. The main
company keeps its books in euro (the kernel's default), so invoices in lira
are in a foreign currency: the demo makes sure rates exist (on the 2nd of
the month, beside the rates other demos load on the 1st):

* Anadolu Makine: maintenance in euro with KDV, 30 % now and 70 % in 60
  days, the 30 % paid; spare parts in lira, paid a month later at a weaker
  lira, which realises an exchange loss (656 Kambiyo Zararları);
* Rheinwerk GmbH: a lathe exported in euro (601 Yurtdışı Satışlar, no KDV),
  a credit note for a returned part, the rest paid;
* Ege Tekstil: a vendor bill in euro with deductible KDV, paid;
* a draft invoice for this month.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from core.orm.data import find_external_id
from core.orm.environment import Environment

D = decimal.Decimal
LIRA_RATES = (D("48.00"), D("49.20"))  # a lira weakening against the euro, two months apart


def run(env: Environment, company: Any, month_start: Any) -> None:
    """Post the documents of the module's docstring; ``month_start(n)`` is the first day n months back."""
    eur, lira = env.ref("base.currency_eur"), env.ref("base.currency_try")
    first, second, third = (month_start(months) for months in (-3, -2, -1))
    _ensure_rate(env, eur, first.replace(day=2), D("1"))
    _ensure_rate(env, lira, first.replace(day=2), LIRA_RATES[0])
    _ensure_rate(env, lira, third.replace(day=2), LIRA_RATES[1])
    accounts = {a.code: a.id for a in env["accounting.account"].search([("company", "=", company.id)])}
    Invoice, Payment = env["accounting.invoice"], env["accounting.payment"]
    anadolu, rheinwerk, ege = (_ref(env, f"base.demo_partner_{name}") for name in ("anadolu", "rhein", "ege"))
    kdv20, kdv20_purchase = (
        _ref(env, "commerce.demo_tax_kdv20"),
        _ref(env, "commerce.demo_tax_kdv20_purchase"),
    )
    maintenance = _line(env, "product.demo_product_maintenance", "CNC bakım hizmeti", "1500", 2, kdv20)
    service = Invoice.create(
        {
            "partner": anadolu.id,
            "currency": eur.id,
            "date": first.replace(day=5),
            "payment_term": env.ref("commerce.payment_term_30_now_70_60").id,
            "lines": [maintenance],
        }
    ).action_post()
    Payment.register([service], date=first.replace(day=12), amount=D("1080"))
    parts = _line(env, "product.demo_product_spindle", "Yedek parça", "48000", 1, kdv20)
    spare = Invoice.create(
        {"partner": anadolu.id, "currency": lira.id, "date": second.replace(day=3), "lines": [parts]}
    )
    Payment.register([spare.action_post()], date=third.replace(day=6))
    lathe = {
        **_line(env, "product.demo_product_lathe", "Torna tezgâhı", "18500", 1, None),
        "account": accounts["601"],
    }
    export = Invoice.create(
        {
            "partner": rheinwerk.id,
            "currency": eur.id,
            "date": second.replace(day=10),
            "ref": "PO 4711",
            "lines": [lathe],
        }
    ).action_post()
    returned = export.action_credit_note(second.replace(day=20))
    returned.write(
        {"lines": [{"id": returned.lines[0].id, "description": "Returned chuck", "price_unit": "850"}]}
    )
    returned.action_post()
    Payment.register([export], date=third.replace(day=15))
    cloth = _line(env, None, "Koruyucu örtüler", "2400", 1, kdv20_purchase)
    bill = Invoice.create(
        {
            "kind": "in_invoice",
            "partner": ege.id,
            "currency": eur.id,
            "date": second.replace(day=8),
            "ref": "EGE-2231",
            "lines": [cloth],
        }
    ).action_post()
    Payment.register([bill], date=second.replace(day=25))
    Invoice.create({"partner": anadolu.id, "currency": eur.id, "lines": [maintenance]})


def _ensure_rate(env: Environment, currency: Any, day: dt.date, rate: decimal.Decimal) -> None:
    """Give ``currency`` a rate on ``day`` unless it has one that day."""
    if not env["base.currency_rate"].search_count(
        [("currency", "=", currency.id), ("date", "=", day.isoformat())]
    ):
        env["base.currency_rate"].create({"currency": currency.id, "date": day, "rate": rate})


def _ref(env: Environment, external_id: str) -> Any:
    return find_external_id(env, external_id)


def _line(
    env: Environment, product: str | None, label: str, price: str, quantity: int, tax: Any
) -> dict[str, Any]:
    """An invoice line of the demo product ``product`` (when its demo is loaded) described as ``label``."""
    record = _ref(env, product) if product else None
    return {
        "product": record.id if record is not None else None,
        "description": label,
        "price_unit": price,
        "quantity": quantity,
        "taxes": [tax.id] if tax is not None else [],
    }
