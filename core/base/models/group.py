"""Groups of users. Rights, rules and restricted fields are granted to groups.

A group implies others ("Sales / Manager" implies "Sales / User"): its
members have the rights of every implied group too.
"""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Model


class Group(Model, name="base.group"):
    _description = "Group"
    _order = "category, name"
    _rec_name = "full_name"

    name = fields.Char(required=True)
    category = fields.Char(help="The application the group belongs to, e.g. Sales.")
    full_name = fields.Char(store=True)
    comment = fields.Text()
    implied = fields.Many2many(
        "base.group",
        "Implied groups",
        relation="base_group_implied_rel",
        column1="group_id",
        column2="implied_id",
    )
    users = fields.Many2many(
        "base.user", relation="base_group_users_rel", column1="group_id", column2="user_id"
    )

    @full_name.computed_from("category", "name")
    def _compute_full_name(self) -> None:
        self.full_name = f"{self.category} / {self.name}" if self.category else self.name
