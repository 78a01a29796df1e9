"""``GET /web/dashboard/<name>``: a dashboard's tiles and charts, each one `read_group` as the user.

Tiles and charts on models the user may not read (or measuring a field
they may not see) are left out; a dashboard with nothing left is refused.
Date placeholders (``@today``...) are the user's today, in their time zone.
Sums of money are written in the currency of the user's company::

    tile = Tile("Open deals", "crm.lead", "expected_revenue:sum", domain=[("stage.won", "=", False)])
    # → "€48,200.00", linking to its action when it names one
"""

from __future__ import annotations

import dataclasses
import decimal
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

from markupsafe import Markup
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from core.errors import AccessError
from core.i18n import Translator
from core.i18n import _
from core.orm.environment import Environment
from core.views import Chart
from core.views import Dashboard
from core.views import Tile
from core.views.dashboards import parse_measure
from core.views.resolve import substitute
from core.web.pages.charts import Point
from core.web.pages.charts import draw
from core.web.pages.groups import group_label
from core.web.pages.groups import in_field_order
from core.web.pages.rows import path_values
from core.web.pages.search import placeholder_values
from core.web.pages.urls import list_url

if TYPE_CHECKING:
    from core.web.app import Request

PIE_SLICES = 8


@dataclasses.dataclass(frozen=True)
class TileValue:
    """A tile as shown: its label, its formatted figure, and where clicking leads (if anywhere)."""

    label: str
    text: str
    url: str | None


@dataclasses.dataclass(frozen=True)
class ChartDrawing:
    """A chart as shown: its title, its SVG, and its points for the data table."""

    title: str
    kind: str
    svg: Markup
    points: tuple[Point, ...]


class Measures:
    """Formats a dashboard's figures for one user: in their language, money in their company's currency."""

    def __init__(self, env: Environment, fmt: Translator) -> None:
        self.env = env
        self.fmt = fmt
        self._currency: dict[str, Any] | None = None
        self._currency_read = False

    def currency(self) -> dict[str, Any] | None:
        """``{"display_name": code, "decimal_places": n}`` of the user's company, read once."""
        if not self._currency_read:
            self._currency_read = True
            company = self.env.access.values.get("@company")
            if company and self.env.access.allows("base.company", "read"):
                found = path_values(self.env, "base.company", {company}, "currency")
                currency = found.get(company)
                if currency:
                    places = path_values(self.env, "base.currency", {currency["id"]}, "decimal_places")
                    self._currency = {**currency, "decimal_places": places.get(currency["id"])}
        return self._currency

    def text(self, model: str, field: str, function: str, value: Any) -> str:
        """``value`` of ``function`` over ``field`` as the user reads it."""
        if value is None:
            return "–"
        if function == "count":
            return self.fmt.number(int(value))
        kind = self.env.registry[model]._fields[field].type_name
        if kind == "monetary" and function != "avg" and (currency := self.currency()) is not None:
            places = currency["decimal_places"]
            return self.fmt.money(
                decimal.Decimal(str(value)), currency["display_name"], 2 if places is None else places
            )
        if kind in ("decimal", "monetary", "float") or function == "avg":
            digits = getattr(self.env.registry[model]._fields[field], "digits", (0, 2))[1]
            return self.fmt.number(decimal.Decimal(str(value)), min(digits, 2))
        return self.fmt.number(value)


def aggregate(measure: str) -> tuple[str, str, str]:
    """``(field, function, read_group aggregate)`` of a tile's or chart's measure."""
    field, function = parse_measure(measure)
    return field, function, f"{field}:{function}"


def tile_value(env: Environment, measures: Measures, tile: Tile, values: dict[str, Any]) -> TileValue:
    """The figure of ``tile``, over its domain with the placeholders filled."""
    field, function, spec = aggregate(tile.measure)
    groups = env[tile.model].read_group(substitute(list(tile.domain), values), [], [spec])
    value = groups[0][spec] if groups else 0
    url = None
    if tile.action is not None:
        action = env.registry.ui.actions[tile.action]
        if env.access.allows(action.model, "read"):
            url = list_url(action.model, action=action.name)
    return TileValue(measures.fmt.gettext(tile.label), measures.text(tile.model, field, function, value), url)


def chart_points(env: Environment, measures: Measures, chart: Chart, values: dict[str, Any]) -> list[Point]:
    """The groups of ``chart`` as points: in the field's order, the largest ``limit`` kept."""
    field, function, spec = aggregate(chart.measure)
    rows = env[chart.model].read_group(substitute(list(chart.domain), values), [chart.group_by], [spec])
    rows = in_field_order(env, chart.model, chart.group_by, rows, lambda row: row[chart.group_by])
    fmt = measures.fmt
    points = [
        Point(
            group_label(env, fmt, chart.model, chart.group_by, row[chart.group_by]),
            float(row[spec] or 0),
            measures.text(chart.model, field, function, row[spec]),
        )
        for row in rows
    ]
    limit = chart.limit or (PIE_SLICES if chart.kind == "pie" else None)
    if limit is None or len(points) <= limit:
        return points
    if chart.kind == "line":
        return points[-limit:]
    largest = sorted(points, key=lambda point: point.value, reverse=True)[:limit]
    kept = [point for point in points if point in largest]
    if chart.kind == "pie":
        rest = sum(point.value for point in points if point not in largest)
        kept.append(Point(fmt.gettext("Other"), rest, measures.text(chart.model, field, function, rest)))
    return kept


def readable(env: Environment, items: Sequence[Tile | Chart]) -> list[Tile | Chart]:
    """The items on models the user may read."""
    return [item for item in items if env.access.allows(item.model, "read")]


def dashboard(request: Request, name: str) -> Response:
    """The dashboard ``name``, with what the user may see of it.

    Raises:
        NotFound: no dashboard has that name.
        AccessError: the user may see none of its tiles and charts (403).
    """
    env, fmt = request.env, request.translator
    board: Dashboard | None = env.registry.ui.dashboards.get(name)
    if board is None:
        raise NotFound(_("There is no dashboard named %(name)s.", name=name))
    values = placeholder_values(env)
    measures = Measures(env, fmt)
    tiles: list[TileValue] = []
    charts: list[ChartDrawing] = []
    for tile in readable(env, board.tiles):
        try:
            tiles.append(tile_value(env, measures, tile, values))  # type: ignore[arg-type]
        except AccessError:
            continue  # the measured field is restricted to groups the user lacks
    for index, chart in enumerate(readable(env, board.charts)):
        assert isinstance(chart, Chart)
        try:
            points = chart_points(env, measures, chart, values)
        except AccessError:
            continue
        title = fmt.gettext(chart.label)
        svg = draw(chart.kind, title, points, f"chart-{index}", fmt.percent, fmt.gettext("No data yet"))
        charts.append(ChartDrawing(title, chart.kind, svg, tuple(points)))
    if not tiles and not charts:
        raise AccessError(_("You may not see anything on this dashboard."))
    return request.app.render(
        request, "dashboard.html", title=fmt.gettext(board.label), tiles=tiles, charts=charts
    )
