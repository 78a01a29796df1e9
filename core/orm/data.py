"""Load an addon's data and demo files: records with external ids, idempotently.

A data file is TOML; each ``[["model.name"]]`` table is one record. ``id``
names it (``eur`` in addon ``base`` is ``base.eur``), ``noupdate = true``
keeps it as the customer edited it on upgrades, and the other keys are field
values. A many2one takes an external id, a many2many a list of them, a
one2many a list of inline tables; decimals are written as strings::

    [["base.currency"]]
    id = "currency_eur"
    code = "EUR"
    name = "Euro"

Loading twice changes nothing; loading a newer version updates the records
not marked ``noupdate`` and creates the new ones.

An ``id`` qualified with another addon's name updates that addon's record
instead: only the fields given, each time the file loads (at install, and at
upgrades unless ``noupdate``). The other addon must be one the file's addon
builds on, and the record stays its own::

    [["product.product"]]
    id = "product.demo_product_oil"     # in stock's demo: product's cutting oil is stored by lot
    type = "storable"
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import select

from core.errors import ConfigError
from core.errors import TesseraError
from core.orm.access import BYPASS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from core.orm.environment import Environment
    from core.orm.model import Model

EXTERNAL_ID_MODEL = "base.external_id"
KNOWN_KEY = "tessera.external_ids"  # session.info: (addon, name) → (model, id) found in this transaction


def split_external_id(external_id: str, addon: str) -> tuple[str, str]:
    """``("base", "eur")`` for ``"base.eur"``, or for ``"eur"`` read in addon ``base``."""
    if "." in external_id:
        owner, name = external_id.split(".", 1)
        return owner, name
    return addon, external_id


def find_external_id(env: Environment, external_id: str, addon: str = "") -> Model | None:
    """The record named ``external_id``, or None.

    What an external id names is remembered for the rest of the transaction
    (defaults such as the current company ask for the same ids on every new
    record); `forget_external_ids` drops that memory when external ids change.
    """
    owner, name = split_external_id(external_id, addon)
    known: dict[tuple[str, str], tuple[str, int]] = env.session.info.setdefault(KNOWN_KEY, {})
    if (owner, name) in known:
        model_name, res_id = known[(owner, name)]
        record = env.session.get(env.registry[model_name], res_id)
        if record is not None:
            return record
    ExternalId = env.registry[EXTERNAL_ID_MODEL]
    # The link is the kernel's metadata, read whoever asks; the record it names obeys the user's rights.
    stmt = (
        select(ExternalId)
        .where(ExternalId.addon == owner, ExternalId.name == name)  # type: ignore[attr-defined]
        .execution_options(**{BYPASS: True})
    )
    with env.session.no_autoflush:
        link = env.session.scalars(stmt).first()
        if link is None:
            return None
        known[(owner, name)] = (link.model, link.res_id)  # type: ignore[attr-defined]
        return env.session.get(env.registry[link.model], link.res_id)  # type: ignore[attr-defined]


def forget_external_ids(session: Session) -> None:
    """Drop what `find_external_id` remembered in ``session`` (external ids changed, or a rollback)."""
    session.info.pop(KNOWN_KEY, None)


def _document(path: Path, addon: str) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"addon {addon}: {path.name}: {error}") from None


def created_names(path: Path, addon: str) -> set[str]:
    """The names (``tier_gold``) of the records ``addon``'s data file ``path`` creates, not updates.

    Raises:
        ConfigError: the file cannot be read.
    """
    names = set()
    for entries in _document(path, addon).values():
        for entry in entries if isinstance(entries, list) else ():
            xml_name = entry.get("id") if isinstance(entry, dict) else None
            if isinstance(xml_name, str):
                owner, name = split_external_id(xml_name, addon)
                if owner == addon:
                    names.add(name)
    return names


class DataLoader:
    """Loads the files of one addon into one environment.

    Args:
        env: the environment to load into.
        addon: the addon whose files they are; it owns the records they create.
        updatable: the addons whose records the files may update (an ``id``
            qualified with their name): what ``addon`` builds on.
    """

    def __init__(self, env: Environment, addon: str, updatable: Collection[str] = ()) -> None:
        self.env = env
        self.addon = addon
        self.updatable = frozenset(updatable)
        ExternalId = env.registry[EXTERNAL_ID_MODEL]
        self.links = {
            (link.addon, link.name): link
            for link in env.session.scalars(select(ExternalId).where(ExternalId.addon == addon))  # type: ignore[attr-defined]
        }

    def load_file(self, path: Path, *, update: bool = False) -> int:
        """Load every record of ``path``; returns how many were created or updated.

        Raises:
            ConfigError: the file or a record in it is wrong; names the file and record.
        """
        document = _document(path, self.addon)
        count = 0
        for model_name, entries in document.items():
            if model_name not in self.env.registry:
                raise ConfigError(f"addon {self.addon}: {path.name}: unknown model {model_name!r}")
            if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
                raise ConfigError(
                    f"addon {self.addon}: {path.name}: write each {model_name} record "
                    f'as a table under [["{model_name}"]]'
                )
            for entry in entries:
                where = f"addon {self.addon}: {path.name}: {model_name} {entry.get('id', '(no id)')!r}"
                try:
                    count += self._load_record(model_name, dict(entry), update=update)
                except (TesseraError, ValueError, KeyError) as error:
                    message = getattr(error, "message", None) or str(error)
                    raise ConfigError(f"{where}: {message}") from None
        self.env.flush()
        return count

    def _load_record(self, model_name: str, entry: dict[str, Any], *, update: bool) -> int:
        xml_name = entry.pop("id", None)
        if not isinstance(xml_name, str):
            raise ConfigError("the record needs an id")
        noupdate = bool(entry.pop("noupdate", False))
        owner, name = split_external_id(xml_name, self.addon)
        model = self.env.registry[model_name]
        values = {key: self._value(model, key, value) for key, value in entry.items()}
        if owner != self.addon:
            if update and noupdate:
                return 0
            self._foreign(model_name, owner, name).write(values)
            return 1
        link = self.links.get((owner, name))
        if link is not None:
            record = self.env.session.get(model, link.res_id)  # type: ignore[attr-defined]
            if record is not None:
                if update and not link.noupdate:  # type: ignore[attr-defined]
                    record.write(values)
                    return 1
                return 0
        record = model.new(self.env, values)
        self.env.flush()
        ExternalId = self.env.registry[EXTERNAL_ID_MODEL]
        if link is None:
            link = ExternalId.new(self.env, {"addon": owner, "name": name, "model": model_name})
            self.links[(owner, name)] = link
        link.res_id = record.id  # type: ignore[attr-defined]
        link.noupdate = noupdate  # type: ignore[attr-defined]
        return 1

    def _foreign(self, model_name: str, owner: str, name: str) -> Model:
        """Another addon's record that a qualified id names, checked before it is updated."""
        if owner not in self.updatable:
            raise ConfigError(
                f"{owner}.{name} belongs to addon {owner}, which {self.addon} does not depend on: "
                "a data file updates only its dependencies' records (and the files for an extra, the extra's)"
            )
        record = find_external_id(self.env, f"{owner}.{name}")
        if record is None:
            raise ConfigError(f"updates {owner}.{name}, which no loaded data file defines")
        if record._name != model_name:
            raise ConfigError(f"{owner}.{name} is a {record._name} record, not a {model_name}")
        return record

    def _value(self, model: type[Model], key: str, value: Any) -> Any:
        field = model._fields.get(key)
        if field is None:
            raise ConfigError(f"{model._name} has no field {key!r}")
        if field.type_name == "many2one" and isinstance(value, str):
            return self._ref(value)
        if field.type_name == "many2many" and isinstance(value, list):
            return [self._ref(item) if isinstance(item, str) else item for item in value]
        if field.type_name == "one2many" and isinstance(value, list):
            comodel = self.env.registry[field.comodel]  # type: ignore[attr-defined]
            return [{k: self._value(comodel, k, v) for k, v in line.items()} for line in value]
        return value

    def _ref(self, external_id: str) -> Model:
        link = self.links.get(split_external_id(external_id, self.addon))
        if link is not None:
            record = self.env.session.get(self.env.registry[link.model], link.res_id)  # type: ignore[attr-defined]
        else:
            record = find_external_id(self.env, external_id, self.addon)
        if record is None:
            raise ConfigError(f"refers to {external_id!r}, which no loaded data file defines")
        return record
