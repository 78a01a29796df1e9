"""The whole flow through the JSON API, each step by the person who does it, with their own API key.

Procure: a purchaser orders 10 chairs at 60.00, the warehouse receives them,
the bookkeeper bills and pays the vendor. Sell: a salesperson takes a lead,
converts it into an opportunity with a new customer, quotes 6 chairs at
150.00 and confirms the order; the warehouse delivers; the bookkeeper
invoices the order, posts the invoice and registers the customer's payment.
Then the reports, read as JSON, show the revenue, the cost of goods sold and
the cash, to the cent, as worked out by hand below. Runs on SQLite and, with
``TESSERA_TEST_DATABASE_URL``, on PostgreSQL.

By hand (Tek Düzen accounts, KDV 20%):

==============================  =========  =========================================
step                            debit      credit
==============================  =========  =========================================
capital paid in                 102 10000  500 10000
receipt, 10 × 60.00             153 600    329 600
vendor bill                     329 600    320 720
                                191 120
vendor paid                     320 720    102 720
delivery, 6 × 60.00 (cost)      621 360    153 360
invoice, 6 × 150.00             120 1080   600 900, 391 180
customer paid                   102 1080   120 1080
==============================  =========  =========================================

Revenue 900.00, cost of goods sold 360.00, gross profit 540.00; the bank
holds 10,360.00 and the stock 240.00 (4 chairs at 60.00); 329 is back to zero.
"""

from __future__ import annotations

import decimal
from typing import Any

from flow_client import API


def money(value: Any) -> decimal.Decimal:
    return decimal.Decimal(str(value))


def test_lead_to_cash_through_the_api(people: dict[str, Any]) -> None:
    seller, buyer, warehouse, bookkeeper = (
        people["callers"][role] for role in ("seller", "buyer", "warehouse", "bookkeeper")
    )
    taxes, accounts = people["taxes"], people["accounts"]

    # The owner pays in the capital (a manual entry in the miscellaneous journal).
    journal = bookkeeper.search("accounting.journal", [["code", "=", "MAH"]], "id")[0]["id"]
    capital = bookkeeper.post(
        f"{API}/accounting.move",
        {
            "journal": journal,
            "ref": "Capital paid in",
            "lines": [
                {"account": accounts["102"], "debit": "10000.00"},
                {"account": accounts["500"], "credit": "10000.00"},
            ],
        },
    )
    bookkeeper.call("accounting.move", capital["id"], "action_post")

    # Procure: order, receive, bill, pay.
    vendor = buyer.post(f"{API}/base.partner", {"name": "Ergonomi Mobilya Ltd.", "is_company": True})
    chair = buyer.post(
        f"{API}/product.product",
        {"name": "Office chair", "type": "storable", "sale_price": "150.00", "cost": "60.00"},
    )
    purchase = buyer.post(
        f"{API}/purchase.order",
        {
            "partner": vendor["id"],
            "lines": [
                {
                    "product": chair["id"],
                    "quantity": "10",
                    "price_unit": "60.00",
                    "taxes": [taxes["purchase"]],
                }
            ],
        },
    )
    buyer.call("purchase.order", purchase["id"], "action_confirm")
    receipt = warehouse.search("stock.picking", [["purchase_order", "=", purchase["id"]]], "id,state")
    assert [picking["state"] for picking in receipt] == ["ready"]
    warehouse.call("stock.picking", receipt[0]["id"], "action_validate")
    bill = buyer.call("purchase.order", purchase["id"], "action_create_bill")
    bookkeeper.call("accounting.invoice", bill, "action_post")
    vendor_payment = bookkeeper.call("accounting.invoice", bill, "action_register_payment")
    bookkeeper.call("accounting.payment", vendor_payment, "action_post")

    # Sell: lead, opportunity with a new customer, quotation, order.
    lead = seller.post(
        f"{API}/crm.lead",
        {"name": "Chairs for the Konak branch", "contact_name": "Ayşe Demir", "partner_name": "Konak Hukuk"},
    )
    seller.call("crm.lead", lead["id"], "convert_to_opportunity")
    order = seller.call("crm.lead", lead["id"], "action_new_quotation")
    seller.request(
        "PATCH",
        f"{API}/sales.order/{order}",
        {
            "lines": [
                {"product": chair["id"], "quantity": "6", "price_unit": "150.00", "taxes": [taxes["sale"]]}
            ]
        },
    )
    quotation = seller.get(f"{API}/sales.order/{order}", fields="amount_untaxed,amount_tax,amount_total")
    assert [money(quotation[name]) for name in ("amount_untaxed", "amount_tax", "amount_total")] == [
        decimal.Decimal("900.00"),
        decimal.Decimal("180.00"),
        decimal.Decimal("1080.00"),
    ]
    seller.call("sales.order", order, "action_confirm")

    # Deliver.
    delivery = warehouse.search("stock.picking", [["sale_order", "=", order]], "id,state")
    assert [picking["state"] for picking in delivery] == ["ready"]
    warehouse.call("stock.picking", delivery[0]["id"], "action_validate")

    # Invoice and get paid.
    invoice = bookkeeper.call("sales.order", order, "action_create_invoice")
    bookkeeper.call("accounting.invoice", invoice, "action_post")
    payment = bookkeeper.call("accounting.invoice", invoice, "action_register_payment")
    bookkeeper.call("accounting.payment", payment, "action_post")
    paid = bookkeeper.get(f"{API}/accounting.invoice/{invoice}", fields="name,amount_total,payment_state")
    assert (money(paid["amount_total"]), paid["payment_state"]) == (decimal.Decimal("1080.00"), "paid")
    status = seller.get(f"{API}/sales.order/{order}", fields="invoice_status,delivery_status")
    assert (status["invoice_status"], status["delivery_status"]) == ("invoiced", "full")

    # The reports read the same rows.
    pnl = {row["cells"][1]: row["cells"][2] for row in bookkeeper.report("profit_loss")["rows"]}
    assert pnl["Total income"] == "900.00"
    assert pnl["Gross profit"] == "540.00" and pnl["Net result"] == "540.00"
    closing = {
        row["cells"][0]: row["cells"][-1]
        for row in bookkeeper.report("trial_balance")["rows"]
        if row["kind"] == "account"
    }
    assert closing["600"] == "-900.00" and closing["621"] == "360.00"
    assert closing["102"] == "10360.00" and closing["153"] == "240.00"
    assert closing.get("329", "0.00") == "0.00" and closing.get("120", "0.00") == "0.00"
    assert closing["391"] == "-180.00" and closing["191"] == "120.00"
    sheet = {row["cells"][1]: row["cells"][2] for row in bookkeeper.report("balance_sheet")["rows"]}
    assert sheet["Total assets"] == "10720.00"  # bank 10,360 + stock 240 + deductible KDV 120
    assert sheet["Result of the current year"] == "540.00"
