"""Sales orders: a quotation that becomes an order, with its lines, taxes and totals.

The ``state`` follows the declared workflow `Order.TRANSITIONS`
(`core.orm.workflow.Transitions`), which every action moves through::

    draft ──send──▶ sent ──confirm──▶ confirmed ──done──▶ done
      │ ╰───────────confirm──────────▶   │
      ╰──cancel──▶ cancelled ◀──cancel───╯   (sent orders can be cancelled too)
                   cancelled ──draft──▶ draft

Confirming fires ``sales_order_confirmed`` and cancelling
``sales_order_cancelled`` (`addons.sales.hookspecs`) after the state is
written, in the same transaction.

A confirmed, done or cancelled order (`LOCKED_STATES`) keeps the lines and
amounts it has: adding, removing or changing lines (their product,
quantity, unit, price, discount or taxes), or changing its currency or tax
rounding, is refused by every path: forms, the API, the ORM. A cancelled
order set back to quotation can be changed again.

A new order is named from the sequence ``sales.order`` (``SO/2026/00001``,
restarting each year of the order date), takes its customer's pricelist, the
pricelist's currency (else the company's) and the company's tax rounding.
New lines are completed by `addons.sales.pricing.fill_lines`. The amounts
are commerce's (`addons.commerce.documents.TaxedDocument`) and stored, so
lists, groupings and dashboards sum them in SQL.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any
from typing import ClassVar

from addons.commerce.documents import TaxedDocument
from addons.commerce.documents import new_lines
from addons.sales import pricing
from addons.sales import reporting
from core.base.models.company import current_company
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.environment import Environment
from core.orm.model import Model
from core.orm.model import api_method
from core.orm.records import RecordSet
from core.orm.sequences import next_number
from core.orm.workflow import Transitions

STATES = [
    ("draft", "Quotation"),
    ("sent", "Quotation sent"),
    ("confirmed", "Sales order"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
SEQUENCE = "sales.order"
LOCKED_STATES = ("confirmed", "done", "cancelled")
LOCKED_AMOUNTS = ("currency", "tax_rounding")  # an order's fields that change its lines' amounts
COPIED_LINE_FIELDS = ("sequence", "product", "description", "quantity", "uom", "price_unit", "discount")
COST_READERS = ("product.group_cost_reader",)
ZERO = decimal.Decimal(0)


def default_user(env: Environment) -> Any:
    return env.user_id


class Order(TaxedDocument, Model, name="sales.order"):
    _description = "Sales order"
    _order = "date_order desc, id desc"
    _history = True
    TRANSITIONS: ClassVar[Transitions] = Transitions(
        {
            "draft": {"sent", "confirmed", "cancelled"},
            "sent": {"confirmed", "cancelled"},
            "confirmed": {"done", "cancelled"},
            "done": set(),
            "cancelled": {"draft"},
        }
    )

    name = fields.Char("Number", required=True, readonly=True, copy=False, index=True)
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, tracked=True, copy=False)
    partner = fields.Many2one("base.partner", "Customer", required=True, tracked=True, index=True)
    contact = fields.Many2one("base.partner", "Contact person")
    date_order = fields.Date(
        "Order date", default=Environment.today, required=True, tracked=True, index=True, copy=False
    )
    validity_date = fields.Date("Valid until")
    payment_term = fields.Many2one("commerce.payment_term", "Payment terms")
    pricelist = fields.Many2one("sales.pricelist")
    currency = fields.Many2one(
        "base.currency", required=True, ondelete="restrict", default=fields.SET_ON_CREATE
    )
    user = fields.Many2one(
        "base.user", "Salesperson", default=default_user, tracked=True, index=True, copy=False
    )
    company = fields.Many2one("base.company", default=current_company, required=True)
    lines = fields.One2many("sales.order_line", inverse="order")
    margin = fields.Monetary(currency="currency", store=True, groups=COST_READERS)
    note = fields.Text("Terms and conditions")

    @margin.computed_from("lines.margin")
    def _compute_margin(self) -> None:
        self.margin = sum((decimal.Decimal(line.margin or 0) for line in self.lines), ZERO)

    @constrains("pricelist", "currency")
    def _check_pricelist_currency(self) -> None:
        if self.pricelist is not None and self.pricelist.currency != self.currency:
            raise ValidationError(
                fields={"pricelist": _("The pricelist's currency must be the order's currency.")}
            )

    # -- creation --------------------------------------------------------------------

    @classmethod
    def new(cls, env: Environment, vals: Mapping[str, Any]) -> Order:
        """An order with its number, the customer's pricelist, its currency and complete lines."""
        vals = dict(vals)
        company = env.record("base.company", vals.get("company")) or current_company(env)
        partner = env.record("base.partner", vals.get("partner"))
        if "pricelist" not in vals and partner is not None and partner.pricelist is not None:
            vals["pricelist"] = partner.pricelist.id
        pricelist = env.record("sales.pricelist", vals.get("pricelist"))
        if vals.get("currency") is None:
            currency = pricelist.currency if pricelist is not None else getattr(company, "currency", None)
            vals["currency"] = currency.id if currency is not None else None
        day = cls._fields["date_order"].convert(vals.get("date_order"), env) or env.today()
        vals["date_order"] = day
        if not vals.get("name"):
            vals["name"] = next_number(env, SEQUENCE, company=company, on=day)
        if vals.get("lines"):
            currency = env.record("base.currency", vals["currency"])
            pricing.fill_lines(env, new_lines(vals), pricelist=pricelist, currency=currency, day=day)
        return super().new(env, vals)  # type: ignore[return-value]

    def copy(self, overrides: Mapping[str, Any] | None = None) -> Order:
        """A new quotation with this order's terms and copies of its lines, at their prices.

        It gets a new number, today's date and, as salesperson, the user who copies it.
        """
        lines = [
            {**{name: getattr(line, name) for name in COPIED_LINE_FIELDS}, "taxes": list(line.taxes)}
            for line in self.lines
        ]
        return super().copy({"lines": lines, **(overrides or {})})

    def write(self, vals: Mapping[str, Any]) -> None:
        """Change the order; new lines given in ``lines`` are completed as on creation.

        Raises:
            ValidationError: the order is locked (`LOCKED_STATES`) and ``vals``
                adds or removes lines or changes its currency or tax rounding.
        """
        if self.state in LOCKED_STATES:
            changed = [name for name in LOCKED_AMOUNTS if name in vals and differs(self, name, vals[name])]
            if "lines" in vals and self.changes_lines(vals["lines"]):
                changed.append("lines")
            if changed:
                self.check_unlocked(changed)
        if vals.get("lines"):
            vals = dict(vals)
            added = new_lines(vals)
            pricelist = (
                self.env.record("sales.pricelist", vals["pricelist"])
                if "pricelist" in vals
                else self.pricelist
            )
            pricing.fill_lines(
                self.env, added, pricelist=pricelist, currency=self.currency, day=self.date_order
            )
        super().write(vals)

    def check_unlocked(self, changed: Sequence[str] = ()) -> None:
        """Refuse to change the lines or amounts of this order while it is locked (`LOCKED_STATES`).

        ``changed`` names the fields the refusal is about, for the messages.

        Raises:
            ValidationError: the order is confirmed, done or cancelled.
        """
        if self.state not in LOCKED_STATES:
            return
        raise ValidationError(
            _(
                "%(name)s is “%(state)s”: its lines and amounts can no longer change.",
                name=self.name,
                state=_(dict(STATES)[self.state]),
            ),
            fields=dict.fromkeys(changed, _("Locked in this state.")),
        )

    # -- workflow ---------------------------------------------------------------------

    @api_method
    def action_send(self) -> Order:
        """Mark the quotation as sent to the customer.

        Raises:
            ValidationError: it is not a draft quotation.
        """
        self.TRANSITIONS.move([self], "sent")
        return self

    @api_method
    def action_confirm(self) -> Order:
        """Make the quotation a sales order; fires ``sales_order_confirmed``.

        Raises:
            ValidationError: it is not a draft or sent quotation, or it has no lines.
        """
        orders = RecordSet(self.env, type(self), [self])
        if not self.lines:
            raise ValidationError(
                _("%(name)s has no lines to confirm.", name=self.name), fields={"lines": _("Add a line.")}
            )
        self.TRANSITIONS.move(orders, "confirmed")
        self.env.hook.sales_order_confirmed(env=self.env, orders=orders)
        return self

    @api_method
    def action_done(self) -> Order:
        """Close a confirmed order: it is delivered and settled.

        Raises:
            ValidationError: it is not confirmed.
        """
        self.TRANSITIONS.move([self], "done")
        return self

    @api_method
    def action_cancel(self) -> Order:
        """Cancel the quotation or order; fires ``sales_order_cancelled``.

        Raises:
            ValidationError: it is done or already cancelled.
        """
        orders = RecordSet(self.env, type(self), [self])
        self.TRANSITIONS.move(orders, "cancelled")
        self.env.hook.sales_order_cancelled(env=self.env, orders=orders)
        return self

    @api_method
    def action_draft(self) -> Order:
        """Make a cancelled order a draft quotation again.

        Raises:
            ValidationError: it is not cancelled.
        """
        self.TRANSITIONS.move([self], "draft")
        return self

    # -- reports ------------------------------------------------------------------------

    @classmethod
    def sales_stats(
        cls,
        env: Environment,
        by: str = "month",
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> list[dict[str, Any]]:
        """Revenue of confirmed and done orders by month, product, customer or salesperson.

        See `addons.sales.reporting.revenue`.
        """
        return reporting.revenue(env, by, date_from, date_to)

    @classmethod
    def sales_average(
        cls, env: Environment, date_from: dt.date | None = None, date_to: dt.date | None = None
    ) -> dict[str, decimal.Decimal]:
        """Average untaxed value of confirmed and done orders, by currency code."""
        return reporting.average_order_value(env, date_from, date_to)

    @classmethod
    def sales_conversion(
        cls, env: Environment, date_from: dt.date | None = None, date_to: dt.date | None = None
    ) -> decimal.Decimal | None:
        """Percentage of quotations that became orders; see `addons.sales.reporting.conversion_rate`."""
        return reporting.conversion_rate(env, date_from, date_to)


def differs(record: Model, name: str, value: Any) -> bool:
    """Whether writing ``value`` (as the ORM takes it) would change the field ``name`` of ``record``."""
    field = record._fields[name]
    try:
        new = field.convert(value, record.env)
    except ValueError:
        return True  # not even a value of the field: it would not stay as it is
    current = getattr(record, name)
    if field.type_name == "many2many":
        return sorted(item.id for item in new or ()) != sorted(item.id for item in current)
    return bool(new != current)
