"""Searching a list: text over the search view's fields, named filters, defaults, and refused names."""

import datetime as dt

import pytest

DEALS = "/web/ui_showcase.deal"


def test_text_matches_any_of_the_search_views_fields(ui_db, ui_login, make_deals, token):
    with ui_db.transaction() as env:
        partner = env["base.partner"].create({"name": f"Ömer {token} Ltd"}).id
    make_deals(token, [{}])
    make_deals("Other", [{"partner": partner}, {}])
    names = ui_login("user").page(DEALS, q=token).column("Name")
    assert names == ["Other 001", f"{token} 001"]  # by the customer's name, and by its own


def test_every_word_of_the_text_must_match(ui_login, make_deals, token):
    make_deals(f"{token} alpha", [{}])
    make_deals(f"{token} beta", [{}])
    assert ui_login("user").page(DEALS, q=f"beta {token}").column("Name") == [f"{token} beta 001"]


def test_filters_narrow_the_list_and_combine(ui_login, make_deals, token):
    make_deals(token, [{"amount": "20000", "kind": "renewal"}, {"amount": "20000"}, {"kind": "renewal"}])
    client = ui_login("user")
    assert client.page(DEALS, q=token, filter="big").column("Name") == [f"{token} 001", f"{token} 002"]
    both = client.page(DEALS, q=token, filter=["big", "renewals"])
    assert both.column("Name") == [f"{token} 001"]
    assert [facet.text() for facet in both.all(".facet")] == [
        f"Search: {token} ×",
        "Big deals ×",
        "Renewals ×",
    ]


def test_a_filter_on_the_user_shows_the_logged_in_users_records(ui_login, ui_users, make_deals, token):
    make_deals(token, [{"user": ui_users["user"]}, {"user": ui_users["manager"]}, {}])
    assert ui_login("user").page(DEALS, q=token, filter="mine").column("Name") == [f"{token} 001"]
    assert ui_login("manager").page(DEALS, q=token, filter="mine").column("Name") == [f"{token} 002"]


def test_a_date_filter_is_relative_to_today(ui_login, make_deals, token):
    today = dt.date.today()
    make_deals(token, [{"date_close": today.isoformat()}, {"date_close": f"{today.year - 1}-12-31"}])
    names = ui_login("user").page(DEALS, q=token, filter="closing_this_year").column("Name")
    assert names == [f"{token} 001"]


def test_an_actions_filters_apply_until_the_user_changes_the_search(ui_login, make_deals, token):
    make_deals(token, [{"amount": "50000"}, {"amount": "10"}])
    client = ui_login("user")
    opened = client.page(DEALS, action="ui_showcase.big_deals")
    assert f"{token} 001" in opened.column("Name") and f"{token} 002" not in opened.column("Name")
    assert [option.text() for option in opened.all("a.option.on")] == ["Big deals"]
    switched_off = next(option for option in opened.all("a.option") if option.text() == "Big deals")
    assert "filter=&" in switched_off.attrs["href"]  # an empty filter: the defaults stay off
    everything = client.page(DEALS, action="ui_showcase.big_deals", q=token, filter="")
    assert everything.column("Name") == [f"{token} 001", f"{token} 002"]


def test_a_word_that_looks_like_a_placeholder_is_searched_as_text(ui_login, make_deals, token):
    make_deals(f"{token} @user", [{}])
    make_deals(token, [{}])
    assert ui_login("user").page(DEALS, q=f"{token} @user").column("Name") == [f"{token} @user 001"]


def test_a_group_by_option_groups_the_list(ui_login, make_deals, token):
    make_deals(token, [{"kind": "renewal"}, {"kind": "upsell"}, {"kind": "renewal"}])
    page = ui_login("user").page(DEALS, q=token, groupby="kind")
    assert [(label, count) for label, count, _ in page.groups()] == [("Renewal", "2"), ("Upsell", "1")]
    assert [facet.text() for facet in page.all(".facet.group")] == ["Grouped by Kind ×"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"filter": "nope"}, "There is no filter named nope here."),
        (
            {"filter": "[('id', '>', 0)]"},
            "There is no filter named [(&#39;id&#39;, &#39;&gt;&#39;, 0)] here.",
        ),
        ({"groupby": "amount"}, "There is no grouping named amount here."),
        ({"page": "0"}, "The page number must be a whole number from 1, not 0."),
        ({"page": "two"}, "The page number must be a whole number from 1, not two."),
        ({"page": "\u00b2"}, "The page number must be a whole number from 1, not \u00b2."),
        ({"view": "form"}, "This page cannot be shown as form."),
        ({"q": "a\x00b"}, "The search text cannot contain NUL characters."),
        ({"action": "base.contacts"}, "There is no action named base.contacts for these records."),
        ({"action": "ui_showcase.nope"}, "There is no action named ui_showcase.nope for these records."),
    ],
)
def test_a_name_the_page_does_not_offer_is_a_400_saying_which(ui_login, query, message):
    response = ui_login("user").get(DEALS, **query)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_a_board_view_is_refused_where_the_action_offers_none(ui_login):
    response = ui_login("user").get(DEALS, action="ui_showcase.big_deals", view="kanban")
    assert response.status_code == 400


def test_an_unknown_model_is_a_404(ui_login):
    assert ui_login("user").get("/web/no.such_model").status_code == 404


def test_a_model_the_user_may_not_read_is_a_403(ui_login):
    response = ui_login("stranger").get(DEALS)
    assert response.status_code == 403
    assert "You may not read Deal records" in response.get_data(as_text=True)
