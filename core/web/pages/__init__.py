"""The pages of the generated UI: home, lists, kanban boards, forms, dashboards, exports.

Each module serves one kind of page from the views addons declare
(`core.views`); `rules` gathers their URLs for the application::

    Map([*pages.rules(), ...])    # in TesseraApp

    /                                   home: apps and dashboards
    /web/<model>                        list or kanban (query: action, view, q, filter, groupby, order, page)
    /web/<model>/<id>, /web/<model>/new a record's form
    /web/<model>/batch                  archive, unarchive or delete selected records (POST)
    /web/<model>/export.csv|.xlsx       the list as a file
    /web/<model>/<id>/move              a kanban card dropped on another column (POST)
    /web/<model>/lookup                 names for a many2one's typeahead
    /web/dashboard/<name>               a dashboard
"""

from __future__ import annotations

from werkzeug.routing import Rule

from core.web.pages import batch
from core.web.pages import dashboard
from core.web.pages import export
from core.web.pages import form
from core.web.pages import home
from core.web.pages import kanban
from core.web.pages import listing
from core.web.pages import preferences


def rules() -> list[Rule]:
    """Every URL of the generated UI, with its endpoint."""
    return [
        Rule("/", endpoint=home.home),
        Rule("/web/technical/models", endpoint=home.technical_models),
        Rule("/web/preferences/language", endpoint=preferences.language, methods=["POST"]),
        Rule("/web/dashboard/<name>", endpoint=dashboard.dashboard),
        Rule("/web/<model>", endpoint=listing.records),
        Rule("/web/<model>/batch", endpoint=batch.batch, methods=["POST"]),
        Rule("/web/<model>/export.<kind>", endpoint=export.export),
        Rule("/web/<model>/<int(max=2147483647):record_id>/move", endpoint=kanban.move, methods=["POST"]),
        *form.rules(),
    ]
