"""accounting as an addon: its screens and menus resolve, every model has rights, tr/hu/fa are complete."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from core.i18n import translator

I18N = Path(__file__).resolve().parents[1] / "i18n"
PLACEHOLDER = re.compile(r"%\(\w+\)s")


@pytest.mark.addons("accounting")
def test_the_accounting_app_offers_customers_vendors_entries_items_reports_and_configuration(db):
    [app] = [node for node in db.registry.ui.menus if node.menu.name == "accounting"]
    assert [child.menu.label for child in app.children] == [
        "Customers",
        "Vendors",
        "Bank",
        "Journal entries",
        "Journal items",
        "Reports",
        "Configuration",
    ]
    assert [child.menu.label for child in app.children[0].children] == [
        "Invoices",
        "Credit notes",
        "Payments",
        "Follow-ups",
    ]
    assert [child.menu.label for child in app.children[1].children] == ["Bills", "Refunds", "Payments"]
    assert [child.menu.label for child in app.children[2].children] == [
        "Statements",
        "Transactions",
        "Import a statement",
    ]
    assert [child.menu.url for child in app.children[5].children] == [
        "/accounting/reports/trial_balance",
        "/accounting/reports/general_ledger",
        "/accounting/reports/profit_loss",
        "/accounting/reports/balance_sheet",
        "/accounting/reports/aged_receivable",
        "/accounting/reports/aged_payable",
        "/accounting/reports/tax_report",
        "/accounting/reports/cash_flow",
    ]


@pytest.mark.addons("accounting")
def test_every_accounting_model_has_rights_for_bookkeepers_and_advisers_only(db, env):
    models = sorted(name for name, owner in db.registry.model_owner.items() if owner == "accounting")
    assert models == [
        "accounting.account",
        "accounting.analytic_account",
        "accounting.bank_statement",
        "accounting.bank_statement_line",
        "accounting.fiscal_year",
        "accounting.followup",
        "accounting.followup_level",
        "accounting.invoice",
        "accounting.invoice_line",
        "accounting.journal",
        "accounting.move",
        "accounting.move_line",
        "accounting.partial_reconcile",
        "accounting.payment",
        "accounting.tax_grid",
    ]
    for name in models:
        groups = {right.group.full_name for right in env["base.access"].search([("model", "=", name)])}
        assert groups == {"Accounting / Bookkeeper", "Accounting / Adviser"}, name


def test_every_message_is_translated_in_turkish_hungarian_and_persian_keeping_placeholders():
    with (I18N / "messages.pot").open("rb") as file:
        template = {message.id for message in read_po(file) if message.id}
    for lang in ("tr", "hu", "fa"):
        with (I18N / f"{lang}.po").open("rb") as file:
            messages = {message.id: message for message in read_po(file) if message.id}
        assert set(messages) == template, lang
        for message in messages.values():
            assert message.string and not message.fuzzy, (lang, message.id)
            assert sorted(PLACEHOLDER.findall(message.string)) == sorted(PLACEHOLDER.findall(message.id))


@pytest.mark.addons("accounting")
def test_a_turkish_bookkeeper_reads_the_trial_balance_as_mizan(db):
    assert translator(db.registry, "tr").gettext("Trial balance") == "Mizan"
    assert translator(db.registry, "fa").gettext("Balance sheet") == "ترازنامه"
