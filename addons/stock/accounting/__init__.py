"""stock's extra of accounting: perpetual inventory, each done move of stored goods posts its entry.

Registered inside ``addon.extra("accounting")``:

* `models`: the company's stock journal and default stock accounts, the
  same accounts per product category (a category without one takes its
  parent's, then the company's), and journal items pointing at the stock
  move they book;
* `accounts`: which account each side of a move books to;
* `entries`: from ``stock_moves_done``, one posted entry per transfer or
  count in the stock journal (`hooks`);
* `check`: the stock valuation against the balance of the stock accounts.

The chart templates keep the accounts and the journal (``[extras.stock]``
in ``addons/accounting/charts/*.toml``); a company charted before stock was
installed gets them when the second of the two addons is installed.
"""
