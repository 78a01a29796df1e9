"""`translator(registry, lang)`: the `Translator` of a database's addons for a language, made once.

::

    fmt = translator(db.registry, user.lang)    # cached per registry and language
    fmt.gettext("Log in")

The catalogs are those of the kernel and of the registry's addons, in
dependency order, read from each addon's folder (``registry.addon_paths``).
"""

from __future__ import annotations

import threading
import weakref
from typing import TYPE_CHECKING

from core.i18n.catalog import load_translations
from core.i18n.languages import language_of
from core.i18n.translator import Translator

if TYPE_CHECKING:  # the ORM translates its own messages: it imports this package
    from core.orm.registry import Registry

_cache: weakref.WeakKeyDictionary[Registry, dict[str, Translator]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def translator(registry: Registry, lang: str | None) -> Translator:
    """The translator into ``lang`` (English when unknown) with the catalogs of ``registry``'s addons.

    Made on first use and kept as long as the registry lives; safe to call from
    several threads.

    Raises:
        ConfigError: one of the ``.po`` files is malformed; the message names it.
    """
    code = language_of(lang)
    with _lock:
        made = _cache.setdefault(registry, {})
        if code not in made:
            made[code] = Translator(code, load_translations(code, list(registry.addon_paths.items())))
        return made[code]
