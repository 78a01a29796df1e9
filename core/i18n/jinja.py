"""Translating Jinja2 templates per render, with one shared `jinja2.Environment` for every language.

The environment is prepared once (`prepare_environment`); each render gets
the user's translator as variables (`template_globals`), so two requests in
two languages never touch shared state::

    templates = jinja2.Environment(loader=..., autoescape=True)
    prepare_environment(templates)
    page = templates.get_template("login.html").render(**template_globals(fmt), error=message)

In templates, ``{{ _("Hello %(name)s", name=user.name) }}`` and
``{% trans %}Log in{% endtrans %}`` translate (new-style gettext: the
variables are escaped, a literal ``%`` is written ``%%``), and
``{{ fmt.money(amount, "EUR") }}``, ``{{ fmt.date(day) }}``, ``lang`` and
``rtl`` format and orient the page. Macros imported from another template
see these only when imported ``with context``.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from jinja2 import pass_context
from jinja2.ext import InternationalizationExtension
from jinja2.runtime import Context
from markupsafe import Markup

from core.i18n.translator import Translator

# How templates are parsed for extraction; `prepare_environment` renders them the same way.
EXTRACT_OPTIONS = {
    "trimmed": "true",
    "newstyle_gettext": "true",
    "trim_blocks": "true",
    "lstrip_blocks": "true",
    "silent": "false",
}


def prepare_environment(templates: Environment) -> None:
    """Enable ``{% trans %}`` with new-style gettext and trimmed whitespace, once per environment.

    ``trim_blocks`` and ``lstrip_blocks`` should be on too, as extraction assumes them.
    """
    if InternationalizationExtension.identifier not in templates.extensions:
        templates.add_extension(InternationalizationExtension)
    templates.newstyle_gettext = True  # type: ignore[attr-defined]
    templates.policies["ext.i18n.trimmed"] = True


def _formatted(context: Context, translated: str, variables: dict[str, Any]) -> str:
    """``translated`` filled in like Jinja's new-style gettext: escaped when autoescaping."""
    if context.eval_ctx.autoescape:
        return Markup(translated) % variables
    return translated % variables


def template_globals(translator: Translator) -> dict[str, Any]:
    """The variables a render needs to be in ``translator``'s language.

    Returns ``_`` and ``gettext``, ``ngettext`` (its count is also ``num``),
    ``pgettext``, ``fmt`` (the translator, for ``fmt.number``, ``fmt.money``,
    ``fmt.date``...), ``lang`` and ``rtl``.
    """

    @pass_context
    def gettext(context: Context, message: str, **variables: Any) -> str:
        return _formatted(context, translator.gettext(message), variables)

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, num: int, **variables: Any) -> str:
        variables.setdefault("num", num)
        return _formatted(context, translator.ngettext(singular, plural, num), variables)

    @pass_context
    def pgettext(context: Context, message_context: str, message: str, **variables: Any) -> str:
        return _formatted(context, translator.pgettext(message_context, message), variables)

    return {
        "_": gettext,
        "gettext": gettext,
        "ngettext": ngettext,
        "pgettext": pgettext,
        "fmt": translator,
        "lang": translator.lang,
        "rtl": translator.rtl,
    }
