"""What every list in the app is, whichever table it reads: columns that say what they hold, a count, pages,
a sort, filters and a search. The window's table, the spreadsheet export and the command line read lists
only through this, so paging, sorting and export exist once.

Two kinds of source answer it: ``listing.ListView``, SQL over a table of up to a million rows (counts
capped, pages taken by index walks), and ``RowsSource``, a list of tens or hundreds of records read whole
by the store function that already selects them (plans, agreements, workshops, attendance...), sorted and
paged in memory.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Iterator, Mapping, Protocol

# What a column holds: how the window shows it and how a spreadsheet types it.
TEXT, DATE, MONEY, NUMBER, PERCENT, CODE, PLACE = "text", "date", "money", "number", "percent", "code", "place"
NUMERIC = (MONEY, NUMBER, PERCENT)


@dataclass(frozen=True)
class Column:
    """``header`` is the English source text (marked with N_) translated where it is shown or written;
    ``labels`` maps a CODE column's stored codes to their English labels; ``shown=False`` keeps a column out
    of the window but in the export (the currency beside an amount); SQL sources select ``sql`` and sort by
    ``sort_sql`` (None: no index to sort by quickly)."""

    key: str
    sql: str = ""
    sort_sql: str | None = None
    header: str = ""
    kind: str = TEXT
    labels: Mapping[str, str] | None = None
    shown: bool = True
    currency_key: str | None = None  # MONEY: the column holding the amount's currency


class ListSource(Protocol):
    columns: tuple[Column, ...]
    search: str
    filters: dict[str, Any]
    sort_key: str | None
    descending: bool

    def count(self, cap: int | None = None) -> int: ...
    def narrowed(self) -> bool: ...
    def page(self, offset: int, limit: int, total: int | None = None) -> list[tuple]: ...
    def sortable(self, key: str) -> bool: ...
    def with_connection(self, conn) -> "ListSource": ...
    def rows(self) -> Iterator[tuple]: ...


def _sort_value(value: Any) -> tuple:
    """None last; text without regard to case; numbers stored as text compared as numbers."""
    if value is None or value == "":
        return (2, "")
    if isinstance(value, (int, float, Decimal)):
        return (0, value)
    return (1, str(value).casefold())


@dataclass
class RowsSource:
    """A short list read whole: ``fetch(search, filters)`` returns its records (dicts holding ``id`` and a
    value per column key) in their natural order; a header click sorts them here."""

    columns: tuple[Column, ...]
    fetch: Callable[[str, dict], list[dict]]
    search: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    sort_key: str | None = None
    descending: bool = False
    _records: list[dict] | None = field(default=None, repr=False, compare=False)

    def count(self, cap: int | None = None) -> int:
        """Reads the records again: the model counts when the list may have changed."""
        self._records = self.fetch(self.search, dict(self.filters))
        return len(self._records)

    def records(self) -> list[dict]:
        """The records in the order shown."""
        if self._records is None:
            self.count()
        records = self._records
        if self.sort_key and self.sortable(self.sort_key):
            records = sorted(records, key=lambda record: _sort_value(record.get(self.sort_key)),
                             reverse=self.descending)
        return records

    def narrowed(self) -> bool:
        return bool(self.search.strip()) or any(value for value in self.filters.values())

    def page(self, offset: int, limit: int, total: int | None = None) -> list[tuple]:
        keys = [column.key for column in self.columns]
        return [(record["id"], *(record.get(key) for key in keys)) for record in self.records()[offset:offset + limit]]

    def sortable(self, key: str) -> bool:
        return any(column.key == key for column in self.columns)

    def record(self, row_id: str) -> dict | None:
        return next((record for record in self._records or () if record["id"] == row_id), None)

    def with_connection(self, conn) -> "RowsSource":
        """A copy holding the records already read (they are plain values), for a worker thread."""
        held = list(self.records())
        return replace(self, fetch=lambda _search, _filters: held, sort_key=None, _records=held)

    def rows(self) -> Iterator[tuple]:
        return iter(self.page(0, len(self.records())))


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def as_number(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def label_of(column: Column, value: Any) -> str:
    """The text a CODE or PLACE column shows for its stored code, in the current language."""
    if value is None:
        return ""
    if column.kind == CODE and column.labels is not None:
        from advisor_app.domain.entities import label

        return label(dict(column.labels), value)
    if column.kind == PLACE:
        from advisor_app.domain.catalog import mexico

        municipality = mexico().municipality(value)
        return municipality.label if municipality else str(value)
    return str(value)
