"""Read-only views for lists and search: counts and pages straight from SQLite.

Lists never load all rows into Python: a view answers ``count()`` and ``page(offset, limit)``, and
the UI model asks only for the pages it paints. Sorting uses indexed columns; a search narrows the
rows through the FTS5 index, matching each typed word as a prefix, ignoring case and accents.

What must not grow with the file: the whole table's count is kept by triggers (``live_counts``); a
search's count can stop at a cap; a search with few matches reads them through the index and sorts them
(walking the name order would read the whole table when nothing matches), one with many walks the name
order; a page past the middle of a list is read from its end.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field, replace
from typing import Iterator

from advisor_app.domain import entities
from advisor_app.i18n import N_
from advisor_app.store import live_counts
from advisor_app.store.database import records
from advisor_app.store.list_source import CODE, NUMBER, PLACE, Column

_WORD = re.compile(r"\w+", re.UNICODE)
FEW_MATCHES = 1_000  # up to this many matches a search is read through its index and sorted


def fts_query(text: str) -> str | None:
    """Typed text to an FTS5 expression: every word must start some indexed word ("gar jua" → garcía juan)."""
    words = _WORD.findall(text)
    return " ".join(f'"{word}"*' for word in words) or None


@dataclass
class ListView:
    """One filtered, sorted list over a table; the SQL is built from fixed parts, never from user text."""

    conn: sqlite3.Connection
    table: str
    fts_table: str
    columns: tuple[Column, ...]
    joins: str = ""
    search: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    sort_key: str = "name"
    descending: bool = False
    # (search and filters, how many rows they matched, or None for "more than counted"), from the last count
    _matches: tuple | None = field(default=None, repr=False, compare=False)

    def _where(self, searched: bool = True) -> tuple[str, list]:
        """The WHERE clause over ``t``; without ``searched``, the search is left to the caller's join."""
        clauses, params = ["t.deleted = 0"], []
        query = fts_query(self.search)
        if query and searched:
            clauses.append(f"t.rowid IN (SELECT rowid FROM {self.fts_table} WHERE {self.fts_table} MATCH ?)")
            params.append(query)
        for column, value in self.filters.items():
            if value:
                clauses.append(f"t.{column} = ?")
                params.append(value)
        return " AND ".join(clauses), params

    def count(self, cap: int | None = None) -> int:
        """How many rows the list holds; with ``cap``, a search or filter stops counting at ``cap + 1``
        (then the list holds "more than ``cap``"), so a keystroke's cost does not grow with the file."""
        query = fts_query(self.search)
        filtered = any(self.filters.values())
        if not query and not filtered:
            kept = live_counts.live(self.conn, self.table)
            if kept is not None:
                return kept if cap is None else min(kept, cap + 1)
        limit = "" if cap is None else f" LIMIT {int(cap) + 1}"
        if query and not filtered:
            # The search index holds live rows only: it can count a search by itself.
            sql, params = f"SELECT 1 FROM {self.fts_table} WHERE {self.fts_table} MATCH ?{limit}", [query]
        else:
            where, params = self._where()
            sql = f"SELECT 1 FROM {self.table} t WHERE {where}{limit}"
        counted = self.conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
        self._matches = (self._narrowing(), counted if cap is None or counted <= cap else None)
        return counted

    def narrowed(self) -> bool:
        """Whether a search or a filter picks the rows (else the list is the whole table)."""
        return bool(fts_query(self.search)) or any(self.filters.values())

    def _narrowing(self) -> tuple:
        return self.search, tuple(sorted(self.filters.items()))

    def _few_matches(self) -> bool:
        """Whether the search matches few enough rows to read them all through the search index and sort
        them (a walk along the name order would read the whole table when nothing matches)."""
        if self._matches is None or self._matches[0] != self._narrowing():
            self.count(cap=FEW_MATCHES)
        matched = self._matches[1]
        return matched is not None and matched <= FEW_MATCHES

    def page(self, offset: int, limit: int, total: int | None = None) -> list[tuple]:
        """Rows ``offset`` to ``offset + limit``; the first value of each row is its id. Given the list's
        ``total``, a page in its second half is read from the end (the offset is walked, so the last page
        of a million people costs what the first does)."""
        if total is not None and offset > total // 2 and offset < total:
            rows = self._page(max(total - offset - limit, 0), min(limit, total - offset), not self.descending)
            return rows[::-1]
        return self._page(offset, limit, self.descending)

    def _page(self, offset: int, limit: int, descending: bool) -> list[tuple]:
        sort = next((c.sort_sql for c in self.columns if c.key == self.sort_key and c.sort_sql), "t.sort_name")
        direction = "DESC" if descending else "ASC"
        select = ", ".join(column.sql for column in self.columns)
        order = f"ORDER BY {sort} {direction}, t.id {direction}"
        query = fts_query(self.search)
        if query and self._few_matches():
            where, params = self._where(searched=False)
            page_rows = (f"SELECT t.rowid FROM {self.fts_table} f CROSS JOIN {self.table} t ON t.rowid = f.rowid "
                         f"WHERE f.{self.fts_table} MATCH ? AND {where} {order} LIMIT ? OFFSET ?")
            params = [query, *params]
        else:
            # The offset is taken over the table alone (an index walk for the name order), then only the
            # page's rows are joined for display: jumping to the end of 100,000 people stays fast.
            where, params = self._where()
            page_rows = f"SELECT t.rowid FROM {self.table} t WHERE {where} {order} LIMIT ? OFFSET ?"
        sql = f"SELECT t.id, {select} FROM {self.table} t {self.joins} WHERE t.rowid IN ({page_rows}) {order}"
        return self.conn.execute(sql, [*params, limit, offset]).fetchall()

    def sortable(self, key: str) -> bool:
        return any(column.key == key and column.sort_sql for column in self.columns)

    def with_connection(self, conn: sqlite3.Connection) -> "ListView":
        """The same list (search, filters, sort) read through another connection: a worker thread's."""
        return replace(self, conn=conn, filters=dict(self.filters), _matches=None)

    def rows(self, batch: int = 2_000) -> Iterator[tuple]:
        """Every row of the list in its order, read in one pass (an export): the same order as ``page``."""
        sort = next((c.sort_sql for c in self.columns if c.key == self.sort_key and c.sort_sql), "t.sort_name")
        direction = "DESC" if self.descending else "ASC"
        select = ", ".join(column.sql for column in self.columns)
        where, params = self._where()
        cursor = self.conn.execute(f"SELECT t.id, {select} FROM {self.table} t {self.joins} WHERE {where} "
                                   f"ORDER BY {sort} {direction}, t.id {direction}", params)
        while chunk := cursor.fetchmany(batch):
            yield from chunk


_MEMBER_COUNT = ("(SELECT count(*) FROM memberships m JOIN people p ON p.id = m.person_id "
                 "WHERE m.organization_id = t.id AND m.deleted = 0 AND p.deleted = 0)")


def organizations(conn: sqlite3.Connection) -> ListView:
    return ListView(
        conn, "organizations", "organizations_fts",
        columns=(
            Column("name", "t.name", "t.sort_name", N_("Name")),
            Column("kind", "t.kind", "t.kind", N_("Kind"), CODE, entities.ORGANIZATION_KINDS),
            Column("municipality_key", "l.municipality_key", header=N_("Origin"), kind=PLACE),
            Column("base", "t.base_city || CASE WHEN t.base_state IS NULL THEN '' ELSE ', ' || t.base_state END",
                   header=N_("US base")),
            Column("members", _MEMBER_COUNT, header=N_("Members"), kind=NUMBER),
            Column("status", "t.status", "t.status", N_("Status"), CODE, entities.ORGANIZATION_STATUSES),
        ),
        joins="LEFT JOIN localities l ON l.id = t.origin_locality_id",
    )


def people(conn: sqlite3.Connection) -> ListView:
    return ListView(
        conn, "people", "people_fts",
        columns=(
            Column("name", "t.first_surname || COALESCE(' ' || t.second_surname, '') || ', ' || t.given_names",
                   "t.sort_name", N_("Name")),
            Column("curp", "t.curp", "t.curp", N_("CURP")),
            Column("residence_country", "t.residence_country", header=N_("Lives in"), kind=CODE,
                   labels=entities.RESIDENCE_COUNTRIES),
            Column("municipality_key", "l.municipality_key", header=N_("Municipality"), kind=PLACE),
            Column("phone", "t.phone", header=N_("Phone")),
        ),
        joins="LEFT JOIN localities l ON l.id = t.locality_id",
    )


def search_names(conn: sqlite3.Connection, text: str, limit: int = 50) -> list[tuple[str, str, str]]:
    """Quick matches for the search box: (table, id, display name), organizations first."""
    query = fts_query(text)
    if not query:
        return []
    found = [("organizations", row_id, name) for row_id, name in conn.execute(
        "SELECT t.id, t.name FROM organizations_fts f JOIN organizations t ON t.rowid = f.rowid "
        "WHERE organizations_fts MATCH ? AND +t.deleted = 0 LIMIT ?", (query, limit))]
    found += [("people", row_id, name) for row_id, name in conn.execute(
        "SELECT t.id, t.given_names || ' ' || t.first_surname || COALESCE(' ' || t.second_surname, '') "
        "FROM people_fts f JOIN people t ON t.rowid = f.rowid "
        "WHERE people_fts MATCH ? AND +t.deleted = 0 LIMIT ?", (query, limit - len(found)))]
    return found


def memberships_of_organization(conn: sqlite3.Connection, organization_id: str) -> list[dict]:
    return records(conn.execute(
        "SELECT m.id AS id, p.id AS person_id, "
        "p.given_names || ' ' || p.first_surname || COALESCE(' ' || p.second_surname, '') AS name, "
        "m.role AS role, m.share_pct AS share_pct, m.contribution AS contribution, m.currency AS currency, "
        "p.residence_country AS residence_country "
        "FROM memberships m JOIN people p ON p.id = m.person_id "
        "WHERE m.organization_id = ? AND m.deleted = 0 AND p.deleted = 0 ORDER BY p.sort_name",
        (organization_id,)))


def memberships_of_person(conn: sqlite3.Connection, person_id: str) -> list[dict]:
    return records(conn.execute(
        "SELECT m.id AS id, o.id AS organization_id, o.name AS name, o.kind AS kind, m.role AS role, "
        "m.share_pct AS share_pct, m.contribution AS contribution, m.currency AS currency "
        "FROM memberships m JOIN organizations o ON o.id = m.organization_id "
        "WHERE m.person_id = ? AND m.deleted = 0 AND o.deleted = 0 ORDER BY o.sort_name",
        (person_id,)))


def count_live(conn: sqlite3.Connection, table: str) -> int:
    """Live rows of a synced table (a tab's title shows it); cheap, and importable at start-up."""
    kept = live_counts.live(conn, table)
    return kept if kept is not None else conn.execute(
        f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]


def federations(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return conn.execute("SELECT id, name FROM organizations WHERE kind = 'federation' AND deleted = 0 "
                        "ORDER BY sort_name").fetchall()


def locality_of(conn: sqlite3.Connection, locality_id: str | None) -> tuple[str | None, str | None]:
    """(municipality key, locality name) of a locality id."""
    if not locality_id:
        return None, None
    row = conn.execute("SELECT municipality_key, name FROM localities WHERE id = ?", (locality_id,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def possible_duplicates(conn: sqlite3.Connection, sort_name: str, birth_date: str | None,
                        municipality_key: str | None, exclude_id: str) -> list[tuple[str, str]]:
    """People already registered with the same name and birth date (and municipality when both
    records have one): (id, display name). Re-typing a person is how registries fill with twins."""
    if not birth_date or not sort_name.strip():
        return []
    rows = conn.execute(
        "SELECT p.id, p.given_names || ' ' || p.first_surname || COALESCE(' ' || p.second_surname, ''), "
        "l.municipality_key FROM people p LEFT JOIN localities l ON l.id = p.locality_id "
        "WHERE p.sort_name = ? AND p.birth_date = ? AND p.id != ? AND p.deleted = 0",
        (sort_name, birth_date, exclude_id)).fetchall()
    return [(row_id, name) for row_id, name, key in rows
            if not (municipality_key and key) or key == municipality_key]
