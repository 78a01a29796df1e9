"""Accounting: charts of accounts, journals, double-entry journal entries, period close and reports.

Models: ``accounting.account`` (a company's chart, classified by the account
types of `addons.accounting.account_types`), ``accounting.journal`` (each
numbering its entries gap-free per year), ``accounting.move`` and
``accounting.move_line`` (entries and their items: posted once, then
immutable, corrected by reversal), ``accounting.fiscal_year`` (closed by an
entry moving the result to equity) and ``accounting.analytic_account`` (cost
centres and projects); ``base.company`` gains its chart, default accounts and
lock dates.

The rules live in modules of their own: `charts` (templates in ``charts/``,
loaded per company by `charts.load_chart`), `posting` (checks and numbering),
`locks` (lock dates and advisers), `closing` (year end) and `reporting`
(trial balance, general ledger, profit and loss, balance sheet in SQL; the
cash flow statement in `cash_flow`), shown and exported by `report_pages`.
Bank statements are imported by `bank_import`, matched with open invoices by
`bank_matching` on the pages of `bank_pages`; `followups` reminds customers
of overdue invoices every day; with crm installed, each reminder plans an
activity for the customer's salesperson (`addons.accounting.crm`).
"""

from addons.accounting import hooks
from addons.accounting import hookspecs
from addons.accounting import views
from addons.accounting import views_bank
from addons.accounting.crm import hooks as crm_hooks
from addons.accounting.models import account
from addons.accounting.models import analytic_account
from addons.accounting.models import bank_statement
from addons.accounting.models import bank_statement_line
from addons.accounting.models import company
from addons.accounting.models import fiscal_year
from addons.accounting.models import followup
from addons.accounting.models import followup_level
from addons.accounting.models import invoice
from addons.accounting.models import invoice_line
from addons.accounting.models import journal
from addons.accounting.models import move
from addons.accounting.models import move_line
from addons.accounting.models import partial_reconcile
from addons.accounting.models import partner
from addons.accounting.models import payment
from addons.accounting.models import product
from addons.accounting.models import tax
from addons.accounting.models import tax_grid
from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(
        account.Account,
        journal.Journal,
        analytic_account.AnalyticAccount,
        move.Move,
        move_line.MoveLine,
        fiscal_year.FiscalYear,
        company.Company,
        tax_grid.TaxGrid,
        tax.Tax,
        partial_reconcile.PartialReconcile,
        invoice.Invoice,
        invoice_line.InvoiceLine,
        payment.Payment,
        product.Product,
        product.Category,
        partner.Partner,
        bank_statement.BankStatement,
        bank_statement_line.BankStatementLine,
        followup_level.FollowupLevel,
        followup.Followup,
    )
    addon.views(*views.declarations, *views_bank.declarations)
    addon.hookspecs(hookspecs)
    addon.hooks(hooks)
    with addon.extra("crm"):
        addon.hooks(crm_hooks)
