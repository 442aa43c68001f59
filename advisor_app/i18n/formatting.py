"""Money, numbers and dates in the current language's conventions (es_MX or en_US), through Babel.

Babel is imported on first use: it is not needed to paint the first window.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from advisor_app.i18n import current_locale


def money(amount: Decimal | None, currency: str) -> str:
    if amount is None:
        return ""
    from babel.numbers import format_currency

    text = format_currency(amount, currency, locale=current_locale())
    # Mexican Spanish writes dollars as US$ (CLDR's es_MX gives the bare code: "USD6,000.00").
    return text.replace("USD", "US$") if currency == "USD" else text


def compact(value: Decimal | int | float) -> str:
    """A figure for a chart's axis or bar, short as the locale writes it: "146 mil", "8.1 M" in Spanish,
    "146K", "8.1M" in English."""
    from babel.numbers import format_compact_decimal

    text = format_compact_decimal(value, format_type="short", fraction_digits=1, locale=current_locale())
    # CLDR's es_MX abbreviates thousands as "k"; a Mexican reader writes "mil".
    return re.sub(r"(?<=[\d\s\u00a0])k$", "mil", text)


def number(value: Decimal | int | None, places: int | None = None) -> str:
    """Grouped as the locale groups it; with ``places``, exactly that many decimals (coverage "2.70 times"
    beside "1.78 times")."""
    if value is None:
        return ""
    from babel.numbers import format_decimal

    if places is None:
        return format_decimal(value, locale=current_locale())
    return format_decimal(value, format="#,##0." + "0" * places if places else "#,##0", locale=current_locale())


def percent(value: Decimal | None, places: int | None = None) -> str:
    """``value`` is in percent points (12.5 means 12.5 %). Without ``places`` it shows up to two decimals
    (a rate as typed: "12 %", "7.5 %"); with them, exactly that many, so that the figures of one table or
    one kind (shares, rates of return) line up and read alike ("33.33 %" beside "50.00 %")."""
    if value is None:
        return ""
    from babel.numbers import format_percent

    pattern = "#,##0." + "0" * places + "%" if places else ("#,##0%" if places == 0 else "#,##0.##%")
    return format_percent(Decimal(value) / 100, format=pattern, locale=current_locale())


def date(value: dt.date | None, style: str = "medium") -> str:
    if value is None:
        return ""
    from babel.dates import format_date

    return format_date(value, format=style, locale=current_locale())


def datetime(value: dt.datetime | None, seconds: bool = False) -> str:
    """Short date and time; ``seconds`` where two moments minutes apart must be told apart."""
    if value is None:
        return ""
    from babel.dates import format_date, format_time

    time_format = "medium" if seconds else "short"
    return f"{format_date(value, format='short', locale=current_locale())} " \
           f"{format_time(value, format=time_format, locale=current_locale())}"


def month_names() -> list[str]:
    """January to December in the current language, capitalised for lists and table headers."""
    from babel.dates import get_month_names

    names = get_month_names("wide", locale=current_locale())
    return [names[number].capitalize() for number in range(1, 13)]


# Currency marks a person may type before or after an amount, as the app shows them or as written by hand.
_CURRENCY_MARKS = re.compile(r"^(?:MX\$|US\$|USD|MXN|\$)\s*|\s*(?:MXN|USD|M\.N\.|\$)$", re.IGNORECASE)
# Spaces (also the no-break ones some programs paste) between groups of three digits: "50 000".
_SPACE_GROUPS = re.compile(r"^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d*)?$")


def read_number(text: str) -> Decimal | None:
    """A number as the current locale shows it, or None when it cannot be read unambiguously.

    Takes what the app itself displays ("$50,000.00", "US$6,000.00", "50,000") and what people type
    ("50000", "50 000", "1.5"); refuses what could mean two things ("1,5", "12,34,5") rather than guess.
    """
    from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal

    plain = _CURRENCY_MARKS.sub("", text.strip()).strip()
    if _SPACE_GROUPS.match(plain):
        plain = re.sub(r"[ \u00a0\u202f]", get_group_symbol(current_locale()), plain)
    if not plain or any(char.isspace() for char in plain):
        return None
    try:
        value = parse_decimal(plain, locale=current_locale(), strict=True)
    except (NumberFormatError, ValueError, ArithmeticError):
        return None
    return value if value.is_finite() else None


def plain_number(text: str) -> str:
    """What a number field hands to the checks: the number in plain digits ("50000.00") when it can be
    read, else the text as typed, so the checks name it in their own sentence."""
    value = read_number(text)
    return text.strip() if value is None else format(value, "f")


def number_for_editing(value: Decimal | str | None, money: bool = False) -> str:
    """A stored number shown in a field or cell: grouped as the locale groups it, two decimals for money.
    Text that is not a number is shown as it is."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(value) if not isinstance(value, Decimal) else value
    except ArithmeticError:
        return str(value)
    if not number.is_finite():
        return str(value)
    from babel.numbers import format_decimal

    pattern = "#,##0.00" if money else "#,##0.##########"
    return format_decimal(number, format=pattern, locale=current_locale(), decimal_quantization=money)


def payback(years: Decimal) -> str:
    """The payback period in words a group reads at a glance: under a year in months ("about 3 months",
    not "0.28 years"), otherwise in years."""
    from advisor_app.i18n import _, ngettext

    if years < 1:
        months = max(1, int((Decimal(years) * 12).to_integral_value()))
        return ngettext("about {months} month", "about {months} months", months).format(months=months)
    return _("{years} years").format(years=number(years))
