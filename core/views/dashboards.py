"""Dashboards: tiles of key figures and charts, each one `read_group` query.

An addon declares them like views and points a menu at them::

    sales_dashboard = Dashboard(
        "sales.overview",
        "Sales",
        tiles=[Tile("Revenue this year", "sales.order", "amount_untaxed:sum",
                    domain=[("state", "=", "confirmed"), ("date_order", ">=", "@year_start")])],
        charts=[
            Chart("Revenue by month", "sales.order", "bar", "date_order:month", "amount_untaxed:sum"),
            Chart("Pipeline", "crm.lead", "funnel", "stage", "expected_revenue:sum"),
        ],
    )

Every figure obeys the user's access rules, since it is read as the user;
a tile or chart on a model the user may not read is left out. Charts are
drawn on the server as SVG, so they need no network and no script.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from core.errors import ConfigError
from core.views.elements import assign

CHART_KINDS = frozenset({"bar", "line", "pie", "funnel"})


@dataclasses.dataclass(frozen=True)
class Tile:
    """One figure: ``measure`` is ``"count"`` or ``"<field>:<sum|avg|min|max>"`` over ``domain``.

    ``action`` names an `Action` opened when the tile is clicked.
    """

    label: str
    model: str
    measure: str = "count"
    domain: tuple[Any, ...] = ()
    action: str | None = None

    def __post_init__(self) -> None:
        assign(self, domain=tuple(self.domain))


@dataclasses.dataclass(frozen=True)
class Chart:
    """A ``kind`` chart (bar, line, pie, funnel) of ``measure`` per value of ``group_by``.

    ``group_by`` is a stored field or ``"date_field:month"`` (see
    `read_group`); ``limit`` keeps the largest groups (the rest are summed
    as "Other" in pies).
    """

    label: str
    model: str
    kind: str
    group_by: str
    measure: str = "count"
    domain: tuple[Any, ...] = ()
    limit: int | None = None

    def __post_init__(self) -> None:
        assign(self, domain=tuple(self.domain))
        if self.kind not in CHART_KINDS:
            raise ConfigError(f"chart {self.label!r}: kind must be one of {sorted(CHART_KINDS)}")


@dataclasses.dataclass(frozen=True)
class Dashboard:
    """A page of `Tile` figures above `Chart` drawings; ``name`` is what menus point at."""

    name: str
    label: str
    tiles: tuple[Tile, ...] = ()
    charts: tuple[Chart, ...] = ()

    def __post_init__(self) -> None:
        assign(self, tiles=tuple(self.tiles), charts=tuple(self.charts))
        if not self.tiles and not self.charts:
            raise ConfigError(f"dashboard {self.name}: it has no tiles and no charts")


def parse_measure(measure: str) -> tuple[str, str]:
    """``"count"`` → ``("id", "count")``; ``"amount:sum"`` → ``("amount", "sum")``.

    Raises:
        ConfigError: not ``count`` nor ``field:function``.
    """
    if measure == "count":
        return "id", "count"
    field, _, function = measure.partition(":")
    if not field or function not in {"sum", "avg", "min", "max", "count"}:
        raise ConfigError(f"measure {measure!r}: expected 'count' or '<field>:<sum|avg|min|max|count>'")
    return field, function
