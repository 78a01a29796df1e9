"""Read and validate an addon's ``addon.toml`` before any of its code is imported.

::

    [addon]
    name = "crm"
    version = "1.0.0"
    summary = "Leads, opportunities and the sales pipeline"
    depends = ["base"]              # requirement strings: "sales>=1.2"
    extras = ["sales"]              # activate parts of this addon when present
    data = ["data/stages.toml"]
    demo = ["demo/leads.toml"]

    [extras.sales]                  # files loaded once sales is installed too
    data = ["data/sales_teams.toml"]
    demo = ["demo/sales_leads.toml"]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from marshmallow import RAISE
from marshmallow import Schema
from marshmallow import ValidationError as SchemaError
from marshmallow import fields
from marshmallow import validate
from marshmallow import validates
from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement
from packaging.version import InvalidVersion
from packaging.version import Version

from core.errors import ConfigError

NAME = validate.Regexp(r"^[a-z][a-z0-9_]*$", error="must be lower_snake_case")


@dataclass(frozen=True)
class ExtraFiles:
    """The data and demo files an addon loads once one of its extras is installed too."""

    data: tuple[str, ...] = ()
    demo: tuple[str, ...] = ()


@dataclass(frozen=True)
class AddonManifest:
    """What ``addon.toml`` declares, validated.

    ``extra_files`` holds the ``[extras.<name>]`` tables; ``extra`` every other
    top-level table, for the addon's own settings.
    """

    name: str
    version: Version
    summary: str
    path: Path
    depends: tuple[Requirement, ...] = ()
    extras: tuple[str, ...] = ()
    data: tuple[str, ...] = ()
    demo: tuple[str, ...] = ()
    license: str = ""
    author: str = ""
    application: bool = False
    extra_files: dict[str, ExtraFiles] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def dependency_names(self) -> tuple[str, ...]:
        return tuple(req.name for req in self.depends)


class _AddonSchema(Schema):
    class Meta:
        unknown = RAISE  # a misspelt key (``depend``) must not be silently ignored

    name = fields.String(required=True, validate=NAME)
    version = fields.String(required=True)
    summary = fields.String(required=True, validate=validate.Length(min=1))
    depends = fields.List(fields.String(), load_default=list)
    extras = fields.List(fields.String(validate=NAME), load_default=list)
    data = fields.List(fields.String(), load_default=list)
    demo = fields.List(fields.String(), load_default=list)
    license = fields.String(load_default="")
    author = fields.String(load_default="")
    application = fields.Boolean(load_default=False)

    @validates("version")
    def _version(self, value: str, **_: Any) -> None:
        try:
            Version(value)
        except InvalidVersion:
            raise SchemaError(f"{value!r} is not a version like 1.0.0") from None

    @validates("depends")
    def _depends(self, value: list[str], **_: Any) -> None:
        for item in value:
            try:
                Requirement(item)
            except InvalidRequirement:
                raise SchemaError(f"{item!r} is not a dependency like 'sales' or 'sales>=1.2'") from None


class _ExtraFilesSchema(Schema):
    class Meta:
        unknown = RAISE

    data = fields.List(fields.String(), load_default=list)
    demo = fields.List(fields.String(), load_default=list)


def _problems(messages: Any, where: str = "") -> list[str]:
    """Marshmallow's nested messages as ``key: message`` lines (``extras[0]: ...`` for list items)."""
    if isinstance(messages, dict):
        return [
            line
            for key, nested in messages.items()
            for line in _problems(nested, f"{where}[{key}]" if isinstance(key, int) else f"{where}{key}")
        ]
    if isinstance(messages, list):
        texts = [str(item) for item in messages if not isinstance(item, dict)]
        nested = [line for item in messages if isinstance(item, dict) for line in _problems(item, where)]
        return ([f"{where}: {' '.join(texts)}"] if texts else []) + nested
    return [f"{where}: {messages}"]


def read_manifest(directory: Path) -> AddonManifest:
    """The validated manifest of the addon in ``directory``.

    Raises:
        ConfigError: the file is missing, is not TOML, or a key is wrong; the
            message names the file and every problem.
    """
    path = directory / "addon.toml"
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: missing; every addon needs an addon.toml") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    section = document.get("addon")
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: needs an [addon] table")
    try:
        values = _AddonSchema().load(section)
    except SchemaError as error:
        problems = "; ".join(_problems(error.normalized_messages()))
        raise ConfigError(f"{path}: {problems}") from None
    if values["name"] != directory.name:
        raise ConfigError(f"{path}: name {values['name']!r} must match its folder {directory.name!r}")
    extra_files = _extra_files(path, document.get("extras", {}), values["extras"])
    listed_files = [*values["data"], *values["demo"]]
    listed_files += [file for files in extra_files.values() for file in (*files.data, *files.demo)]
    for listed in listed_files:
        if not (directory / listed).is_file():
            raise ConfigError(f"{path}: lists {listed!r}, which does not exist")
    return AddonManifest(
        name=values["name"],
        version=Version(values["version"]),
        summary=values["summary"],
        path=directory,
        depends=tuple(Requirement(item) for item in values["depends"]),
        extras=tuple(values["extras"]),
        data=tuple(values["data"]),
        demo=tuple(values["demo"]),
        license=values["license"],
        author=values["author"],
        application=values["application"],
        extra_files=extra_files,
        extra={key: value for key, value in document.items() if key not in ("addon", "extras")},
    )


def _extra_files(path: Path, tables: Any, extras: list[str]) -> dict[str, ExtraFiles]:
    """The ``[extras.<name>]`` tables, each for an addon listed in ``extras``.

    Raises:
        ConfigError: a table is not one of an extra, or a key in it is wrong.
    """
    if not isinstance(tables, dict) or not all(isinstance(table, dict) for table in tables.values()):
        raise ConfigError(f"{path}: extras: give each extra's files as a table [extras.<addon>]")
    found = {}
    for name, table in tables.items():
        if name not in extras:
            raise ConfigError(f"{path}: [extras.{name}]: {name!r} is not in the extras of [addon]")
        try:
            values = _ExtraFilesSchema().load(table)
        except SchemaError as error:
            problems = "; ".join(_problems(error.normalized_messages(), f"extras.{name}."))
            raise ConfigError(f"{path}: {problems}") from None
        found[name] = ExtraFiles(data=tuple(values["data"]), demo=tuple(values["demo"]))
    return found
