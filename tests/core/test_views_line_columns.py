"""Another addon's columns in a form's line editor: placed by anchor, checked when the registry is built."""

from dataclasses import dataclass
from dataclasses import field

import pytest

from core.errors import ConfigError
from core.views import Field
from core.views import FormView
from core.views import Group
from core.views import Page
from core.views import extend
from core.views import resolve_ui

pytestmark = pytest.mark.addons("orm_orders")


@dataclass
class FakeAddon:
    name: str
    view_declarations: list = field(default_factory=list)
    requires: frozenset = frozenset({"base", "orm_orders"})


ORDER_FORM = FormView(
    "orm_orders.order",
    groups=[Group("customer", ["name", "partner"])],
    pages=[
        Page("lines", "Lines", [Field("lines", columns=["name", "quantity", "price"])]),
        Page("tags", "Tags", ["tags"]),
    ],
)


@pytest.fixture
def registry(db):
    return db.registry


def resolve(registry, *extensions):
    addons = [
        FakeAddon("base", requires=frozenset()),
        FakeAddon("orm_orders", [ORDER_FORM]),
        FakeAddon("extra", list(extensions)),
    ]
    return resolve_ui(registry, addons).views["orm_orders.order.form"]


def columns(form):
    [editor] = [f for f in form.fields if f.name == "lines"]
    return list(editor.columns)


def test_columns_land_after_or_before_a_column_or_last(registry):
    form = resolve(
        registry,
        extend("orm_orders.order.form", columns_of="lines", fields=["subtotal"], after="quantity"),
        extend("orm_orders.order.form", columns_of="lines", fields=["sequence"], before="name"),
    )
    assert columns(form) == ["sequence", "name", "quantity", "subtotal", "price"]
    assert [f.name for f in form.fields] == ["name", "partner", "lines", "tags"]
    last = resolve(registry, extend("orm_orders.order.form", columns_of="lines", fields=["subtotal"]))
    assert columns(last) == ["name", "quantity", "price", "subtotal"]


def test_columns_are_moved_and_hidden_by_name(registry):
    form = resolve(
        registry,
        extend("orm_orders.order.form", columns_of="lines", move=["price"], before="name"),
        extend("orm_orders.order.form", columns_of="lines", hide=["quantity"]),
    )
    assert columns(form) == ["price", "name"]


@pytest.mark.parametrize(
    ("extension", "message"),
    [
        (
            extend("orm_orders.order.form", columns_of="lines", fields=["weight"]),
            "addon extra: extension of view orm_orders.order.form: "
            "orm_orders.order_line has no field 'weight'",
        ),
        (
            extend("orm_orders.order.form", columns_of="lines", fields=["subtotal"], after="discount"),
            "view orm_orders.order.form (line editor 'lines') has no field 'discount'",
        ),
        (
            extend("orm_orders.order.form", columns_of="lines", fields=["price"]),
            "the line editor 'lines' would show 'price' twice",
        ),
        (
            extend("orm_orders.order.form", columns_of="lines", hide=["colour"]),
            "nothing named 'colour' to hide",
        ),
        (
            extend("orm_orders.order.form", columns_of="notes", fields=["name"]),
            "view orm_orders.order.form has no field 'notes'",
        ),
        (
            extend("orm_orders.order.form", columns_of="tags", fields=["name"]),
            "'tags' shows the list view of its model: extend that list view",
        ),
        (
            extend("orm_orders.order.list", columns_of="lines", fields=["name"]),
            "view orm_orders.order.list is a list view: only forms have line editors",
        ),
    ],
)
def test_mistakes_fail_the_build_naming_the_addon_and_view(registry, extension, message):
    with pytest.raises(ConfigError) as raised:
        resolve(registry, extension)
    assert message in raised.value.message


def test_column_extensions_are_checked_when_written():
    with pytest.raises(ConfigError, match="columns of 'lines' are field names"):
        extend("orm_orders.order.form", columns_of="lines", fields=[Field("price", label="Unit price")])
    with pytest.raises(ConfigError, match="go after or before a column, not inside a group"):
        extend("orm_orders.order.form", columns_of="lines", fields=["price"], inside="customer")
    with pytest.raises(ConfigError, match="give pages in an extension of their own"):
        extend("orm_orders.order.form", columns_of="lines", fields=["price"], pages=[Page("p", "P", [])])
