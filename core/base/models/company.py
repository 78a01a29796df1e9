"""Companies: the legal entities whose books and data Tessera keeps apart."""

from __future__ import annotations

from typing import Any

from core.errors import MissingError
from core.orm import fields
from core.orm.environment import Environment
from core.orm.model import Model


class Company(Model, name="base.company"):
    _description = "Company"
    _order = "name"
    _parent_field = "parent"

    name = fields.Char(required=True)
    currency = fields.Many2one("base.currency", required=True, ondelete="restrict")
    partner = fields.Many2one("base.partner", help="The company's own address and contact data.")
    parent = fields.Many2one("base.company", "Parent company")
    country = fields.Many2one("base.country")
    vat = fields.Char("Tax id")


USERS_KEY = "tessera.users"  # session.info: the acting users' records, kept for the transaction


def current_company(env: Environment) -> Any:
    """The company the acting user works in now, else the main company (for the system).

    Addons use it as the default of their ``company`` fields::

        company = fields.Many2one("base.company", default=current_company)
    """
    if env.user_id is not None:
        # Asked for by every default and every row: keep the user for the transaction (the
        # session holds records weakly, and would read it again each time).
        users: dict[int, Any] = env.session.info.setdefault(USERS_KEY, {})
        user = users.get(env.user_id)
        if user is None:
            user = users[env.user_id] = env.session.get(env.registry["base.user"], env.user_id)
        if user is not None and user.company is not None:  # type: ignore[attr-defined]
            return user.company  # type: ignore[attr-defined]
    try:
        return env.ref("base.main_company")
    except MissingError:
        return None
