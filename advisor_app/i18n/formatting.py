"""Money, numbers and dates in the current language's conventions (es_MX or en_US), through Babel.

Babel is imported on first use: it is not needed to paint the first window.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from advisor_app.i18n import current_locale


def money(amount: Decimal | None, currency: str) -> str:
    if amount is None:
        return ""
    from babel.numbers import format_currency

    return format_currency(amount, currency, locale=current_locale())


def number(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=current_locale())


def percent(value: Decimal | None) -> str:
    """``value`` is in percent points (12.5 means 12.5 %)."""
    if value is None:
        return ""
    from babel.numbers import format_percent

    return format_percent(Decimal(value) / 100, format="#,##0.##%", locale=current_locale())


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
