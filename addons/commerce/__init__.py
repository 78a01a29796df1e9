"""Commerce: what selling, buying and invoicing share, below sales, purchase and accounting.

Models: ``commerce.tax`` (percentages, fixed amounts and groups, each used in
sales or purchase documents), ``commerce.payment_term`` and its installments
``commerce.payment_term_line``; ``base.company`` gains its ``tax_rounding`` and
``product.product`` its customer and vendor taxes. `addons.commerce.taxes`
is the tax arithmetic (exact amounts per tax, and the document's rounding);
`addons.commerce.documents` has the mixins a taxed document and its lines
declare, so sales orders, purchase orders and invoices compute alike.

commerce has no menus of its own: the apps that use taxes (sales, purchase)
place its actions in their configuration menus, as they do with products.
"""

from addons.commerce import views
from addons.commerce.models import company
from addons.commerce.models import payment_term
from addons.commerce.models import product
from addons.commerce.models import tax
from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(
        tax.Tax,
        payment_term.PaymentTerm,
        payment_term.PaymentTermLine,
        company.Company,
        product.Product,
    )
    addon.views(*views.declarations)
