"""A page costs the same number of SQL statements whatever the number of rows or cards it shows."""

from core.testing.queries import count_queries

DEALS = "/web/ui_showcase.deal"


def deals_with_relations(ui_db, make_deals, prefix, count, stages):
    """``count`` deals, each with its own customer and two tags, spread over the stages."""
    with ui_db.transaction() as env:
        partners = env["base.partner"].create([{"name": f"{prefix} customer {n}"} for n in range(count)])
        tags = env["ui_showcase.tag"].create([{"name": f"{prefix} a"}, {"name": f"{prefix} b"}])
        partner_ids, tag_ids = list(partners.ids), list(tags.ids)
    stage_ids = list(stages.values())
    make_deals(
        prefix,
        [
            {
                "partner": partner_ids[n],
                "tags": tag_ids,
                "amount": "10",
                "stage": stage_ids[n % len(stage_ids)],
            }
            for n in range(count)
        ],
    )


def statements(ui_db, client, **query):
    with count_queries(ui_db.engine) as counter:
        response = client.get(DEALS, **query)
    assert response.status_code == 200
    return counter.count


def test_a_list_of_80_rows_runs_as_many_queries_as_a_list_of_10(ui_db, ui_login, make_deals, stages):
    deals_with_relations(ui_db, make_deals, "tenrows", 10, stages)
    deals_with_relations(ui_db, make_deals, "eightyrows", 80, stages)
    client = ui_login("user")
    ten = statements(ui_db, client, q="tenrows")
    eighty = statements(ui_db, client, q="eightyrows")
    assert len(client.page(DEALS, q="eightyrows").rows()) == 80
    assert ten == eighty


def test_a_board_of_80_cards_runs_as_many_queries_as_a_board_of_10(ui_db, ui_login, make_deals, stages):
    deals_with_relations(ui_db, make_deals, "tencards", 10, stages)
    deals_with_relations(ui_db, make_deals, "eightycards", 80, stages)
    client = ui_login("user")
    assert statements(ui_db, client, q="tencards", view="kanban") == statements(
        ui_db, client, q="eightycards", view="kanban"
    )


def test_a_grouped_list_with_an_open_group_runs_a_fixed_number_of_queries(
    ui_db, ui_login, make_deals, stages
):
    deals_with_relations(ui_db, make_deals, "grouptwelve", 12, stages)
    deals_with_relations(ui_db, make_deals, "groupsixty", 60, stages)
    client = ui_login("user")
    new = stages["New"]
    small = statements(ui_db, client, q="grouptwelve", groupby="stage", group=new)
    large = statements(ui_db, client, q="groupsixty", groupby="stage", group=new)
    assert small == large
