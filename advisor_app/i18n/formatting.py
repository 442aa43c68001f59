"""Money, numbers and dates in the current language's conventions (es_MX or en_US), through Babel."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal, format_percent

from advisor_app.i18n import current_locale


def money(amount: Decimal | None, currency: str) -> str:
    if amount is None:
        return ""
    return format_currency(amount, currency, locale=current_locale())


def number(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    return format_decimal(value, locale=current_locale())


def percent(value: Decimal | None) -> str:
    """``value`` is in percent points (12.5 means 12.5 %)."""
    if value is None:
        return ""
    return format_percent(Decimal(value) / 100, format="#,##0.##%", locale=current_locale())


def date(value: dt.date | None, style: str = "medium") -> str:
    if value is None:
        return ""
    return _babel_date(value, format=style, locale=current_locale())


def datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    from babel.dates import format_datetime

    return format_datetime(value, format="short", locale=current_locale())
