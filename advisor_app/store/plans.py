"""Business plans in the store: lists, participants, and the writes that touch several rows at once.

Single-field edits go through ``Repository.update`` like any record; what is here adds the plan-level
operations (create with its participants, duplicate as a scenario) as one transaction each.
"""

from __future__ import annotations

import json

import sqlite3
from typing import Any

from advisor_app.domain.finance.model import NEW_PLAN_SETTINGS
from advisor_app.domain.records import RECORDS
from advisor_app.i18n import _
from advisor_app.store.database import records
from advisor_app.store.errors import StoreError
from advisor_app.store.repository import Repository

# Everything a scenario copies from the plan it starts from.
_COPIED = tuple(spec.name for spec in RECORDS["plans"]
                if spec.name not in ("status", "scenario_of", "scenario_name", "current_page"))


def list_plans(conn: sqlite3.Connection, search: str = "", organization_id: str | None = None) -> list[dict]:
    """Live plans, by title then scenario, with the lead organization's name; plans are tens per laptop,
    so the list is read whole."""
    clauses, params = ["p.deleted = 0"], []
    if search.strip():
        clauses.append("(p.title LIKE ? OR o.name LIKE ? OR p.scenario_name LIKE ?)")
        params += [f"%{search.strip()}%"] * 3
    if organization_id:
        clauses.append("(p.lead_organization_id = ? OR p.id IN (SELECT plan_id FROM plan_organizations "
                       "WHERE organization_id = ? AND deleted = 0))")
        params += [organization_id, organization_id]
    return records(conn.execute(
        "SELECT p.id AS id, p.title AS title, p.scenario_name AS scenario_name, p.status AS status, "
        "p.sector AS sector, p.lead_organization_id AS lead_organization_id, o.name AS lead_name, "
        "p.scenario_of AS scenario_of, p.updated_at AS updated_at, p.current_page AS current_page "
        "FROM plans p LEFT JOIN organizations o ON o.id = p.lead_organization_id "
        f"WHERE {' AND '.join(clauses)} ORDER BY p.sort_name, coalesce(p.scenario_name, ''), p.id", params))


def partners(conn: sqlite3.Connection, plan_id: str) -> list[dict]:
    """The plan's participating organizations other than the lead: (row id, organization id, name)."""
    return records(conn.execute(
        "SELECT po.id AS id, o.id AS organization_id, o.name AS name, o.kind AS kind FROM plan_organizations po "
        "JOIN organizations o ON o.id = po.organization_id WHERE po.plan_id = ? AND po.deleted = 0 "
        "AND o.deleted = 0 ORDER BY o.sort_name", (plan_id,)))


def create_plan(repository: Repository, values: dict[str, Any], partner_ids: list[str] = ()) -> str:
    """A new plan and its participants in one transaction; the locality defaults to the lead's origin.
    ``values`` may carry the new plan's ``id`` (demo data)."""
    values = dict(values)
    row_id = values.pop("id", None)
    if "finance_settings" not in values:
        values["finance_settings"] = json.dumps(NEW_PLAN_SETTINGS, separators=(",", ":"))
    lead = repository.get("organizations", values.get("lead_organization_id") or "")
    if lead is not None and not values.get("locality_id") and lead.get("origin_locality_id"):
        values["locality_id"] = lead["origin_locality_id"]
    with repository.store.transaction():
        plan_id = repository.insert("plans", values, row_id=row_id)
        for organization_id in partner_ids:
            repository.insert("plan_organizations", {"plan_id": plan_id, "organization_id": organization_id})
    return plan_id


def duplicate_as_scenario(repository: Repository, plan_id: str, scenario_name: str | None = None) -> str:
    """A copy of the plan to try other numbers on, linked to the plan it came from; the original is untouched."""
    plan = repository.get("plans", plan_id)
    if plan is None or plan["deleted"]:
        raise StoreError(_("This plan no longer exists."))
    base_id = plan["scenario_of"] or plan_id
    count = repository.conn.execute("SELECT count(*) FROM plans WHERE scenario_of = ? AND deleted = 0",
                                    (base_id,)).fetchone()[0]
    values = {name: plan[name] for name in _COPIED if plan[name] is not None}
    values.update(scenario_of=base_id, status="draft", current_page=plan["current_page"],
                  scenario_name=scenario_name or _("Scenario {number}").format(number=count + 2))
    return create_plan(repository, values, [row["organization_id"] for row in partners(repository.conn, plan_id)])


def scenarios(conn: sqlite3.Connection, plan_id: str) -> list[str]:
    """Ids of the plan and every scenario of the same base plan, oldest first."""
    row = conn.execute("SELECT coalesce(scenario_of, id) FROM plans WHERE id = ?", (plan_id,)).fetchone()
    if row is None:
        return []
    return [row_id for (row_id,) in conn.execute(
        "SELECT id FROM plans WHERE (id = ? OR scenario_of = ?) AND deleted = 0 ORDER BY created_at, id",
        (row[0], row[0]))]


__all__ = ["create_plan", "duplicate_as_scenario", "list_plans", "partners",
           "scenarios"]
