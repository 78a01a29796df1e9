"""`Translator`: one language's messages and formats, what a request in that language uses.

::

    tr = Translator("tr", load_translations("tr", folders))
    tr.gettext("Partner")                                  # the base addon's tr.po says
    tr.ngettext("%(num)d record", "%(num)d records", 3)    # the plural form for 3
    tr.field_label(registry["base.partner"]._fields["email"])
    tr.money(Decimal("1234.5"), "TRY")                     # "₺1.234,50"

Messages are the English text (the msgid); a message missing from the
catalogs is shown in English.
"""

from __future__ import annotations

import gettext as gettext_module
from typing import TYPE_CHECKING
from typing import Any

from core.i18n.formats import Formats

if TYPE_CHECKING:  # the ORM translates its own messages: it imports this module
    from core.orm.fields.base import Field
    from core.orm.fields.selection import Selection
    from core.orm.model import Model


class Translator(Formats):
    """The translations and the formats of one language.

    Args:
        lang: a language code; unknown ones fall back to English.
        translations: the merged catalogs (`core.i18n.catalog.load_translations`);
            None shows every message in English.
    """

    def __init__(self, lang: str, translations: gettext_module.NullTranslations | None = None) -> None:
        super().__init__(lang)
        self.translations = translations or gettext_module.NullTranslations()

    def __repr__(self) -> str:
        return f"<Translator {self.lang}>"

    def gettext(self, message: str) -> str:
        """``message`` in this language, or as given when no catalog translates it."""
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of ``singular``/``plural`` that goes with the number ``n`` in this language."""
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """``message`` as translated in ``context``, for words whose translation depends on it."""
        return self.translations.pgettext(context, message)

    # -- what models declare -------------------------------------------------------

    def model_label(self, model: type[Model]) -> str:
        """What users call a model: its translated ``_description``, else its name."""
        return self.gettext(model._description) if model._description else model._name

    def field_label(self, field: Field[Any]) -> str:
        """A bound field's translated label."""
        return self.gettext(field.label or field.name)

    def option_label(self, field: Selection, value: str | None) -> str:
        """The translated label of one value of a selection field (empty for no value)."""
        return self.gettext(field.label_of(value)) if value else ""
