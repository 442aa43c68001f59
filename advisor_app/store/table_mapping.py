"""Which column of a spreadsheet holds which field: the fields each kind of import takes, guesses from
headers written in Spanish or English, the mapping remembered per kind, and the template's headers.

A header is compared folded (no case, no accents) with its punctuation taken out, so "Nombre(s)",
"NOMBRE (S)" and "nombres" all name the given names.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from advisor_app.domain.catalog import fold
from advisor_app.i18n import N_, _
from advisor_app.store.errors import StoreError

KINDS = ("people", "organizations", "memberships")
KIND_NAMES = {"people": N_("People"), "organizations": N_("Organizations"),
              "memberships": N_("Members of organizations")}
_MEMORY_KEY = "table_import_mapping:{kind}"


@dataclass(frozen=True)
class ImportField:
    name: str
    label: str  # English, marked with N_; translated where shown
    headers: tuple[str, ...] = ()  # further ways offices write it, in Spanish and English
    required: bool = False


_PLACE = (
    ImportField("municipality", N_("Municipality"), ("municipio", "mpio", "municipality", "municipio de origen",
                                                   "county", "municipio inegi", "clave inegi")),
    ImportField("state", N_("State"), ("estado", "entidad", "entidad federativa", "state", "estado de origen")),
    ImportField("locality", N_("Locality"), ("localidad", "comunidad", "rancho", "pueblo", "locality", "town",
                                             "localidad de origen", "community")),
)
FIELDS: dict[str, tuple[ImportField, ...]] = {
    "people": (
        ImportField("given_names", N_("Given names"), ("nombre", "nombres", "nombre s", "given names", "given name",
                                                        "first name", "first names", "name"), required=True),
        ImportField("first_surname", N_("First surname"), ("apellido paterno", "primer apellido", "paterno",
                                                            "apellido", "first surname", "surname", "last name",
                                                            "paternal surname", "father s surname"), required=True),
        ImportField("second_surname", N_("Second surname"), ("apellido materno", "segundo apellido", "materno",
                                                             "second surname", "maternal surname",
                                                             "mother s surname")),
        ImportField("birth_date", N_("Birth date"), ("fecha de nacimiento", "nacimiento", "fecha nacimiento",
                                                     "f nacimiento", "birth date", "date of birth", "birthdate",
                                                     "dob", "born")),
        ImportField("curp", N_("CURP"), ("curp",)),
        ImportField("rfc", N_("RFC"), ("rfc",)),
        ImportField("phone", N_("Phone"), ("telefono", "tel", "celular", "cel", "movil", "whatsapp", "phone",
                                          "telephone", "cell", "cell phone", "mobile", "telefono celular")),
        ImportField("email", N_("E-mail"), ("correo", "correo electronico", "email", "e mail", "mail")),
        ImportField("residence_country", N_("Lives in"), ("pais", "pais de residencia", "reside en", "vive en",
                                                          "residencia", "country", "lives in",
                                                          "country of residence")),
        *_PLACE,
        ImportField("us_city", N_("US city"), ("ciudad", "ciudad ee uu", "ciudad eeuu", "ciudad en ee uu",
                                               "ciudad usa", "city", "us city", "city us")),
        ImportField("notes", N_("Notes"), ("notas", "observaciones", "comentarios", "notes", "comments")),
    ),
    "organizations": (
        ImportField("name", N_("Name"), ("nombre", "club", "organizacion", "nombre del club",
                                         "nombre de la organizacion", "name", "organization", "organisation",
                                         "club name"), required=True),
        ImportField("kind", N_("Kind"), ("tipo", "tipo de organizacion", "kind", "type")),
        *_PLACE,
        ImportField("base_city", N_("US city"), ("ciudad", "ciudad ee uu", "ciudad eeuu", "sede", "city", "us city",
                                                 "base city")),
        ImportField("base_state", N_("US state"), ("estado ee uu", "estado eeuu", "estado usa", "us state")),
        ImportField("legal_form", N_("Legal form"), ("figura juridica", "forma juridica", "legal form")),
        ImportField("registration_number", N_("Registration number"), ("toma de nota", "numero de registro",
                                                                       "registro", "registration number",
                                                                       "registration")),
        ImportField("registration_valid_until", N_("Registration valid until"), (
            "vigencia", "vigente hasta", "vigencia toma de nota", "valid until", "registration valid until")),
        ImportField("rfc", N_("RFC"), ("rfc",)),
        ImportField("contact_name", N_("Contact person"), ("contacto", "persona de contacto", "contact",
                                                           "contact person", "contact name")),
        ImportField("phone", N_("Phone"), ("telefono", "tel", "celular", "phone", "telephone")),
        ImportField("email", N_("E-mail"), ("correo", "correo electronico", "email", "e mail")),
        ImportField("status", N_("Status"), ("estatus", "situacion", "status")),
        ImportField("notes", N_("Notes"), ("notas", "observaciones", "comentarios", "notes", "comments")),
    ),
    "memberships": (
        ImportField("person_curp", N_("Member's CURP"), ("curp", "curp del socio", "curp del miembro",
                                                         "curp de la persona")),
        ImportField("person_name", N_("Member's name"), ("nombre", "nombre completo", "socio", "socia", "miembro",
                                                         "integrante", "persona", "name", "full name", "member",
                                                         "person")),
        ImportField("organization", N_("Organization"), ("club", "organizacion", "organization", "organisation",
                                                         "grupo", "cooperativa", "group"), required=True),
        ImportField("role", N_("Role"), ("cargo", "puesto", "rol", "role", "position")),
        ImportField("share_pct", N_("Share (%)"), ("participacion", "porcentaje", "participacion", "share",
                                                   "share pct", "percentage")),
        ImportField("contribution", N_("Committed contribution"), ("aportacion", "aportacion comprometida",
                                                                   "contribution", "committed contribution")),
        ImportField("currency", N_("Currency"), ("moneda", "divisa", "currency")),
    ),
}
BY_NAME = {kind: {item.name: item for item in items} for kind, items in FIELDS.items()}


def header_key(text: str) -> str:
    """The compared form of a header: folded, punctuation and spaces reduced to single spaces."""
    return re.sub(r"[^a-z0-9]+", " ", fold(str(text or ""))).strip()


def _spellings(kind: str) -> dict[str, str]:
    """Compared header → field: the field's own label in both languages, then the other spellings."""
    from advisor_app.i18n import speaking

    found: dict[str, str] = {}
    for item in FIELDS[kind]:
        for language in ("en", "es"):
            with speaking(language):
                found.setdefault(header_key(_(item.label)), item.name)
        found.setdefault(header_key(item.name), item.name)
    for item in FIELDS[kind]:
        for spelling in item.headers:
            found.setdefault(header_key(spelling), item.name)
    return found


def guess_mapping(kind: str, headers: list[str], remembered: dict[str, str] | None = None) -> dict[int, str]:
    """Column index → field for the columns whose header says which field they hold; each field once,
    the first column that claims it. A header mapped the last time is mapped the same way again."""
    spellings = _spellings(kind)
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    remembered = {header_key(header): name for header, name in (remembered or {}).items()
                  if name in BY_NAME[kind]}
    for source in (remembered, spellings):
        for index, header in enumerate(headers):
            name = source.get(header_key(header))
            if index not in mapping and name and name not in taken:
                mapping[index] = name
                taken.add(name)
    return mapping


def mapping_problems(kind: str, mapping: dict[int, str]) -> list[str]:
    """Sentences for what the mapping lacks before any row can be read: the fields every row needs."""
    chosen = set(mapping.values())
    missing = [_(item.label) for item in FIELDS[kind] if item.required and item.name not in chosen]
    problems = [_("Choose the column that holds {field}.").format(field=name) for name in missing]
    if kind == "memberships" and not {"person_curp", "person_name"} & chosen:
        problems.append(_("Choose the column that holds the member's CURP or name."))
    return problems


def mapping_from_names(kind: str, headers: list[str], by_header: dict[str, str]) -> dict[int, str]:
    """The mapping a person wrote as header → field name (the command line's --map); an unknown header or
    field is one sentence."""
    keys = {header_key(header): index for index, header in enumerate(headers)}
    mapping: dict[int, str] = {}
    for header, name in by_header.items():
        if name not in BY_NAME[kind]:
            raise StoreError(_("{field} is not a field of this import; the fields are: {fields}.").format(
                field=name, fields=", ".join(BY_NAME[kind])))
        index = keys.get(header_key(header))
        if index is None:
            raise StoreError(_("The file has no column called {column}.").format(column=header))
        mapping[index] = name
    return mapping


def remembered_mapping(store, kind: str) -> dict[str, str]:
    """The header → field mapping used the last time for this kind ({} when none)."""
    text = store.get_meta(_MEMORY_KEY.format(kind=kind))
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return {str(header): str(name) for header, name in value.items()} if isinstance(value, dict) else {}


def remember_mapping(store, kind: str, headers: list[str], mapping: dict[int, str]) -> None:
    """Kept in this laptop's meta (a setting, not a record: it does not travel)."""
    by_header = {headers[index]: name for index, name in sorted(mapping.items()) if index < len(headers)}
    store.set_meta(_MEMORY_KEY.format(kind=kind), json.dumps(by_header, ensure_ascii=False))


def template_headers(kind: str) -> list[str]:
    """The template's column names, in the current language: what the guess reads back at once."""
    return [_(item.label) for item in FIELDS[kind]]
