"""sales' extra of accounting: invoicing orders, down payments, invoice and payment status, credit limits.

Registered inside ``addon.extra("accounting")`` (`addons.sales.register`):

* `models`: what sales adds to accounting's records: invoice lines link
  the order line they invoice (``sale_line``) or the order they are a
  down payment of (``downpayment_order``), invoices their orders
  (``sale_order``); products get an invoicing policy, companies their
  customer advances account (from the chart's ``[extras.sales]``);
* `order`: order lines count what was invoiced and what is left to invoice,
  orders their invoice status, payment status and invoices, and the
  buttons: create an invoice, a down payment, approve credit;
* `invoicing`: the invoices of confirmed orders; `down_payments`: down
  payment invoices and their deduction from the final invoice;
* `credit`: the customer's credit against their limit, as the system;
* `pages`: invoicing several orders from the list; `hooks` and `demo`.

Salespeople create the draft invoices of their orders (as the system, once
the user's right to change the order is checked); posting them stays with
accounting users.
"""
