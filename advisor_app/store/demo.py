"""Demo data: a Zacatecan federation in California, two clubs, a mirror committee, a cooperative of
twelve and an investor group of four. Ids are fixed, so loading twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid

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
    body = (f[0] + _inner(f, True) + s[0] + g[0] + born.strftime("%y%m%d") + sex + state
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


def load_demo(repository: Repository) -> int:
    """Insert whatever of the demo set is missing; returns how many records (localities included)
    were added."""
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
    return repository.store.counts()["change_log"] - before
