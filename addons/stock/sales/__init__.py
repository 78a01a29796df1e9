"""stock's extra of sales: deliveries from confirmed orders, and availability on quotations.

Registered inside ``addon.extra("sales")``: confirming an order creates one
delivery per warehouse of its lines (`deliveries`), cancelling it cancels
them, order lines count what was delivered, and quotation lines show the
free quantity and the date the goods can be promised (`models`).
"""
