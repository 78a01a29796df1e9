"""Adds loyalty points to every partner, shows them in its name, and relabels ``ref`` as the card."""

from __future__ import annotations

from core.errors import ValidationError
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.model import Extension


class Partner(Extension, extends="base.partner"):
    points = fields.Integer(default=0, copy=False)
    ref = fields.Char("Loyalty card")

    @property
    def display_name(self) -> str:
        """The base name followed by the points, e.g. ``Acme (12 pts)``."""
        return f"{super().display_name} ({self.points} pts)"

    def add_points(self, amount: int) -> None:
        """Credit ``amount`` points."""
        self.write({"points": self.points + amount})

    @constrains("points")
    def _check_points_not_negative(self) -> None:
        if self.points < 0:
            raise ValidationError(fields={"points": "Points cannot be negative."})
