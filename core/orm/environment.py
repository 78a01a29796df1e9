"""`Environment`: one unit of work as one user: a session, a user, a context.

Every user action runs in one environment inside one transaction (see
`Database.transaction`). Models are reached by name::

    with db.transaction(user_id=uid) as env:
        partner = env["base.partner"].create({"name": "Acme"})
        env["base.partner"].search([("name", "ilike", "ac")], limit=10)
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import zoneinfo
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING
from typing import Any
from typing import Generic
from typing import TypeVar
from typing import overload

from sqlalchemy import Select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.errors import ConflictError
from core.errors import MissingError
from core.i18n import _
from core.i18n import current

if TYPE_CHECKING:
    from pluggy import HookRelay

    from core.orm.access import AccessPolicy
    from core.orm.model import Model
    from core.orm.records import RecordSet
    from core.orm.registry import Registry

M = TypeVar("M", bound="Model")
ENV_KEY = "tessera.env"


class Environment:
    """The registry, the session and the acting user of one unit of work.

    Args:
        registry: the models of this database.
        session: the SQLAlchemy session; records loaded through it find this
            environment as ``record.env``.
        user_id: the acting user (None for the kernel itself, e.g. at install).
        context: ``lang`` and ``tz`` of the user, plus flags such as
            ``active_test`` (False includes archived records in searches).
    """

    def __init__(
        self,
        registry: Registry,
        session: Session,
        *,
        user_id: int | None = None,
        context: Mapping[str, Any] | None = None,
    ) -> None:
        self.registry = registry
        self.session = session
        self.user_id = user_id
        self.su = user_id is None
        self.context: dict[str, Any] = dict(context or {})
        self._access: AccessPolicy | None = None
        session.info[ENV_KEY] = self

    def __repr__(self) -> str:
        return f"<Environment user={self.user_id} su={self.su}>"

    def __getitem__(self, model_name: str) -> BoundModel[Any]:
        return BoundModel(self, self.registry[model_name])

    @property
    def hook(self) -> HookRelay:
        """The registry's pluggy hooks: ``env.hook.records_created(env=env, records=...)``."""
        return self.registry.plugins.hook

    @property
    def access(self) -> AccessPolicy:
        """What the user may do (rights, rules, field groups), loaded once per environment."""
        if self._access is None:
            from core.orm.access import AccessPolicy

            self._access = AccessPolicy(self)
        return self._access

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        """The user's timezone (naive datetimes from users are read in it)."""
        return zoneinfo.ZoneInfo(self.context.get("tz") or "UTC")

    def today(self) -> dt.date:
        """Today's date on the user's calendar (in their timezone)."""
        return dt.datetime.now(self.tz).date()

    @property
    def lang(self) -> str:
        return str(self.context.get("lang") or "en")

    @contextmanager
    def sudo(self) -> Iterator[Environment]:
        """Act as the system inside the block, beyond the user's access rights.

        Pending changes are flushed on entry (checked as the user) and on exit
        (as the system), so the block's boundary is also the rights' boundary.
        """
        self.flush()
        previous, self.su = self.su, True
        try:
            yield self
            self.flush()
        finally:
            self.su = previous

    @contextmanager
    def as_system(self) -> Iterator[Environment]:
        """The kernel's own work inside a flush: no rights or rules apply, nothing is flushed.

        Recomputing stored fields, checking references and reading display
        names must see every row, whoever triggered them; unlike `sudo`, this
        can run inside a flush. Not for addon code: use `sudo`.
        """
        previous, self.su = self.su, True
        try:
            yield self
        finally:
            self.su = previous

    def flush(self) -> None:
        """Write pending changes now, running computes, constraints and hooks.

        Raises:
            ValidationError: a value or constraint refuses the changes.
            ConflictError: the database refuses them (a unique value, a reference).
        """
        try:
            self.session.flush()
        except IntegrityError as error:
            raise conflict_from(self.registry, error) from error

    def record(self, model: str, value: Any) -> Model | None:
        """The record of ``model`` that a many2one value names: the record itself or its id.

        For code that completes values before they are written (an order
        taking its customer's pricelist)::

            partner = env.record("base.partner", vals.get("partner"))

        No value, an id of no record the user may read, or anything else gives
        None: the create or write that takes the value is what refuses a
        wrong one, with a message for the field.
        """
        target = self.registry[model]
        if isinstance(value, target):
            return value
        if type(value) is int:
            found: Model | None = self.session.get(target, value)
            return found
        return None

    def ref(self, external_id: str) -> Model:
        """The record a data file created under ``external_id`` (``"base.main_company"``).

        Raises:
            MissingError: no record carries that external id.
        """
        from core.orm.data import find_external_id

        record = find_external_id(self, external_id)
        if record is None:
            raise MissingError(_("No record has the external id %(id)r.", id=external_id))
        return record


def conflict_from(registry: Registry, error: IntegrityError) -> ConflictError:
    """A user-readable `ConflictError` for a database integrity error."""
    text = str(error.orig).lower()
    for model in registry.models.values():
        columns = {name: field.column_name for name, field in model._fields.items()}
        for constraint in model._sql_constraints:
            if constraint.reported_in(text, model._table.name, columns):
                return ConflictError(current().gettext(constraint.message))
    if "foreign key" in text:
        return ConflictError(
            _("Other records still refer to this one, or a referenced record does not exist.")
        )
    if "unique" in text or "duplicate" in text:
        return ConflictError(_("Another record already has this value."))
    if "not null" in text or "null value" in text:
        return ConflictError(_("A required value is missing."))
    return ConflictError(_("The change conflicts with existing data."))


class BoundModel(Generic[M]):
    """A model as seen from one environment: ``env["sales.order"]``.

    Forwards to the model's classmethods with the environment filled in, so an
    addon that overrides ``create`` or ``search`` on the model changes this too.
    """

    __slots__ = ("env", "model")

    def __init__(self, env: Environment, model: type[M]) -> None:
        self.env = env
        self.model = model

    def __repr__(self) -> str:
        return f"<BoundModel {self.model._name}>"

    def __getattr__(self, name: str) -> Any:
        """An addon's own model-level method, with the environment filled in.

        ``env["crm.lead"].campaign_stats(domain)`` calls the classmethod
        ``campaign_stats(env, domain)`` of the composed model.

        Raises:
            AttributeError: the model has no public classmethod of that name.
        """
        found = None if name.startswith("_") else inspect.getattr_static(self.model, name, None)
        if not isinstance(found, classmethod):
            raise AttributeError(f"{self.model._name} has no model-level method {name!r}")
        return functools.partial(getattr(self.model, name), self.env)

    @property
    def name(self) -> str:
        return self.model._name

    @overload
    def create(self, vals: Mapping[str, Any]) -> M: ...
    @overload
    def create(self, vals: Sequence[Mapping[str, Any]]) -> RecordSet[M]: ...
    def create(self, vals: Mapping[str, Any] | Sequence[Mapping[str, Any]]) -> M | RecordSet[M]:
        """Create one record from a dict, or many (in one flush) from a list of dicts."""
        if isinstance(vals, Mapping):
            return self.model.create(self.env, [vals])[0]
        return self.model.create(self.env, list(vals))

    def new(self, vals: Mapping[str, Any]) -> M:
        """An unflushed record with defaults and ``vals``."""
        return self.model.new(self.env, vals)

    def search(
        self,
        domain: Iterable[Any] = (),
        *,
        order: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> RecordSet[M]:
        """Records matching ``domain`` (see `core.orm.domain`)."""
        return self.model.search(self.env, domain, order=order, limit=limit, offset=offset)

    def search_read(
        self,
        domain: Iterable[Any] = (),
        fields: Sequence[str] | None = None,
        *,
        order: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Matching records as JSON-ready dicts, read in SQL without building records
        (see `core.orm.reading`)."""
        from core.orm.reading import search_read

        return search_read(self.env, self.model, domain, fields, order=order, limit=limit, offset=offset)

    def search_count(self, domain: Iterable[Any] = ()) -> int:
        return self.model.search_count(self.env, domain)

    def browse(self, ids: Iterable[int]) -> RecordSet[M]:
        return self.model.browse(self.env, ids)

    def get(self, record_id: int) -> M:
        """The record with this id.

        Raises:
            MissingError: it does not exist.
        """
        return self.model.browse(self.env, [record_id])[0]

    def select(self, domain: Iterable[Any] = ()) -> Select[tuple[M]]:
        """A SQLAlchemy SELECT of the matching records, to refine with SQLAlchemy."""
        return self.model.select(self.env, domain)

    def read_group(
        self,
        domain: Iterable[Any] = (),
        groupby: Sequence[str] = (),
        aggregates: Sequence[str] = ("id:count",),
        *,
        order: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Aggregates per group, computed in SQL (see `core.orm.grouping`)."""
        from core.orm.grouping import read_group

        return read_group(self.env, self.model, list(domain), groupby, aggregates, order=order, limit=limit)

    @property
    def fields(self) -> Mapping[str, Any]:
        return self.model._fields
