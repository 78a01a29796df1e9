"""The demo's bank: a statement from the bank's CSV file, partly reconciled, and the follow-ups it leaves.

Called by `addons.accounting.demo.run` after the invoices
(`addons.accounting.demo_invoices`). Three more invoices in euro: Anadolu
Makine's maintenance of last month (1,800.00, paid through the statement),
a lathe chuck for Rheinwerk two months ago (2,400.00, still open) and
Anadolu's cutting oil of last month (480.00, open). The statement of the
last days, written as a Turkish bank does (``01.03.2026;...;1.800,00``), is
imported into the bank journal: the payment naming the maintenance invoice
is accepted, the bank fee booked to 780 Finansman Giderleri, and the 480.00
from "ANADOLU MAKINE" and an interest credit are left to match, with their
suggestions. The follow-up job then runs for today, so the overdue invoices
have their reminders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from addons.accounting.bank_import import import_csv
from addons.accounting.demo_invoices import _line
from addons.accounting.followups import create_followups
from core.orm.data import find_external_id
from core.orm.environment import Environment


def run(env: Environment, company: Any, month_start: Callable[[int], dt.date]) -> None:
    """Post the invoices, import and reconcile the statement, remind the late payers (module docstring)."""
    eur = env.ref("base.currency_eur")
    anadolu = find_external_id(env, "base.demo_partner_anadolu")
    rheinwerk = find_external_id(env, "base.demo_partner_rhein")
    kdv20 = find_external_id(env, "commerce.demo_tax_kdv20")
    last, before = month_start(-1), month_start(-2)

    def invoice(partner: Any, day: dt.date, line: dict[str, Any]) -> Any:
        values = {"partner": partner.id, "currency": eur.id, "date": day, "lines": [line]}
        return env["accounting.invoice"].create(values).action_post()

    maintenance = invoice(
        anadolu,
        last.replace(day=4),
        _line(env, "product.demo_product_maintenance", "CNC bakımı", "1500", 1, kdv20),
    )
    invoice(rheinwerk, before.replace(day=12), _line(env, None, "Lathe chuck", "2400", 1, None))
    invoice(anadolu, last.replace(day=2), _line(env, None, "Kesme yağı", "400", 1, kdv20))
    today = env.today()
    day = [(today - dt.timedelta(days=days)).strftime("%d.%m.%Y") for days in (4, 3, 2, 1)]
    csv = (
        "Tarih;Açıklama;Karşı Taraf;Dekont No;Tutar;Bakiye\n"
        f"{day[0]};Havale {maintenance.name};Anadolu Makine A.S.;DK-5501;1.800,00;98.800,00\n"
        f"{day[1]};EFT masrafı;;DK-5502;-12,50;98.787,50\n"
        f"{day[2]};Havale;ANADOLU MAKINE;DK-5503;480,00;99.267,50\n"
        f"{day[3]};Mevduat faizi;;DK-5504;3,20;99.270,70\n"
    )
    bank = env["accounting.journal"].search([("company", "=", company.id), ("code", "=", "BNK")])[0]
    statement = import_csv(env, bank, csv.encode(), reference="Garanti BBVA").statement
    paid, fee = statement.lines[0], statement.lines[1]
    paid.action_accept([maintenance.id])
    fee.action_book(
        env["accounting.account"].search([("company", "=", company.id), ("code", "=", "780")])[0].id
    )
    create_followups(env, today)
