"""Kanban boards: a column per stage, counts and sums, card limits, and moving cards by drag and drop."""

from core.i18n import Translator
from core.views import KanbanView
from core.web.pages.kanban import column_values

DEALS = "/web/ui_showcase.deal"


def board(client, token, **query):
    return client.page(DEALS, view="kanban", q=token, **query)


def test_every_stage_is_a_column_in_its_order_and_none_comes_last_when_needed(
    ui_login, make_deals, token, stages
):
    make_deals(token, [{"stage": stages["Won"]}, {"stage": stages["New"]}, {}])
    columns = board(ui_login("user"), token).board()
    assert [(title, count) for title, count, _ in columns[:4]] == [
        ("New", "1"),
        ("Qualified", "0"),
        ("Proposal", "0"),
        ("Won", "1"),
    ]
    assert columns[-1] == ("None", "1", [f"{token} 003"])
    assert columns[0][2] == [f"{token} 002"]


def test_no_none_column_when_every_record_has_a_stage(ui_login, make_deals, token, stages):
    make_deals(token, [{"stage": stages["New"]}])
    assert "None" not in [title for title, _, _ in board(ui_login("user"), token).board()]


def test_column_headers_show_counts_and_sums_and_cards_show_their_fields(
    ui_db, ui_login, make_deals, token, stages
):
    with ui_db.transaction() as env:
        partner = env["base.partner"].create({"name": f"{token} Ltd"}).id
    make_deals(
        token,
        [
            {"stage": stages["Qualified"], "amount": "1000", "partner": partner, "priority": "1"},
            {"stage": stages["Qualified"], "amount": "250.5"},
        ],
    )
    page = board(ui_login("user"), token)
    qualified = page.all("section.column")[1]
    assert qualified.one(".column-head .count").text() == "2"
    assert qualified.one(".sum").text() == "Amount €1,250.50"
    card = qualified.all("li.card")[0]
    assert card.one("a.card-title").attrs["href"].startswith("/web/ui_showcase.deal/")
    assert card.one(".card-fields").text() == f"Customer {token} Ltd Amount €1,000.00 Priority ★☆"
    assert card.attrs["draggable"] == "true"


def test_each_column_shows_at_most_80_cards_and_says_how_many_more(ui_login, make_deals, token, stages):
    make_deals(token, [{"stage": stages["Proposal"]} for _ in range(85)])
    proposal = board(ui_login("user"), token).all("section.column")[2]
    assert proposal.one(".column-head .count").text() == "85"
    assert len(proposal.all("li.card")) == 80
    assert proposal.one(".more").text() == "5 more records in the list"


def test_moving_a_card_writes_its_stage(ui_login, make_deals, read_deals, token, stages):
    [deal] = make_deals(token, [{"stage": stages["New"]}])
    client = ui_login("user")
    response = client.fetch(f"{DEALS}/{deal}/move", {"value": stages["Won"]})
    assert (response.status_code, response.json) == (200, {"ok": True})
    assert read_deals([deal], "stage")[0]["stage"]["id"] == stages["Won"]
    assert board(client, token).board()[3] == ("Won", "1", [f"{token} 001"])
    client.fetch(f"{DEALS}/{deal}/move", {"value": ""})
    assert read_deals([deal], "stage")[0]["stage"] is None


def test_a_move_refused_by_access_answers_403_and_changes_nothing(
    ui_login, make_deals, read_deals, token, stages
):
    [deal] = make_deals(token, [{"stage": stages["New"]}])
    reader = ui_login("reader")
    assert "draggable" not in board(reader, token).one("li.card").attrs  # nothing to drag
    response = reader.fetch(f"{DEALS}/{deal}/move", {"value": stages["Won"]})
    assert response.status_code == 403
    assert response.json["error"] == "AccessError"
    assert "You may not change Deal records" in response.json["message"]
    assert read_deals([deal], "stage")[0]["stage"]["id"] == stages["New"]


def test_a_record_hidden_by_the_rules_cannot_be_moved(ui_login, make_deals, read_deals, token, stages):
    [deal] = make_deals(token, [{"stage": stages["New"], "confidential": True}])
    response = ui_login("user").fetch(f"{DEALS}/{deal}/move", {"value": stages["Won"]})
    assert response.status_code == 404
    assert read_deals([deal], "stage")[0]["stage"]["id"] == stages["New"]


def test_a_move_to_no_known_column_is_a_400(ui_login, make_deals, token, stages):
    [deal] = make_deals(token, [{"stage": stages["New"]}])
    client = ui_login("user")
    assert client.fetch(f"{DEALS}/{deal}/move", {"value": "Won"}).status_code == 400
    assert client.fetch(f"{DEALS}/{deal}/move", {}).status_code == 400
    for missing in ("999999", "99999999999999999999", "\u00b2"):
        assert client.fetch(f"{DEALS}/{deal}/move", {"value": missing}).status_code == 400


def test_a_move_without_the_csrf_header_is_refused(ui_login, make_deals, read_deals, token, stages):
    [deal] = make_deals(token, [{"stage": stages["New"]}])
    response = ui_login("user").fetch(f"{DEALS}/{deal}/move", {"value": stages["Won"]}, csrf=False)
    assert response.status_code == 403
    assert read_deals([deal], "stage")[0]["stage"]["id"] == stages["New"]


def test_access_rules_hide_cards_and_their_counts(ui_login, make_deals, token, stages):
    make_deals(token, [{"stage": stages["New"]}, {"stage": stages["New"], "confidential": True}])
    assert board(ui_login("user"), token).board()[0] == ("New", "1", [f"{token} 001"])
    assert board(ui_login("manager"), token).board()[0] == ("New", "2", [f"{token} 001", f"{token} 002"])


def test_filters_apply_to_the_board(ui_login, make_deals, token, stages):
    make_deals(token, [{"stage": stages["New"], "amount": "20000"}, {"stage": stages["New"], "amount": "1"}])
    assert board(ui_login("user"), token, filter="big").board()[0] == ("New", "1", [f"{token} 001"])


def test_a_board_by_a_selection_has_a_column_per_option(ui_db):
    view = KanbanView("ui_showcase.deal", group_by="kind", card=["name"])
    with ui_db.transaction() as env:
        columns = column_values(env, Translator("en"), "ui_showcase.deal", view)
    assert columns == [("new", "New business"), ("renewal", "Renewal"), ("upsell", "Upsell")]


def test_a_model_without_a_kanban_view_has_no_board(ui_login):
    response = ui_login("admin").get("/web/ui_showcase.stage", view="kanban")
    assert response.status_code == 400
