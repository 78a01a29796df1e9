"""Numbers, money and times as the user writes them: a Turkish editor in Istanbul."""

import datetime as dt
from decimal import Decimal


def test_a_turkish_user_types_an_amount_the_turkish_way(login, make_deal, form_db):
    with form_db.transaction() as env:
        lira = env["base.currency"].search([("code", "=", "TRY")])[0].id
    deal_id = make_deal(name="Lira deal", currency=lira)
    client = login("editor")
    data = client.get(f"/web/ui_forms.deal/{deal_id}").form()
    data["amount"] = "1.234,50"
    data["discount"] = "12,5"

    assert client.post(f"/web/ui_forms.deal/{deal_id}", data).status == 303

    with form_db.transaction() as env:
        deal = env["ui_forms.deal"].get(deal_id)
        assert (deal.amount, deal.discount) == (Decimal("1234.50"), Decimal("12.50"))
    page = client.get(f"/web/ui_forms.deal/{deal_id}")
    assert (page.form()["amount"], page.form()["discount"]) == ("1.234,50", "12,50")
    assert '<span class="currency-symbol">₺</span>' in page.text


def test_a_number_the_language_cannot_read_is_refused_beside_its_field(login, make_deal, read_deal):
    deal_id = make_deal(name="Bad number")
    client = login("admin")
    data = client.get(f"/web/ui_forms.deal/{deal_id}").form()
    data["probability"] = "12.5"
    data["amount"] = "lots"

    response = client.post(f"/web/ui_forms.deal/{deal_id}", data)

    assert response.status == 400
    assert response.error_of("probability") == "Enter a whole number."
    assert response.error_of("amount") == "lots is not a number."
    assert read_deal(deal_id, "probability")["probability"] == 10


def test_a_datetime_typed_in_istanbul_is_stored_as_the_utc_instant(login, make_deal, form_db):
    deal_id = make_deal(name="Meeting")
    client = login("editor")
    data = client.get(f"/web/ui_forms.deal/{deal_id}").form()
    data["meeting_at"] = "2024-05-01T12:00"
    data["date_close"] = "2024-06-30"

    assert client.post(f"/web/ui_forms.deal/{deal_id}", data).status == 303

    with form_db.transaction() as env:
        deal = env["ui_forms.deal"].get(deal_id)
        assert deal.meeting_at == dt.datetime(2024, 5, 1, 9, 0, tzinfo=dt.UTC)
        assert deal.date_close == dt.date(2024, 6, 30)
    shown = client.get(f"/web/ui_forms.deal/{deal_id}").form()
    assert (shown["meeting_at"], shown["date_close"]) == ("2024-05-01T12:00", "2024-06-30")
    assert login("admin").get(f"/web/ui_forms.deal/{deal_id}").form()["meeting_at"] == "2024-05-01T09:00"


def test_selections_show_their_translated_labels(login, make_deal):
    deal_id = make_deal(name="Priority")
    page = login("admin").get(f"/web/ui_forms.deal/{deal_id}")
    assert '<option value="1">High</option>' in page.text
    assert '<option value="0" selected>Normal</option>' in page.text
