"""With crm: an opportunity becomes a quotation, and confirming the order wins the opportunity."""

import pytest

from core.errors import ValidationError
from core.testing import as_user
from core.testing import make_user

pytestmark = pytest.mark.addons("sales", "crm")


@pytest.fixture
def seller(env):
    return make_user(env, "selin", groups=["sales.group_user", "crm.group_user"])


@pytest.fixture
def opportunity(env, customer, seller):
    team = env["crm.team"].create({"name": "İzmir", "members": [seller.id]})
    return env["crm.lead"].create(
        {
            "name": "Two lathes",
            "type": "opportunity",
            "partner": customer.id,
            "user": seller.id,
            "team": team.id,
        }
    )


def test_a_new_quotation_is_prefilled_from_the_opportunity(env, opportunity, customer, seller):
    order = opportunity.action_new_quotation()
    assert order.state == "draft" and order.name.startswith("SO/")
    assert (order.partner, order.user, order.team, order.opportunity) == (
        customer, seller, opportunity.team, opportunity,
    )  # fmt: skip
    assert list(opportunity.orders) == [order]


def test_an_opportunity_without_a_customer_cannot_be_quoted(env):
    lead = env["crm.lead"].create({"name": "Someone", "type": "opportunity"})
    with pytest.raises(ValidationError):
        lead.action_new_quotation()


def test_hook_sales_order_confirmed(env, opportunity, seller):
    """Confirming wins the opportunity, even as a salesperson: the hook runs in the same transaction."""
    with as_user(env, seller) as user_env:
        order = user_env["crm.lead"].get(opportunity.id).action_new_quotation()
        order.write({"lines": [{"description": "Lathe", "quantity": "2", "price_unit": "690000"}]})
        order.action_confirm()
        assert user_env["crm.lead"].get(opportunity.id).state == "won"


def test_hook_sales_order_cancelled(env, opportunity):
    """Cancelling fires its hook after the state is written; the won opportunity stays won."""
    order = opportunity.action_new_quotation()
    order.write({"lines": [{"description": "Lathe", "price_unit": "690000"}]})
    order.action_confirm()
    order.action_cancel()
    assert order.state == "cancelled" and opportunity.state == "won"


def test_confirming_leaves_a_lost_opportunity_lost(env, opportunity):
    """Only open opportunities are won; the order confirms all the same."""
    opportunity.action_lost()
    order = env["sales.order"].create(
        {"partner": opportunity.partner.id, "opportunity": opportunity.id,
         "lines": [{"description": "Lathe", "price_unit": "1"}]}
    )  # fmt: skip
    order.action_confirm()
    assert order.state == "confirmed" and opportunity.state == "lost"
