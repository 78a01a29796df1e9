"""Journal entries: dated, balanced sets of journal items in one journal, drafted then posted for good.

The ``state`` follows `Move.TRANSITIONS` (`core.orm.workflow.Transitions`)::

    draft ──post──▶ posted            (numbered, then immutable; corrected by `Move.reverse`)
      │ ╰──cancel──▶ cancelled ──draft──▶ draft

Posting (`addons.accounting.posting`) refuses an entry without items, with an
item on a deprecated account, whose debits and credits differ, or dated in a
period locked for the user (`addons.accounting.locks`); it gives the entry
the next gap-free number of its journal and year (``MAH/2026/00042``).

A posted entry and its items never change and are never deleted, by anyone,
through any path: `write` and attribute assignment are refused when the
entry is flushed (`Move._check_not_posted`, and its twin on items), `unlink`
refuses at once. Fields a later addon must still set on posted entries are
listed in `Move.POSTED_WRITABLE`. A mistake is corrected by reversing the
entry: `Move.reverse` posts its mirror image, linked to it by
``reversed_entry``, and a new entry is posted with the right figures.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from typing import Any
from typing import ClassVar

from addons.accounting import posting
from addons.accounting.changes import is_new
from addons.accounting.changes import previous_value
from addons.accounting.locks import check_hard_lock
from addons.accounting.locks import check_posting_date
from addons.accounting.models.move_line import ITEM_FIELDS
from addons.accounting.models.move_line import MOVE_STATES
from addons.accounting.reconciliation import reconcile
from core.base.models.company import current_company
from core.errors import UserError
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import Unique
from core.orm.constraints import constrains
from core.orm.environment import Environment
from core.orm.flush import changed_fields
from core.orm.model import Model
from core.orm.model import api_method
from core.orm.records import RecordSet
from core.orm.workflow import Transitions

ZERO = decimal.Decimal(0)


def default_journal(env: Environment) -> Any:
    """The first miscellaneous journal of the acting user's company, else None."""
    company = current_company(env)
    if company is None:
        return None
    found = env["accounting.journal"].search(
        [("company", "=", company.id), ("type", "=", "general")], limit=1
    )
    return found[0] if found else None


class Move(Model, name="accounting.move"):
    _description = "Journal entry"
    _order = "date desc, name desc, id desc"
    _history = True
    _sql_constraints = (Unique("name", "company", message="Another entry of this company has this number."),)
    TRANSITIONS = Transitions({"draft": {"posted", "cancelled"}, "posted": set(), "cancelled": {"draft"}})
    POSTED_WRITABLE: ClassVar[frozenset[str]] = frozenset({"updated_at", "updated_by"})

    name = fields.Char("Number", readonly=True, copy=False, index=True)
    date = fields.Date(default=Environment.today, required=True, index=True, tracked=True, copy=False)
    journal = fields.Many2one("accounting.journal", default=default_journal, required=True, tracked=True)
    company = fields.Many2one("base.company", related="journal.company", store=True, index=True)
    currency = fields.Many2one("base.currency", "Company currency", related="company.currency", store=True)
    ref = fields.Char("Reference", tracked=True)
    partner = fields.Many2one("base.partner", ondelete="restrict")
    narration = fields.Text("Notes")
    state = fields.Selection(
        MOVE_STATES, "Status", default="draft", required=True, readonly=True, tracked=True, copy=False
    )
    lines = fields.One2many("accounting.move_line", inverse="move", label="Journal items")
    amount_total = fields.Monetary("Amount", currency="currency", store=True, readonly=True)
    reversed_entry = fields.Many2one(
        "accounting.move", "Reversal of", readonly=True, copy=False, ondelete="restrict", index=True
    )
    reversals = fields.One2many("accounting.move", inverse="reversed_entry", label="Reversed by")
    is_closing = fields.Boolean(
        "Year-end closing", readonly=True, copy=False, help="Moves a closed fiscal year's result to equity."
    )
    exchange_difference = fields.Boolean(
        readonly=True,
        copy=False,
        help="Books the exchange difference a reconciliation realised.",
    )

    @amount_total.computed_from("lines.debit")
    def _compute_amount_total(self) -> None:
        self.amount_total = sum((decimal.Decimal(line.debit or 0) for line in self.lines), ZERO)

    # -- rules ----------------------------------------------------------------------------

    @constrains(
        "name",
        "date",
        "journal",
        "ref",
        "partner",
        "narration",
        "state",
        "lines",
        "reversed_entry",
        "is_closing",
        "exchange_difference",
    )
    def _check_not_posted(self) -> None:
        """A posted entry stays as it was posted; entering the posted state only through posting."""
        if is_new(self):
            if self.state != "draft":
                raise ValidationError(
                    _("Entries are created as drafts, then posted."), fields={"state": _("Draft.")}
                )
            return
        previous = previous_value(self, "state")
        if previous == "posted":
            changed = changed_fields(self) - self.POSTED_WRITABLE
            if changed:
                raise ValidationError(
                    _(
                        "%(entry)s is posted: it cannot change. Reverse it and post a correction.",
                        entry=self.name,
                    ),
                    fields=dict.fromkeys(sorted(changed), _("Posted.")),
                )
            return
        if self.id is None and self.state != "draft":
            raise ValidationError(
                _("Entries are created as drafts, then posted."), fields={"state": _("Draft.")}
            )
        if self.state != previous and self.state not in self.TRANSITIONS.allowed[previous]:
            raise ValidationError(
                _(
                    "An entry cannot go from “%(old)s” to “%(new)s”.",
                    old=_(dict(MOVE_STATES)[previous]),
                    new=_(dict(MOVE_STATES)[self.state]),
                ),
                fields={"state": _("Not allowed from this state.")},
            )
        if self.state == "posted":
            if not self.name:
                raise ValidationError(_("Entries are posted with Post, which numbers them."))
            posting.check_postable(self)

    @constrains("date", "journal", "state")
    def _check_hard_lock(self) -> None:
        if self.state != "cancelled" and self.company is not None:
            check_hard_lock(self.company, self.date)

    # -- creation and deletion -------------------------------------------------------------

    def copy(self, overrides: Mapping[str, Any] | None = None) -> Move:
        """A new draft entry dated today with this one's journal, partner, reference and items."""
        lines = [{name: getattr(line, name) for name in ITEM_FIELDS} for line in self.lines]
        return super().copy({"lines": lines, **(overrides or {})})

    def unlink(self) -> None:
        """Delete a draft or cancelled entry.

        Raises:
            UserError: it is posted (reverse it instead).
        """
        if self.state == "posted":
            raise UserError(
                _("%(entry)s is posted: it cannot be deleted. Reverse it instead.", entry=self.name)
            )
        super().unlink()

    # -- workflow ------------------------------------------------------------------------------

    @api_method
    def action_post(self) -> Move:
        """Check, number and post the entry (`addons.accounting.posting.post`).

        Raises:
            ValidationError: it is not a draft, has no items, is unbalanced,
                uses a deprecated account or is dated in a locked period.
        """
        posting.post(self.env, RecordSet(self.env, type(self), [self]))
        return self

    @api_method
    def action_cancel(self) -> Move:
        """Set a draft entry aside without posting it.

        Raises:
            ValidationError: it is posted (reverse it instead).
        """
        self.TRANSITIONS.move([self], "cancelled")
        return self

    @api_method
    def action_draft(self) -> Move:
        """Make a cancelled entry a draft again.

        Raises:
            ValidationError: it is not cancelled.
        """
        self.TRANSITIONS.move([self], "draft")
        return self

    @api_method
    def reverse(self, date: dt.date | None = None) -> Move:
        """Post the mirror image of this posted entry on ``date`` (default today), linked to it.

        Every item's debit becomes a credit and the other way round, amounts
        in currency change sign; the reversal is numbered in the same journal.
        Items on reconciled accounts (receivables, payables) are matched with
        their mirror for what is still open of them.

        Raises:
            ValidationError: the entry is not posted, is already reversed, or
                ``date`` is in a period locked for the user.
        """
        env = self.env
        if self.state != "posted":
            raise ValidationError(_("Only posted entries are reversed; delete or change a draft instead."))
        if any(reversal.state != "cancelled" for reversal in self.reversals):
            raise ValidationError(_("%(entry)s is already reversed.", entry=self.name))
        day = date or env.today()
        check_posting_date(env, self.company, day)
        lines = [
            {
                **{name: getattr(line, name) for name in ITEM_FIELDS},
                "debit": line.credit,
                "credit": line.debit,
                "amount_currency": -line.amount_currency if line.amount_currency is not None else None,
            }
            for line in self.lines
        ]
        reversal = env["accounting.move"].create(
            {
                "journal": self.journal.id,
                "date": day,
                "partner": self.partner,
                "ref": _("Reversal of %(entry)s", entry=self.name),
                "reversed_entry": self.id,
                "lines": lines,
            }
        )
        posting.post(env, RecordSet(env, type(self), [reversal]))
        for line, mirror in zip(self.lines, reversal.lines, strict=True):
            if line.account.reconcile and not line.reconciled:
                reconcile(env, [line, mirror])
        return reversal
