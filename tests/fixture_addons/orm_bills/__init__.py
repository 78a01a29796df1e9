"""ORM fixture: one compute method for several stored fields (stacked ``computed_from``)."""

from addons.orm_bills.models import bill
from addons.orm_bills.models import bill_line

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(bill.Bill, bill_line.BillLine)
