"""Importing bank CSV files: the formats banks write, refusals naming the row and column, duplicates."""

import datetime as dt
from decimal import Decimal

import pytest

from addons.accounting.bank_import import Columns
from addons.accounting.bank_import import import_csv
from addons.accounting.bank_import import parse_amount
from addons.accounting.bank_import import parse_csv
from addons.accounting.bank_import import parse_date
from core.errors import ValidationError

pytestmark = pytest.mark.addons("accounting")

TURKISH = (
    "\ufeffTarih;Açıklama;Karşı Taraf;Referans;Tutar;Bakiye\n"
    "01.03.2026;Havale SAT/2026/00001;Anadolu Makine A.Ş.;DK-1;1.234,56;11.234,56\n"
    "02.03.2026;EFT masrafı;;DK-2;-12,50;11.222,06\n"
    "\n"
    "03.03.2026;Kira;Ev Sahibi;DK-3;-4.000,00;7.222,06\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("-15,00", "-15.00"),
        ("(15.00)", "-15.00"),
        ("15.00-", "-15.00"),
        ("1 234 567,8", "1234567.8"),
        ("1.234.567", "1234567"),
        ("1,234", "1234"),
        ("12,5", "12.5"),
        ("+7", "7"),
    ],
)
def test_amounts_as_banks_write_them_are_exact_decimals(text, expected):
    assert parse_amount(text) == Decimal(expected)


def test_a_known_decimal_separator_wins_over_guessing():
    assert parse_amount("1.234", ".") == Decimal("1.234")
    assert parse_amount("1,234", ",") == Decimal("1.234")
    assert parse_amount("12 EUR") is None and parse_amount("1,2,3.4.5") is None


@pytest.mark.parametrize(
    "text", ["2026-03-15", "2026-03-15T10:00:00", "15.03.2026", "15/03/2026", "2026.03.15.", "2026. 03. 15."]
)
def test_dates_in_iso_european_and_hungarian_order(text):
    assert parse_date(text) == dt.date(2026, 3, 15)


def test_impossible_dates_are_not_dates():
    assert parse_date("31.02.2026") is None and parse_date("03/15") is None


def test_a_turkish_file_with_bom_semicolons_and_balances(env, company, journals):
    result = import_csv(env, journals["BNK"], TURKISH.encode("utf-8"), reference="Mart 1")
    statement = result.statement
    assert (result.imported, result.skipped) == (3, 0)
    assert [(line.date, line.amount, line.name, line.counterpart, line.ref) for line in statement.lines] == [
        (dt.date(2026, 3, 1), Decimal("1234.56"), "Havale SAT/2026/00001", "Anadolu Makine A.Ş.", "DK-1"),
        (dt.date(2026, 3, 2), Decimal("-12.50"), "EFT masrafı", None, "DK-2"),
        (dt.date(2026, 3, 3), Decimal("-4000.00"), "Kira", "Ev Sahibi", "DK-3"),
    ]
    assert (statement.name, statement.balance_start, statement.balance_end) == (
        "Mart 1",
        Decimal("10000.00"),
        Decimal("7222.06"),
    )
    assert statement.state == "open" and statement.date == dt.date(2026, 3, 3)


def test_debit_and_credit_columns_and_the_partner_known_by_name(env, company, journals, customer):
    rhein = env["base.partner"].create({"name": "Rheinwerk GmbH"})
    data = (
        "Date,Details,Payer,Debit,Credit\n2026-03-04,Invoice 7,RHEINWERK GMBH,,500.00\n"
        "2026-03-05,Fee,,2.00,\n2026-03-06,Invoice 8,Anadolu Makine A.Ş.,,20\n"
    )
    statement = import_csv(env, journals["BNK"], data).statement
    assert [line.amount for line in statement.lines] == [
        Decimal("500.00"),
        Decimal("-2.00"),
        Decimal("20.00"),
    ]
    assert [line.partner for line in statement.lines] == [rhein, None, customer]


def test_named_columns_for_headings_nobody_recognises(env, company, journals):
    data = "when|what|how much\n2026-03-06|Interest|3.10\n"
    columns = Columns(date="when", label="what", amount="how much")
    statement = import_csv(env, journals["BNK"], data, columns=columns).statement
    assert [(line.name, line.amount) for line in statement.lines] == [("Interest", Decimal("3.10"))]


def test_the_opening_balance_follows_the_journals_last_statement(env, company, journals):
    import_csv(env, journals["BNK"], TURKISH)
    later = import_csv(env, journals["BNK"], "Date,Amount,Label\n2026-03-10,100,Deposit\n").statement
    assert (later.balance_start, later.balance_end) == (Decimal("7222.06"), Decimal("7322.06"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("Date,Amount\n2026-03-01,10\n2026-13-01,5\n", "Row 3, column Date"),
        ("Date,Amount\n2026-03-01,10\n2026-03-02,ten\n", "Row 3, column Amount"),
        ("Date,Amount\n2026-03-01,\n", "Row 2, column Amount"),
        ("Tarih;Açıklama\n01.03.2026;x\n", "needs a date column and an amount column"),
        ("", "The file is empty."),
    ],
)
def test_a_bad_file_is_refused_whole_with_the_row_and_column(env, company, journals, data, message):
    with pytest.raises(ValidationError) as refused:
        import_csv(env, journals["BNK"], data)
    assert message in str(refused.value)
    assert env["accounting.bank_statement_line"].search_count([]) == 0


def test_a_file_that_is_not_utf8_is_refused(env, company, journals):
    with pytest.raises(ValidationError, match="not UTF-8"):
        import_csv(env, journals["BNK"], "Date,Amount,Label\n2026-03-01,10,Müşteri\n".encode("cp1254"))


def test_only_bank_and_cash_journals_take_statements(env, company, journals):
    with pytest.raises(ValidationError):
        import_csv(env, journals["SAT"], "Date,Amount\n2026-03-01,10\n")


def test_importing_the_same_transactions_again_skips_them_and_counts_them(env, company, journals):
    first = import_csv(env, journals["BNK"], TURKISH)
    again = import_csv(env, journals["BNK"], TURKISH)
    assert (again.statement, again.imported, again.skipped) == (None, 0, 3)
    extended = TURKISH + "04.03.2026;Faiz;;DK-4;1,00;7.223,06\n"
    more = import_csv(env, journals["BNK"], extended)
    assert (more.imported, more.skipped) == (1, 3) and more.statement != first.statement
    assert import_csv(env, journals["KSA"], TURKISH).imported == 3  # another journal: other transactions


def test_two_equal_transactions_of_one_file_are_both_kept(env, company, journals):
    data = "Date,Amount,Label\n2026-03-01,-1.50,Fee\n2026-03-01,-1.50,Fee\n"
    assert import_csv(env, journals["BNK"], data).imported == 2
    assert import_csv(env, journals["BNK"], data).skipped == 2


def test_parsing_returns_the_file_rows(env):
    lines = parse_csv("Date\tAmount\tLabel\n2026-03-01\t1\ta\n\n2026-03-02\t2\tb\n")
    assert [line.row for line in lines] == [2, 4]


def test_a_statement_made_by_hand_takes_its_journals_currency(env, company, journals):
    statement = env["accounting.bank_statement"].create({"name": "By hand", "journal": journals["BNK"].id})
    assert statement.currency == company.currency and statement.state == "open"
