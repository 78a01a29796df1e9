"""`_`: translate a message in Python code into the language of the user being served.

The web layer makes the request's translator current with `using`; model
code then writes its messages in English inside ``_()``, which both marks
them for ``server.py i18n extract`` and translates them::

    from core.i18n import _

    raise ValidationError(fields={"points": _("Points cannot be negative.")})
    raise UserError(_("No rate for %(code)s on %(day)s.", code=currency.code, day=day))

Outside `using` (the command line, tests), messages stay in English. The
current translator is a context variable, so threads and tasks each have
their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from core.i18n.translator import Translator

ENGLISH = Translator("en")
_current: ContextVar[Translator] = ContextVar("tessera_translator", default=ENGLISH)


def current() -> Translator:
    """The translator of the user being served (English outside `using`)."""
    return _current.get()


@contextmanager
def using(translator: Translator) -> Iterator[Translator]:
    """Make ``translator`` current for the block (one request, one job run)."""
    token = _current.set(translator)
    try:
        yield translator
    finally:
        _current.reset(token)


def _(message: str, **variables: Any) -> str:
    """``message`` in the current language, with ``%(name)s`` placeholders filled from ``variables``."""
    translated = _current.get().gettext(message)
    return translated % variables if variables else translated
