"""The app's short lists as list sources (``list_source.RowsSource``): business plans, agreements, workshops
and their attendance, advisory sessions and their actions, the actions still to do, the memberships of an
organization or a person. Each reads its records through the store function that already selects them;
the organizations and people lists are ``listing.organizations`` and ``listing.people``.

Filters are keyed by name: ``status`` (plans, agreements), ``choice`` (workshops: "upcoming" or a status;
sessions: "open" or "overdue"; actions: "overdue").
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from advisor_app.domain import entities
from advisor_app.domain.plans import PLAN_STATUSES, SECTORS
from advisor_app.domain.training import WORKSHOP_STATUSES, topic_names
from advisor_app.i18n import N_, _
from advisor_app.store import listing, training
from advisor_app.store.list_source import CODE, DATE, MONEY, NUMBER, PERCENT, Column, RowsSource

YES_NO = {"yes": N_("Yes"), "no": N_("No")}


def plans(conn: sqlite3.Connection) -> RowsSource:
    from advisor_app.store.plans import list_plans

    def fetch(search: str, filters: dict) -> list[dict]:
        status = filters.get("status")
        return [plan for plan in list_plans(conn, search) if not status or plan["status"] == status]

    return RowsSource((
        Column("title", header=N_("Title")), Column("scenario_name", header=N_("Scenario")),
        Column("lead_name", header=N_("Lead organization")),
        Column("status", header=N_("Status"), kind=CODE, labels=PLAN_STATUSES),
        Column("sector", header=N_("Sector"), kind=CODE, labels=SECTORS)), fetch)


def agreements(conn: sqlite3.Connection) -> RowsSource:
    """The template's title in the current language; the template's id when the clause library cannot be
    read (the list still shows every agreement)."""
    from advisor_app.domain.agreements.library import LibraryError, in_language, load_library
    from advisor_app.domain.agreements.vocabulary import STATUSES
    from advisor_app.i18n import current_language
    from advisor_app.store.agreements import list_agreements

    def fetch(search: str, filters: dict) -> list[dict]:
        try:
            library = load_library()
        except LibraryError:
            library = {}
        rows = list_agreements(conn, search, status=filters.get("status") or None)
        for row in rows:
            chosen = library.get(row["template_id"])
            row["template"] = in_language(chosen.title, current_language()) if chosen else row["template_id"]
            row["version"] = row["version"] or 1
        return rows

    return RowsSource((
        Column("folio", header=N_("Folio")), Column("title", header=N_("Title")),
        Column("template", header=N_("Template")), Column("organization_name", header=N_("Organization")),
        Column("status", header=N_("Status"), kind=CODE, labels=STATUSES),
        Column("version", header=N_("Version"), kind=NUMBER), Column("plan_title", header=N_("Business plan"))),
        fetch)


def workshops(conn: sqlite3.Connection) -> RowsSource:
    def fetch(search: str, filters: dict) -> list[dict]:
        choice = filters.get("choice")
        rows = training.list_workshops(conn, search, status=None if choice in (None, "", "upcoming") else choice,
                                       upcoming_from=dt.date.today() if choice == "upcoming" else None)
        for row in rows:
            row["topic_names"] = topic_names(training.topics_of(row["topics"]))
            row["attendance"] = _("{came} of {expected}").format(came=row["attended"], expected=row["expected"])
        return rows

    return RowsSource((
        Column("held_on", header=N_("Date"), kind=DATE), Column("title", header=N_("Title")),
        Column("topic_names", header=N_("Competencies")), Column("place", header=N_("Place")),
        Column("status", header=N_("Status"), kind=CODE, labels=WORKSHOP_STATUSES),
        Column("attendance", header=N_("Attendance")),
        Column("attended", header=N_("Came"), kind=NUMBER, shown=False),
        Column("expected", header=N_("Expected"), kind=NUMBER, shown=False)), fetch)


def sessions(conn: sqlite3.Connection) -> RowsSource:
    def fetch(search: str, filters: dict) -> list[dict]:
        choice = filters.get("choice")
        rows = [row for row in training.list_sessions(conn, search)
                if not choice or (choice == "open" and row["open_actions"]) or (choice == "overdue" and row["overdue"])]
        for row in rows:
            row["topic_names"] = topic_names(training.topics_of(row["topics"]))
        return rows

    return RowsSource((
        Column("held_on", header=N_("Date"), kind=DATE), Column("organization", header=N_("Organization")),
        Column("topic_names", header=N_("Topics")), Column("open_actions", header=N_("Actions to do"), kind=NUMBER),
        Column("overdue", header=N_("Overdue"), kind=NUMBER)), fetch)


def actions_to_do(conn: sqlite3.Connection) -> RowsSource:
    """Every agreed action not done yet, the most overdue first; the search looks in its text, person and
    organization."""
    def fetch(search: str, filters: dict) -> list[dict]:
        text = search.strip().casefold()
        overdue = filters.get("choice") == "overdue"
        return [row for row in training.open_actions(conn, dt.date.today(), overdue_only=overdue)
                if not text or text in " ".join(str(row[key] or "") for key in (
                    "description", "responsible", "organization")).casefold()]

    return RowsSource((
        Column("due_on", header=N_("Due date"), kind=DATE), Column("description", header=N_("Agreed action")),
        Column("responsible", header=N_("Responsible person")), Column("organization", header=N_("Organization"))),
        fetch)


def attendance(conn: sqlite3.Connection, workshop_id: str | None) -> RowsSource:
    """A workshop's list of people and whether they came."""
    def fetch(_search: str, _filters: dict) -> list[dict]:
        rows = training.attendance(conn, workshop_id) if workshop_id else []
        for row in rows:
            row["came"] = "yes" if row["attended"] else "no"
        return rows

    return RowsSource((
        Column("name", header=N_("Person")), Column("organization", header=N_("Organization")),
        Column("came", header=N_("Came"), kind=CODE, labels=YES_NO)), fetch)


def session_actions(conn: sqlite3.Connection, session_id: str | None) -> RowsSource:
    """The actions agreed in one advisory session, done or not."""
    def fetch(_search: str, _filters: dict) -> list[dict]:
        return training.session_actions(conn, session_id) if session_id else []

    return RowsSource((
        Column("description", header=N_("Agreed action")), Column("responsible", header=N_("Responsible person")),
        Column("due_on", header=N_("Due date"), kind=DATE), Column("done_on", header=N_("Done on"), kind=DATE)),
        fetch)


def memberships(conn: sqlite3.Connection, side: str, owner_id) -> RowsSource:
    """``side`` "organization": its members (people); "person": the organizations they belong to.
    ``owner_id()`` is read at each count, so a record saved for the first time lists its memberships."""
    def fetch(_search: str, _filters: dict) -> list[dict]:
        owner = owner_id()
        if not owner:
            return []
        if side == "organization":
            return listing.memberships_of_organization(conn, owner)
        return listing.memberships_of_person(conn, owner)

    third = (Column("residence_country", header=N_("Lives in"), kind=CODE, labels=entities.RESIDENCE_COUNTRIES)
             if side == "organization" else Column("kind", header=N_("Kind"), kind=CODE,
                                                   labels=entities.ORGANIZATION_KINDS))
    return RowsSource((
        Column("name", header=N_("Person") if side == "organization" else N_("Organization")),
        Column("role", header=N_("Role"), kind=CODE, labels=entities.MEMBERSHIP_ROLES), third,
        Column("share_pct", header=N_("Share"), kind=PERCENT),
        Column("contribution", header=N_("Committed contribution"), kind=MONEY, currency_key="currency"),
        Column("currency", header=N_("Currency"), shown=False)), fetch)


SOURCES = {"organizations": listing.organizations, "people": listing.people, "plans": plans,
           "agreements": agreements, "workshops": workshops, "sessions": sessions}
