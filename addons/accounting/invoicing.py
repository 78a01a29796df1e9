"""Invoicing: the journal entry of an invoice, posting it, crediting it and cancelling it.

An invoice (`addons.accounting.models.invoice`) is a document that owns one
journal entry, made when it is posted (`post_invoices`)::

    invoice = env["accounting.invoice"].create(
        {"kind": "out_invoice", "partner": partner.id, "payment_term": term.id, "origin": "SO/2026/00012",
         "lines": [{"product": desk.id, "quantity": 2, "price_unit": "1500"}]}
    )
    invoice.action_post()       # SAT/2026/00001: the entry's number is the invoice's

The entry books, in the invoice's journal on its date, with the partner on
every item:

* one income (or expense) item per line with an amount: the line's
  subtotal on its account, with its analytic account; it is the base of
  the line's taxes (``taxes``). Another addon may book a line on other
  accounts, or split it into several items adding up to the same amount
  (``accounting_invoice_line_items``, `rebooked_lines`), as a bill of
  goods clearing the goods received not invoiced does;
* one item per tax: its amount as the document rounds it
  (`addons.commerce.documents.TaxedDocument.tax_totals`), on the tax's
  account (`addons.accounting.models.tax.tax_account`), so the invoice and
  the books agree to the cent;
* one receivable (or payable) item per installment of the payment terms,
  due on its day (``date_maturity``), on the company's default receivable
  (payable) account.

Customer invoices credit income and debit the receivable, vendor bills
debit expenses and credit the payable; credit notes do the opposite. An
invoice in a foreign currency keeps its amounts in ``amount_currency`` and
converts each at the rate of the invoice date; the receivable takes what
the others add up to, so the entry balances exactly in both currencies.

Any addon making invoices (sales from orders, purchase from bills)
creates them like this with its document's number in ``origin``:
`complete_lines` fills in what each line leaves out (description, taxes,
account) from the product, as a person entering the invoice would get.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any

from addons.accounting import posting
from addons.accounting.models.tax import tax_account
from addons.accounting.reconciliation import reconcile
from addons.commerce.documents import line_products
from addons.commerce.taxes import applied_taxes
from core.base.models.currency import Rates
from core.errors import ValidationError
from core.i18n import _
from core.orm.environment import Environment
from core.orm.records import RecordSet

ZERO = decimal.Decimal(0)
KINDS = [
    ("out_invoice", "Customer invoice"),
    ("out_refund", "Customer credit note"),
    ("in_invoice", "Vendor bill"),
    ("in_refund", "Vendor credit note"),
]
CUSTOMER_KINDS = ("out_invoice", "out_refund")
REFUND_KINDS = ("out_refund", "in_refund")
REFUND_OF = {"out_invoice": "out_refund", "in_invoice": "in_refund"}
JOURNAL_TYPE = {
    "out_invoice": "sale",
    "out_refund": "sale",
    "in_invoice": "purchase",
    "in_refund": "purchase",
}
COUNTERPART_TYPES = ("receivable", "payable")
# What booking reads of invoices' lines, loaded for all of them at once before posting.
LINE_PATHS = ("lines.account", "lines.product", "lines.taxes", "lines.analytic_account")
COPIED_LINE_FIELDS = (
    "sequence",
    "product",
    "description",
    "account",
    "uom",
    "quantity",
    "price_unit",
    "discount",
    "analytic_account",
)


def check_may_invoice_from(env: Environment, documents: Sequence[Any]) -> None:
    """Refuse unless the user may make invoices of ``documents`` (sales or purchase orders).

    Accounting users, who create invoices, may invoice the documents they
    read; others (salespeople, buyers) those they may change. The caller then
    creates the draft invoices as the system: who may post them is unchanged.

    Raises:
        AccessError: the user may not read (accounting users) or change one of ``documents``.
    """
    if env.su or not documents:
        return
    model = type(documents[0])
    operation = "read" if env.access.allows("accounting.invoice", "create") else "write"
    env.access.check(model, operation)
    env.access.check_rows(model, operation, [document.id for document in documents])


def tax_scope(kind: str) -> str:
    """The scope of the taxes an invoice of ``kind`` takes: ``sale`` or ``purchase``."""
    return "sale" if kind in CUSTOMER_KINDS else "purchase"


def base_sign(kind: str) -> int:
    """The sign of the balance of an invoice's income or expense items: −1 (credits) for customer
    invoices and vendor credit notes, +1 (debits) for vendor bills and customer credit notes."""
    return -1 if kind in ("out_invoice", "in_refund") else 1


def default_journal(env: Environment, company: Any, kind: str) -> Any:
    """The company's first journal for invoices of ``kind`` (sales or purchase), else None."""
    if company is None:
        return None
    found = env["accounting.journal"].search(
        [("company", "=", company.id), ("type", "=", JOURNAL_TYPE[kind]), ("active", "=", True)], limit=1
    )
    return found[0] if found else None


def line_account(kind: str, company: Any, journal: Any, product: Any) -> Any:
    """Where a line of ``product`` on an invoice of ``kind`` books: the product's income (expense)
    account, else its category's, the journal's default account, the company's default; only
    accounts of ``company`` count. None when there is none."""
    name = "income_account" if kind in CUSTOMER_KINDS else "expense_account"
    holders = [product, product.category] if product is not None else []
    candidates = [getattr(holder, name) for holder in holders if holder is not None]
    candidates.append(journal.default_account if journal is not None else None)
    customer = kind in CUSTOMER_KINDS
    candidates.append(company.default_income_account if customer else company.default_expense_account)
    return next(
        (account for account in candidates if account is not None and account.company == company), None
    )


def complete_lines(
    env: Environment, lines: Iterable[dict[str, Any]], kind: str, company: Any, journal: Any
) -> None:
    """Fill in what new invoice lines leave out: from their product the description and the taxes
    of the invoice's side (`addons.commerce.documents.line_products`), and the account
    (`line_account`). Values given are kept. One query per relation whatever the number of lines."""
    lines = list(lines)
    line_products(env, lines, tax_scope(kind))
    for vals in lines:
        if vals.get("account") is None and company is not None:
            product = env.record("product.product", vals.get("product"))
            account = line_account(kind, company, journal, product)
            vals["account"] = account.id if account is not None else None


# -- the entry ------------------------------------------------------------------------------


def entry_values(invoice: Any, rates: Rates | None = None) -> dict[str, Any]:
    """The values of the journal entry that posting ``invoice`` creates (see the module)."""
    company = invoice.company
    currency, company_currency = invoice.currency, company.currency
    foreign = currency != company_currency
    sign = base_sign(invoice.kind)
    refund = invoice.kind in REFUND_KINDS
    rates = {} if rates is None else rates

    def booked(amount: decimal.Decimal) -> decimal.Decimal:
        return company_currency.round(currency.convert(amount, company_currency, invoice.date, rates))

    def item(
        account: Any, amount: decimal.Decimal, balance: decimal.Decimal, **values: Any
    ) -> dict[str, Any]:
        return {
            "account": account.id,
            "partner": invoice.partner,
            "debit": max(balance, ZERO),
            "credit": max(-balance, ZERO),
            "currency": currency.id if foreign else None,
            "amount_currency": amount if foreign else None,
            **values,
        }

    by_line: dict[int, list[dict[str, Any]]] = {}
    for line in invoice.lines:
        amount = sign * decimal.Decimal(line.subtotal or 0)
        if amount:
            by_line[line.id] = [
                item(
                    line.account,
                    amount,
                    booked(amount),
                    name=line.description or line.product.display_name,
                    taxes=applied_taxes(line.taxes),
                    analytic_account=line.analytic_account,
                    tax_refund=refund,
                )
            ]
    items = rebooked_lines(invoice, by_line)
    for tax, tax_amount in invoice.tax_totals().items():
        amount = sign * tax_amount
        if amount:
            account = tax_account(tax, company, refund)
            items.append(item(account, amount, booked(amount), name=tax.name, tax=tax, tax_refund=refund))
    rest = -sum((entry["debit"] - entry["credit"] for entry in items), ZERO)
    installments = _installments(invoice)
    label = invoice.ref or invoice.origin or invoice.partner.display_name
    for index, (due, total) in enumerate(installments):
        amount = -sign * total
        balance = rest if index == len(installments) - 1 else booked(amount)
        rest -= balance
        name = label if len(installments) == 1 else f"{label} ({index + 1}/{len(installments)})"
        items.append(item(counterpart_account(invoice), amount, balance, name=name, date_maturity=due))
    return {
        "journal": invoice.journal.id,
        "date": invoice.date,
        "partner": invoice.partner,
        "ref": invoice.ref or invoice.origin,
        "lines": items,
    }


def rebooked_lines(invoice: Any, by_line: dict[int, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The lines' income (expense) items after ``accounting_invoice_line_items`` changed them.

    Raises:
        ValidationError: an implementation made a line's items add up to another amount
            (in the company currency or in the invoice's), or dropped a line.
    """
    env = invoice.env
    before = {key: _sums(values) for key, values in by_line.items()}
    env.hook.accounting_invoice_line_items(env=env, invoice=invoice, items=by_line)
    for key, sums in before.items():
        if _sums(by_line.get(key, [])) != sums:
            line = env["accounting.invoice_line"].get(key)
            raise ValidationError(
                _(
                    "Line “%(line)s” of %(invoice)s would be booked for another amount than its subtotal.",
                    line=line.display_name,
                    invoice=invoice.display_name,
                )
            )
    return [values for key in before for values in by_line[key]]


def _sums(items: list[dict[str, Any]]) -> tuple[decimal.Decimal, decimal.Decimal]:
    """What items add up to: their balance, and their amount in currency."""
    balance = sum((decimal.Decimal(i["debit"]) - decimal.Decimal(i["credit"]) for i in items), ZERO)
    return balance, sum((decimal.Decimal(i.get("amount_currency") or 0) for i in items), ZERO)


def _installments(invoice: Any) -> list[tuple[dt.date, decimal.Decimal]]:
    """The due dates and amounts of ``invoice``'s total: its payment terms', else all on its due date."""
    total = decimal.Decimal(invoice.amount_total or 0)
    if invoice.payment_term is not None:
        return invoice.payment_term.installments(total, invoice.date, invoice.currency)
    return [(invoice.date_due or invoice.date, total)]


def counterpart_account(invoice: Any) -> Any:
    """The receivable (customer documents) or payable (vendor documents) account of ``invoice``.

    Raises:
        ValidationError: its company has none.
    """
    company = invoice.company
    customer = invoice.kind in CUSTOMER_KINDS
    account = company.default_receivable_account if customer else company.default_payable_account
    if account is None:
        message = (
            _(
                "%(company)s has no default receivable account: load a chart of accounts.",
                company=company.name,
            )
            if customer
            else _(
                "%(company)s has no default payable account: load a chart of accounts.", company=company.name
            )
        )
        raise ValidationError(message)
    return account


def counterpart_items(invoice: Any) -> list[Any]:
    """The receivable or payable items of ``invoice``'s entry (none before posting)."""
    if invoice.move is None:
        return []
    return [line for line in invoice.move.lines if line.account.type in COUNTERPART_TYPES]


# -- posting ----------------------------------------------------------------------------------


def check_postable(invoice: Any) -> None:
    """Refuse to post ``invoice`` unless it is a complete draft that its journal can take.

    Raises:
        ValidationError: it is not a draft, has no lines, a line has no
            account or one of another company, its journal is of another
            kind or company, or its total is negative.
    """
    label = invoice.display_name
    if invoice.state != "draft":
        raise ValidationError(
            _("%(invoice)s is not a draft: only drafts are posted.", invoice=label),
            fields={"state": _("Not a draft.")},
        )
    if not invoice.lines:
        raise ValidationError(
            _("%(invoice)s has no lines to post.", invoice=label), fields={"lines": _("Add a line.")}
        )
    for line in invoice.lines:
        if line.account is None or line.account.company != invoice.company:
            raise ValidationError(
                _(
                    "Line “%(line)s” needs an account of %(company)s.",
                    line=line.display_name,
                    company=invoice.company.name,
                ),
                fields={"lines": _("Choose the line's account.")},
            )
    journal = invoice.journal
    if journal.type != JOURNAL_TYPE[invoice.kind] or journal.company != invoice.company:
        raise ValidationError(
            _("%(journal)s is not a journal for this document.", journal=journal.name),
            fields={"journal": _("A sales journal for customers, a purchase journal for vendors.")},
        )
    if invoice.amount_total < 0:
        raise ValidationError(
            _("%(invoice)s has a negative total: make a credit note instead.", invoice=label),
            fields={"lines": _("The total must not be negative.")},
        )


def post_invoices(env: Environment, invoices: Sequence[Any]) -> None:
    """Check, book and post draft invoices, or none of them; fires ``accounting_invoice_posted``.

    Each gets a journal entry (`entry_values`), posted and numbered in its
    journal; the invoice takes its number. A credit note of an invoice is
    then reconciled with what is open of that invoice.

    Raises:
        ValidationError: `check_postable` or the entry's posting refuses an invoice.
        UserError: a foreign currency has no rate on the invoice date.
    """
    env.flush()
    RecordSet(env, type(invoices[0]), list(invoices)).prefetch(LINE_PATHS)
    for invoice in invoices:
        check_postable(invoice)
    rates: Rates = {}
    moves = []
    for invoice in invoices:
        if invoice.payment_term is not None:
            invoice.date_due = invoice.payment_term.due_date(invoice.date)
        invoice.move = env["accounting.move"].create(entry_values(invoice, rates))
        moves.append(invoice.move)
    posting.post(env, RecordSet(env, type(moves[0]), moves))
    for invoice in invoices:
        invoice.name = invoice.move.name
    type(invoices[0]).TRANSITIONS.move(invoices, "posted")
    for invoice in invoices:
        if invoice.reversed_invoice is not None:
            reconcile(env, counterpart_items(invoice) + counterpart_items(invoice.reversed_invoice))
    batch = RecordSet(env, type(invoices[0]), list(invoices))
    env.hook.accounting_invoice_posted(env=env, invoices=batch)


def credit_note(invoice: Any, date: dt.date | None = None, whole: bool = False) -> Any:
    """A credit note of the posted ``invoice``, dated ``date`` (default today), with copies of its lines.

    ``whole`` posts it at once and so settles the invoice (reconciled with
    it: the invoice is then "reversed"); otherwise it is a draft to edit
    (quantities, prices, lines) before posting it, which reconciles it with
    what is still open of the invoice.

    Raises:
        ValidationError: ``invoice`` is a credit note, or not posted.
    """
    env = invoice.env
    if invoice.kind not in REFUND_OF:
        raise ValidationError(_("A credit note is not credited: make an invoice instead."))
    if invoice.state != "posted":
        raise ValidationError(
            _("Only posted invoices get credit notes; change or cancel a draft instead."),
            fields={"state": _("Not posted.")},
        )
    lines = [line.copy_values() for line in invoice.lines]
    note = env["accounting.invoice"].create(
        {
            "kind": REFUND_OF[invoice.kind],
            "partner": invoice.partner.id,
            "company": invoice.company.id,
            "journal": invoice.journal.id,
            "currency": invoice.currency.id,
            "date": date or env.today(),
            "tax_rounding": invoice.tax_rounding,
            "reversed_invoice": invoice.id,
            "origin": invoice.name,
            "ref": _("Credit note of %(invoice)s", invoice=invoice.name),
            "lines": lines,
        }
    )
    if whole:
        post_invoices(env, [note])
    return note


def cancel_posted(invoice: Any, date: dt.date | None = None) -> None:
    """Cancel a posted invoice nothing was paid or credited on: its entry is reversed on ``date``
    (default today) and matched with the reversal, so the invoice is "reversed".

    Raises:
        ValidationError: payments or credit notes are reconciled with it.
    """
    if invoice.payment_state != "not_paid":
        raise ValidationError(
            _("%(invoice)s has payments or credit notes: unreconcile them first.", invoice=invoice.name),
            fields={"payment_state": _("Not paid is required.")},
        )
    invoice.move.reverse(date)
