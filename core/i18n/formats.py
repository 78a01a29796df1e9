"""How a language writes numbers, money, percentages and dates, and reads numbers and dates back.

Babel's CLDR data decides separators, symbols and patterns. Babel writes
Western digits in every locale; a locale whose own digits differ (Persian
writes ۰۱۲۳۴۵۶۷۸۹) gets them here, and reading accepts both::

    Formats("tr").number(Decimal("1234.5"), 2)          # "1.234,50"
    Formats("en").money(Decimal("1234.5"), "EUR")        # "€1,234.50"
    Formats("fa").number(Decimal("1234.5"), 2)           # "۱٬۲۳۴٫۵۰"
    Formats("fa").parse_number("۱٬۲۳۴٫۵")                # Decimal("1234.5")
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import zoneinfo
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.dates import format_time
from babel.numbers import NumberFormatError
from babel.numbers import NumberPattern
from babel.numbers import format_currency
from babel.numbers import format_decimal
from babel.numbers import format_percent
from babel.numbers import parse_decimal

from core.errors import ValidationError
from core.i18n.languages import language_of

# The digits of the numbering systems our languages use, zero to nine.
DIGITS = {"latn": "0123456789", "arabext": "۰۱۲۳۴۵۶۷۸۹", "arab": "٠١٢٣٤٥٦٧٨٩"}
TO_WESTERN = str.maketrans(
    {digit: str(value) for digits in DIGITS.values() for value, digit in enumerate(digits)}
)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NARROW_SPACES = ("\xa0", "\u202f")


def fixed(pattern: NumberPattern, digits: int) -> NumberPattern:
    """A copy of a CLDR number pattern that always shows exactly ``digits`` decimals."""
    copied = copy.copy(pattern)
    copied.frac_prec = (digits, digits)
    return copied


class Formats:
    """The number and date conventions of one language.

    Args:
        lang: a language code; unknown ones fall back to English.

    Attributes:
        lang: the shipped language used (``"tr"``).
        locale: its Babel locale.
        rtl: whether the language is written right to left.
    """

    def __init__(self, lang: str) -> None:
        self.lang = language_of(lang)
        self.locale = Locale.parse(self.lang)
        self.rtl = self.locale.character_order == "right-to-left"
        default = self.locale.default_numbering_system
        self.numbering = default if default in DIGITS else "latn"
        self._digits = str.maketrans(DIGITS["latn"], DIGITS[self.numbering])

    def gettext(self, message: str) -> str:
        """``message`` as is: bare formats report parse errors in English, a `Translator` translates them."""
        return message

    def _native(self, text: str) -> str:
        return text.translate(self._digits)

    # -- writing -------------------------------------------------------------------

    def number(self, value: int | Decimal | float, digits: int | None = None) -> str:
        """``value`` with the language's separators: up to three decimals, or exactly ``digits``."""
        pattern = None if digits is None else fixed(self.locale.decimal_formats[None], digits)
        text = format_decimal(value, format=pattern, locale=self.locale, numbering_system=self.numbering)
        return self._native(text)

    def money(self, amount: Decimal, currency: str, digits: int = 2) -> str:
        """``amount`` of ``currency`` (an ISO code) with its symbol and exactly ``digits`` decimals.

        ``digits`` is the company currency's ``decimal_places``, not CLDR's idea of the currency.
        """
        pattern = fixed(self.locale.currency_formats["standard"], digits)
        text = format_currency(
            amount,
            currency,
            format=pattern,
            locale=self.locale,
            currency_digits=False,
            numbering_system=self.numbering,
        )
        return self._native(text)

    def percent(self, value: int | Decimal | float, digits: int | None = None) -> str:
        """A ratio as a percentage: ``0.25`` is ``25%`` (``%25`` in Turkish)."""
        pattern = None if digits is None else fixed(self.locale.percent_formats[None], digits)
        text = format_percent(value, format=pattern, locale=self.locale, numbering_system=self.numbering)
        return self._native(text)

    def date(self, value: dt.date) -> str:
        """A day in the language's medium format: ``Mar 5, 2024``, ``5 Mar 2024``, ``2024. márc. 5.``."""
        return self._native(format_date(value, "medium", locale=self.locale))

    def datetime(self, value: dt.datetime, tz: str) -> str:
        """An instant as the user's wall clock shows it in ``tz``: the medium date and the short time.

        Aware values are converted into ``tz``; naive ones are taken as
        already in it. An unknown ``tz`` shows the time in UTC.
        """
        try:
            zone: dt.tzinfo = zoneinfo.ZoneInfo(tz)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = dt.UTC
        local = value.astimezone(zone) if value.tzinfo is not None else value.replace(tzinfo=zone)
        day = format_date(local, "medium", locale=self.locale)
        time = format_time(local, "short", locale=self.locale)
        pattern = str(self.locale.datetime_formats["medium"]).replace("'", "")
        return self._native(pattern.replace("{0}", time).replace("{1}", day))

    # -- reading -------------------------------------------------------------------

    def parse_number(self, text: str) -> Decimal:
        """The number a user typed, written the language's way or with Western separators.

        Raises:
            ValidationError: ``text`` is not a number in this language.
        """
        cleaned = text.strip().translate(TO_WESTERN)
        if not cleaned:
            raise ValidationError(self.gettext("Enter a number."))
        symbols = self.locale.number_symbols[self.numbering]
        if symbols["group"] in NARROW_SPACES:
            cleaned = cleaned.replace(" ", symbols["group"])
        for numbering in dict.fromkeys((self.numbering, "latn")):
            try:
                value = parse_decimal(cleaned, locale=self.locale, strict=True, numbering_system=numbering)
            except NumberFormatError:
                continue
            if value.is_finite():
                return value
        raise ValidationError(self.gettext("%(text)s is not a number.") % {"text": text.strip()})

    def parse_date(self, text: str) -> dt.date:
        """A day sent as ``yyyy-mm-dd``, as ``<input type="date">`` sends it.

        Raises:
            ValidationError: ``text`` is not such a date.
        """
        cleaned = text.strip().translate(TO_WESTERN)
        if ISO_DATE.fullmatch(cleaned):
            try:
                return dt.date.fromisoformat(cleaned)
            except ValueError:
                pass
        raise ValidationError(self.gettext("%(text)s is not a date (yyyy-mm-dd).") % {"text": text.strip()})
