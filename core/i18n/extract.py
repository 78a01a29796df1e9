"""Collecting the messages to translate into a ``messages.pot``, and merging it into each ``<lang>.po``.

Messages come from Python (``_``, ``gettext``, ``ngettext``, ``pgettext``,
``lazy_gettext``), from Jinja2 templates (``_()`` and ``{% trans %}``), and
from what an addon declares (`core.i18n.declarations`). ``server.py i18n``
drives it::

    catalog = extract_catalog("crm", [crm_folder], root=crm_folder, model_classes=addon.model_classes)
    write_catalog(catalog, crm_folder / "i18n" / "messages.pot")
    update_catalogs(catalog, crm_folder / "i18n", ["tr", "hu", "fa"])   # keeps existing translations
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import write_po
from jinja2 import TemplateSyntaxError

from core.errors import ConfigError
from core.i18n.catalog import KERNEL_DOMAIN
from core.i18n.catalog import po_path
from core.i18n.catalog import read_catalog
from core.i18n.declarations import declared_messages
from core.i18n.jinja import EXTRACT_OPTIONS
from core.i18n.languages import LANGUAGES
from core.orm.model import Model

CORE_DIR = Path(__file__).resolve().parent.parent
# The kernel's own messages: its web UI, views, API and formats (the base addon has its own).
KERNEL_ROOT = CORE_DIR.parent  # the kernel's locations are relative to the repository
KERNEL_SOURCES = tuple(CORE_DIR / name for name in ("web", "views", "api", "i18n", "orm"))
KEYWORDS: dict[str, Any] = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "lazy_gettext": None,
}
COMMENT_TAGS = ("TRANSLATORS:",)
METHODS = {".py": "python", ".html": "jinja2.ext:babel_extract"}
SKIPPED_FOLDERS = frozenset({"tests", "i18n", "static", "node_modules"})
TEMPLATE_NAME = "messages.pot"
COPYRIGHT = "the Tessera authors"
WIDTH = 76


def source_files(folder: Path) -> Iterator[Path]:
    """The Python and template files of ``folder``, without tests, catalogs and private folders."""
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts[:-1]
        if path.suffix in METHODS and path.is_file():
            if not any(part in SKIPPED_FOLDERS or part.startswith((".", "_")) for part in parts):
                yield path


def add_source_messages(catalog: Catalog, path: Path, root: Path) -> None:
    """Add the messages of one Python file or template, located relative to ``root``.

    Raises:
        ConfigError: the file cannot be parsed; the message names it.
    """
    method = METHODS[path.suffix]
    options = EXTRACT_OPTIONS if path.suffix == ".html" else {}
    location = path.relative_to(root).as_posix()
    try:
        with path.open("rb") as file:
            for line, message, comments, context in extract(
                method, file, KEYWORDS, COMMENT_TAGS, options, strip_comment_tags=True
            ):
                catalog.add(message, None, [(location, line)], auto_comments=comments, context=context)
    except (SyntaxError, TemplateSyntaxError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot extract messages: {error}") from None


def extract_catalog(
    domain: str,
    folders: Sequence[Path],
    root: Path,
    model_classes: Sequence[type] = (),
    view_declarations: Sequence[Any] = (),
    version: str | None = None,
) -> Catalog:
    """The template catalog of one addon (or of the kernel, domain ``kernel``).

    Args:
        domain: the addon's name.
        folders: where its Python files and templates are.
        root: the folder locations are relative to.
        model_classes: the models and extensions it registers.
        view_declarations: the views, menus, actions... it registers.
        version: its version, for the header.

    Raises:
        ConfigError: a source file cannot be parsed.
    """
    catalog = Catalog(
        domain=domain,
        project=f"Tessera {domain}",
        version=version,
        copyright_holder=COPYRIGHT,
        fuzzy=False,
    )
    for folder in folders:
        for path in source_files(folder):
            add_source_messages(catalog, path, root)
    for message in declared_messages(model_classes, view_declarations, root):
        catalog.add(message.text, None, [message.location], auto_comments=[message.comment])
    return catalog


def kernel_catalog() -> Catalog:
    """The template catalog of the kernel: its ORM's messages, web UI, views, API, formats and every
    model's audit fields."""
    return extract_catalog(KERNEL_DOMAIN, KERNEL_SOURCES, KERNEL_ROOT, model_classes=[Model])


def write_catalog(catalog: Catalog, path: Path) -> Path:
    """Write ``catalog`` as a ``.po``/``.pot`` file, with Babel's wrapping and source comments."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, catalog, width=WIDTH)
    return path


def update_catalogs(template: Catalog, folder: Path, languages: Sequence[str]) -> list[tuple[Path, bool]]:
    """Bring ``<folder>/<lang>.po`` in line with ``template`` for each language, creating missing ones.

    Existing translations are kept; new messages come in untranslated,
    near-misses of changed ones as fuzzy, and removed ones stay at the end as
    obsolete entries (``#~``), brought back if the message returns. Returns
    each file and whether it was created.

    Raises:
        ConfigError: an existing ``.po`` file is malformed.
    """
    written = []
    for lang in languages:
        path = po_path(folder, lang)
        created = not path.is_file()
        if created:
            catalog = Catalog(
                locale=lang,
                domain=template.domain,
                project=template.project,
                version=template.version,
                copyright_holder=COPYRIGHT,
                revision_date=dt.datetime.now(dt.UTC),
                language_team=LANGUAGES.get(lang, lang),
                fuzzy=False,
            )
        else:
            catalog = read_catalog(path, lang, template.domain)
        # Obsolete entries take part again, so a message that comes back keeps its translation.
        for message in catalog.obsolete.values():
            if message.id not in catalog:
                catalog[message.id] = message
        catalog.update(template)
        written.append((write_catalog(catalog, path), created))
    return written
