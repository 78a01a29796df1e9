"""Sales: quotations that become orders, priced by pricelists, taxed, printed and reported on.

Models: ``sales.order`` and ``sales.order_line`` (the workflow and the
amounts), ``sales.pricelist`` and ``sales.pricelist_rule``; ``base.partner``
gains a pricelist. Taxes, payment terms, the tax arithmetic and the company's
tax rounding are commerce's (`addons.commerce`), shared with purchase and
accounting. Hooks offered to
other addons are in `addons.sales.hookspecs`; ``/sales/order/<id>/print`` is
the printable document (`addons.sales.hooks`, laid out by commerce).

With crm installed, opportunities make quotations and confirming an order
wins its opportunity (`addons.sales.models.crm_lead`, `addons.sales.hooks_crm`).
With accounting installed, confirmed orders are invoiced (down payments
included), show their invoice and payment status, and quotations check the
customer's credit limit (`addons.sales.accounting`).
"""

from addons.sales import hooks
from addons.sales import hooks_crm
from addons.sales import hookspecs
from addons.sales import views
from addons.sales.accounting import hooks as accounting_hooks
from addons.sales.accounting import models as accounting_models
from addons.sales.accounting import order as accounting_order
from addons.sales.accounting import views as accounting_views
from addons.sales.models import crm_lead
from addons.sales.models import order
from addons.sales.models import order_line
from addons.sales.models import partner
from addons.sales.models import pricelist
from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(
        pricelist.Pricelist,
        pricelist.PricelistRule,
        order.Order,
        order_line.OrderLine,
        partner.Partner,
    )
    addon.views(*views.declarations)
    addon.hookspecs(hookspecs)
    addon.hooks(hooks)
    with addon.extra("crm"):
        addon.models(crm_lead.Lead, crm_lead.Order)
        addon.views(*views.crm_declarations)
        addon.hooks(hooks_crm)
    with addon.extra("accounting"):
        addon.models(
            accounting_models.Company,
            accounting_models.Product,
            accounting_models.Invoice,
            accounting_models.InvoiceLine,
            accounting_order.OrderLine,
            accounting_order.Order,
        )
        addon.views(*accounting_views.declarations)
        addon.hooks(accounting_hooks)
