"""Posting entries: what is refused, how entries are numbered, reversing, cancelling."""

import datetime as dt
from decimal import Decimal

import pytest

from core.errors import ValidationError

pytestmark = pytest.mark.addons("accounting")


def test_a_balanced_entry_is_posted_with_the_first_number_of_its_journal_and_year(make_entry):
    move = make_entry(("100", "1500", 0), ("500", 0, "1500"))
    assert (move.state, move.name) == ("draft", None)
    move.action_post()
    assert (move.state, move.name, move.amount_total) == ("posted", "MAH/2026/00001", Decimal("1500.00"))
    assert [line.parent_state for line in move.lines] == ["posted", "posted"]
    assert [line.balance for line in move.lines] == [Decimal("1500.00"), Decimal("-1500.00")]


def test_amounts_are_rounded_to_the_company_currency_before_the_balance_is_checked(make_entry):
    move = make_entry(("100", "10.004", 0), ("100", "10.004", 0), ("500", 0, "20.01"))
    with pytest.raises(ValidationError, match="not balanced: debits 20.00, credits 20.01"):
        move.action_post()
    balanced = make_entry(("100", "10.005", 0), ("500", 0, "10.01"), post=True)
    assert balanced.state == "posted"


def test_an_unbalanced_entry_is_refused_and_takes_no_number(make_entry):
    move = make_entry(("100", "100", 0), ("500", 0, "99.99"))
    with pytest.raises(ValidationError, match="not balanced.*difference 0.01") as refused:
        move.action_post()
    assert refused.value.fields == {"lines": "Debits 100.00, credits 99.99: they must be equal."}
    assert (move.state, move.name) == ("draft", None)
    assert make_entry(("100", "5", 0), ("500", 0, "5"), post=True).name == "MAH/2026/00001"


def test_an_entry_without_items_is_refused(make_entry):
    with pytest.raises(ValidationError, match="has no journal items"):
        make_entry().action_post()


def test_an_item_has_a_debit_or_a_credit_never_both_never_negative(make_entry):
    with pytest.raises(ValidationError, match="not both"):
        make_entry(("100", "10", "10"), ("500", 0, 0))
    with pytest.raises(ValidationError, match="negative"):
        make_entry(("100", "-10", 0), ("500", 0, "-10"))


def test_a_deprecated_account_takes_no_posting(make_entry, accounts):
    accounts["108"].write({"deprecated": True})
    move = make_entry(("108", "10", 0), ("500", 0, "10"))
    with pytest.raises(ValidationError, match="deprecated accounts: 108 Diğer Hazır Değerler"):
        move.action_post()


def test_an_account_of_another_company_is_refused(env, make_entry, journals):
    other = env["base.company"].create({"name": "Other Co", "currency": env.ref("base.currency_try").id})
    foreign = env["accounting.account"].create(
        {"code": "100", "name": "Kasa", "type": "cash", "company": other.id}
    )
    with pytest.raises(ValidationError, match="another company"):
        env["accounting.move"].create(
            {"journal": journals["MAH"].id, "lines": [{"account": foreign.id, "debit": "1"}]}
        )


def test_numbers_are_per_journal_and_restart_each_year(make_entry):
    items = (("102", "10", 0), ("100", 0, "10"))
    numbers = [
        make_entry(*items, journal="BNK", date=dt.date(2026, 1, 5), post=True).name,
        make_entry(*items, journal="KSA", date=dt.date(2026, 1, 6), post=True).name,
        make_entry(*items, journal="BNK", date=dt.date(2026, 12, 31), post=True).name,
        make_entry(*items, journal="BNK", date=dt.date(2027, 1, 1), post=True).name,
        make_entry(*items, journal="BNK", date=dt.date(2026, 6, 1), post=True).name,
    ]
    assert numbers == [
        "BNK/2026/00001",
        "KSA/2026/00001",
        "BNK/2026/00002",
        "BNK/2027/00001",
        "BNK/2026/00003",
    ]


def test_drafts_take_no_number_so_deleting_one_leaves_no_gap(make_entry):
    first = make_entry(("100", "1", 0), ("500", 0, "1"))
    second = make_entry(("100", "2", 0), ("500", 0, "2"))
    first.unlink()
    assert second.action_post().name == "MAH/2026/00001"


def test_a_posting_rolled_back_gives_its_number_back(env, make_entry):
    move = make_entry(("100", "1", 0), ("500", 0, "1"))
    with pytest.raises(RuntimeError), env.session.begin_nested():
        move.action_post()
        assert move.name == "MAH/2026/00001"
        raise RuntimeError("the user's transaction fails after posting")
    env.session.expire_all()
    again = make_entry(("100", "3", 0), ("500", 0, "3"), post=True)
    assert again.name == "MAH/2026/00001"


def test_reversing_posts_the_mirror_entry_linked_to_the_original(make_entry, env):
    move = make_entry(
        ("120", "1180", 0, {"name": "Fatura 42"}), ("600", 0, "1000"), ("391", 0, "180"), post=True
    )
    reversal = move.reverse(dt.date(2026, 3, 31))
    assert (reversal.state, reversal.name, reversal.date) == (
        "posted",
        "MAH/2026/00002",
        dt.date(2026, 3, 31),
    )
    assert reversal.reversed_entry == move and list(move.reversals) == [reversal]
    assert reversal.ref == "Reversal of MAH/2026/00001"
    mirrored = [(line.account.code, line.debit, line.credit, line.name) for line in reversal.lines]
    assert mirrored == [
        ("120", Decimal("0.00"), Decimal("1180.00"), "Fatura 42"),
        ("600", Decimal("1000.00"), Decimal("0.00"), None),
        ("391", Decimal("180.00"), Decimal("0.00"), None),
    ]
    with pytest.raises(ValidationError, match="already reversed"):
        move.reverse(dt.date(2026, 4, 1))


def test_only_posted_entries_are_reversed(make_entry):
    with pytest.raises(ValidationError, match="Only posted entries"):
        make_entry(("100", "1", 0), ("500", 0, "1")).reverse()


def test_a_foreign_currency_item_carries_its_amount_with_the_balance_sign(env, make_entry):
    usd = env.ref("base.currency_usd")
    move = make_entry(
        ("102", "920.00", 0, {"currency": usd.id, "amount_currency": "1000"}),
        ("600", 0, "920.00"),
        post=True,
    )
    assert move.lines[0].amount_currency == Decimal("1000.00")
    with pytest.raises(ValidationError, match="sign of the balance"):
        make_entry(("102", "920.00", 0, {"currency": usd.id, "amount_currency": "-1000"}), ("600", 0, "920"))
    reversal = move.reverse(dt.date(2026, 3, 11))
    assert reversal.lines[0].amount_currency == Decimal("-1000.00")


def test_a_draft_is_cancelled_and_brought_back(make_entry):
    move = make_entry(("100", "1", 0), ("500", 0, "1"))
    assert move.action_cancel().state == "cancelled"
    with pytest.raises(ValidationError, match="only drafts are posted"):
        move.action_post()
    assert move.action_draft().action_post().state == "posted"


def test_entries_are_created_as_drafts(env, journals, accounts):
    with pytest.raises(ValidationError, match="created as drafts"):
        env["accounting.move"].create(
            {
                "journal": journals["MAH"].id,
                "state": "posted",
                "name": "MAH/2026/99999",
                "lines": [
                    {"account": accounts["100"].id, "debit": "1"},
                    {"account": accounts["500"].id, "credit": "1"},
                ],
            }
        )


def test_a_draft_cannot_be_made_posted_without_posting(env, make_entry):
    move = make_entry(("100", "1", 0), ("500", 0, "2"))
    move.name = "MAH/2026/77777"
    move.state = "posted"
    with pytest.raises(ValidationError, match="not balanced"):
        env.flush()


def test_copying_an_entry_makes_a_draft_of_today_with_the_same_items(env, make_entry):
    move = make_entry(("100", "7", 0), ("500", 0, "7"), post=True, ref="Kira")
    copy = move.copy()
    assert (copy.state, copy.name, copy.date, copy.ref) == ("draft", None, env.today(), "Kira")
    assert [(line.account.code, line.debit, line.credit) for line in copy.lines] == [
        (line.account.code, line.debit, line.credit) for line in move.lines
    ]
