"""The source shown after the kind in the deal list, with the customer's email; a filter on referrals."""

from core.views import Field
from core.views import Filter
from core.views import extend

deal_list = extend(
    "ui_showcase.deal.list",
    fields=["source", Field("partner.email", label="Customer email")],
    after="kind",
)
deal_search = extend(
    "ui_showcase.deal.search", filters=[Filter("referrals", "Referrals", [("source", "=", "referral")])]
)

declarations = [deal_list, deal_search]
