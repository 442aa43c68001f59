"""Workshops, attendance, advisory sessions and their actions in the store; an organization's
competency map; and the figures of the home dashboard.

Single-field edits go through ``Repository.update`` like any record; what is here reads lists and
writes the operations that touch several rows at once (ticking many attendees) in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from dataclasses import dataclass, field, replace
from typing import Any, Collection, Iterable

from advisor_app.domain.training import CompetencyMap, competency_map
from advisor_app.store.database import Store, placeholders, records
from advisor_app.store import registrations
from advisor_app.store.repository import Repository

UPCOMING_DAYS = 30

_PERSON_NAME = "p.given_names || ' ' || p.first_surname || coalesce(' ' || p.second_surname, '')"


def topics_of(raw: Any) -> list[str]:
    try:
        value = json.loads(raw) if isinstance(raw, str) and raw else raw
    except ValueError:
        return []
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


# Workshops --------------------------------------------------------------------------------------------
def list_workshops(conn: sqlite3.Connection, search: str = "", status: str | None = None,
                   upcoming_from: dt.date | None = None) -> list[dict]:
    """Live workshops, newest first, with how many were expected and how many came; ``upcoming_from``
    keeps the planned ones from that day to ``UPCOMING_DAYS`` later."""
    where, params = ["w.deleted = 0"], []
    if search.strip():
        where.append("(w.title LIKE ? OR w.place LIKE ? OR w.facilitator LIKE ?)")
        params += [f"%{search.strip()}%"] * 3
    if status:
        where.append("w.status = ?")
        params.append(status)
    if upcoming_from is not None:
        where.append("w.status = 'planned' AND w.held_on BETWEEN ? AND ?")
        params += [upcoming_from.isoformat(), (upcoming_from + dt.timedelta(days=UPCOMING_DAYS)).isoformat()]
    order = "w.held_on, w.id" if upcoming_from is not None else "w.held_on DESC, w.id"
    return records(conn.execute(
        "SELECT w.id AS id, w.title AS title, w.held_on AS held_on, w.place AS place, w.facilitator AS facilitator, "
        "w.hours AS hours, w.status AS status, w.topics AS topics, "
        "(SELECT count(*) FROM workshop_attendance a WHERE a.workshop_id = w.id AND a.deleted = 0) AS expected, "
        "(SELECT count(*) FROM workshop_attendance a WHERE a.workshop_id = w.id AND a.deleted = 0 AND a.attended = 1) "
        f"AS attended FROM workshops w WHERE {' AND '.join(where)} ORDER BY {order}", params))


def attendance(conn: sqlite3.Connection, workshop_id: str) -> list[dict]:
    """The workshop's list of people (expected, and whether they came), by name; a person removed from
    the registry since stays on the list, marked, so the record of who came is not lost."""
    return records(conn.execute(
        f"SELECT a.id AS id, a.person_id AS person_id, {_PERSON_NAME} AS name, p.sort_name AS sort_name, "
        "p.deleted AS removed, a.organization_id AS organization_id, o.name AS organization, a.attended AS attended "
        "FROM workshop_attendance a JOIN people p ON p.id = a.person_id "
        "LEFT JOIN organizations o ON o.id = a.organization_id "
        "WHERE a.workshop_id = ? AND a.deleted = 0 ORDER BY p.sort_name, a.id", (workshop_id,)))


def add_attendees(repository: Repository, workshop_id: str, person_ids: Iterable[str],
                  organization_id: str | None = None) -> int:
    """Put people on the workshop's list (those already on it are left as they are), in one transaction."""
    present = {row[0] for row in repository.conn.execute(
        "SELECT person_id FROM workshop_attendance WHERE workshop_id = ? AND deleted = 0", (workshop_id,))}
    person_ids = list(person_ids)
    first_group = {} if organization_id else dict(repository.conn.execute(
        f"SELECT m.person_id, m.organization_id FROM memberships m JOIN organizations o ON o.id = m.organization_id "
        f"WHERE m.person_id IN ({placeholders(len(person_ids))}) AND m.deleted = 0 AND o.deleted = 0 "
        "ORDER BY m.created_at DESC", person_ids)) if person_ids else {}
    added = 0
    with repository.store.transaction():
        for person_id in dict.fromkeys(person_ids):
            if person_id in present:
                continue
            # A person added alone is listed with the group they belong to (the first they joined).
            add_once(repository, "workshop_attendance", {
                "workshop_id": workshop_id, "person_id": person_id,
                "organization_id": organization_id or first_group.get(person_id)}, "workshop_id")
            added += 1
    return added


def add_once(repository: Repository, table: str, values: dict[str, Any], parent: str) -> str:
    """A person on a list (a workshop's or a session's) under an id made from the list and the person, so
    two laptops that add the same person make one row, not two; a row taken off before is put back."""
    row_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{table}:{values[parent]}:{values['person_id']}"))
    current = repository.get(table, row_id)
    if current is None:
        return repository.insert(table, values, row_id=row_id)
    with repository.store.transaction():
        if current["deleted"]:
            repository.restore(table, row_id)
        repository.update(table, row_id, {key: value for key, value in values.items() if key != parent})
    return row_id


def members_of(conn: sqlite3.Connection, organization_id: str) -> list[dict]:
    """Live members of an organization by name: who to tick for a workshop or a session."""
    return records(conn.execute(
        f"SELECT p.id AS id, {_PERSON_NAME} AS name FROM memberships m JOIN people p ON p.id = m.person_id "
        "WHERE m.organization_id = ? AND m.deleted = 0 AND p.deleted = 0 ORDER BY p.sort_name", (organization_id,)))


# Advisory sessions ------------------------------------------------------------------------------------
def list_sessions(conn: sqlite3.Connection, search: str = "", organization_id: str | None = None,
                  today: dt.date | None = None) -> list[dict]:
    today = today or dt.date.today()
    where, params = ["s.deleted = 0"], [today.isoformat()]
    if search.strip():
        where.append("(o.name LIKE ? OR s.notes LIKE ?)")
        params += [f"%{search.strip()}%"] * 2
    if organization_id:
        where.append("s.organization_id = ?")
        params.append(organization_id)
    return records(conn.execute(
        "SELECT s.id AS id, s.held_on AS held_on, s.organization_id AS organization_id, o.name AS organization, "
        "s.topics AS topics, (SELECT count(*) FROM session_actions x WHERE x.session_id = s.id AND x.deleted = 0 "
        "AND x.done_on IS NULL) AS open_actions, (SELECT count(*) FROM session_actions x WHERE x.session_id = s.id "
        "AND x.deleted = 0 AND x.done_on IS NULL AND x.due_on < ?1) AS overdue FROM advisory_sessions s "
        f"LEFT JOIN organizations o ON o.id = s.organization_id WHERE {' AND '.join(where)} "
        "ORDER BY s.held_on DESC, s.id", params))


def session_attendees(conn: sqlite3.Connection, session_id: str) -> list[dict]:
    return records(conn.execute(
        f"SELECT a.id AS id, a.person_id AS person_id, {_PERSON_NAME} AS name, p.deleted AS removed "
        "FROM session_attendance a JOIN people p ON p.id = a.person_id WHERE a.session_id = ? AND a.deleted = 0 "
        "ORDER BY p.sort_name", (session_id,)))


def session_actions(conn: sqlite3.Connection, session_id: str) -> list[dict]:
    return records(conn.execute(
        f"SELECT x.id AS id, x.description AS description, x.responsible_id AS responsible_id, {_PERSON_NAME} "
        "AS responsible, p.deleted AS responsible_removed, x.due_on AS due_on, x.done_on AS done_on "
        "FROM session_actions x "
        "LEFT JOIN people p ON p.id = x.responsible_id WHERE x.session_id = ? AND x.deleted = 0 "
        "ORDER BY x.created_at, x.id", (session_id,)))


def open_actions(conn: sqlite3.Connection, today: dt.date, overdue_only: bool = False) -> list[dict]:
    """Actions not done yet, the most overdue first, with their organization and responsible person."""
    condition = "AND x.due_on < ?" if overdue_only else ""
    params = [today.isoformat()] if overdue_only else []
    return records(conn.execute(
        f"SELECT x.id AS id, x.description AS description, x.due_on AS due_on, {_PERSON_NAME} AS responsible, "
        "s.id AS session_id, o.name AS organization FROM session_actions x "
        "JOIN advisory_sessions s ON s.id = x.session_id AND s.deleted = 0 "
        "LEFT JOIN organizations o ON o.id = s.organization_id LEFT JOIN people p ON p.id = x.responsible_id "
        f"WHERE x.deleted = 0 AND x.done_on IS NULL {condition} ORDER BY x.due_on IS NULL, x.due_on, x.id", params))


# Competencies -----------------------------------------------------------------------------------------
def competency_map_of(conn: sqlite3.Connection, organization_id: str) -> CompetencyMap:
    """Which competencies the organization's members have covered in held workshops, how many, when last.
    Counted here rather than by a JSON join in SQL: a federation-sized group (2,000 members) is mapped
    in half the time."""
    members = conn.execute(
        "SELECT count(*) FROM memberships m JOIN people p ON p.id = m.person_id WHERE m.organization_id = ? "
        "AND m.deleted = 0 AND p.deleted = 0", (organization_id,)).fetchone()[0]
    came = conn.execute(
        "SELECT a.workshop_id, a.person_id FROM memberships m JOIN people p ON p.id = m.person_id AND p.deleted = 0 "
        "JOIN workshop_attendance a ON a.person_id = m.person_id AND a.deleted = 0 AND a.attended = 1 "
        "WHERE m.organization_id = ? AND m.deleted = 0", (organization_id,)).fetchall()
    workshop_ids = list({workshop_id for workshop_id, _person in came})
    held: dict[str, tuple[str, list[str]]] = {}
    for start in range(0, len(workshop_ids), 500):
        chunk = workshop_ids[start:start + 500]
        held.update((row_id, (held_on, topics_of(topics))) for row_id, held_on, topics in conn.execute(
            f"SELECT id, held_on, topics FROM workshops WHERE id IN ({placeholders(len(chunk))}) AND deleted = 0 "
            "AND status = 'held'", chunk))
    people: dict[str, set[str]] = {}
    last: dict[str, str] = {}
    for workshop_id, person_id in came:
        if workshop_id not in held:
            continue
        held_on, topics = held[workshop_id]
        for topic in topics:
            people.setdefault(topic, set()).add(person_id)
            if held_on and held_on > last.get(topic, ""):
                last[topic] = held_on
    return competency_map(members, {topic: (len(who), dt.date.fromisoformat(last[topic]) if topic in last else None)
                                    for topic, who in people.items()})


# The home dashboard -----------------------------------------------------------------------------------
@dataclass
class Dashboard:
    organizations: int = 0
    people: int = 0
    plans_by_status: dict[str, int] = field(default_factory=dict)
    agreements_to_sign: int = 0
    overdue_actions: int = 0
    upcoming_workshops: list[dict] = field(default_factory=list)
    unsent_changes: int = 0
    workshops_held: int = 0
    workshops_by_competency: dict[str, int] = field(default_factory=dict)
    registrations_due: int = 0  # clubs whose toma de nota expires within 90 days or has expired


def dashboard(store: Store, today: dt.date, unsent: int | None = None, previous: Dashboard | None = None,
              edited: Collection[str] = (), moved: Collection[str] = ()) -> Dashboard:
    """Every figure of the home page, each from one indexed query (``unsent``: the count of changes not
    exported when the caller knows it already).

    With ``previous`` (the figures of the same day), only the figures that can have moved are read
    again: those of the tables ``edited`` (any saved change) and the record counts of the tables whose
    records were added, deleted or restored (``moved``). Typing in a person's notes then reads nothing
    again, however many people the file holds."""
    conn = store.conn
    full = previous is None
    figures = Dashboard() if full else replace(previous)
    touched = set(edited) | set(moved)
    if full or "organizations" in moved:
        figures.organizations = conn.execute("SELECT count(*) FROM organizations WHERE deleted = 0").fetchone()[0]
    if full or "organizations" in touched:
        figures.registrations_due = registrations.count_due(conn, today)
    if full or "people" in moved:
        figures.people = conn.execute("SELECT count(*) FROM people WHERE deleted = 0").fetchone()[0]
    if full or "plans" in touched:
        figures.plans_by_status = dict(conn.execute(
            "SELECT status, count(*) FROM plans WHERE deleted = 0 GROUP BY status"))
    if full or "agreements" in touched:
        figures.agreements_to_sign = conn.execute(
            "SELECT count(*) FROM agreements WHERE deleted = 0 AND status = 'ready'").fetchone()[0]
    if full or touched & {"session_actions", "advisory_sessions"}:
        figures.overdue_actions = conn.execute(
            "SELECT count(*) FROM session_actions x WHERE x.deleted = 0 AND x.done_on IS NULL AND x.due_on < ? "
            "AND x.session_id NOT IN (SELECT id FROM advisory_sessions WHERE deleted = 1)",
            (today.isoformat(),)).fetchone()[0]
    if full or touched & {"workshops", "workshop_attendance"}:
        figures.upcoming_workshops = list_workshops(conn, upcoming_from=today)[:5]
        held = conn.execute("SELECT id, topics FROM workshops WHERE deleted = 0 AND status = 'held'").fetchall()
        figures.workshops_held = len(held)
        counts: dict[str, int] = {}
        for _workshop_id, topics in held:
            for topic in topics_of(topics):
                counts[topic] = counts.get(topic, 0) + 1
        figures.workshops_by_competency = counts
    figures.unsent_changes = store.unexported_changes() if unsent is None else unsent
    return figures


__all__ = ["Dashboard", "add_attendees", "attendance", "competency_map_of", "dashboard", "list_sessions",
           "list_workshops", "members_of", "open_actions", "session_actions", "session_attendees",
           "topics_of"]
