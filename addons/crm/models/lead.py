"""Leads and opportunities: the road from a first contact to a won (or lost) deal.

A lead is a contact not yet qualified (``type = "lead"``);
`Lead.convert_to_opportunity` links or creates its partner and makes it an
opportunity, which moves through the pipeline's stages. Its ``state`` follows
a declared workflow (`Lead.TRANSITIONS`, a `core.orm.workflow.Transitions`):
``open`` → ``won`` (`action_won`, or dropping it in a won stage), ``open`` →
``lost`` (`action_lost`), and back to ``open`` (`action_reopen`). A lost
opportunity is archived (``active`` false) with its state ``lost`` and
probability 0, so it leaves the pipeline and the searches but stays in the
reports (``campaign_stats``) and is found by the "Lost" filter; an archived
lead that is not lost was merged into another.

Amounts: ``expected_revenue`` is in the lead's ``currency``;
``expected_revenue_company`` is that amount in the company's currency (at the
rate of the closing day, else of the day it was last changed; empty when no
rate is known), and ``weighted_revenue`` is that times ``probability`` / 100.
Both are stored, so lists, kanban columns and dashboards sum them in SQL.

The probability follows the stage (and is 100 when won, 0 when lost).
Creating a lead fills what is missing (`addons.crm.assignment`): the user's
company and its currency, the team of its salesperson, a salesperson by round
robin among the team's members, and the team's first stage.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any
from typing import ClassVar

from addons.crm import assignment
from addons.crm import duplicates
from addons.crm import reporting
from addons.crm.models.stage import Stage
from core.base.models.company import current_company
from core.base.models.partner import EMAIL
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import Check
from core.orm.constraints import constrains
from core.orm.environment import Environment
from core.orm.model import Model
from core.orm.model import api_method
from core.orm.records import RecordSet
from core.orm.workflow import Transitions

TYPES = [("lead", "Lead"), ("opportunity", "Opportunity")]
STATES = [("open", "Open"), ("won", "Won"), ("lost", "Lost")]
STATUSES = [("lead", "Lead"), ("opportunity", "Opportunity"), ("won", "Won"), ("lost", "Lost")]
PRIORITIES = [("0", "Normal"), ("1", "Good"), ("2", "Very good"), ("3", "Excellent")]
MEDIUMS = [
    ("web_form", "Web form"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("social", "Social media"),
    ("search", "Search engine"),
    ("advertising", "Advertising"),
    ("referral", "Referral"),
    ("event", "Event"),
]
# What `merge` copies from the merged leads into empty fields of the one kept.
MERGED_FIELDS = (
    "partner", "contact_name", "partner_name", "function", "email", "phone", "city", "country",
    "user", "team", "source", "medium", "campaign", "expected_closing", "description",
)  # fmt: skip
HUNDRED = decimal.Decimal(100)


class Lead(Model, name="crm.lead"):
    _description = "Lead"
    _order = "priority desc, id desc"
    _history = True
    _sql_constraints = (
        Check(
            "probability >= 0 AND probability <= 100",
            name="probability_range",
            message="A probability is between 0 and 100 percent.",
        ),
    )
    TRANSITIONS: ClassVar[Transitions] = Transitions(
        {"open": {"won", "lost"}, "won": {"open"}, "lost": {"open"}}
    )

    name = fields.Char("Subject", required=True, tracked=True)
    type = fields.Selection(TYPES, default="lead", required=True, tracked=True)
    state = fields.Selection(STATES, default="open", required=True, store=True, tracked=True)
    status = fields.Selection(STATUSES, help="Lead, opportunity, won or lost: the form's status bar.")
    active = fields.Boolean(default=True)
    # The contact, as given before a partner exists.
    contact_name = fields.Char("Contact name")
    partner_name = fields.Char("Company name", help="Becomes a company partner on conversion.")
    function = fields.Char("Job position")
    email = fields.Char(index=True)
    phone = fields.Char()
    city = fields.Char()
    country = fields.Many2one("base.country")
    partner = fields.Many2one("base.partner", "Customer", tracked=True)
    # Duplicate detection (`addons.crm.duplicates`).
    email_key = fields.Char(store=True, index=True, readonly=True, copy=False)
    phone_key = fields.Char(store=True, index=True, readonly=True, copy=False)
    company_key = fields.Char(store=True, index=True, readonly=True, copy=False)
    duplicate_count = fields.Integer(
        "Possible duplicates",
        default=0,
        readonly=True,
        copy=False,
        help="Other active leads with this email, phone or company.",
    )
    # Where it came from.
    source = fields.Many2one("crm.source")
    medium = fields.Selection(MEDIUMS)
    campaign = fields.Many2one("crm.campaign")
    # Who works on it.
    user = fields.Many2one("base.user", "Salesperson", tracked=True)
    team = fields.Many2one("crm.team", "Sales team", tracked=True)
    company = fields.Many2one("base.company", default=current_company)
    # The pipeline.
    stage = fields.Many2one("crm.stage", tracked=True, ondelete="restrict")
    priority = fields.Selection(PRIORITIES, default="0")
    tags = fields.Many2many("crm.tag", relation="crm_lead_tag_rel", column1="lead_id", column2="tag_id")
    probability = fields.Float(store=True, help="In percent; follows the stage.")
    expected_closing = fields.Date("Expected closing", tracked=True)
    date_closed = fields.Datetime("Closed on", store=True, copy=False)
    lost_reason = fields.Many2one("crm.lost_reason", "Lost reason", tracked=True, copy=False)
    # Money.
    currency = fields.Many2one("base.currency", default=assignment.default_currency)
    expected_revenue = fields.Monetary("Expected revenue", currency="currency", tracked=True)
    company_currency = fields.Many2one(
        "base.currency", "Company currency", related="company.currency", store=True
    )
    expected_revenue_company = fields.Monetary(
        "Expected revenue (company currency)", currency="company_currency", store=True
    )
    weighted_revenue = fields.Monetary("Weighted revenue", currency="company_currency", store=True)
    description = fields.Text("Notes")
    activities = fields.One2many("crm.activity", inverse="lead")

    # -- computed fields -----------------------------------------------------------

    @email_key.computed_from("email")
    def _compute_email_key(self) -> None:
        self.email_key = duplicates.email_key(self.email)

    @phone_key.computed_from("phone")
    def _compute_phone_key(self) -> None:
        self.phone_key = duplicates.phone_key(self.phone)

    @company_key.computed_from("partner_name")
    def _compute_company_key(self) -> None:
        self.company_key = duplicates.company_key(self.partner_name)

    @status.computed_from("type", "state")
    def _compute_status(self) -> None:
        self.status = self.type if self.state == "open" else self.state

    @state.computed_from("stage.is_won")
    def _compute_state(self) -> None:
        """Entering a won stage by any path wins the lead; leaving it reopens a won lead."""
        if self.stage is not None and self.stage.is_won:
            self.state = "won"
        elif self.state == "won" or not self.state:
            self.state = "open"

    @probability.computed_from("stage.probability", "state")
    def _compute_probability(self) -> None:
        if self.state in ("won", "lost"):
            self.probability = 100.0 if self.state == "won" else 0.0
        else:
            self.probability = self.stage.probability if self.stage is not None else 0.0

    @date_closed.computed_from("state")
    def _compute_date_closed(self) -> None:
        if self.state == "open":
            self.date_closed = None
        elif self.date_closed is None:
            self.date_closed = dt.datetime.now(dt.UTC)

    @expected_revenue_company.computed_from("expected_revenue", "currency", "company_currency", "date_closed")
    def _compute_expected_revenue_company(self) -> None:
        """Converted with the currencies' loaded rates: one query per currency, not per lead."""
        amount, source, target = self.expected_revenue, self.currency, self.company_currency
        if amount is None or source is None or target is None or source.id == target.id:
            self.expected_revenue_company = amount
            return
        day = (self.date_closed or dt.datetime.now(dt.UTC)).date()
        source_rate, target_rate = _rate_on(source, day), _rate_on(target, day, company=True)
        if source_rate is None or target_rate is None:
            self.expected_revenue_company = None
        else:
            self.expected_revenue_company = decimal.Decimal(amount) * target_rate / source_rate

    @weighted_revenue.computed_from("expected_revenue_company", "probability")
    def _compute_weighted_revenue(self) -> None:
        amount = self.expected_revenue_company
        probability = decimal.Decimal(str(self.probability or 0))
        self.weighted_revenue = None if amount is None else decimal.Decimal(amount) * probability / HUNDRED

    @constrains("email")
    def _check_email(self) -> None:
        if self.email and not EMAIL.match(self.email):
            raise ValidationError(fields={"email": _("%(email)s is not an email address.", email=self.email)})

    # -- creation ------------------------------------------------------------------

    @classmethod
    def create(cls, env: Environment, vals_list: Sequence[Mapping[str, Any]]) -> RecordSet[Any]:
        """Create leads, filling team, salesperson (round robin), stage and currency where missing."""
        if not env.su:
            env.access.check(cls, "create")  # first, so a refusal names leads, not teams
        prepared = [dict(vals) for vals in vals_list]
        assignment.fill(env, prepared)
        return super().create(env, prepared)

    # -- workflow ----------------------------------------------------------------------

    @api_method
    def convert_to_opportunity(self, partner_id: int | None = None, create_partner: bool = True) -> Lead:
        """Make this lead an opportunity for the partner ``partner_id``, its own partner, or new ones.

        Without a partner, ``create_partner`` creates a company partner from
        the company name and a contact person under it from the contact name
        (reusing a company partner of exactly that name); the lead then points
        at the company, or at the person when there is no company name.

        Raises:
            ValidationError: it is already an opportunity, or not open.
            MissingError: ``partner_id`` names no partner the user may read.
        """
        if self.type == "opportunity":
            raise ValidationError(
                _("This is already an opportunity."), fields={"type": _("Already converted.")}
            )
        if self.state != "open":
            raise ValidationError(_("Only open leads can be converted."), fields={"state": _("Not open.")})
        partner = self.partner
        if partner_id is not None:
            partner = self.env["base.partner"].get(partner_id)
        elif partner is None and create_partner:
            partner = self._create_partners()
        self.write({"type": "opportunity", **({"partner": partner.id} if partner is not None else {})})
        return self

    def _create_partners(self) -> Any:
        """A company partner (reused when one has the name) and a contact person under it."""
        partners = self.env["base.partner"]
        address = {"city": self.city, "country": self.country.id if self.country is not None else None}
        company = None
        if self.partner_name:
            found = partners.search([("name", "=", self.partner_name), ("is_company", "=", True)], limit=1)
            company = found[0] if found else None
            if company is None:
                own = {} if self.contact_name else {"email": self.email, "phone": self.phone}
                company = partners.create({"name": self.partner_name, "is_company": True, **address, **own})
        if not self.contact_name:
            return company
        person = partners.create(
            {
                "name": self.contact_name,
                "parent": company.id if company is not None else None,
                "function": self.function,
                "email": self.email,
                "phone": self.phone,
                **address,
            }
        )
        return company if company is not None else person

    @api_method
    def action_won(self) -> Lead:
        """Mark the lead won: the won stage, probability 100, closed now; a lead becomes an opportunity.

        Raises:
            ValidationError: it is not open, or no won stage exists for its team.
        """
        self.TRANSITIONS.check([self], "won")
        stages = self.env.registry["crm.stage"].all_stages(self.env)  # type: ignore[attr-defined]
        stage = Stage.pick(stages, self.team_id, won=True)  # type: ignore[attr-defined]
        if stage is None:
            raise ValidationError(_("No stage is marked as won; add one in the configuration."))
        self.write({"state": "won", "stage": stage.id, "type": "opportunity"})
        return self

    @api_method
    def action_lost(self, reason_id: int | None = None, note: str | None = None) -> Lead:
        """Mark the lead lost for the reason ``reason_id``: probability 0, closed now, archived.

        A ``note`` (what happened, in the user's words) is added to the lead's history.

        Raises:
            ValidationError: it is not open, or the reason does not exist.
        """
        self.TRANSITIONS.check([self], "lost")
        self.write({"state": "lost", "active": False, "lost_reason": reason_id})
        if note and note.strip():
            self.post_note(note)
        return self

    @api_method
    def action_reopen(self) -> Lead:
        """Reopen a won or lost lead; a won one goes back to the last stage before the won one.

        Raises:
            ValidationError: it is already open.
        """
        self.TRANSITIONS.check([self], "open")
        vals: dict[str, Any] = {"state": "open", "active": True, "lost_reason": None}
        if self.stage is not None and self.stage.is_won:
            stages = self.env.registry["crm.stage"].all_stages(self.env)  # type: ignore[attr-defined]
            back = Stage.pick(list(reversed(stages)), self.team_id, won=False)  # type: ignore[attr-defined]
            vals["stage"] = back.id if back is not None else None
        self.write(vals)
        return self

    # -- duplicates and merging -----------------------------------------------------------

    def duplicates(self) -> RecordSet[Lead]:
        """The other active leads the user may read that share this one's email, phone or company name."""
        conditions = [(key, "=", getattr(self, key)) for key in duplicates.KEYS if getattr(self, key)]
        if not conditions:
            return RecordSet(self.env, type(self))
        domain: list[Any] = ["|"] * (len(conditions) - 1) + conditions
        return self.env["crm.lead"].search(
            [*domain, ("id", "!=", self.id), ("company", "=", self.company_id)]
        )  # type: ignore[attr-defined]

    @api_method
    def merge(self, ids: list[int]) -> Lead:
        """Fold the leads ``ids`` into this one, which is kept.

        Empty fields of this lead take the first value the others have (in the
        order of ``ids``), tags are united, nothing is summed; the others'
        activities and history notes move here, and they are archived.

        Raises:
            ValidationError: no other lead is given.
            MissingError: one of them does not exist or the user may not read it.
        """
        others = self.env["crm.lead"].browse(
            [lead_id for lead_id in dict.fromkeys(ids) if lead_id != self.id]
        )
        if not others:
            raise ValidationError(_("Choose the leads to merge into this one."), fields={"ids": _("Empty.")})
        vals: dict[str, Any] = {}
        for name in MERGED_FIELDS:
            if getattr(self, name) in (None, ""):
                value = next((getattr(o, name) for o in others if getattr(o, name) not in (None, "")), None)
                if value is not None:
                    vals[name] = value
        tags = list(dict.fromkeys([*self.tags, *(tag for other in others for tag in other.tags)]))
        if len(tags) > len(self.tags):
            vals["tags"] = [tag.id for tag in tags]
        if self.type == "lead" and any(other.type == "opportunity" for other in others):
            vals["type"] = "opportunity"
        self.write(vals)
        env = self.env
        with (
            env.sudo()
        ):  # the user may change both leads: their activities and notes follow, whoever owns them
            env["crm.activity"].search([("lead", "in", list(others.ids))]).write({"lead": self.id})
            notes = env["base.message"].search(
                [("model", "=", self._name), ("res_id", "in", list(others.ids)), ("kind", "=", "note")]
            )
            notes.write({"res_id": self.id})
        others.write({"active": False})
        self.post_note(_("Merged %(names)s into this lead.", names=", ".join(o.display_name for o in others)))
        return self

    # -- reports ------------------------------------------------------------------------

    @classmethod
    def campaign_stats(
        cls, env: Environment, domain: Sequence[Any] = (), by: str = "campaign"
    ) -> list[dict[str, Any]]:
        """Leads, opportunities, won count and revenue and conversion rate per campaign, source or medium.

        See `addons.crm.reporting.campaign_stats`.
        """
        return reporting.campaign_stats(env, domain, by)


def _rate_on(currency: Any, day: dt.date, *, company: bool = False) -> decimal.Decimal | None:
    """``currency``'s latest loaded rate on or before ``day``; 1 for a company currency without any."""
    for rate in currency.rates:  # newest first
        if rate.date <= day:
            return decimal.Decimal(rate.rate)
    return decimal.Decimal(1) if company else None
