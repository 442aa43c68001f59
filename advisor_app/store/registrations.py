"""Clubs and federations whose consular registration (toma de nota) expires soon or has expired: the
home page's figure and the list behind it, counted in SQL over the live organizations."""

from __future__ import annotations

import datetime as dt
import sqlite3

from advisor_app.domain.records import RENEWAL_NOTICE_DAYS
from advisor_app.store.database import records

# The kinds that hold a toma de nota (records.registration_warning warns the same ones).
REGISTERED_KINDS = ("migrant_club", "federation")

_DUE = ("FROM organizations WHERE deleted = 0 AND kind IN ('migrant_club', 'federation') "
        "AND registration_valid_until IS NOT NULL AND registration_valid_until != '' "
        "AND registration_valid_until <= ?")


def _last_day(today: dt.date) -> str:
    return (today + dt.timedelta(days=RENEWAL_NOTICE_DAYS)).isoformat()


def count_due(conn: sqlite3.Connection, today: dt.date) -> int:
    """Registrations that expire within ``RENEWAL_NOTICE_DAYS`` days of ``today`` or have expired."""
    return conn.execute(f"SELECT count(*) {_DUE}", (_last_day(today),)).fetchone()[0]


def list_due(conn: sqlite3.Connection, today: dt.date) -> list[dict]:
    """The same organizations, the soonest (or longest expired) first."""
    return records(conn.execute(
        f"SELECT id, name, kind, registration_number, registration_valid_until {_DUE} "
        "ORDER BY registration_valid_until, sort_name, id", (_last_day(today),)))
