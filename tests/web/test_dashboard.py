"""Dashboards: tiles and SVG charts from read_group, as the user sees the records, labels escaped."""

import datetime as dt

import pytest

from core.web.pages.charts import Point
from core.web.pages.charts import draw

OVERVIEW = "/web/dashboard/ui_showcase.overview"
YEAR = dt.date.today().year


@pytest.fixture(scope="module", autouse=True)
def dashboard_deals(ui_db):
    """Five deals in EUR; the Won one is confidential (managers only), one closed last year."""
    with ui_db.transaction() as env:
        stage = {s.name: s.id for s in env["ui_showcase.stage"].search([])}
        stage["<b>Hot</b>"] = env["ui_showcase.stage"].create({"name": "<b>Hot</b>", "sequence": 9}).id
        eur = env.ref("base.currency_eur").id
        rows = [
            ("New", "new", "1000", f"{YEAR}-01-15", False),
            ("New", "renewal", "3000", f"{YEAR}-02-10", False),
            ("Qualified", "renewal", "500.50", f"{YEAR}-02-20", False),
            ("<b>Hot</b>", "upsell", "2000", f"{YEAR - 1}-12-05", False),
            ("Won", "new", "10000", f"{YEAR}-01-20", True),
        ]
        env["ui_showcase.deal"].create(
            [
                {"name": f"Deal {n}", "stage": stage[s], "kind": k, "amount": a, "currency": eur,
                 "date_close": d, "confidential": c}
                for n, (s, k, a, d, c) in enumerate(rows)
            ]
        )  # fmt: skip


def charts(page):
    """Each chart's title, its SVG description (every label and value) and its kind."""
    return {
        figure.one("figcaption").text(): (figure.one("svg desc").text(), figure.attrs["data-kind"])
        for figure in page.all("figure.chart-card")
    }


def test_tiles_count_and_sum_what_the_user_may_see(ui_login):
    user = ui_login("user").page(OVERVIEW)
    assert [
        (tile.one(".tile-label").text(), tile.one(".tile-value").text()) for tile in user.all(".tile")
    ] == [
        ("Deals", "4"),
        ("Pipeline value", "€6,500.50"),
        ("Closing this year", "3"),
    ]
    manager = ui_login("manager").page(OVERVIEW)
    assert [tile.one(".tile-value").text() for tile in manager.all(".tile")] == ["5", "€16,500.50", "4"]


def test_a_tile_naming_an_action_links_to_it(ui_login):
    page = ui_login("user").page(OVERVIEW)
    assert page.first(".tile a").attrs["href"] == "/web/ui_showcase.deal?action=ui_showcase.deals"


def test_charts_show_every_group_with_its_value_in_the_fields_order(ui_login):
    page = ui_login("user").page(OVERVIEW)
    assert charts(page) == {
        "Deals by stage": ("New: 2; Qualified: 1; <b>Hot</b>: 1", "bar"),
        "Amount by closing month": (
            f"December {YEAR - 1}: €2,000.00; January {YEAR}: €1,000.00; February {YEAR}: €3,500.50",
            "line",
        ),
        "Deals by kind": ("New business: 1; Renewal: 2; Upsell: 1", "pie"),
        "Pipeline": ("New: €4,000.00; Qualified: €500.50; <b>Hot</b>: €2,000.00", "funnel"),
    }


def test_pies_and_funnels_show_shares(ui_login):
    page = ui_login("user").page(OVERVIEW)
    pie = next(f for f in page.all("figure.chart-card") if f.attrs["data-kind"] == "pie")
    assert [legend.text() for legend in pie.all("g.legend")] == [
        "New business · 1 (25%)",
        "Renewal · 2 (50%)",
        "Upsell · 1 (25%)",
    ]
    funnel = next(f for f in page.all("figure.chart-card") if f.attrs["data-kind"] == "funnel")
    assert [stage.one("text").text() for stage in funnel.all("g.stage")] == [
        "New · €4,000.00 (100%)",
        "Qualified · €500.50 (13%)",
        "<b>Hot</b> · €2,000.00 (50%)",
    ]


def test_charts_are_accessible_images_with_escaped_labels(ui_login):
    response = ui_login("user").get(OVERVIEW)
    html = response.get_data(as_text=True)
    assert '<svg class="chart chart-bar" viewBox="0 0 640 320" role="img"' in html
    assert 'aria-labelledby="chart-0-title chart-0-desc"' in html
    assert '<title id="chart-0-title">Deals by stage</title>' in html
    assert "&lt;b&gt;Hot&lt;/b&gt;" in html and "<b>Hot</b>" not in html


def test_the_data_of_each_chart_is_also_a_table(ui_login):
    page = ui_login("user").page(OVERVIEW)
    bar = page.first("figure.chart-card")
    assert [row.text() for row in bar.all(".chart-data tr")] == ["New 2", "Qualified 1", "<b>Hot</b> 1"]


def test_a_dashboard_the_user_can_read_nothing_of_is_refused(ui_login):
    assert ui_login("stranger").get(OVERVIEW).status_code == 403
    assert ui_login("reader").get(OVERVIEW).status_code == 200


def test_an_unknown_dashboard_is_a_404(ui_login):
    assert ui_login("user").get("/web/dashboard/ui_showcase.nope").status_code == 404


def test_charts_of_no_data_say_so():
    svg = draw("pie", "Empty", [Point("Zero", 0.0, "0")], "c", str, "No data yet")
    assert ">No data yet</text>" in svg
    assert draw("bar", "Empty", [], "c", str, "Nothing").count("<rect") == 0


def test_bars_below_zero_hang_from_the_zero_line():
    svg = str(draw("bar", "Profit", [Point("Jan", 10.0, "10"), Point("Feb", -5.0, "-5")], "c", str, ""))
    assert svg.count('<rect class="s') == 2
    assert "<title>Feb: -5</title>" in svg
