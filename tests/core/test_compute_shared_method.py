"""One method computing several fields (stacked ``computed_from``): all of them follow, or a clear refusal.

The fixture addon ``orm_bills`` computes a line's ``net`` and ``tax`` with one
method; the bill's totals depend on each of them.
"""

import decimal

import pytest

from core.database import build_registry
from core.errors import ConfigError
from core.orm import fields

pytestmark = pytest.mark.addons("orm_bills")

D = decimal.Decimal


@pytest.fixture
def bill(env):
    return env["orm_bills.bill"].create(
        {"name": "B1", "lines": [{"quantity": 2, "price": "10", "rate": "20"}, {"price": "5"}]}
    )


def stored(env, bill):
    """The line amounts and the bill totals as the database has them."""
    env.flush()
    env.session.expire_all()
    bill = env["orm_bills.bill"].get(bill.id)
    lines = [(line.net, line.tax) for line in bill.lines]
    return lines, (bill.net_total, bill.tax_total)


def test_every_field_of_the_method_is_computed_on_create_and_feeds_its_dependents(env, bill):
    assert stored(env, bill) == ([(D("20.00"), D("4.00")), (D("5.00"), D("0.00"))], (D("25.00"), D("4.00")))


def test_a_change_every_field_depends_on_recomputes_them_all(env, bill):
    bill.lines[0].write({"price": "30"})

    assert stored(env, bill) == ([(D("60.00"), D("12.00")), (D("5.00"), D("0.00"))], (D("65.00"), D("12.00")))


def test_a_change_only_one_field_declares_recomputes_the_whole_method(env, bill):
    # ``rate`` is declared by ``tax`` alone: the method still runs, and only what changed moves on.
    bill.lines[1].write({"rate": "10"})

    assert stored(env, bill) == ([(D("20.00"), D("4.00")), (D("5.00"), D("0.50"))], (D("25.00"), D("4.50")))


def test_the_method_runs_once_per_record_and_flush(env, bill):
    model = env.registry["orm_bills.bill_line"]
    before = model.computations

    env["orm_bills.bill_line"].browse([line.id for line in bill.lines]).write({"price": "7"})

    assert model.computations - before == 2


def test_the_fields_of_one_method_share_their_dependencies(env):
    line_fields = env["orm_bills.bill_line"].fields
    assert line_fields["net"].depends == line_fields["tax"].depends == ("quantity", "price", "rate")


def test_a_method_computing_a_stored_and_a_non_stored_field_is_refused_at_build(db):
    with pytest.raises(ConfigError) as caught:
        build_registry(["orm_mixed_compute"], db.available)

    assert caught.value.message == (
        "addon orm_mixed_compute: orm_mixed_compute.quote._compute_amount_and_label computes amount (stored) "
        "and label (not stored): store every field one method computes, or give each its own method"
    )


def test_a_second_compute_method_for_one_field_is_refused_where_it_is_declared():
    def _compute_total(self):
        pass

    def _compute_total_again(self):
        pass

    total = fields.Decimal(store=True)
    total.computed_from("lines.subtotal")(_compute_total)

    with pytest.raises(ConfigError) as caught:
        total.computed_from("lines.tax")(_compute_total_again)

    assert caught.value.message.startswith(
        "_compute_total_again: the field is already computed by '_compute_total'"
    )
