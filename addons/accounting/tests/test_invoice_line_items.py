"""``accounting_invoice_line_items``: another addon books an invoice's lines on other accounts."""

import decimal

import pytest

from core.errors import ValidationError
from core.hookspecs import hookimpl

pytestmark = pytest.mark.addons("accounting")
D = decimal.Decimal


class Rebooker:
    """Books each line's item half on ``first``, half on ``second`` (or, ``unbalanced``, too much)."""

    def __init__(self, first, second, unbalanced=False):
        self.first, self.second, self.unbalanced = first, second, unbalanced
        self.seen = []

    @hookimpl
    def accounting_invoice_line_items(self, env, invoice, items):
        self.seen.append((invoice.state, sorted(items)))
        for values in items.values():
            [item] = values
            half = item["credit"] / 2
            extra = D("1") if self.unbalanced else D("0")
            values[:] = [
                {**item, "account": self.first.id, "credit": half},
                {**item, "account": self.second.id, "credit": item["credit"] - half + extra},
            ]


@pytest.fixture
def rebooker(env):
    made = []

    def register(*args, **options):
        made.append(Rebooker(*args, **options))
        env.registry.plugins.register(made[-1])
        return made[-1]

    yield register
    for plugin in made:
        env.registry.plugins.unregister(plugin)


def test_hook_accounting_invoice_line_items(env, make_invoice, kdv20, accounts, booked, rebooker):
    plugin = rebooker(accounts["600"], accounts["602"])
    invoice = make_invoice((100, 1, [kdv20]), (50, 1, [kdv20]), post=True)
    assert plugin.seen == [("draft", sorted(line.id for line in invoice.lines))]
    # Each line half on 600 and half on 602, both still the base of the tax; the tax and the
    # receivable follow from what the lines add up to.
    assert booked(invoice.move) == [
        ("600", "0.00", "50.00"),
        ("602", "0.00", "50.00"),
        ("600", "0.00", "25.00"),
        ("602", "0.00", "25.00"),
        ("391", "0.00", "30.00"),
        ("120", "180.00", "0.00"),
    ]
    assert all(list(line.taxes) == [kdv20] for line in invoice.move.lines[:4])


def test_lines_booked_for_another_amount_are_refused(env, make_invoice, kdv20, accounts, rebooker):
    rebooker(accounts["600"], accounts["602"], unbalanced=True)
    invoice = make_invoice((100, 1, [kdv20]))
    with pytest.raises(ValidationError, match="would be booked for another amount than its subtotal"):
        invoice.action_post()
