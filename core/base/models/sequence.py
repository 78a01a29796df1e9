"""Sequences: numbers for documents (SO/2026/00042), per year, optionally gap-free."""

from __future__ import annotations

from core.orm import fields
from core.orm.constraints import Check
from core.orm.constraints import Unique
from core.orm.model import Model


class Sequence(Model, name="base.sequence"):
    """A named numbering: ``prefix`` may hold ``{year}``; numbers restart each year when it does."""

    _description = "Sequence"
    _order = "code"
    _sql_constraints = (Unique("code", "company", message="A sequence with this code already exists."),)

    code = fields.Char(required=True, help="What code asks for it, e.g. sales.order.")
    name = fields.Char(required=True)
    prefix = fields.Char(default="", help="Text before the number; {year} is replaced by the year.")
    padding = fields.Integer(default=5, required=True)
    gap_free = fields.Boolean(
        "Gap-free",
        help="Numbers are given in commit order with no holes; concurrent transactions wait for each other.",
    )
    company = fields.Many2one("base.company")
    numbers = fields.One2many("base.sequence_number", inverse="sequence")


class SequenceNumber(Model, name="base.sequence_number"):
    """The next number of a sequence for one year (year 0 when the prefix has no {year})."""

    _description = "Sequence counter"
    _rec_name = None
    _sql_constraints = (
        Unique("sequence", "year", message="This sequence already counts this year."),
        Check("next_number > 0", name="positive", message="Numbers start at 1."),
    )

    sequence = fields.Many2one("base.sequence", required=True, ondelete="cascade")
    year = fields.Integer(required=True)
    next_number = fields.Integer(default=1, required=True)
