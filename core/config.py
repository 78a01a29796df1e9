"""`Settings`: where a deployment keeps its database, which addons it runs, how it serves.

Read from ``addons.toml`` (the ``--config`` option, else ``$TESSERA_CONFIG``,
else ``./addons.toml``), then overridden by ``TESSERA_*`` environment variables::

    [database]
    url = "sqlite:///var/tessera.db"      # relative SQLite paths: from this file's folder

    [addons]
    enabled = ["crm", "sales"]            # what `server.py init` installs
    paths = ["../custom_addons"]          # extra addons folders, relative to this file

    [server]
    host = "127.0.0.1"
    port = 8000
    workers = 1
    secret_key = "..."                    # signs session cookies; default: one kept in the database
    secure_cookies = false                # true behind an HTTPS proxy: cookies only over HTTPS
    session_idle_days = 14                # a session unused this long is logged out

    settings = load_settings()            # ConfigError names the file and the key at fault
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from marshmallow import RAISE
from marshmallow import Schema
from marshmallow import ValidationError as SchemaError
from marshmallow import fields
from marshmallow import validate
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from core.errors import ConfigError
from core.loader.manifest import NAME

CONFIG_VARIABLE = "TESSERA_CONFIG"
DEFAULT_CONFIG = "addons.toml"
DEFAULT_DATABASE = "sqlite:///var/tessera.db"

# Environment variable → (section, key, how to read its text).
OVERRIDES: dict[str, tuple[str, str, str]] = {
    "TESSERA_DATABASE_URL": ("database", "url", "text"),
    "TESSERA_ADDONS": ("addons", "enabled", "comma list"),
    "TESSERA_ADDONS_PATHS": ("addons", "paths", "path list"),
    "TESSERA_HOST": ("server", "host", "text"),
    "TESSERA_PORT": ("server", "port", "text"),
    "TESSERA_SECRET_KEY": ("server", "secret_key", "text"),
}


@dataclass(frozen=True)
class Settings:
    """A deployment's settings, validated and with every path made absolute.

    Attributes:
        config_path: the file they were read from (None when there was none).
        database_url: a SQLAlchemy URL; SQLite paths are absolute.
        addons: the enabled addons, installed by ``server.py init``.
        addons_paths: extra folders holding addons, besides the repository's.
        host, port, workers: where and how ``server.py serve`` listens.
        secret_key: signs session cookies (None: a random key kept in the
            database, see `core.web.session`); never shown in ``repr``.
        secure_cookies: send cookies over HTTPS only, even when the request
            looks like plain HTTP (behind a TLS-terminating proxy).
        session_idle_days: how long an unused session stays logged in.
    """

    config_path: Path | None
    database_url: str
    addons: tuple[str, ...] = ()
    addons_paths: tuple[Path, ...] = ()
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    secret_key: str | None = field(default=None, repr=False)
    secure_cookies: bool = False
    session_idle_days: int = 14

    def ensure_database_folder(self) -> None:
        """Create the folder of a SQLite database file if it does not exist yet."""
        folder = sqlite_folder(self.database_url)
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)


class _DatabaseSchema(Schema):
    class Meta:
        unknown = RAISE

    url = fields.String(load_default=DEFAULT_DATABASE, validate=validate.Length(min=1))


class _AddonsSchema(Schema):
    class Meta:
        unknown = RAISE

    enabled = fields.List(fields.String(validate=NAME), load_default=list)
    paths = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)


class _ServerSchema(Schema):
    class Meta:
        unknown = RAISE

    host = fields.String(load_default="127.0.0.1", validate=validate.Length(min=1))
    port = fields.Integer(load_default=8000, validate=validate.Range(min=1, max=65535))
    workers = fields.Integer(load_default=1, validate=validate.Range(min=1))
    secret_key = fields.String(
        load_default=None,
        validate=validate.Length(min=32, error="use at least 32 random characters"),
    )
    secure_cookies = fields.Boolean(load_default=False)
    session_idle_days = fields.Integer(load_default=14, validate=validate.Range(min=1))


SECTIONS: dict[str, type[Schema]] = {
    "database": _DatabaseSchema,
    "addons": _AddonsSchema,
    "server": _ServerSchema,
}


def config_path(path: Path | str | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The configuration file to read: ``path``, else ``$TESSERA_CONFIG``, else ``./addons.toml``."""
    environ = os.environ if environ is None else environ
    chosen = path or environ.get(CONFIG_VARIABLE) or DEFAULT_CONFIG
    return Path(chosen).expanduser().resolve()


def load_settings(path: Path | str | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Read and validate the settings, applying the environment's overrides.

    A missing ``./addons.toml`` means every default (relative to the current
    folder); a file named explicitly must exist.

    Raises:
        ConfigError: the file is missing or not TOML, or a key or an override
            is wrong; the one-line message names the file (or variable) and key.
    """
    environ = os.environ if environ is None else environ
    explicit = bool(path or environ.get(CONFIG_VARIABLE))
    file = config_path(path, environ)
    document = _read(file, explicit)
    base = file.parent
    sources: dict[tuple[str, str], str] = {}
    for variable, (section, key, kind) in OVERRIDES.items():
        raw = environ.get(variable)
        if raw is None or raw == "":
            continue
        document.setdefault(section, {})[key] = _parse_override(raw, kind)
        sources[(section, key)] = variable
    values = _validate(document, file, sources)
    database, addons, server = values["database"], values["addons"], values["server"]
    url_base = Path.cwd() if ("database", "url") in sources else base
    paths_base = Path.cwd() if ("addons", "paths") in sources else base
    addons_paths = tuple((paths_base / Path(p).expanduser()).resolve() for p in addons["paths"])
    for folder in addons_paths:
        if not folder.is_dir():
            where = _where(file, sources, "addons", "paths")
            raise ConfigError(f"{where}: the folder {folder} does not exist")
    return Settings(
        config_path=file if file.is_file() else None,
        database_url=_absolute_url(database["url"], url_base, _where(file, sources, "database", "url")),
        addons=tuple(dict.fromkeys(addons["enabled"])),
        addons_paths=addons_paths,
        host=server["host"],
        port=server["port"],
        workers=server["workers"],
        secret_key=server["secret_key"],
        secure_cookies=server["secure_cookies"],
        session_idle_days=server["session_idle_days"],
    )


def sqlite_folder(url: str) -> Path | None:
    """The folder holding a SQLite database file, or None for other databases and memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).parent


def _read(file: Path, explicit: bool) -> dict[str, Any]:
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        if explicit:
            raise ConfigError(f"{file}: the configuration file does not exist") from None
        return {}
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{file}: not valid TOML: {error}") from None


def _parse_override(raw: str, kind: str) -> Any:
    if kind == "comma list":
        return [item.strip() for item in raw.split(",") if item.strip()]
    if kind == "path list":
        return [item for item in raw.split(os.pathsep) if item]
    return raw


def _validate(
    document: dict[str, Any], file: Path, sources: Mapping[tuple[str, str], str]
) -> dict[str, dict[str, Any]]:
    unknown = sorted(set(document) - set(SECTIONS))
    if unknown:
        raise ConfigError(f"{file}: unknown section [{unknown[0]}]; expected {', '.join(SECTIONS)}")
    values: dict[str, dict[str, Any]] = {}
    for section, schema in SECTIONS.items():
        content = document.get(section, {})
        if not isinstance(content, dict):
            raise ConfigError(f"{file}: {section} must be a [{section}] table")
        try:
            values[section] = schema().load(content)
        except SchemaError as error:
            key, messages = next(iter(error.normalized_messages().items()))
            raise ConfigError(f"{_where(file, sources, section, key)}: {_flatten(messages)}") from None
    return values


def _where(file: Path, sources: Mapping[tuple[str, str], str], section: str, key: str) -> str:
    """Where a value came from: ``addons.toml: [server] port`` or ``TESSERA_PORT``."""
    variable = sources.get((section, key))
    if variable is not None:
        return f"environment variable {variable}"
    return f"{file}: [{section}] {key}"


def _flatten(messages: Any) -> str:
    """marshmallow's nested messages (lists, per-index dicts) as one line."""
    if isinstance(messages, dict):
        return "; ".join(f"item {index}: {_flatten(inner)}" for index, inner in messages.items())
    if isinstance(messages, list):
        return " ".join(_flatten(message) for message in messages)
    return str(messages).replace("Unknown field.", "unknown key")


def _absolute_url(url: str, base: Path, where: str) -> str:
    """``url`` with a relative SQLite file path made absolute from ``base``."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(f"{where}: {url!r} is not a database URL like sqlite:///var/tessera.db") from None
    folder = sqlite_folder(url)
    if folder is None or Path(str(parsed.database)).is_absolute():
        return url
    database = (base / str(parsed.database)).resolve()
    return parsed.set(database=str(database)).render_as_string(hide_password=False)
