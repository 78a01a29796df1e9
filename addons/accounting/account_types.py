"""Account types: what an account holds, and where reports put it.

Every `accounting.account` has one of these types. The type decides:

* its **nature**: ``asset``, ``liability``, ``equity``, ``income`` or ``expense``,
  which gives the sign users read (assets and expenses are debit balances,
  the others credit balances);
* its **statement**: the balance sheet (balances carried forward for ever)
  or profit and loss (balances moved to retained earnings when a fiscal year
  closes, `addons.accounting.closing`);
* its **role**, for the few types the software treats specially: receivable
  and payable accounts carry partners and are reconciled with payments,
  liquidity accounts (bank, cash) are what the cash flow statement follows.

==========================  ============  ==============  ===========
type                        nature        statement       role
==========================  ============  ==============  ===========
receivable                  asset         balance sheet   receivable
bank                        asset         balance sheet   liquidity
cash                        asset         balance sheet   liquidity
current_assets              asset         balance sheet
fixed_assets                asset         balance sheet
payable                     liability     balance sheet   payable
current_liabilities         liability     balance sheet
non_current_liabilities     liability     balance sheet
equity                      equity        balance sheet
income                      income        profit and loss
other_income                income        profit and loss
cost_of_goods_sold          expense       profit and loss
expense                     expense       profit and loss
==========================  ============  ==============  ===========

Reports never hard-code account codes: a chart of accounts (Turkey's 1xx to
7xx, or any other) classifies its accounts by these types::

    ACCOUNT_TYPES["bank"].nature          # "asset"
    types_where(statement="profit_loss")  # ("income", "other_income", "cost_of_goods_sold", "expense")
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class AccountType:
    """One account type: its code, the label users read, and how reports classify it."""

    code: str
    label: str
    nature: str
    role: str | None = None

    @property
    def statement(self) -> str:
        """``balance_sheet`` for assets, liabilities and equity, else ``profit_loss``."""
        return "balance_sheet" if self.nature in ("asset", "liability", "equity") else "profit_loss"


_TYPES = (
    AccountType("receivable", "Receivable", "asset", "receivable"),
    AccountType("bank", "Bank", "asset", "liquidity"),
    AccountType("cash", "Cash", "asset", "liquidity"),
    AccountType("current_assets", "Current assets", "asset"),
    AccountType("fixed_assets", "Fixed assets", "asset"),
    AccountType("payable", "Payable", "liability", "payable"),
    AccountType("current_liabilities", "Current liabilities", "liability"),
    AccountType("non_current_liabilities", "Non-current liabilities", "liability"),
    AccountType("equity", "Equity", "equity"),
    AccountType("income", "Income", "income"),
    AccountType("other_income", "Other income", "income"),
    AccountType("cost_of_goods_sold", "Cost of goods sold", "expense"),
    AccountType("expense", "Expense", "expense"),
)
ACCOUNT_TYPES: dict[str, AccountType] = {kind.code: kind for kind in _TYPES}
SELECTION: list[tuple[str, str]] = [(kind.code, kind.label) for kind in _TYPES]


def types_where(
    *, nature: str | None = None, statement: str | None = None, role: str | None = None
) -> tuple[str, ...]:
    """The codes of the types matching every criterion given, in the table's order."""
    return tuple(
        kind.code
        for kind in _TYPES
        if (nature is None or kind.nature == nature)
        and (statement is None or kind.statement == statement)
        and (role is None or kind.role == role)
    )
