"""Dates as people write them: 21/03/1985 in Spanish, 3/21/1985 in English, or 1985-03-21 in either.
The fields read them into ISO, which is what is stored and carried in bundles."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from advisor_app.i18n import _


_DATE = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")


def read_date(text: str) -> dt.date:
    """A date as people write it: 21/03/1985 in Spanish, 3/21/1985 in English (the language being spoken),
    or 1985-03-21 in either; ``InvalidValue`` naming an impossible one ("31/02/1985")."""
    from advisor_app.domain.records import InvalidValue  # records checks its date fields with this reader
    from advisor_app.i18n import current_language

    found = _DATE.match(text.strip())
    if not found:
        raise InvalidValue(_("Write a date as {example} or 1985-03-21.").format(
            example="3/21/1985" if current_language() == "en" else "21/03/1985"))
    first, second, third = found.groups()
    if len(first) == 4:
        year, month, day = int(first), int(second), int(third)
    elif len(third) == 4:
        year = int(third)
        month, day = (int(first), int(second)) if current_language() == "en" else (int(second), int(first))
    else:
        raise InvalidValue(_("Write the year with four figures, such as 1985."))
    if not 1 <= month <= 12:
        raise InvalidValue(_("{typed} is not a real date: there is no month {month}.").format(typed=text.strip(),
                                                                                         month=month))
    try:
        return dt.date(year, month, day)
    except ValueError:
        days = calendar.monthrange(year, month)[1] if year >= 1 else 31
        raise InvalidValue(_("{typed} is not a real date: that month has {days} days.").format(
            typed=text.strip(), days=days)) from None


__all__ = ["read_date"]
