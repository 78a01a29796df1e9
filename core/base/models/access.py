"""Access rights (what a group may do with a model) and record rules (which rows).

Both are plain records that addons ship in ``security/*.toml`` data files and
administrators can change; `core.orm.access` enforces them inside the ORM::

    [["base.access"]]
    id = "access_partner_user"
    model = "base.partner"
    group = "base.group_user"
    can_read = true
    can_create = true
    can_write = true

    [["base.rule"]]
    id = "rule_lead_own"
    name = "Salespeople see their own leads"
    model = "crm.lead"
    groups = ["crm.group_user"]
    domain = [["salesperson", "=", "@user"]]
"""

from __future__ import annotations

from core.errors import ValidationError
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.model import Model


class Access(Model, name="base.access"):
    """Operations a group (or, without a group, every user) may do on one model."""

    _description = "Access right"
    _order = "model, id"
    _rec_name = "model"

    model = fields.Char(required=True, index=True, help="The model's name, e.g. base.partner.")
    group = fields.Many2one("base.group", ondelete="cascade", help="Empty: every user.")
    can_read = fields.Boolean("Read")
    can_create = fields.Boolean("Create")
    can_write = fields.Boolean("Write")
    can_delete = fields.Boolean("Delete")

    @constrains("model")
    def _check_model(self) -> None:
        if self.model not in self.env.registry:
            raise ValidationError(fields={"model": f"No installed addon declares the model {self.model!r}."})


class Rule(Model, name="base.rule"):
    """A domain limiting the rows of a model a user works on.

    Rules without groups apply to everyone and all must hold; of the rules
    for the user's groups, one must hold. In the domain, ``"@user"`` is the
    user's id, ``"@partner"`` their partner, ``"@company"`` their current
    company and ``"@companies"`` the companies they may work in.
    """

    _description = "Record rule"
    _order = "model, id"

    name = fields.Char(required=True)
    model = fields.Char(required=True, index=True)
    groups = fields.Many2many(
        "base.group", relation="base_rule_group_rel", column1="rule_id", column2="group_id"
    )
    domain = fields.Json(required=True)
    on_read = fields.Boolean("Applies to reading", default=True)
    on_create = fields.Boolean("Applies to creating", default=True)
    on_write = fields.Boolean("Applies to writing", default=True)
    on_delete = fields.Boolean("Applies to deleting", default=True)
    active = fields.Boolean(default=True)

    @constrains("model", "domain")
    def _check_domain(self) -> None:
        from core.orm.access import resolve_placeholders
        from core.orm.domain import parse

        if self.model not in self.env.registry:
            raise ValidationError(fields={"model": f"No installed addon declares the model {self.model!r}."})
        try:
            parse(self.env.registry, self.env.registry[self.model], resolve_placeholders(self.domain, {}))
        except Exception as error:  # noqa: BLE001 - any parse failure is the user's domain being wrong
            raise ValidationError(fields={"domain": str(getattr(error, "message", error))}) from None
