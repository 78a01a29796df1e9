"""A record's form: the layout of its view, editing values, lines and tags, history and record actions."""

import re
from decimal import Decimal


def test_the_form_shows_groups_pages_the_status_bar_and_the_buttons_of_the_current_stage(login, make_deal):
    deal_id = make_deal(name="Layout", stage="new")
    page = login("admin").get(f"/web/ui_forms.deal/{deal_id}")

    assert page.status == 200
    assert "<legend>Planning</legend>" in page.text
    assert [m for m in re.findall(r'data-tab="page-(\w+)"', page.text)] == ["lines", "tags", "notes"]
    assert '<li class="step current" aria-current="step">New</li>' in page.text
    assert '<li class="step">Qualified</li>' in page.text
    buttons = re.findall(r'formaction="/web/ui_forms.deal/\d+/call/(\w+)"', page.text)
    assert buttons == ["qualify", "mark_lost", "follow_up"]
    assert 'data-confirm="Mark this deal as lost?"' in page.text
    assert '<label for="f-name">Name</label><span class="required"' in page.text
    assert '<span id="l-total">Total</span>' in page.text  # read-only: no input
    assert 'name="total"' not in page.text
    assert ">Save<" in page.text and ">Delete<" in page.text and ">Archive<" in page.text
    assert "This record is archived." not in page.text


def test_fields_of_groups_the_user_is_not_in_are_neither_shown_nor_accepted(login, make_deal, read_deal):
    deal_id = make_deal(name="Restricted", margin="12.50")
    client = login("editor")
    page = client.get(f"/web/ui_forms.deal/{deal_id}")
    assert "margin" not in page.form() and "Margin" not in page.text and "12.50" not in page.text

    data = page.form()
    data["margin"] = "99"
    assert client.post(f"/web/ui_forms.deal/{deal_id}", data).status == 303
    assert read_deal(deal_id, "margin") == {"id": deal_id, "margin": "12.50"}


def test_lines_are_changed_removed_and_added_in_one_save(login, make_deal, form_db):
    deal_id = make_deal(
        name="Lines", lines=[{"name": "Keep", "quantity": 1, "price": 10}, {"name": "Drop", "price": 5}]
    )
    client = login("admin")
    data = client.get(f"/web/ui_forms.deal/{deal_id}").form()
    data["lines.0.quantity"] = "3"
    data["lines.1.remove"] = "1"
    for cell, value in {
        "id": "",
        "name": "Added",
        "quantity": "2",
        "price": "7.5",
        "partner__label": "",
    }.items():
        data[f"lines.7.{cell}"] = value
    for cell in ("id", "name", "quantity", "price"):
        data[f"lines.8.{cell}"] = ""  # a line added and left blank is ignored

    assert client.post(f"/web/ui_forms.deal/{deal_id}", data).status == 303

    with form_db.transaction() as env:
        deal = env["ui_forms.deal"].get(deal_id)
        assert [(line.name, line.quantity, line.subtotal) for line in deal.lines] == [
            ("Keep", Decimal("3.000"), Decimal("30.00")),
            ("Added", Decimal("2.000"), Decimal("15.00")),
        ]
        assert deal.total == Decimal("45.00")


def test_a_refused_line_keeps_every_line_as_typed(login, make_deal, read_deal):
    deal_id = make_deal(name="Typed lines", lines=[{"name": "First"}])
    client = login("admin")
    data = client.get(f"/web/ui_forms.deal/{deal_id}").form()
    data["lines.0.price"] = "ten"
    data.update({"lines.3.id": "", "lines.3.name": "Second", "lines.3.price": "2"})

    response = client.post(f"/web/ui_forms.deal/{deal_id}", data)

    assert response.status == 400
    assert response.error_of("lines.0.price") == "ten is not a number."
    kept = response.form()
    assert (kept["lines.0.price"], kept["lines.3.name"], kept["lines.3.price"]) == ("ten", "Second", "2")
    assert "<strong>Lines › Price</strong>: ten is not a number." in response.text
    assert len(read_deal(deal_id, "lines")["lines"]) == 1


def test_tags_are_added_by_name_and_removed_by_unticking(login, make_deal, form_db, read_deal):
    with form_db.transaction() as env:
        old, new = (env["ui_forms.tag"].create({"name": name}).id for name in ("Old tag", "Fresh tag"))
    deal_id = make_deal(name="Tagged", tags=[old])
    client = login("admin")
    data = client.get(f"/web/ui_forms.deal/{deal_id}").form()
    assert data.getlist("tags") == ["", str(old)]
    data.setlist("tags", [""])
    data["tags__label"] = "fresh tag"

    assert client.post(f"/web/ui_forms.deal/{deal_id}", data).status == 303
    assert read_deal(deal_id, "tags")["tags"] == [new]


def test_a_many2one_typed_without_choosing_is_found_by_name_or_refused(login, make_deal, form_db, read_deal):
    with form_db.transaction() as env:
        partner_id = env["base.partner"].create({"name": "Typed Customer Ltd"}).id
    deal_id = make_deal(name="Typed")
    client = login("admin")
    data = client.get(f"/web/ui_forms.deal/{deal_id}").form()
    data["partner__label"] = "typed customer ltd"
    assert client.post(f"/web/ui_forms.deal/{deal_id}", data).status == 303
    assert read_deal(deal_id, "partner")["partner"]["id"] == partner_id

    data = client.get(f"/web/ui_forms.deal/{deal_id}").form()
    data["partner__label"] = "Nobody By This Name"
    response = client.post(f"/web/ui_forms.deal/{deal_id}", data)
    assert response.status == 400
    assert response.error_of("partner") == "Nothing named “Nobody By This Name” was found."


def test_a_password_is_never_shown_and_an_empty_one_keeps_the_value(login, make_deal, read_deal):
    deal_id = make_deal(name="Secret", pin="4321")
    client = login("admin")
    page = client.get(f"/web/ui_forms.deal/{deal_id}")
    assert "4321" not in page.text
    data = page.form()
    assert data["pin"] == ""
    assert client.post(f"/web/ui_forms.deal/{deal_id}", data).status == 303
    assert read_deal(deal_id, "pin")["pin"] == "4321"
    data["pin"] = "9999"
    client.post(f"/web/ui_forms.deal/{deal_id}", data)
    assert read_deal(deal_id, "pin")["pin"] == "9999"


def test_the_history_shows_a_tracked_change_after_a_save_and_notes(login, make_deal):
    deal_id = make_deal(name="Before")
    client = login("admin")
    data = client.get(f"/web/ui_forms.deal/{deal_id}").form()
    data["name"] = "After"
    client.post(f"/web/ui_forms.deal/{deal_id}", data)

    assert client.post(f"/web/ui_forms.deal/{deal_id}/note", {"body": "Called the customer."}).status == 303
    page = client.get(f"/web/ui_forms.deal/{deal_id}")

    history = page.text[page.text.index('id="history"') :]
    assert '<span class="change-field">Name</span>: Before → After' in history
    assert "Called the customer." in history
    assert history.index("Called the customer.") < history.index("Before → After")  # newest first
    assert "Form Admin" in history


def test_an_empty_note_is_refused_beside_the_box(login, make_deal):
    deal_id = make_deal(name="Quiet")
    response = login("admin").post(f"/web/ui_forms.deal/{deal_id}/note", {"body": "  "})
    assert response.status == 400
    assert '<p class="field-error" id="note-error">Write something to post.</p>' in response.text


def test_archive_unarchive_duplicate_and_delete(login, make_deal, form_db, read_deal):
    deal_id = make_deal(name="Lifecycle", lines=[{"name": "Line"}])
    client = login("admin")
    assert client.post(f"/web/ui_forms.deal/{deal_id}/archive").status == 303
    assert read_deal(deal_id, "active")["active"] is False
    assert "This record is archived." in client.get(f"/web/ui_forms.deal/{deal_id}").text
    client.post(f"/web/ui_forms.deal/{deal_id}/unarchive")
    assert read_deal(deal_id, "active")["active"] is True

    copied = client.post(f"/web/ui_forms.deal/{deal_id}/duplicate?action=ui_forms.deals")
    assert copied.status == 303
    copy_id = int(
        re.search(
            r"/web/ui_forms.deal/(\d+)\?action=ui_forms.deals$", copied.response.headers["Location"]
        ).group(1)
    )
    assert copy_id != deal_id and read_deal(copy_id, "name")["name"] == "Lifecycle"

    deleted = client.post(f"/web/ui_forms.deal/{deal_id}/delete?action=ui_forms.deals")
    assert deleted.status == 303
    assert deleted.response.headers["Location"].endswith("/web/ui_forms.deal?action=ui_forms.deals")
    with form_db.transaction() as env:
        assert env["ui_forms.deal"].search_count([("id", "=", deal_id)]) == 0


def test_a_new_record_takes_the_actions_defaults_and_the_default_parameters(login, form_db):
    with form_db.transaction() as env:
        partner_id = env["base.partner"].create({"name": "Default Customer"}).id
    page = login("admin").get(f"/web/ui_forms.deal/new?action=ui_forms.deals&default_partner={partner_id}")

    data = page.form()
    assert (data["partner"], data["partner__label"]) == (str(partner_id), "Default Customer")
    assert data["priority"] == "1"  # the action's default
    assert data["probability"] == "10"  # the field's default
    assert '<a href="/web/ui_forms.deal?action=ui_forms.deals">Deals</a>' in page.text
    assert 'action="/web/ui_forms.deal/new?action=ui_forms.deals"' in page.text


def test_a_model_without_history_or_status_gets_a_plain_form(login, form_db):
    with form_db.transaction() as env:
        tag_id = env["ui_forms.tag"].create({"name": "Plain"}).id
    page = login("admin").get(f"/web/ui_forms.tag/{tag_id}")
    assert page.status == 200
    assert page.form()["name"] == "Plain"
    assert 'id="history"' not in page.text and "statusbar" not in page.text and "form-header" not in page.text


def test_a_user_duplicates_a_record_without_copying_what_they_may_not_see(login, make_deal, read_deal):
    deal_id = make_deal(name="Secret margin", margin="12.50")
    copied = login("editor").post(f"/web/ui_forms.deal/{deal_id}/duplicate")
    assert copied.status == 303
    copy_id = int(re.search(r"/web/ui_forms.deal/(\d+)", copied.response.headers["Location"]).group(1))
    assert read_deal(copy_id, "name", "margin") == {"id": copy_id, "name": "Secret margin", "margin": None}
