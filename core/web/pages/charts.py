"""Charts drawn on the server as inline SVG: bar, line, pie and funnel, no script, no network.

Each chart is an ``<svg role="img">`` titled and described for screen
readers (the description lists every label and value), its shapes carrying
classes that the stylesheet colours (``s0`` … ``s7``) since the page's
Content-Security-Policy forbids inline styles. Labels are escaped, as in any
template::

    points = [Point("Won", 12.0, "12"), Point("Lost", 3.0, "3")]
    svg = draw("pie", "Deals by outcome", points, "chart-1")   # Markup('<svg ...')
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from collections.abc import Sequence

from markupsafe import Markup

WIDTH, HEIGHT = 640, 320
TOP, BOTTOM, SIDE = 28, 56, 16
COLOURS = 8
CHAR_WIDTH = 7  # rough width of a label character at the chart's font size, to shorten labels


@dataclasses.dataclass(frozen=True)
class Point:
    """One group: its label, its value as a number, and that value as the user reads it."""

    label: str
    value: float
    text: str


def _n(number: float) -> str:
    """A coordinate for SVG: one decimal, no exponent."""
    return f"{number:.1f}"


def _short(label: str, room: float) -> str:
    """``label`` cut with an ellipsis to fit ``room`` pixels."""
    fits = max(3, int(room // CHAR_WIDTH))
    return label if len(label) <= fits else label[: fits - 1] + "…"


def _frame(kind: str, title: str, points: Sequence[Point], chart_id: str, body: Markup) -> Markup:
    description = "; ".join(f"{point.label}: {point.text}" for point in points)
    return Markup(
        '<svg class="chart chart-{kind}" viewBox="0 0 {w} {h}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>'
    ).format(kind=kind, w=WIDTH, h=HEIGHT, id=chart_id, title=title, desc=description, body=body)


def _empty(text: str) -> Markup:
    return Markup('<text class="empty" x="{}" y="{}" text-anchor="middle">{}</text>').format(
        WIDTH // 2, HEIGHT // 2, text
    )


def _scale(points: Sequence[Point]) -> Callable[[float], float]:
    """The y coordinate of a value, zero included in the range."""
    low = min(0.0, *(p.value for p in points))
    high = max(0.0, *(p.value for p in points))
    span = (high - low) or 1.0
    plot = HEIGHT - TOP - BOTTOM
    return lambda value: TOP + (high - value) / span * plot


def _axis_label(x: float, label: str, slot: float) -> Markup:
    return Markup('<text class="label" x="{}" y="{}" text-anchor="middle">{}</text>').format(
        _n(x), HEIGHT - BOTTOM + 18, _short(label, slot)
    )


def bar(points: Sequence[Point]) -> Markup:
    """Vertical bars from the zero line, each with its value above and its label below."""
    y = _scale(points)
    slot = (WIDTH - 2 * SIDE) / len(points)
    shapes = [
        Markup('<line class="axis" x1="{}" x2="{}" y1="{}" y2="{}"/>').format(
            SIDE, WIDTH - SIDE, _n(y(0)), _n(y(0))
        )
    ]
    for index, point in enumerate(points):
        centre = SIDE + slot * (index + 0.5)
        top, bottom = sorted((y(point.value), y(0)))
        shapes.append(
            Markup(
                '<g class="bar"><title>{label}: {text}</title>'
                '<rect class="s{colour}" x="{x}" y="{y}" width="{w}" height="{h}" rx="3"/>'
                '<text class="value" x="{cx}" y="{ty}" text-anchor="middle">{text}</text>{axis}</g>'
            ).format(
                label=point.label,
                text=point.text,
                colour=index % COLOURS,
                x=_n(centre - slot * 0.35),
                y=_n(top),
                w=_n(slot * 0.7),
                h=_n(max(bottom - top, 1)),
                cx=_n(centre),
                ty=_n(top - 6),
                axis=_axis_label(centre, point.label, slot),
            )
        )
    return Markup("").join(shapes)


def line(points: Sequence[Point]) -> Markup:
    """A line through the values, with a dot, a value and a label at each point."""
    y = _scale(points)
    slot = (WIDTH - 2 * SIDE) / len(points)
    xs = [SIDE + slot * (index + 0.5) for index in range(len(points))]
    path = " ".join(
        f"{'M' if i == 0 else 'L'}{_n(x)},{_n(y(p.value))}"
        for i, (x, p) in enumerate(zip(xs, points, strict=True))
    )
    area = f"{path} L{_n(xs[-1])},{_n(y(0))} L{_n(xs[0])},{_n(y(0))} Z"
    shapes = [
        Markup('<path class="area" d="{}"/><path class="line" d="{}"/>').format(area, path),
        Markup('<line class="axis" x1="{}" x2="{}" y1="{}" y2="{}"/>').format(
            SIDE, WIDTH - SIDE, _n(y(0)), _n(y(0))
        ),
    ]
    for x, point in zip(xs, points, strict=True):
        shapes.append(
            Markup(
                '<g class="point"><title>{label}: {text}</title><circle cx="{x}" cy="{y}" r="4"/>'
                '<text class="value" x="{x}" y="{ty}" text-anchor="middle">{text}</text>{axis}</g>'
            ).format(
                label=point.label,
                text=point.text,
                x=_n(x),
                y=_n(y(point.value)),
                ty=_n(y(point.value) - 10),
                axis=_axis_label(x, point.label, slot),
            )
        )
    return Markup("").join(shapes)


def _slice(cx: float, cy: float, r: float, start: float, end: float) -> str:
    """The path of a pie slice between two angles (radians, clockwise from the top)."""
    x1, y1 = cx + r * math.sin(start), cy - r * math.cos(start)
    x2, y2 = cx + r * math.sin(end), cy - r * math.cos(end)
    large = 1 if end - start > math.pi else 0
    return f"M{_n(cx)},{_n(cy)} L{_n(x1)},{_n(y1)} A{_n(r)},{_n(r)} 0 {large} 1 {_n(x2)},{_n(y2)} Z"


def pie(points: Sequence[Point], percent: Callable[[float], str]) -> Markup:
    """A pie of the positive values, with a legend of labels, values and shares."""
    positive = [p for p in points if p.value > 0]
    total = sum(p.value for p in positive)
    cx, cy, r = HEIGHT / 2, HEIGHT / 2, HEIGHT / 2 - 24
    shapes: list[Markup] = []
    angle = 0.0
    for index, point in enumerate(positive):
        share = point.value / total
        tooltip = Markup("<title>{}: {} ({})</title>").format(point.label, point.text, percent(share))
        if len(positive) == 1:
            shape = Markup('<circle class="s{}" cx="{}" cy="{}" r="{}"/>').format(
                index % COLOURS, _n(cx), _n(cy), _n(r)
            )
        else:
            end = angle + share * 2 * math.pi
            shape = Markup('<path class="s{}" d="{}"/>').format(
                index % COLOURS, _slice(cx, cy, r, angle, end)
            )
            angle = end
        shapes.append(Markup('<g class="slice">{}{}</g>').format(tooltip, shape))
    legend_x = HEIGHT + 8
    for index, point in enumerate(positive):
        row = 36 + index * 24
        shapes.append(
            Markup(
                '<g class="legend"><rect class="s{c}" x="{x}" y="{y}" width="14" height="14" rx="2"/>'
                '<text x="{tx}" y="{ty}">{label} · {text} ({share})</text></g>'
            ).format(
                c=index % COLOURS,
                x=legend_x,
                y=row - 12,
                tx=legend_x + 22,
                ty=row,
                label=_short(point.label, 160),
                text=point.text,
                share=percent(point.value / total),
            )
        )
    return Markup("").join(shapes)


def funnel(points: Sequence[Point], percent: Callable[[float], str]) -> Markup:
    """Centred bars narrowing with the values, each with its label, value and share of the first."""
    top = max((p.value for p in points), default=0) or 1
    first = points[0].value or 1
    height = (HEIGHT - 2 * SIDE) / len(points)
    shapes = []
    for index, point in enumerate(points):
        width = max(point.value / top, 0.02) * (WIDTH - 2 * SIDE)
        y = SIDE + index * height
        shapes.append(
            Markup(
                '<g class="stage"><title>{label}: {text}</title>'
                '<rect class="s{c}" x="{x}" y="{y}" width="{w}" height="{h}" rx="3"/>'
                '<text class="on-bar" x="{cx}" y="{ty}" text-anchor="middle">'
                "{label} · {text} ({share})</text></g>"
            ).format(
                label=point.label,
                text=point.text,
                c=index % COLOURS,
                x=_n((WIDTH - width) / 2),
                y=_n(y + 2),
                w=_n(width),
                h=_n(height - 4),
                cx=WIDTH // 2,
                ty=_n(y + height / 2 + 5),
                share=percent(point.value / first),
            )
        )
    return Markup("").join(shapes)


def draw(
    kind: str, title: str, points: Sequence[Point], chart_id: str, percent: Callable[[float], str], empty: str
) -> Markup:
    """The ``kind`` chart of ``points`` as an SVG element whose ids start with ``chart_id``.

    ``percent`` formats a share (0.25 → "25%") in the user's language;
    ``empty`` is the text shown when there is nothing to draw.
    """
    if not points or (kind == "pie" and not any(p.value > 0 for p in points)):
        body = _empty(empty)
    elif kind == "bar":
        body = bar(points)
    elif kind == "line":
        body = line(points)
    elif kind == "pie":
        body = pie(points, percent)
    else:
        body = funnel(points, percent)
    return _frame(kind, title, points, chart_id, body)
