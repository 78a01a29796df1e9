"""Reading the translations of one language: the kernel's, then each addon's ``i18n/<lang>.po``.

An addon ships one ``.po`` file per language in its ``i18n`` folder (the
kernel's addon ``base`` in ``core/base/i18n``); the kernel's web UI strings
are in ``core/i18n/po``. The files are read when a language is first needed,
not compiled to ``.mo`` beforehand (see docs/decisions.md)::

    translations = load_translations("tr", [("base", Path("core/base")), ("crm", Path("addons/crm"))])
    translations.gettext("Company")      # "Şirket", unless crm's tr.po says otherwise

Later catalogs override earlier ones, so an addon may reword what an addon
it depends on translates. Fuzzy entries are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError
from babel.messages.pofile import read_po
from babel.support import Translations

from core.errors import ConfigError

KERNEL_DOMAIN = "kernel"
KERNEL_FOLDER = Path(__file__).resolve().parent / "po"
ADDON_FOLDER = "i18n"


def po_path(folder: Path, lang: str) -> Path:
    """The catalog of ``lang`` in a folder of ``.po`` files: ``<folder>/<lang>.po``."""
    return folder / f"{lang}.po"


def read_catalog(path: Path, lang: str | None, domain: str | None = None) -> Catalog:
    """The messages of one ``.po`` file (or ``.pot`` template, without ``lang``).

    Raises:
        ConfigError: the file is not a readable ``.po`` file; the message names it.
    """
    try:
        with path.open("rb") as file:
            return read_po(file, locale=lang, domain=domain, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        raise ConfigError(f"{path}: not a valid .po file: {error}") from None


def compile_catalog(catalog: Catalog) -> Translations:
    """``catalog`` as gettext translations, without its fuzzy and untranslated entries."""
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=catalog.domain)


def load_translations(lang: str, addons: Sequence[tuple[str, Path]]) -> Translations:
    """The kernel's translations into ``lang``, merged with each addon's in the given order.

    Args:
        lang: a language code, e.g. ``"tr"``.
        addons: ``(name, folder)`` of the installed addons in dependency order;
            a folder without ``i18n/<lang>.po`` adds nothing.

    Raises:
        ConfigError: a ``.po`` file is malformed; the message names it.
    """
    # The empty catalog gives the language's plural rule, whatever the files say.
    merged = compile_catalog(Catalog(locale=lang, domain=KERNEL_DOMAIN))
    sources = [(KERNEL_DOMAIN, KERNEL_FOLDER), *((name, folder / ADDON_FOLDER) for name, folder in addons)]
    for domain, folder in sources:
        path = po_path(folder, lang)
        if path.is_file():
            merged.merge(compile_catalog(read_catalog(path, lang, domain)))
    return merged
