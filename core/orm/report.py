"""`Report`: a read-only model whose rows one SQL query computes, so figures get lists, pivots and exports.

A report declares its fields like any model, and a `Report.query` that
computes its rows from other models' tables. The registry maps the model onto
that SELECT (as a subquery): searching, ``read_group``, the generated list
with its filters, group-by sums and exports read it like any model, in SQL, as
the user (the rights and rules of the report model apply to its rows).
Nothing writes a report::

    class StockValue(Report, name="stock.value_report"):
        _description = "Stock value"

        product = fields.Many2one("product.product", readonly=True)
        quantity = fields.Decimal(digits=(16, 4), readonly=True)

        @classmethod
        def query(cls, registry: Registry) -> Select[Any]:
            quant = registry["stock.quant"]._table
            return select(quant.c.id, quant.c.product_id, quant.c.quantity)

The SELECT has a column ``id``, unique per row, and one per stored field,
labelled with the field's column name (``product_id`` for ``product``); the
audit stamps (``created_at``…) may be left out. A report stores only plain
fields and many2ones, none of them computed; non-stored computed fields are
fine. What depends on the moment of reading, such as today's date, goes in
as ``bindparam(..., callable_=...)``, evaluated at each query.

The query reads tables with Core, so the access rules of the models it reads
do not filter its rows: give the report the columns its own rules need
(``company``) and a rule of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any
from typing import NoReturn

from sqlalchemy import Select

from core.errors import UserError
from core.i18n import _
from core.i18n import current
from core.orm.model import Model

if TYPE_CHECKING:
    from typing import Self

    from core.orm.environment import Environment
    from core.orm.records import RecordSet
    from core.orm.registry import Registry


class Report(Model):
    """Base class of a model computed by a SQL query; see the module."""

    @classmethod
    def query(cls, registry: Registry) -> Select[Any]:
        """The SELECT computing the rows, from ``registry``'s tables (``registry["x.y"]._table``).

        Called once, when the registry is built.
        """
        raise NotImplementedError(f"{cls._name} defines no query")

    @classmethod
    def new(cls, env: Environment, vals: Mapping[str, Any]) -> Self:
        cls._refuse()

    @classmethod
    def create(cls, env: Environment, vals_list: Sequence[Mapping[str, Any]]) -> RecordSet[Self]:
        cls._refuse()

    def write(self, vals: Mapping[str, Any]) -> None:
        self._refuse()

    def unlink(self) -> None:
        self._refuse()

    @classmethod
    def _refuse(cls) -> NoReturn:
        """Raise: the rows of a report follow from other records.

        Raises:
            UserError: always.
        """
        raise UserError(
            _(
                "%(model)s is a report: its rows follow from other records and cannot be changed.",
                model=current().model_label(cls),
            )
        )
