"""Partners: every person and company Tessera deals with (customers, vendors, contacts).

A company partner has contacts: partners whose ``parent`` is the company.
Addons extend this model (crm adds opportunities, accounting adds balances).
Changes of its tracked fields are kept in its history (`core.orm.history`).
"""

from __future__ import annotations

import re

from core.errors import ValidationError
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.model import Model

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Partner(Model, name="base.partner"):
    _description = "Partner"
    _order = "name, id"
    _parent_field = "parent"
    _history = True

    name = fields.Char(required=True, index=True, tracked=True)
    is_company = fields.Boolean("Is a company")
    parent = fields.Many2one(
        "base.partner",
        "Company",
        ondelete="cascade",
        tracked=True,
        help="The company this contact works for.",
    )
    contacts = fields.One2many("base.partner", inverse="parent")
    function = fields.Char("Job position")
    email = fields.Char(index=True, tracked=True)
    phone = fields.Char()
    street = fields.Char()
    street2 = fields.Char()
    city = fields.Char()
    zip = fields.Char("ZIP")
    country = fields.Many2one("base.country")
    vat = fields.Char("Tax id")
    ref = fields.Char("Reference", index=True)
    lang = fields.Char("Language", size=8)
    company = fields.Many2one("base.company", tracked=True, help="Empty: shared by all companies.")
    notes = fields.Text()
    active = fields.Boolean(default=True, tracked=True)

    @constrains("email")
    def _check_email(self) -> None:
        if self.email and not EMAIL.match(self.email):
            raise ValidationError(fields={"email": f"{self.email!r} is not an email address."})

    @constrains("parent")
    def _check_parent(self) -> None:
        seen, node = set(), self
        while node is not None:
            if node in seen:
                raise ValidationError(fields={"parent": "A partner cannot be its own parent company."})
            seen.add(node)
            node = node.parent
