"""Demo data: a Zacatecan federation in California, two clubs, a mirror committee, a cooperative of
twelve and an investor group of four, with a complete business plan for the investors and a draft for
the cooperative. Ids are fixed, so loading twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid

from advisor_app.domain import identifiers
from advisor_app.domain.identifiers import curp_check_digit
from advisor_app.store.repository import Repository

_NAMESPACE = uuid.UUID("6f1c2a7e-3d0b-4c55-9a51-2f7de1c0a001")
_VOWELS = "AEIOU"


def demo_id(key: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, key))


def _inner(word: str, vowels: bool) -> str:
    for char in word[1:]:
        if (char in _VOWELS) == vowels and char.isalpha():
            return char
    return "X"


def _plain(text: str) -> str:
    return text.upper().translate(str.maketrans("ÁÉÍÓÚÜÑ", "AEIOUUX"))


def make_curp(given: str, first: str, second: str, born: dt.date, sex: str, state: str) -> str:
    """A well-formed CURP (with its check digit) built the way RENAPO builds one."""
    g, f, s = _plain(given.split()[0]), _plain(first), _plain(second)
    first_four = f[0] + _inner(f, True) + s[0] + g[0]
    if identifiers.offensive(first_four):  # RENAPO writes an X for the second letter of such a word
        first_four = first_four[0] + "X" + first_four[2:]
    body = (first_four + born.strftime("%y%m%d") + sex + state
            + _inner(f, False) + _inner(s, False) + _inner(g, False) + ("0" if born.year < 2000 else "A"))
    return body + curp_check_digit(body)


# key, kind, name, municipality, locality, US base, parent, extra fields
ORGANIZATIONS = [
    ("federation", "federation", "Federación de Clubes Zacatecanos Unidos de California", "32056", None,
     ("Los Angeles", "CA"), None, {"registration_number": "TN-LA-2025-0042", "registration_valid_until": "2027-03-31",
                                   "legal_form": "Nonprofit corporation (501(c)(3))", "phone": "+1 323 555 0142",
                                   "email": "contacto@fedzacatecanos.example"}),
    ("club_jerez", "migrant_club", "Club Jerezanos de Lynwood", "32020", None, ("Lynwood", "CA"), "federation",
     {"registration_number": "TN-LA-2024-0137", "registration_valid_until": "2026-12-31",
      "phone": "+1 310 555 0187"}),
    ("club_juchipila", "migrant_club", "Club Social Juchipila en Santa Ana", "32023", None, ("Santa Ana", "CA"),
     "federation", {"registration_number": "TN-SA-2025-0211", "registration_valid_until": "2027-06-30"}),
    ("committee", "community_committee", "Comité Espejo de Ermita de Guadalupe", "32020", "Ermita de Guadalupe",
     None, None, {"notes": "Sigue en campo las obras y proyectos del Club Jerezanos de Lynwood."}),
    ("cooperative", "cooperative", "Sociedad Cooperativa Guayaberos del Cañón de Juchipila", "32023", "Juchipila",
     None, None, {"legal_form": "S.C. de R.L. de C.V.", "rfc": None, "phone": "+52 467 955 0133"}),
    ("investors", "investor_group", "Grupo Inversionista El Cargadero", "32020", "El Cargadero", None, None,
     {"notes": "Cuatro socios de El Cargadero; dos viven en California."}),
]

# key, given names, first surname, second surname, birth date, sex, lives in, municipality, locality, phone
PEOPLE = [
    ("p01", "María Guadalupe", "Ruvalcaba", "Márquez", "1968-02-14", "M", "US", "32020", None, "+1 310 555 0101"),
    ("p02", "José Luis", "Sandoval", "Félix", "1971-07-03", "H", "US", "32020", None, "+1 310 555 0102"),
    ("p03", "Rosa Elena", "Haro", "Delgado", "1975-11-22", "M", "US", "32020", None, "+1 310 555 0103"),
    ("p04", "Juan Manuel", "Carrillo", "Ávila", "1966-05-09", "H", "US", "32023", None, "+1 714 555 0104"),
    ("p05", "Ana Lilia", "Robles", "Medina", "1979-09-30", "M", "US", "32023", None, "+1 714 555 0105"),
    ("p06", "Francisco Javier", "Esparza", "Llamas", "1970-01-18", "H", "US", "32023", None, "+1 714 555 0106"),
    ("p07", "Ramón", "Del Real", "Ortiz", "1962-04-12", "H", "US", "32056", None, "+1 323 555 0107"),
    ("p08", "Teresa", "Valdez", "Muro", "1973-08-25", "M", "US", "32056", None, "+1 323 555 0108"),
    ("p09", "Pedro", "Ruvalcaba", "Sánchez", "1958-06-05", "H", "MX", "32020", "Ermita de Guadalupe", "+52 494 945 0109"),
    ("p10", "Martha", "Ibarra", "Luna", "1969-03-17", "M", "MX", "32020", "Ermita de Guadalupe", "+52 494 945 0110"),
    ("p11", "Gerardo", "Félix", "Román", "1980-12-02", "H", "MX", "32020", "El Cargadero", "+52 494 945 0111"),
    ("p12", "Silvia", "Sandoval", "Félix", "1977-10-08", "M", "MX", "32020", "El Cargadero", "+52 494 945 0112"),
    ("p13", "Antonio", "Lamas", "Bañuelos", "1964-02-27", "H", "MX", "32023", "Juchipila", "+52 467 955 0113"),
    ("p14", "Leticia", "Bañuelos", "Hernández", "1972-05-15", "M", "MX", "32023", "Juchipila", "+52 467 955 0114"),
    ("p15", "Rigoberto", "Casillas", "Torres", "1985-07-21", "H", "MX", "32023", "Juchipila", "+52 467 955 0115"),
    ("p16", "Guadalupe", "Torres", "Rentería", "1990-01-04", "M", "MX", "32023", "Juchipila", "+52 467 955 0116"),
    ("p17", "Efraín", "Medina", "Casillas", "1959-09-11", "H", "MX", "32023", "Juchipila", "+52 467 955 0117"),
    ("p18", "Norma Angélica", "Rentería", "Lamas", "1982-04-29", "M", "MX", "32023", "Juchipila", "+52 467 955 0118"),
    ("p19", "Salvador", "Ávila", "Correa", "1976-06-19", "H", "MX", "32023", "Juchipila", "+52 467 955 0119"),
    ("p20", "Yolanda", "Correa", "Medina", "1988-11-13", "M", "MX", "32023", "Juchipila", "+52 467 955 0120"),
    ("p21", "Miguel Ángel", "Hernández", "Bañuelos", "1993-03-08", "H", "MX", "32023", "Juchipila", "+52 467 955 0121"),
    ("p22", "Claudia", "Llamas", "Esparza", "1984-08-02", "M", "MX", "32023", "Juchipila", "+52 467 955 0122"),
    ("p23", "Jesús", "Ortiz", "Casillas", "1967-12-24", "H", "MX", "32023", "Juchipila", "+52 467 955 0123"),
    ("p24", "Verónica", "Luna", "Torres", "1995-05-06", "M", "MX", "32023", "Juchipila", "+52 467 955 0124"),
    ("p25", "Alfonso", "Muro", "Ibarra", "1961-10-30", "H", "MX", "32020", "Ermita de Guadalupe", "+52 494 945 0125"),
]

# organization, person, role, share %, contribution, currency
MEMBERSHIPS = [
    ("federation", "p07", "president", None, None, "USD"),
    ("federation", "p08", "treasurer", None, None, "USD"),
    ("club_jerez", "p01", "president", None, "2000", "USD"),
    ("club_jerez", "p02", "treasurer", None, "1500", "USD"),
    ("club_jerez", "p03", "secretary", None, "1000", "USD"),
    ("club_juchipila", "p04", "president", None, "2500", "USD"),
    ("club_juchipila", "p05", "secretary", None, "1000", "USD"),
    ("club_juchipila", "p06", "treasurer", None, "1000", "USD"),
    ("committee", "p09", "president", None, None, "MXN"),
    ("committee", "p10", "secretary", None, None, "MXN"),
    ("committee", "p25", "treasurer", None, None, "MXN"),
    ("investors", "p01", "investor", "25", "6000", "USD"),
    ("investors", "p02", "investor", "25", "6000", "USD"),
    ("investors", "p11", "president", "25", "110000", "MXN"),
    ("investors", "p12", "treasurer", "25", "110000", "MXN"),
    *[("cooperative", f"p{number:02d}", role, "8.33" if number < 24 else "8.37", "15000", "MXN")
      for number, role in zip(range(13, 25), ["president", "secretary", "treasurer"] + ["member"] * 9)],
]


def load_demo(repository: Repository, today: dt.date | None = None) -> int:
    """Insert whatever of the demo set is missing; returns how many records (localities included)
    were added. Workshops and advisory sessions are dated around ``today`` (the day it is loaded), so
    the dashboard shows one workshop coming and one action overdue."""
    before = repository.store.counts()["change_log"]

    def ensure(table: str, key: str, values: dict) -> None:
        row_id = demo_id(key)
        if repository.get(table, row_id) is None:
            repository.insert(table, values, row_id=row_id)

    for key, kind, name, municipality, locality, base, parent, extra in ORGANIZATIONS:
        values = {"kind": kind, "name": name, "origin_locality_id": repository.ensure_locality(municipality, locality),
                  **{k: v for k, v in extra.items() if v}}
        if base:
            values.update(base_city=base[0], base_state=base[1])
        if parent:
            values["parent_id"] = demo_id(f"org:{parent}")
        ensure("organizations", f"org:{key}", values)
    for key, given, first, second, born, sex, country, municipality, locality, phone in PEOPLE:
        birth = dt.date.fromisoformat(born)
        ensure("people", f"person:{key}", {
            "given_names": given, "first_surname": first, "second_surname": second, "birth_date": born,
            "curp": make_curp(given, first, second, birth, sex, "ZS"), "residence_country": country,
            "locality_id": repository.ensure_locality(municipality, locality), "phone": phone,
            "us_city": None if country == "MX" else {"32020": "Lynwood", "32023": "Santa Ana"}.get(municipality, "Los Angeles"),
        })
    for organization, person, role, share, contribution, currency in MEMBERSHIPS:
        ensure("memberships", f"membership:{organization}:{person}", {
            "organization_id": demo_id(f"org:{organization}"), "person_id": demo_id(f"person:{person}"),
            "role": role, "share_pct": share, "contribution": contribution, "currency": currency})
    _load_demo_plans(repository)
    _load_demo_agreements(repository)
    _load_demo_training(repository, today or dt.date.today())
    return repository.store.counts()["change_log"] - before


def _season(*factors: str) -> list[str]:
    return list(factors)


# A complete plan for the investor group (with the Lynwood club as partner) and a draft for the cooperative.
# Both are financed as an advisor would today: the federal 3x1 program stopped taking projects with the
# 2020 budget, so the investors' plan counts on the partners, the club and a credit union's loan.
_PLANS = {
    "plan:investors": ({
        "title": "Planta de chile seco y salsas El Cargadero",
        "lead_organization_id": "org:investors",
        "sector": "food_processing", "project_type": "productive_community", "status": "in_review",
        "current_page": 9, "scheme_id": "custom",
        "summary": "Secar y moler el chile guajillo que ya se cosecha en El Cargadero y envasar una salsa de mesa, "
                   "para vender con marca propia en Jerez y Zacatecas y, por medio del club, en Los Ángeles.",
        "customers": "Tiendas de abarrotes y fondas de Jerez y Zacatecas; familias de la región; dos tiendas "
                     "mexicanas de Lynwood que el club ya contactó.",
        "competitors": "Los acopiadores que compran el chile fresco a precio bajo y dos salsas comerciales; la "
                       "nuestra es artesanal, del pueblo y con chile de la región.",
        "price_reasoning": "Costo por kilo más 45 % de margen, comparado con el precio del chile seco en la central "
                           "de abastos (130 a 150 pesos el kilo).",
        "sales_channels": "Venta directa en la planta, reparto semanal a 25 tiendas y envíos consolidados al club.",
        "site": "Bodega de 120 m² del ejido, a la entrada de El Cargadero, con luz trifásica y agua.",
        "suppliers": "Doce productores de chile del ejido con contrato de compra; frascos y etiquetas de un "
                     "proveedor de Guadalajara, con un segundo en Zacatecas.",
        "equipment": "Deshidratador de gas, molino, marmita, envasadora semiautomática; mantenimiento a cargo del "
                     "proveedor el primer año.",
        "staff": "Dos trabajadoras de tiempo completo y un encargado (socio) con sueldo.",
        "decisions": "Asamblea de socios cada tres meses para lo importante; el encargado decide la operación diaria.",
        "roles": "Presidente: Ramón Ruvalcaba; tesorera: Martha Ibarra; encargado de planta: Pedro Haro.",
        "profit_sharing": "El 30 % de la utilidad se reinvierte; el resto se reparte según la aportación de cada socio.",
        "partner_changes": "Un socio que sale vende su parte primero a los demás socios, al valor en libros.",
        "social_effects": "Tres empleos en el pueblo y un precio justo para doce productores de chile.",
        "environmental_effects": "El deshidratador usa gas; los desechos del chile se compostean y vuelven a las parcelas.",
        "risks": [
            {"risk": "Mala cosecha de chile por sequía", "likelihood": "medium",
             "mitigation": "Contratos con productores de dos ejidos y un inventario de tres meses."},
            {"risk": "Un socio quiere retirar su dinero", "likelihood": "low",
             "mitigation": "Convenio entre socios con reglas de salida y derecho de preferencia."},
            {"risk": "Bajan las ventas en el club", "likelihood": "medium",
             "mitigation": "Las ventas en México bastan para cubrir los costos fijos."},
        ],
        "investments": [
            {"concept": "Adaptación de la bodega", "category": "building", "amount": "180000", "useful_life_years": "20"},
            {"concept": "Deshidratador y molino", "category": "machinery_equipment", "amount": "260000",
             "useful_life_years": "10"},
            {"concept": "Envasadora y marmita", "category": "machinery_equipment", "amount": "60000",
             "useful_life_years": "10"},
            {"concept": "Capital de trabajo (tres meses de insumos)", "category": "working_capital", "amount": "80000"},
        ],
        "funding": [
            {"kind": "migrant_contribution", "amount": "330000", "description": "Socios y Club Jerezanos de Lynwood"},
            {"kind": "own_savings", "amount": "60000", "description": "Ahorro de los socios en México"},
            {"kind": "loan", "amount": "190000", "description": "Crédito de la caja popular",
             "annual_rate": "18", "term_months": 36, "grace_months": 3},
        ],
        "products": [
            {"name": "Chile guajillo seco", "unit": "kg", "price": "140", "monthly_volume": "350",
             "yearly_growth": "5", "variable_cost_per_unit": "78",
             "seasonality": _season("0.8", "0.8", "0.8", "0.9", "0.9", "0.9", "1", "1", "1.3", "1.3", "1.2", "1.1")},
            {"name": "Salsa de chile (frasco de 250 g)", "unit": "frasco", "price": "45", "monthly_volume": "1200",
             "yearly_growth": "8", "variable_cost_per_unit": "19",
             "seasonality": _season("0.9", "0.9", "1", "1", "1", "1", "1", "1", "1", "1", "1.1", "1.1")},
        ],
        "fixed_costs": [
            {"concept": "Sueldos (tres personas)", "monthly_amount": "18000"},
            {"concept": "Gas y electricidad", "monthly_amount": "4500"},
            {"concept": "Transporte y reparto", "monthly_amount": "3000"},
            {"concept": "Contador", "monthly_amount": "1500"},
            {"concept": "Publicidad y etiquetas", "monthly_amount": "1000"},
        ],
        "finance_settings": {"horizon_years": 5, "discount_rate": "12", "tax_rate": "30", "start_month": 3,
                             "currency": "MXN", "include_residual_value": False,
                             "profit_sharing_pct": "10", "replace_assets": True},
    }, ["org:club_jerez"]),
    "plan:cooperative": ({
        "title": "Ate y dulces de guayaba del Cañón de Juchipila",
        "lead_organization_id": "org:cooperative",
        "sector": "food_processing", "project_type": "productive_community", "status": "draft",
        "current_page": 4, "scheme_id": "custom",
        "summary": "Transformar en ate y dulces la guayaba que hoy se vende fresca a intermediarios.",
        "customers": "Turistas del Cañón, dulcerías de Jalpa y Juchipila.",
        "price_reasoning": "Por definir con los costos.",
        "site": "Cocina comunitaria de la cooperativa.",
        "investments": [
            {"concept": "Marmitas y mesas de acero", "category": "machinery_equipment", "amount": "95000"},
            {"concept": "Capital de trabajo", "category": "working_capital", "amount": "40000"},
        ],
        "finance_settings": {"horizon_years": 5, "discount_rate": "12", "tax_rate": "30", "start_month": 1,
                             "currency": "MXN", "include_residual_value": False,
                             "profit_sharing_pct": "10", "replace_assets": True},
    }, ["org:club_juchipila"]),
}


def _load_demo_plans(repository: Repository) -> None:
    from advisor_app.store.plans import create_plan

    for key, (values, partner_keys) in _PLANS.items():
        if repository.get("plans", demo_id(key)) is not None:
            continue
        values = dict(values, id=demo_id(key), lead_organization_id=demo_id(values["lead_organization_id"]))
        create_plan(repository, values, [demo_id(partner) for partner in partner_keys])


# The demo agreement's drafting date: fixed, so its folio and text are the same on every laptop.
DEMO_TODAY = dt.date(2026, 11, 20)


# The English beside the plan's answers the demo agreement quotes, as an advisor would type it.
_AGREEMENT_ENGLISH = {
    "business_name": "El Cargadero dried chile and sauce plant",
    "business_activity": "To dry and grind the guajillo chile already harvested in El Cargadero and bottle a table "
                         "sauce, to sell under its own brand in Jerez and Zacatecas and, through the club, in Los "
                         "Angeles.",
    "decision_rules": "A partners' assembly every three months for major matters; the manager decides the daily "
                      "operation.",
    "roles": "President: Ramón Ruvalcaba; treasurer: Martha Ibarra; plant manager: Pedro Haro.",
    "profit_sharing": "30 % of the profit is reinvested; the rest is shared according to each partner's contribution.",
    "partner_changes": "A partner who leaves sells their share first to the other partners, at book value.",
}


def _load_demo_agreements(repository: Repository) -> None:
    """The investor group's partnership agreement, drafted from its plan, reviewed and ready to sign."""
    from advisor_app.store import agreements

    agreement_id = demo_id("agreement:partnership")
    if repository.get("agreements", agreement_id) is not None:
        return
    with repository.store.transaction():
        agreements.create_agreement(repository, "partnership", demo_id("org:investors"), demo_id("plan:investors"),
                                    agreement_id=agreement_id, today=DEMO_TODAY)
        agreements.set_parameter(repository, agreement_id, "loan_lender", "Caja Solidaria Jerez, S.C. de A.P.")
        agreements.set_parameter(repository, agreement_id, "managing_partner", "Gerardo Félix Román")
        for number, party in enumerate(agreements.party_rows(repository.conn, agreement_id), 1):
            # The voter ID (INE) each partner will show at the signing: its 13-figure number.
            agreements.edit_party(repository, party["id"], {"id_number": f"INE {1847300000000 + number * 7919}"})
        for name, english in _AGREEMENT_ENGLISH.items():
            agreements.set_parameter_english(repository, agreement_id, name, english)
        agreements.edit_agreement(repository, agreement_id, {
            "title": "Contrato de asociación de la planta de chile seco El Cargadero", "language": "both",
            "title_en": "Joint venture agreement of the El Cargadero dried chile plant",
            "signed_place": "Presidencia municipal de Jerez, Zacatecas"})
        agreements.mark_reviewed(repository, agreement_id)
        agreements.mark_ready(repository, agreement_id)


# Workshops: key, title, competencies, days from today, place, facilitator, hours, status, attendees (came?)
_WORKSHOPS = [
    ("workshop:plan", "Cómo armar el plan de negocio del grupo", ["business", "finance"], -60,
     "Salón ejidal de El Cargadero", "Laura Méndez", "6", "held",
     {"p11": True, "p12": True, "p01": True, "p02": False, "p13": True, "p14": True, "p15": False}),
    ("workshop:agreements", "Acuerdos claros entre socios", ["agreements", "leadership"], -20,
     "Presidencia municipal de Jerez", "Laura Méndez", "4", "held",
     {"p11": True, "p12": True, "p01": False, "p02": True}),
    ("workshop:market", "Vender fuera de la comunidad: mercado y precios", ["market", "negotiation"], 10,
     "Casa de la cultura de Juchipila", "Equipo de la Federación", "5", "planned",
     {"p13": False, "p14": False, "p15": False, "p16": False, "p11": False}),
]


# Advisory sessions: key, organization, days from today, topics, notes, attendees, agreed actions
_SESSIONS = [
    ("session:investors", "org:investors", -30, ["finance", "agreements"],
     "Revisamos el flujo de efectivo de la planta y el crédito de la caja. Falta la cotización del molino.",
     ["p11", "p12", "p01"],
     [("Pedir dos cotizaciones del molino de chile", "p11", -7, None),
      ("Abrir la cuenta bancaria del negocio", "p12", -14, -16)]),
    ("session:cooperative", "org:cooperative", -5, ["market"],
     "La cooperativa quiere vender ate en Zacatecas capital; hablamos de etiquetas y registro sanitario.",
     ["p13", "p14", "p15"],
     [("Preguntar en COFEPRIS qué registro necesita el ate", "p13", 14, None)]),
]


def _load_demo_training(repository: Repository, today: dt.date) -> None:
    """Three workshops with their lists, and two advisory sessions with agreed actions, one overdue."""
    for key, title, topics, days, place, facilitator, hours, status, people in _WORKSHOPS:
        workshop_id = demo_id(key)
        if repository.get("workshops", workshop_id) is not None:
            continue
        with repository.store.transaction():
            repository.insert("workshops", {"title": title, "topics": topics, "place": place, "hours": hours,
                                            "held_on": today + dt.timedelta(days=days), "facilitator": facilitator,
                                            "status": status}, row_id=workshop_id)
            for person, came in people.items():
                organization = "org:investors" if person in ("p01", "p02", "p11", "p12") else "org:cooperative"
                repository.insert("workshop_attendance", {
                    "workshop_id": workshop_id, "person_id": demo_id(f"person:{person}"),
                    "organization_id": demo_id(organization), "attended": int(came)},
                    row_id=demo_id(f"{key}:{person}"))
    for key, organization, days, topics, notes, attendees, actions in _SESSIONS:
        session_id = demo_id(key)
        if repository.get("advisory_sessions", session_id) is not None:
            continue
        with repository.store.transaction():
            repository.insert("advisory_sessions", {"organization_id": demo_id(organization), "topics": topics,
                                                    "held_on": today + dt.timedelta(days=days), "notes": notes},
                              row_id=session_id)
            for person in attendees:
                repository.insert("session_attendance", {"session_id": session_id,
                                                         "person_id": demo_id(f"person:{person}")},
                                  row_id=demo_id(f"{key}:{person}"))
            for number, (description, responsible, due, done) in enumerate(actions):
                repository.insert("session_actions", {
                    "session_id": session_id, "description": description,
                    "responsible_id": demo_id(f"person:{responsible}"), "due_on": today + dt.timedelta(days=due),
                    "done_on": None if done is None else today + dt.timedelta(days=done)},
                    row_id=demo_id(f"{key}:action{number}"))
