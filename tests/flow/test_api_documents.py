"""Integrations create documents over the API with what a person would type; the models fill the rest.

An order's currency and tax rounding come from its company, an invoice's
journal from its kind, a transfer's locations from its warehouse
(`core.orm.fields.SET_ON_CREATE`); leaving them out is not a 400.
"""

from __future__ import annotations

from typing import Any

from flow_client import API


def test_orders_invoices_payments_and_transfers_need_only_what_a_person_types(people: dict[str, Any]) -> None:
    seller, buyer, warehouse, bookkeeper = (
        people["callers"][role] for role in ("seller", "buyer", "warehouse", "bookkeeper")
    )
    [company] = bookkeeper.search("base.company", [], "currency")
    currency = company["currency"]["id"]
    customer = seller.post(f"{API}/base.partner", {"name": "Ege Tekstil"})["id"]
    order = seller.post(f"{API}/sales.order", {"partner": customer})
    assert order["currency"]["id"] == currency and order["tax_rounding"] == "per_line"

    vendor = buyer.post(f"{API}/base.partner", {"name": "Marmara Kumaş"})["id"]
    purchase = buyer.post(f"{API}/purchase.order", {"partner": vendor})
    assert purchase["currency"]["id"] == currency

    invoice = bookkeeper.post(
        f"{API}/accounting.invoice",
        {"partner": customer, "lines": [{"description": "Consulting", "quantity": "2", "price_unit": "500"}]},
    )
    assert invoice["journal"]["display_name"] == "Satış Faturaları" and invoice["amount_total"] == "1000.00"
    bookkeeper.call("accounting.invoice", invoice["id"], "action_post")
    payment = bookkeeper.post(
        f"{API}/accounting.payment", {"partner": customer, "amount": "400.00", "invoices": [invoice["id"]]}
    )
    assert payment["currency"]["id"] == currency

    [main] = warehouse.search("stock.warehouse", [], "lot_stock")
    transfer = warehouse.post(f"{API}/stock.picking", {"kind": "internal"})
    assert transfer["location"]["id"] == transfer["location_dest"]["id"] == main["lot_stock"]["id"]
