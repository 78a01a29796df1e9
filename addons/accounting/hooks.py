"""accounting's hook implementations: report pages, the printable invoice (commerce's layout,
``templates/accounting/invoice_print.html``), the bank pages, the follow-up job and letter, the default
follow-up levels and the demo's books, emptying its tables on uninstall."""

from __future__ import annotations

from sqlalchemy import select
from werkzeug.routing import Rule

from addons.accounting import bank_pages
from addons.accounting import demo
from addons.accounting import followups
from addons.accounting import report_pages
from addons.accounting.models.followup_level import ensure_default_levels
from addons.commerce.printing import print_rule
from core.hookspecs import hookimpl
from core.jobs import Job
from core.orm.environment import Environment

PRINTED = "accounting/invoice_print.html"


@hookimpl
def register_routes() -> list[Rule]:
    """The reports' pages and exports (`addons.accounting.report_pages`), the printable invoice, the
    bank pages (`addons.accounting.bank_pages`) and the follow-up letter."""
    invoice = print_rule("/accounting/invoice/<int:record_id>/print", "accounting.invoice", PRINTED, "date")
    return [*report_pages.rules(), invoice, *bank_pages.rules(), followups.print_rule()]


@hookimpl
def register_jobs() -> list[Job]:
    """The daily follow-ups of overdue invoices (`addons.accounting.followups`)."""
    return [followups.job()]


@hookimpl
def addon_installed(env: Environment, addon: str) -> None:
    """Give every company the default follow-up levels; with accounting's demo loaded, post the main
    company's books (`addons.accounting.demo.run`)."""
    if addon != "accounting":
        return
    ensure_default_levels(env)
    demo.run(env)


@hookimpl
def addon_uninstalling(env: Environment, addon: str) -> None:
    """Delete every entry, invoice and payment, and the journals' sequences, before accounting's tables go.

    Posted entries refuse the ORM's deletion, on purpose; uninstalling the
    whole addon is the one exception, done in SQL: the kernel deletes the
    records accounting's data files made in other models (partners, say)
    before dropping its tables, and PostgreSQL checks the items' references
    to those at once. The sequences belong to ``base`` and would outlive it.
    """
    if addon != "accounting":
        return
    registry = env.registry
    moves = registry["accounting.move"]._table
    env.session.execute(moves.update().values(reversed_entry_id=None))
    invoices = registry["accounting.invoice"]._table
    env.session.execute(invoices.update().values(reversed_invoice_id=None))
    documents = (
        "accounting.bank_statement_line",
        "accounting.bank_statement",
        "accounting.followup",
        "accounting.partial_reconcile",
        "accounting.invoice_line",
        "accounting.invoice",
        "accounting.payment",
    )
    ledger = ("accounting.move_line", "accounting.fiscal_year", "accounting.move")
    for model in (*documents, *ledger):
        env.session.execute(registry[model]._table.delete())
    sequences = registry["base.sequence"]._table
    counters = registry["base.sequence_number"]._table
    mine = select(sequences.c.id).where(sequences.c.code.like("accounting.journal.%"))
    # Counters first: foreign keys may be off during an uninstall (SQLite), so nothing cascades.
    env.session.execute(counters.delete().where(counters.c.sequence_id.in_(mine)))
    env.session.execute(sequences.delete().where(sequences.c.id.in_(mine)))
