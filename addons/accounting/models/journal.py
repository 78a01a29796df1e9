"""Journals: where entries are recorded (sales, purchases, bank, cash, miscellaneous), each numbered apart.

Each journal numbers its posted entries with a gap-free sequence of its own,
``<code>/<year>/<number>`` (``SAT/2026/00001``), restarting every year of the
entry date. The sequence is a kernel ``base.sequence`` (code
``accounting.journal.<id>``, gap-free) made with the journal; its prefix can
be changed by an administrator in Settings → Sequences. Numbers are taken
when an entry is posted (`addons.accounting.posting`), never for drafts.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from core.base.models.company import current_company
from core.orm import fields
from core.orm.constraints import Unique
from core.orm.environment import Environment
from core.orm.model import Model
from core.orm.records import RecordSet
from core.orm.sequences import YEAR

JOURNAL_TYPES = [
    ("sale", "Sales"),
    ("purchase", "Purchase"),
    ("bank", "Bank"),
    ("cash", "Cash"),
    ("general", "Miscellaneous"),
]
PADDING = 5


def sequence_code(journal_id: int) -> str:
    """The code of the ``base.sequence`` numbering the entries of the journal ``journal_id``."""
    return f"accounting.journal.{journal_id}"


class Journal(Model, name="accounting.journal"):
    _description = "Journal"
    _order = "code, id"
    _sql_constraints = (Unique("code", "company", message="Another journal of this company has this code."),)

    name = fields.Char(required=True)
    code = fields.Char(
        "Short code", size=8, required=True, help="Prefixes the entries' numbers: SAT/2026/00001."
    )
    type = fields.Selection(JOURNAL_TYPES, required=True, default="general")
    company = fields.Many2one("base.company", default=current_company, required=True, index=True)
    default_account = fields.Many2one(
        "accounting.account", "Default account", help="The account new lines of this journal start with."
    )
    active = fields.Boolean(default=True)

    @classmethod
    def create(cls, env: Environment, vals_list: Sequence[Mapping[str, Any]]) -> RecordSet[Any]:
        """Create journals, each with its gap-free sequence (made as the system)."""
        journals = super().create(env, vals_list)
        with env.sudo():
            env["base.sequence"].create(
                [
                    {
                        "code": sequence_code(journal.id),
                        "name": journal.name,
                        "prefix": f"{journal.code}/{YEAR}/",
                        "padding": PADDING,
                        "gap_free": True,
                        "company": journal.company.id,
                    }
                    for journal in journals
                ]
            )
        return journals

    def unlink(self) -> None:
        """Delete the journal and its sequence; a journal with entries cannot be deleted."""
        code = sequence_code(self.id)
        super().unlink()
        env = self.env
        with env.sudo():
            env["base.sequence"].search([("code", "=", code)]).unlink()
