"""Lists: paging, sorting, groups with counts and sums, totals, archived records, batch actions."""

import datetime as dt
from decimal import Decimal

import pytest

from core.i18n import Translator

DEALS = "/web/ui_showcase.deal"


def test_a_long_list_is_paged_by_the_views_limit(ui_login, make_deals, token):
    make_deals(token, [{} for _ in range(95)])
    client = ui_login("user")
    first = client.page(DEALS, q=token)
    assert first.text(".pager-range") == "1–80 of 95"
    assert len(first.rows()) == 80
    assert first.column("Name")[:2] == [f"{token} 001", f"{token} 002"]
    second = client.page(DEALS, q=token, page=2)
    assert second.text(".pager-range") == "81–95 of 95"
    assert second.column("Name") == [f"{token} {n:03d}" for n in range(81, 96)]
    assert second.all("a[rel]")[0].attrs["href"].endswith(f"q={token}&filter=&groupby=")  # back to page 1
    beyond = client.page(DEALS, q=token, page=7)
    assert beyond.text(".pager-range") == "81–95 of 95"


def test_clicking_a_column_header_sorts_by_it_and_again_reverses(ui_login, make_deals, token):
    make_deals(token, [{"amount": "30"}, {"amount": "10"}, {"amount": "20"}])
    client = ui_login("user")
    page = client.page(DEALS, q=token)
    header = next(link for link in page.all("a.sort") if link.text() == "Amount")
    ascending = client.page(header.attrs["href"])
    assert ascending.column("Amount") == ["€10.00", "€20.00", "€30.00"]
    assert ascending.one("th[aria-sort]").attrs["aria-sort"] == "ascending"
    again = next(link for link in ascending.all("a.sort") if link.text().startswith("Amount"))
    assert "order=-amount" in again.attrs["href"]
    assert client.page(DEALS, q=token, order="-amount").column("Amount") == ["€30.00", "€20.00", "€10.00"]


def test_a_many2one_column_sorts_by_the_name_of_the_record_it_shows(ui_db, ui_login, make_deals, token):
    with ui_db.transaction() as env:
        ids = {name: env["base.partner"].create({"name": name}).id for name in ("Zeynep", "Adam", "Mehmet")}
    # Created in an order where sorting by id would differ from sorting by name.
    make_deals(token, [{"partner": ids["Zeynep"]}, {"partner": ids["Mehmet"]}, {"partner": ids["Adam"]}, {}])
    client = ui_login("user")
    page = client.page(DEALS, q=token, order="partner")
    assert page.column("Customer") == ["Adam", "Mehmet", "Zeynep", ""]
    assert client.page(DEALS, q=token, order="-partner").column("Customer") == [
        "",
        "Zeynep",
        "Mehmet",
        "Adam",
    ]


@pytest.mark.parametrize("order", ["tags", "confidential", "-partner.name", "nope", "amount desc"])
def test_sorting_by_what_is_not_a_sortable_column_is_a_400(ui_login, order):
    response = ui_login("user").get(DEALS, order=order)
    assert response.status_code == 400
    assert "cannot be sorted" in response.get_data(as_text=True)


def test_a_grouped_list_shows_each_groups_count_and_sums(ui_login, make_deals, token, stages):
    make_deals(
        token,
        [
            {"stage": stages["Qualified"], "amount": "7", "quantity": 1},
            {"stage": stages["New"], "amount": "100", "quantity": 2},
            {"stage": stages["New"], "amount": "50.5", "quantity": 3},
            {"amount": "3", "quantity": 4},
        ],
    )
    page = ui_login("user").page(DEALS, q=token, groupby="stage")
    assert page.groups() == [
        ("New", "2", ["Amount €150.50", "Quantity 5"]),
        ("Qualified", "1", ["Amount €7.00", "Quantity 1"]),
        ("None", "1", ["Amount €3.00", "Quantity 4"]),
    ]
    assert page.texts(".totals dd") == ["€160.50", "10"]
    assert page.rows() == []  # groups are closed until opened


def test_an_opened_group_shows_its_records_and_htmx_loads_only_them(ui_login, make_deals, token, stages):
    make_deals(token, [{"stage": stages["New"]}, {"stage": stages["Won"]}, {"stage": stages["New"]}])
    client = ui_login("user")
    page = client.page(DEALS, q=token, groupby="stage", group=stages["New"])
    assert page.column("Name") == [f"{token} 001", f"{token} 003"]
    assert page.one("details.group[open]").one(".group-label").text() == "New"
    closed = page.all("details.group")[1]
    assert closed.attrs["hx-trigger"] == "toggle once"
    assert f"group={stages['Won']}" in closed.attrs["hx-get"]
    partial = client.get(
        DEALS,
        headers={"HX-Request": "true", "HX-Target": "group-2"},
        q=token,
        groupby="stage",
        group=stages["Won"],
    )
    html = partial.get_data(as_text=True)
    assert partial.status_code == 200 and "<html" not in html
    assert f"{token} 002" in html and f"{token} 001" not in html
    assert 'hx-target="#group-2"' in html  # its pager and headers reload the group, not the page


def test_totals_under_the_list_add_up_every_matching_record_per_currency(ui_db, ui_login, make_deals, token):
    with ui_db.transaction() as env:
        usd = env.ref("base.currency_usd").id
    make_deals(token, [{"amount": "10", "quantity": 1}, {"amount": "20.25", "quantity": 2}])
    make_deals(token, [{"amount": "5", "currency": usd, "quantity": 3}])
    page = ui_login("user").page(DEALS, q=token)
    assert page.text("tfoot") == "Total €30.25 · $5.00 6"


def test_archived_records_are_hidden_until_the_archived_filter_is_on(ui_login, make_deals, token):
    make_deals(token, [{}, {"active": False}])
    client = ui_login("user")
    assert client.page(DEALS, q=token).column("Name") == [f"{token} 001"]
    assert client.page(DEALS, q=token, filter="archived").column("Name") == [f"{token} 002"]
    options = client.page(DEALS).all("a.option")
    assert "Archived" in [option.text() for option in options]


def test_batch_actions_archive_unarchive_and_delete_the_selected_records(
    ui_login, make_deals, read_deals, token
):
    ids = make_deals(token, [{}, {}, {}])
    client = ui_login("manager")
    back = f"{DEALS}?q={token}"
    response = client.post(f"{DEALS}/batch", {"operation": "archive", "ids": ids[:2], "next": back})
    assert (response.status_code, response.headers["Location"]) == (303, back)
    assert [deal["active"] for deal in read_deals(ids, "active")] == [False, False, True]
    client.post(f"{DEALS}/batch", {"operation": "unarchive", "ids": f"{ids[0]}"})
    assert [deal["active"] for deal in read_deals(ids, "active")] == [True, False, True]
    client.post(f"{DEALS}/batch", {"operation": "delete", "ids": [ids[0], ids[2]]})
    assert [deal["id"] for deal in read_deals(ids)] == [ids[1]]


def test_the_list_offers_only_the_batch_actions_the_user_may_take(ui_login):
    reader = ui_login("reader").page(DEALS)
    assert reader.all("button[data-needs-selection]") == []
    manager = ui_login("manager").page(DEALS)
    assert [b.text() for b in manager.all("button[data-needs-selection]")] == [
        "Archive",
        "Unarchive",
        "Delete",
    ]
    assert manager.one("button.danger").attrs["data-confirm"].startswith("Delete the selected records?")


@pytest.mark.parametrize(("role", "operation"), [("reader", "archive"), ("user", "delete")])
def test_a_batch_the_user_has_no_right_for_is_refused_and_changes_nothing(
    ui_login, make_deals, read_deals, token, role, operation
):
    ids = make_deals(token, [{}, {}])
    response = ui_login(role).post(f"{DEALS}/batch", {"operation": operation, "ids": ids})
    assert response.status_code == 403
    assert "You may not" in response.get_data(as_text=True)
    assert [deal["active"] for deal in read_deals(ids, "active")] == [True, True]


def test_deleting_a_record_others_still_require_is_a_409_with_the_reason(ui_db, ui_login, make_deals, token):
    with ui_db.transaction() as env:
        stage = env["ui_showcase.stage"].create({"name": f"{token} stage"}).id
    make_deals(token, [{"stage": stage}])
    response = ui_login("manager").post("/web/ui_showcase.stage/batch", {"operation": "delete", "ids": stage})
    assert response.status_code == 409
    assert f"{token} stage cannot be deleted: 1 Deal record(s) still refer to it." in response.get_data(
        as_text=True
    )
    with ui_db.transaction() as env:
        assert env["ui_showcase.stage"].search_count([("id", "=", stage)]) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"operation": "explode", "ids": "1"}, "Choose archive, unarchive or delete."),
        ({"operation": "archive", "ids": "1,x"}, "Record ids are whole numbers."),
        ({"operation": "archive", "ids": "99999999999"}, "Record ids are whole numbers."),
        ({"operation": "archive", "ids": "\u00b2"}, "Record ids are whole numbers."),
        ({"operation": "archive"}, "Select at least one record."),
    ],
)
def test_a_malformed_batch_is_a_400(ui_login, data, message):
    response = ui_login("manager").post(f"{DEALS}/batch", data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_a_batch_without_the_csrf_token_is_refused(ui_login, make_deals, read_deals, token):
    ids = make_deals(token, [{}])
    response = ui_login("manager").post(f"{DEALS}/batch", {"operation": "archive", "ids": ids}, csrf=False)
    assert response.status_code == 403
    assert read_deals(ids, "active")[0]["active"] is True


def test_access_rules_hide_rows_from_the_list_and_from_group_counts(ui_login, make_deals, token, stages):
    make_deals(token, [{"stage": stages["New"]}, {"stage": stages["New"], "confidential": True}])
    user = ui_login("user")
    assert user.page(DEALS, q=token).column("Name") == [f"{token} 001"]
    assert user.page(DEALS, q=token, groupby="stage").groups()[0][:2] == ("New", "1")
    manager = ui_login("manager")
    assert manager.page(DEALS, q=token).column("Name") == [f"{token} 001", f"{token} 002"]
    assert manager.page(DEALS, q=token, groupby="stage").groups()[0][:2] == ("New", "2")


def test_money_numbers_dates_and_labels_follow_the_users_language(ui_login, make_deals, token):
    make_deals(
        token, [{"amount": "1234.5", "quantity": 12000, "date_close": "2026-03-15", "kind": "renewal"}]
    )
    page = ui_login("turkish").page(DEALS, action="ui_showcase.deals", q=token)
    turkish = Translator("tr")
    [row] = page.rows()
    assert row["Tutar"] == "€1.234,50" == turkish.money(Decimal("1234.5"), "EUR")
    assert row["Miktar"] == "12.000"
    assert row["Kapanış tarihi"] == turkish.date(dt.date(2026, 3, 15))
    assert row["Tür"] == "Yenileme"
    assert page.one("html").attrs["lang"] == "tr"
    assert page.text("h1") == "Fırsatlar"  # the action's label


def test_an_extending_addon_adds_its_column_and_filter(ui_db, ui_login, make_deals, token):
    with ui_db.transaction() as env:
        partner = env["base.partner"].create({"name": f"{token} Ltd", "email": f"{token}@example.com"}).id
    make_deals(token, [{"partner": partner, "source": "referral"}, {"source": "event"}])
    client = ui_login("user")
    page = client.page(DEALS, q=token, filter="referrals")
    assert page.rows() == [
        {
            "Name": f"{token} 001",
            "Customer": f"{token} Ltd",
            "Stage": "",
            "Kind": "New business",
            "Source": "Referral",
            "Customer email": f"{token}@example.com",
            "Closing date": "",
            "Amount": "",
            "Quantity": "",
            "Tags": "",
        }
    ]


def test_a_view_naming_its_own_template_is_rendered_by_it(ui_login):
    page = ui_login("admin").page("/web/ui_showcase.stage", action="ui_showcase.stages")
    assert page.text(".stage-hint") == "Stages are the columns of the pipeline, in their sequence."
    assert page.column("Name")[:4] == ["New", "Qualified", "Proposal", "Won"]


def test_an_empty_search_says_so_and_offers_to_clear_it(ui_login, token):
    page = ui_login("user").page(DEALS, q=token)
    assert "No records found." in page.text(".empty-state")
    assert page.one(".empty-state a").text() == "Clear the search"
