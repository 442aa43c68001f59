"""A template parameter's value: read from what was typed (``parse_value``, one sentence when it cannot be
read) and written in the document's language (``render``: amounts in figures and words, dates long)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from advisor_app.domain.agreements.words import money_with_words
from advisor_app.i18n import _, formatting

_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d*)?$")


def parse_value(kind: str, raw: str | None) -> tuple[object | None, str | None]:
    """(value, problem) for a parameter typed as text; an empty value is (None, None)."""
    text = (raw or "").strip()
    if not text:
        return None, None
    if kind in ("money", "percent", "integer"):
        plain = text.replace(",", "") if _THOUSANDS.match(text) else text
        try:
            number = Decimal(plain)
        except InvalidOperation:
            return None, _("write a number, such as 150000 or 12.5")
        if not number.is_finite() or number < 0:
            return None, _("write a number of zero or more")
        if kind == "percent" and number > 100:
            return None, _("a percentage is between 0 and 100")
        if kind == "integer" and number != number.to_integral_value():
            return None, _("write a whole number")
        if kind == "money" and number.quantize(Decimal("0.01"), ROUND_HALF_UP) >= Decimal("1e12"):
            return None, _("this amount is too large to be right")
        return (int(number) if kind == "integer" else number), None
    if kind == "year":
        if not re.fullmatch(r"\d{4}", text) or not 1900 <= int(text) <= 2199:
            return None, _("write a year of four figures, such as 2026")
        return int(text), None
    if kind == "date":
        for reading in (dt.date.fromisoformat, lambda value: dt.datetime.strptime(value, "%d/%m/%Y").date()):
            try:
                return reading(text), None
            except ValueError:
                continue
        return None, _("write a date as day/month/year or year-month-day, such as 25/11/2026")
    return text, None


def money(amount: Decimal, currency: str, language: str) -> str:
    """Figures and words; a sum too large to write in words shows as a hole, which ``problems`` names."""
    try:
        return money_with_words(amount, currency, language)
    except ValueError:
        return "[" + _("an amount too large to write in words") + "]"


def render(kind: str, value: object, currency: str, language: str) -> str:
    if kind == "money":
        return money(value, currency, language)
    if kind == "percent":
        return formatting.percent(value)
    if kind == "integer":
        return formatting.number(value)
    if kind == "year":
        return str(value)
    if kind == "date":
        return formatting.date(value, "long")
    return str(value)


__all__ = ["money", "parse_value", "render"]
