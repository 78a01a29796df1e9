"""The languages Tessera ships, and how a user's language code maps onto one of them.

::

    LANGUAGES["tr"]          # "Türkçe": each language is named in itself
    language_of("tr_TR")     # "tr"
    language_of("de")        # "en": unknown languages fall back to English
"""

from __future__ import annotations

LANGUAGES: dict[str, str] = {"en": "English", "tr": "Türkçe", "hu": "Magyar", "fa": "فارسی"}
DEFAULT_LANGUAGE = "en"


def language_of(code: str | None) -> str:
    """The shipped language for a code such as ``"tr"``, ``"tr_TR"`` or ``"fa-IR"``; English otherwise."""
    base = (code or "").replace("-", "_").split("_")[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def translated_languages() -> list[str]:
    """The languages with catalogs to translate: every shipped one but the source language, English."""
    return [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
