"""purchase's extra of accounting: vendor bills from purchase orders, the three-way match, clearing 329.

Registered inside ``addon.extra("accounting")``:

* `models`: bill lines linked to order lines, the billed and to-bill
  quantities and the billing status of orders, the products' bill policy;
* `billing`: **Create bill** on a confirmed order, a draft bill of what is to bill;
* `matching`: posting a bill that bills more than was received, or at another
  price than the order's, needs an accounting adviser;
* `clearing` and `revaluation`: in a company with a stock journal, a bill of
  received goods debits the goods received not invoiced at the receipt's value
  and books the price difference to the stock still on hand (its cost follows)
  and to the cost of goods sold (`hooks`, through accounting's
  ``accounting_invoice_line_items``).

With accounting installed, buyers read the vendor bills of their companies and
accountants the purchase orders (``security/accounting_access.toml``).
"""
