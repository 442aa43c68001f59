"""Everything the plan document prints, read from the data file and computed once.

Gathered in the document's language (inside ``speaking``): the verdict's reasons, the engine's notes
and problems and the schemes' names are worded when computed, so they must be computed in the language
of the page they land on.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from advisor_app.domain.catalog import locality_label
from advisor_app.domain.finance import FinancialModel, MixCheck, Results, Scheme, SchemeFileError, check_mix, compute
from advisor_app.domain.finance.schemes import SchemeCatalog, load_schemes, standing_note
from advisor_app.domain.plans import Missing, missing_items, model_of
from advisor_app.i18n import _
from advisor_app.reports.document import ReportError
from advisor_app.store.database import records
from advisor_app.store.plans import partners


@dataclass(frozen=True)
class PlanFacts:
    plan: dict[str, Any]
    lead: dict[str, Any] | None
    partners: list[dict[str, Any]]  # organization rows, partners only
    locality: str
    scheme_id: str | None
    scheme: Scheme | None  # None when the id is unknown or the schemes file cannot be read
    project_type: str
    model: FinancialModel
    results: Results
    mix: MixCheck | None
    missing: list[Missing]
    scheme_note: str | None = None  # when the plan counts on a scheme that is not current today

    @property
    def currency(self) -> str:
        return self.results.currency


def connection_of(source: Any) -> sqlite3.Connection:
    """A Repository or a Store (anything with ``.conn``), or a connection itself."""
    return source.conn if hasattr(source, "conn") else source


def _row(conn: sqlite3.Connection, table: str, row_id: str | None) -> dict[str, Any] | None:
    if not row_id:
        return None
    found = records(conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)))
    return found[0] if found else None


def _schemes() -> SchemeCatalog | None:
    try:
        return load_schemes()
    except SchemeFileError:
        return None


def gather(source: Any, plan_id: str) -> PlanFacts:
    conn = connection_of(source)
    plan = _row(conn, "plans", plan_id)
    if plan is None:
        raise ReportError(_("No business plan has the id {id}.").format(id=str(plan_id)[:40]))
    if plan["deleted"]:
        raise ReportError(_("This plan no longer exists."))
    lead = _row(conn, "organizations", plan.get("lead_organization_id"))
    others = [row for row in (_row(conn, "organizations", partner["organization_id"])
                              for partner in partners(conn, plan_id)) if row is not None]
    model = model_of(plan)
    results = compute(model)
    catalog = _schemes()
    scheme = None
    if catalog is not None and plan.get("scheme_id"):
        scheme = next((item for item in catalog.schemes if item.id == plan["scheme_id"]), None)
    project_type = ""
    if plan.get("project_type"):
        project_type = catalog.project_type_name(plan["project_type"]) if catalog else plan["project_type"]
    mix = None
    if scheme is not None and results.ok:
        mix = check_mix(scheme, model.funding, results.investment_total, results.currency, plan.get("project_type"))
    return PlanFacts(plan, lead, others, locality_label(_row(conn, "localities", plan.get("locality_id"))),
                     plan.get("scheme_id"), scheme, project_type, model, results, mix,
                     missing_items(plan, results.problems), standing_note(scheme) if scheme is not None else None)


__all__ = ["PlanFacts", "connection_of", "gather"]
