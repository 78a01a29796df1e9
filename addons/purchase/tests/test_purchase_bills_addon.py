"""purchase with accounting: the bill screens, the demo bills its orders, uninstalling keeps the bills."""

import decimal

import pytest
from sqlalchemy import inspect

from addons.accounting.charts import load_chart
from core.loader.lifecycle import install
from core.loader.lifecycle import uninstall

D = decimal.Decimal


@pytest.mark.addons("purchase", "accounting")
def test_the_bill_screens_resolve(db):
    views = db.registry.ui.views
    form = views["purchase.order.form"]
    assert "action_create_bill" in [getattr(button, "method", None) for button in form.buttons]
    assert "bills" in [page.name for page in form.pages]
    assert {"to_bill", "billed"} <= {f.name for f in views["purchase.order.search"].filters}
    assert "bill_status" in [column.name for column in views["purchase.order.list"].columns]


def test_the_demo_bills_three_orders(empty_db):
    install(empty_db, ["purchase", "accounting"], demo=True)
    with empty_db.transaction() as env:
        bills = env["accounting.invoice"].search(
            [("kind", "=", "in_invoice"), ("purchase_order", "is set", 0)]
        )
        assert sorted(bill.purchase_order.name for bill in bills) == sorted(
            env.ref(f"purchase.{name}").name for name in ("demo_order_06", "demo_order_07", "demo_order_09")
        )
        assert {bill.state for bill in bills} == {"posted"}
        statuses = {env.ref(f"purchase.{n}").bill_status for n in ("demo_order_06", "demo_order_07")}
        assert statuses == {"nothing", "billed"}  # 06 waits for its last spindles
        surcharged = env.ref("purchase.demo_order_09").bills[0]
        codes = {line.account.code for line in surcharged.move.lines}
        assert "329" in codes and "153" in codes  # the 4 % surcharge revalues the sensors on hand
        receipt_value = sum(move.value for move in env.ref("purchase.demo_order_09").lines[0].moves)
        cleared = sum(line.debit for line in surcharged.move.lines if line.account.code == "329")
        assert cleared == receipt_value and surcharged.amount_untaxed > receipt_value


def test_uninstalling_purchase_keeps_the_bills_without_their_order_lines(empty_db):
    install(empty_db, ["purchase", "accounting"])
    with empty_db.transaction() as env:
        load_chart(env, env.ref("base.main_company"), "generic")
        vendor = env["base.partner"].create({"name": "Marmara Döküm A.Ş.", "is_company": True})
        audit = env["product.product"].create({"name": "Audit", "type": "service"})
        order = env["purchase.order"].create(
            {"partner": vendor.id, "lines": [{"product": audit.id, "quantity": "1", "price_unit": "300"}]}
        )
        bill_id = order.action_confirm().action_create_bill().id
    uninstall(empty_db, ["purchase"])
    columns = {column["name"] for column in inspect(empty_db.engine).get_columns("accounting_invoice_line")}
    assert "purchase_line_id" not in columns
    with empty_db.transaction() as env:
        assert env["accounting.invoice"].get(bill_id).amount_untaxed == D("300.00")
