"""Products: what a company sells or buys, in a tree of categories.

Models: ``product.category`` (a tree through ``parent``) and
``product.product`` (reference, barcode, unit, sale price and cost in the
product's currency). The cost is readable only by ``product.group_cost_reader``
(sales managers get it through their group). Screens are actions only: the
apps that use products (sales) put them in their menus.
"""

from addons.product import views
from addons.product.models import category
from addons.product.models import product
from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(category.Category, product.Product)
    addon.views(*views.declarations)
