"""Drafting an agreement: its first parameters and parties, taken from the business plan and the
registry, so an advisor starts from the group's own numbers, members and governance answers.

What the app writes into a draft is in Spanish, the text that prevails, whatever the screen shows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from advisor_app.domain.agreements.grammar import person_form
from advisor_app.domain.agreements.assembly import PlanFacts
from advisor_app.domain.agreements.library import Template, in_language, template
from advisor_app.domain.catalog import mexico
from advisor_app.domain.entities import person_display_name
from advisor_app.domain.ids import new_id
from advisor_app.domain.plans import model_of
from advisor_app.i18n import _, pgettext, speaking
from advisor_app.store.database import records
from advisor_app.store.repository import Repository

CLUB_KINDS = frozenset({"migrant_club", "federation"})


def source_values(repository: Repository, organization_id: str | None, plan_id: str | None,
                  today: dt.date | None = None) -> dict[str, str]:
    """The values the library's ``source`` names point at, as text the parameter fields show."""
    values: dict[str, str] = {"today": (today or dt.date.today()).isoformat()}
    plan = repository.get("plans", plan_id) if plan_id else None
    if plan is not None and not plan["deleted"]:
        for column in ("title", "summary", "decisions", "roles", "profit_sharing", "partner_changes"):
            if plan.get(column):
                values[f"plan.{column}"] = plan[column]
        model = model_of(plan)
        amounts = [item.amount for item in model.investments if isinstance(item.amount, Decimal)]
        if amounts:
            values["plan.investment_total"] = _text(sum(amounts, Decimal(0)))
        if isinstance(model.horizon_years, int):
            values["plan.horizon_years"] = str(model.horizon_years)
        for kind in ("migrant_contribution", "federal", "state", "municipal", "loan", "own_savings", "other_grant"):
            total = sum((source.amount for source in model.funding if source.kind == kind
                         and isinstance(source.amount, Decimal)), Decimal(0))
            if total:
                values[f"plan.funding.{kind}"] = _text(total)
        loan = next((source for source in model.funding if source.kind == "loan"), None)
        if loan is not None:
            # A rate or term of zero is one not typed yet: left empty, it is asked for, never printed as 0.
            for key, value in (("plan.loan.amount", loan.amount), ("plan.loan.rate", loan.annual_rate),
                               ("plan.loan.term_months", loan.term_months)):
                if isinstance(value, (int, Decimal)) and value:
                    values[key] = _text(value)
        values.update(_place_values("plan", repository.get("localities", plan.get("locality_id") or "")))
    organization = repository.get("organizations", organization_id) if organization_id else None
    if organization is not None:
        values["organization.name"] = organization["name"]
        values.update(_place_values("organization", repository.get("localities",
                                                                     organization.get("origin_locality_id") or "")))
        if organization.get("base_city") or organization.get("base_state"):
            values["organization.base"] = ", ".join(
                part for part in (organization.get("base_city"), organization.get("base_state")) if part)
    for organization_row in _organizations_of(repository, organization_id, plan_id):
        if organization_row["kind"] in CLUB_KINDS:
            values.setdefault("club.name", organization_row["name"])
            for column in ("registration_number", "registration_valid_until"):
                if organization_row.get(column) and values["club.name"] == organization_row["name"]:
                    values.setdefault(f"club.{column}", organization_row[column])
        else:
            values.setdefault("group.name", organization_row["name"])
    return values


def _text(value: Any) -> str:
    if isinstance(value, Decimal):
        value = value.normalize()
        return format(value, "f")
    return "" if value is None else str(value)


def _place_values(prefix: str, locality: dict | None) -> dict[str, str]:
    if not locality:
        return {}
    municipality = mexico().municipality(locality.get("municipality_key"))
    # The town alone: the clauses name its municipality and state after it.
    town = (locality.get("name") or "").strip() or (municipality.name if municipality else "")
    values = {f"{prefix}.locality": town}
    if municipality is not None:
        values.update({f"{prefix}.municipality": municipality.name, f"{prefix}.state": municipality.state.name})
    return values


def _organizations_of(repository: Repository, organization_id: str | None, plan_id: str | None) -> list[dict]:
    """The organization drafted for, then the plan's lead and other participants, without repeats."""
    ids: list[str] = [organization_id] if organization_id else []
    plan = repository.get("plans", plan_id) if plan_id else None
    if plan is not None and not plan["deleted"]:
        ids.append(plan["lead_organization_id"])
        ids += [row_id for (row_id,) in repository.conn.execute(
            "SELECT organization_id FROM plan_organizations WHERE plan_id = ? AND deleted = 0 ORDER BY created_at",
            (plan_id,))]
    found, seen = [], set()
    for row_id in ids:
        row = repository.get("organizations", row_id) if row_id and row_id not in seen else None
        if row is not None and not row["deleted"]:
            seen.add(row_id)
            found.append(row)
    return found


def plan_facts(repository: Repository, plan_id: str | None) -> PlanFacts:
    if not plan_id:
        return PlanFacts()
    plan = repository.get("plans", plan_id)
    if plan is None or plan["deleted"]:
        return PlanFacts(linked=True, missing=True)
    model = model_of(plan)
    amounts = {kind: sum((source.amount for source in model.funding if source.kind == kind
                          and isinstance(source.amount, Decimal)), Decimal(0))
               for kind in ("loan", "federal", "state", "municipal")}
    return PlanFacts(linked=True, has_loan=amounts["loan"] > 0,
                     has_cofinancing=any(amounts[kind] > 0 for kind in ("federal", "state", "municipal")))


def prefilled_parameters(chosen: Template, sources: dict[str, str]) -> dict[str, str]:
    return {parameter.name: sources.get(parameter.source, "") or parameter.default for parameter in chosen.parameters}


def _president(repository: Repository, organization_id: str) -> dict | None:
    rows = records(repository.conn.execute(
        "SELECT p.* FROM memberships m JOIN people p ON p.id = m.person_id WHERE m.organization_id = ? "
        "AND m.role = 'president' AND m.deleted = 0 AND p.deleted = 0 ORDER BY m.created_at LIMIT 1",
        (organization_id,)))
    return rows[0] if rows else None


def _president_title(person: dict | None) -> str:
    """"presidenta", "presidente" or the neutral "titular de la presidencia", as the person's CURP records
    (its 11th character: H, M or X); to correct by hand where the person states another form."""
    if not person:
        return ""
    return {"feminine": pgettext("woman", "president"), "neutral": pgettext("neutral", "president")}.get(
        person_form(person.get("curp"), person.get("grammatical_form")), _("president"))


def _id_line(person: dict | None) -> str:
    """Left for the advisor to write from the ID shown at the signing (INE, pasaporte, matrícula
    consular): the registry holds the CURP, which is not an identification."""
    return ""


def prefilled_parties(repository: Repository, chosen: Template, organization_id: str | None,
                      plan_id: str | None, sources: dict[str, str]) -> list[dict[str, Any]]:
    """Parties a template usually has, taken from the registry: an investor group's members as partners
    (with their shares and contributions), clubs and groups with their presidents signing, and the
    three governments of a co-financing agreement named after the plan's place."""
    parties: list[dict[str, Any]] = []
    organizations = _organizations_of(repository, organization_id, plan_id)
    roles = chosen.roles
    if "partner" in roles and organizations:
        for member in records(repository.conn.execute(
                "SELECT p.*, m.share_pct, m.contribution, m.currency FROM memberships m JOIN people p ON p.id = m.person_id "
                "WHERE m.organization_id = ? AND m.deleted = 0 AND p.deleted = 0 AND (m.share_pct IS NOT NULL "
                "OR m.contribution IS NOT NULL OR m.role = 'investor') ORDER BY p.sort_name",
                (organizations[0]["id"],))):
            parties.append({"kind": "person", "person_id": member["id"], "role": "partner", "signs": 1,
                            "id_number": _id_line(member), "contribution": member["contribution"],
                            "currency": member["currency"], "share_pct": member["share_pct"]})
    for organization in organizations:
        role = "club" if organization["kind"] in CLUB_KINDS else ("group" if "group" in roles else "beneficiary")
        if role not in roles:
            continue
        president = _president(repository, organization["id"])
        party = {"kind": "organization", "organization_id": organization["id"], "role": role, "signs": 1,
                 "representative": person_display_name(president["given_names"], president["first_surname"],
                                                       president["second_surname"]) if president else "",
                 "representative_title": _president_title(president), "id_number": _id_line(president)}
        if role in chosen.share_roles:
            # What the plan says each side puts in: the migrants' money for a club, own savings for a group.
            source = "plan.funding.migrant_contribution" if role == "club" else "plan.funding.own_savings"
            if sources.get(source):
                party["contribution"] = sources[source]
        parties.append(party)
    _shares_from_contributions([party for party in parties if party["role"] in chosen.share_roles
                                and party["kind"] == "organization"])
    # A government signs through its officers, never through a program: the municipality through its
    # presidente municipal and its síndico, with the secretario del ayuntamiento as witness; the state and
    # the federal agency through whom the advisor names.
    municipality = (_("Municipality of {name}").format(name=sources["plan.municipality"])
                    if sources.get("plan.municipality") else _("Municipality"))
    authorities = {
        "municipality": [(municipality, _("municipal president")), (municipality, _("municipal trustee (síndico)"))],
        "state": [(_("Government of the State of {name}").format(name=sources["plan.state"])
                   if sources.get("plan.state") else _("State government"), "")],
        "federal": [(_("Secretariat of Welfare"), "")],
    }
    for role, rows in authorities.items():
        if role in roles:
            for name, title in rows:
                parties.append({"kind": "authority", "authority_name": name, "role": role, "signs": 1,
                                "representative_title": title})
    if "municipality" in roles and "witness" in roles:
        parties.append({"kind": "authority", "authority_name": municipality, "role": "witness", "signs": 1,
                        "representative_title": _("secretary of the town council")})
    return parties


def _shares_from_contributions(parties: list[dict[str, Any]]) -> None:
    """Shares in proportion to what each one contributes, when all contribute and none has a share yet;
    rounded to hundredths, the last one taking what rounding leaves."""
    if len(parties) < 2 or any(not party.get("contribution") or party.get("share_pct") for party in parties):
        return
    amounts = [Decimal(party["contribution"]) for party in parties]
    total = sum(amounts, Decimal(0))
    if total <= 0:
        return
    shares = [(amount * 100 / total).quantize(Decimal("0.01")) for amount in amounts[:-1]]
    shares.append(Decimal(100) - sum(shares, Decimal(0)))
    for party, share in zip(parties, shares):
        party["share_pct"] = _text(share)


def _switched_off_without_funding(chosen: Template, sources: dict[str, str], plan_linked: bool) -> dict[str, bool]:
    """Optional clauses that print a kind of funding the plan does not have start switched off (a state
    contribution in a plan without state money), rather than asking for an amount that is not there."""
    if not plan_linked:
        return {}
    switched = {}
    for clause in chosen.clauses:
        funding = [chosen.parameter(name).source for name in clause.placeholders()
                   if chosen.parameter(name) and chosen.parameter(name).source.startswith("plan.funding.")]
        if clause.optional and funding and not any(sources.get(source) for source in funding):
            switched[clause.id] = False
    return switched


def new_folio(chosen: Template, agreement_id: str, today: dt.date | None = None) -> str:
    """"SOC-2026-3F9A1C": the template, the year and the end of the id (random), so laptops drafting apart
    almost never give the same folio; ``create_agreement`` lengthens one that is already taken here."""
    return f"{chosen.prefix}-{(today or dt.date.today()).year}-{agreement_id.replace('-', '')[-6:].upper()}"


def create_agreement(repository: Repository, template_id: str, organization_id: str | None = None,
                     plan_id: str | None = None, agreement_id: str | None = None, with_parties: bool = True,
                     today: dt.date | None = None) -> str:
    """A new draft with its parameters prefilled from the plan and organization, and the usual parties,
    in one transaction."""
    chosen = template(template_id)
    sources = source_values(repository, organization_id, plan_id, today)
    agreement_id = agreement_id or new_id()
    folio = new_folio(chosen, agreement_id, today)
    if repository.conn.execute("SELECT 1 FROM agreements WHERE folio = ?", (folio,)).fetchone():
        folio = f"{folio}{agreement_id.replace('-', '')[-10:-6].upper()}"  # the rare twin gets four more letters
    plan = repository.get("plans", plan_id) if plan_id else None
    # Spanish is the text that prevails: what the app writes into a draft (title, authorities, a
    # president's title) is written in Spanish whatever the screen shows.
    with speaking("es"):
        values = {"title": in_language(chosen.title, "es"), "template_id": chosen.id,
                  "organization_id": organization_id, "plan_id": plan_id,
                  "folio": folio,
                  "currency": (model_of(plan).currency if plan else "MXN") or "MXN",
                  "parameters": prefilled_parameters(chosen, sources),
                  "clauses": _switched_off_without_funding(chosen, sources, plan is not None and not plan["deleted"])}
        parties = prefilled_parties(repository, chosen, organization_id, plan_id, sources) if with_parties else []
    with repository.store.transaction():
        repository.insert("agreements", values, row_id=agreement_id)
        for position, party in enumerate(parties):
            repository.insert("agreement_parties", {**party, "agreement_id": agreement_id, "position": position})
    return agreement_id
