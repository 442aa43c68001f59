"""What a log must never hold, read from the demo, and where a log holds it anyway."""

from __future__ import annotations

from pathlib import Path

from advisor_app.logs import LOG_NAME
from advisor_app.store.database import Store
from advisor_app.store.demo import load_demo
from advisor_app.store.repository import Repository


def demo_personal_data(folder: Path) -> set[str]:
    """The demo's CURPs, RFCs, full names, phone numbers and e-mails of people, and its organizations'
    names and phones, read from a data file the demo was loaded into."""
    store = Store.open(folder / "demo.sqlite3")
    try:
        load_demo(Repository(store))
        people = store.conn.execute("SELECT given_names, first_surname, second_surname, curp, rfc, phone, email "
                                    "FROM people").fetchall()
        organizations = store.conn.execute("SELECT name, phone FROM organizations").fetchall()
    finally:
        store.close()
    values: set[str] = set()
    for given, first, second, *identifiers in people:
        values.add(" ".join(part for part in (given, first, second) if part))
        values.update(identifiers)
    for row in organizations:
        values.update(row)
    return {value for value in values if value and len(value) >= 6}  # shorter ones would match by chance


def personal_data_in_logs(folder: Path, personal: set[str]) -> list[str]:
    """``file: value`` for every value of ``personal`` found in a log (or a rotated one) under ``folder``."""
    found = []
    for log in sorted(folder.rglob(f"{LOG_NAME}*")):
        text = log.read_text(encoding="utf-8", errors="replace")
        found.extend(f"{log}: {value}" for value in sorted(personal) if value in text)
    return found
