"""Internationalisation: the shipped languages, each addon's ``.po`` catalogs, and locale formats.

::

    from core.i18n import _, translator

    fmt = translator(db.registry, user.lang)     # the user's language, with every installed addon's catalog
    fmt.gettext("Partner"), fmt.money(Decimal("9.5"), "EUR"), fmt.rtl
    raise ValidationError(_("Points cannot be negative."))   # in the current request's language
"""

from core.i18n.current import _ as _
from core.i18n.current import current as current
from core.i18n.current import using as using
from core.i18n.languages import DEFAULT_LANGUAGE as DEFAULT_LANGUAGE
from core.i18n.languages import LANGUAGES as LANGUAGES
from core.i18n.languages import language_of as language_of
from core.i18n.translator import Translator as Translator
from core.i18n.translators import translator as translator

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Translator",
    "_",
    "current",
    "language_of",
    "translator",
    "using",
]
