"""crm as an addon: installs and uninstalls cleanly on a database with data; its screens resolve."""

import datetime as dt

import pytest
from sqlalchemy import inspect

from core.loader.lifecycle import install
from core.loader.lifecycle import uninstall
from core.testing import as_user
from core.testing import make_user
from core.views import Dashboard
from core.views.dashboards import parse_measure
from core.views.resolve import date_values
from core.views.resolve import substitute


def test_install_then_uninstall_on_a_database_with_data(empty_db):
    install(empty_db, ["base"])
    with empty_db.transaction() as env:
        partner = env["base.partner"].create({"name": "Kept Partner A.Ş.", "is_company": True})
        partner_id = partner.id
    install(empty_db, ["crm"], demo=True)
    with empty_db.transaction() as env:
        lead = env["crm.lead"].create(
            {"name": "For the kept partner", "partner": partner_id, "phone": "0532 000 00 00"}
        )
        env["crm.activity"].create({"summary": "Call", "lead": lead.id, "partner": partner_id})
        lead.post_note("A note that goes with crm.")
        assert env["base.partner"].get(partner_id).opportunities == [lead]
    uninstall(empty_db, ["crm"])
    tables = set(inspect(empty_db.engine).get_table_names())
    assert not {name for name in tables if name.startswith("crm_")}
    with empty_db.transaction() as env:
        assert env["base.partner"].get(partner_id).name == "Kept Partner A.Ş."
        assert not hasattr(env["base.partner"].get(partner_id), "opportunities")
        assert env["base.message"].search_count([("model", "like", "crm.")]) == 0
        assert env["base.user"].search_count([("login", "=", "elif.sahin")]) == 0  # demo users go too
        assert env["base.group"].search_count([("category", "=", "CRM")]) == 0
    install(empty_db, ["crm"])  # and it comes back
    assert "crm" in empty_db.installed()


WITH_CRM = pytest.mark.addons("crm")


@WITH_CRM
def test_every_crm_model_has_rights_for_salespeople_and_managers(db, env):
    models = [name for name, owner in db.registry.model_owner.items() if owner == "crm"]
    assert len(models) == 9
    for name in models:
        groups = {right.group.full_name for right in env["base.access"].search([("model", "=", name)])}
        assert groups == {"CRM / Salesperson", "CRM / Manager"}, name


@WITH_CRM
def test_the_screens_resolve(db):
    ui = db.registry.ui
    assert ui.views["crm.lead.kanban"].group_by == "stage"
    assert ui.views["crm.lead.form"].status == "status"
    partner_form = ui.views["base.partner.form"]
    assert [page.name for page in partner_form.pages] == ["contacts", "opportunities", "activities", "notes"]
    assert ui.actions["crm.pipeline"].views == ("kanban", "list", "form")
    [crm] = [node for node in ui.menus if node.menu.name == "crm"]
    assert [child.menu.label for child in crm.children] == [
        "Pipeline",
        "Leads",
        "Activities",
        "Reporting",
        "Configuration",
    ]
    assert len(crm.children[-1].children) == 7


@WITH_CRM
def test_the_dashboard_reads_as_a_salesperson(db, env):
    dashboard: Dashboard = db.registry.ui.dashboards["crm.pipeline"]
    assert len(dashboard.tiles) == 3 and len(dashboard.charts) == 4
    env["crm.lead"].create({"name": "Something", "type": "opportunity", "expected_revenue": "100"})
    clerk = make_user(env, "clerk", groups=["crm.group_user"])
    with as_user(env, clerk) as clerk_env:
        for item in (*dashboard.tiles, *dashboard.charts):
            field, function = parse_measure(item.measure)
            groupby = [item.group_by] if hasattr(item, "group_by") else []
            values = {**clerk_env.access.values, **date_values(dt.date.today())}
            domain = substitute(item.domain, values)
            clerk_env["crm.lead"].read_group(domain, groupby, [f"{field}:{function}"])
