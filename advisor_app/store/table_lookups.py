"""Registered records a spreadsheet's row names or repeats: the person and organization a membership row
names, and the record a row is already registered as (so it is updated, not registered twice)."""

from __future__ import annotations

from typing import Any

from advisor_app.domain.catalog import fold
from advisor_app.domain.entities import person_display_name
from advisor_app.domain.records import InvalidValue, field_spec, parse
from advisor_app.i18n import _
from advisor_app.store.database import placeholders
from advisor_app.store.table_values import CellProblem


def _name_orders(name: str) -> list[str]:
    """The folded sort names a written full name may be stored as ("first second given"), whether the file
    writes the given names first ("Juan Pérez López") or the surnames first ("Pérez López Juan")."""
    words = fold(name).split()
    found: list[str] = []
    for cut in range(1, len(words)):
        for surnames, given in ((words[cut:], words[:cut]), (words[:cut], words[cut:])):
            found.append(" ".join(surnames) + " " + " ".join(given))
            if len(surnames) == 1:  # no second surname: the stored name keeps its empty place
                found.append(surnames[0] + "  " + " ".join(given))
    return list(dict.fromkeys(found))


def find_person(conn, repository, curp: str, name: str) -> tuple[str, str] | None:
    """(id, name) of the registered person a membership row names by CURP or, failing that, by full name;
    ``CellProblem`` when nobody or several people answer to it; None when the row names nobody."""
    if curp:
        try:
            curp = parse(field_spec("people", "curp"), curp) or ""
        except InvalidValue as error:
            raise CellProblem(str(error)) from None
        found = repository.find_person_by_curp(curp)
        if found is None:
            raise CellProblem(_("No person with the CURP {curp} is registered; import the people first.").format(
                curp=curp))
        return found["id"], found["name"]
    if not name:
        return None
    orders = _name_orders(name)
    rows = conn.execute(
        "SELECT id, given_names, first_surname, second_surname FROM people "
        f"WHERE deleted = 0 AND sort_name IN ({placeholders(len(orders))})", orders).fetchall() if orders else []
    if not rows:
        raise CellProblem(_("No person called {name} is registered; import the people first.").format(name=name))
    if len(rows) > 1:
        raise CellProblem(_("{count} registered people are called {name}: give the CURP to tell them "
                            "apart.").format(count=len(rows), name=name))
    return rows[0][0], person_display_name(rows[0][1] or "", rows[0][2] or "", rows[0][3])


def find_organization(conn, name: str) -> tuple[str, str] | None:
    if not name:
        return None
    rows = conn.execute("SELECT id, name FROM organizations WHERE deleted = 0 AND sort_name = ?",
                        (fold(name),)).fetchall()
    if not rows:
        raise CellProblem(_("No organization called {name} is registered; import the organizations "
                            "first.").format(name=name))
    if len(rows) > 1:
        raise CellProblem(_("{count} registered organizations are called {name}.").format(count=len(rows),
                                                                                         name=name))
    return rows[0][0], rows[0][1]


def registered_match(conn, repository, kind: str, values: dict[str, Any],
                     locality: tuple[str, str | None] | None) -> tuple[str, str, str] | None:
    """(id, name, why) of the record a row is already registered as, or None."""
    if kind == "people":
        curp = values.get("curp")
        if curp:
            found = repository.find_person_by_curp(curp)
            if found:
                return found["id"], found["name"], _("same CURP")
        if not values.get("birth_date"):
            return None
        for person_id, name in repository.possible_duplicates(
                values.get("given_names") or "", values.get("first_surname") or "", values.get("second_surname"),
                values["birth_date"], locality[0] if locality else None):
            registered = conn.execute("SELECT curp FROM people WHERE id = ?", (person_id,)).fetchone()
            if curp and registered and registered[0] and registered[0] != curp:
                continue  # two people of the same name and birthday, told apart by their CURPs
            return person_id, name, _("same name, birth date and municipality")
        return None
    if kind == "organizations":
        row = conn.execute("SELECT id, name FROM organizations WHERE deleted = 0 AND sort_name = ? LIMIT 1",
                           (fold(values.get("name") or ""),)).fetchone()
        return (row[0], row[1], _("same name")) if row else None
    row = conn.execute("SELECT id FROM memberships WHERE person_id = ? AND organization_id = ? AND deleted = 0",
                       (values.get("person_id"), values.get("organization_id"))).fetchone()
    if row is None:
        return None
    return row[0], repository.display_name("memberships", row[0]), _("already a member")
