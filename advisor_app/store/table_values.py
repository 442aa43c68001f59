"""A spreadsheet's cells turned into what the record fields take, before the records' own rules judge them.

Only the shape is changed here: a date written day first (21/03/1985, as Mexico writes it) becomes ISO,
a label of a list ("Presidenta", "Club de migrantes", "Estados Unidos") becomes its code, a municipality
written by name becomes its INEGI key. Whether the value is acceptable is decided by ``domain/records.py``
through the repository, the same rules as typing.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from advisor_app.domain import entities
from advisor_app.domain.catalog import Municipality, fold, mexico, us_states
from advisor_app.i18n import _, speaking


class CellProblem(ValueError):
    """A cell that cannot be turned into a value; ``str()`` is the translated sentence."""


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_INEGI_KEY = re.compile(r"^\d{4,5}$")

# Ways offices write the codes that the vocabularies' labels do not cover (compared folded).
_SPELLINGS = {
    "residence_country": {"mexico": "MX", "mex": "MX", "mx": "MX", "estados unidos": "US", "ee uu": "US",
                          "eeuu": "US", "eua": "US", "usa": "US", "us": "US", "united states": "US"},
    "role": {"presidente": "president", "presidenta": "president", "secretario": "secretary",
             "secretaria": "secretary", "tesorero": "treasurer", "tesorera": "treasurer", "socio": "member",
             "socia": "member", "miembro": "member", "inversionista": "investor", "inversor": "investor"},
    "kind": {"club": "migrant_club", "club de migrantes": "migrant_club", "federacion": "federation",
             "cooperativa": "cooperative", "grupo de inversionistas": "investor_group",
             "comite comunitario": "community_committee", "comite": "community_committee", "otra": "other",
             "otro": "other"},
    "currency": {"pesos": "MXN", "peso": "MXN", "mn": "MXN", "dolares": "USD", "dollars": "USD", "us": "USD"},
}
VOCABULARIES = {"residence_country": entities.RESIDENCE_COUNTRIES, "role": entities.MEMBERSHIP_ROLES,
                "kind": entities.ORGANIZATION_KINDS, "status": entities.ORGANIZATION_STATUSES,
                "currency": entities.CURRENCIES}


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


@lru_cache(maxsize=None)
def _codes(field: str) -> dict[str, str]:
    """Compared text → code: the codes themselves, their labels in both languages, the other spellings."""
    vocabulary = VOCABULARIES[field]
    found = {_key(code): code for code in vocabulary}
    for language in ("es", "en"):
        with speaking(language):
            found.update({_key(_(label)): code for code, label in vocabulary.items()})
    found.update(_SPELLINGS.get(field, {}))
    return found


def text_of(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time(0) else cell.isoformat(sep=" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell).strip()


def date_value(cell: Any) -> str | None:
    """ISO text of a date cell: a spreadsheet's date, 21/03/1985 (day first) or 1985-03-21."""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    text = text_of(cell)
    if not text:
        return None
    found = _DAY_FIRST.match(text)
    if found:
        day, month, year = (int(part) for part in found.groups())
    else:
        found = _ISO_DATE.match(text)
        if not found:
            raise CellProblem(_("Write a date as 21/03/1985 (day first) or 1985-03-21."))
        year, month, day = (int(part) for part in found.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise CellProblem(_("{typed} is not a real date (day/month/year).").format(typed=text)) from None


def code_value(field: str, cell: Any) -> str | None:
    text = text_of(cell)
    if not text:
        return None
    code = _codes(field).get(_key(text))
    if code is None:
        options = ", ".join(_(label) for label in VOCABULARIES[field].values())
        raise CellProblem(_("{typed} is not one of: {options}.").format(typed=text, options=options))
    return code


def number_value(cell: Any) -> str | None:
    """A share or an amount as the records read numbers: "25 %", "$1,500.00" and "1 500" taken."""
    text = text_of(cell).replace("%", "").replace("$", "").replace("\u00a0", " ").strip()
    for mark in ("MXN", "USD", "mxn", "usd"):
        text = text.replace(mark, "")
    text = text.strip()
    if re.fullmatch(r"\d{1,3}( \d{3})+(\.\d+)?", text):
        text = text.replace(" ", "")
    return text or None


def us_state_value(cell: Any) -> str | None:
    text = text_of(cell)
    if not text:
        return None
    states = us_states()
    if text.upper() in states:
        return text.upper()
    by_name = {fold(name): code for code, name in states.items()}
    code = by_name.get(fold(text))
    if code is None:
        raise CellProblem(_("{typed} is not a US state.").format(typed=text))
    return code


@lru_cache(maxsize=1)
def _municipality_index() -> tuple[dict[str, list[Municipality]], dict[str, Municipality]]:
    """Folded name → municipalities of that name; folded "name, state" → the municipality."""
    by_name: dict[str, list[Municipality]] = {}
    by_label: dict[str, Municipality] = {}
    for municipality in mexico().municipalities.values():
        by_name.setdefault(_key(municipality.name), []).append(municipality)
        by_label[_key(municipality.label)] = municipality
    return by_name, by_label


def _state_matches(state_text: str, municipality: Municipality) -> bool:
    wanted = _key(state_text)
    state = municipality.state
    return wanted in (_key(state.name), state.key.lstrip("0"), state.key, _key(state.curp_code))


def municipality_key(municipality_text: Any, state_text: Any) -> str | None:
    """The INEGI key of a municipality written by key, by name, or by "name, state"; the state column,
    when there is one, tells apart the municipalities of the same name (there are several Guadalupes)."""
    text, state = text_of(municipality_text), text_of(state_text)
    if not text:
        return None
    catalog = mexico()
    if _INEGI_KEY.match(text):
        key = text.zfill(5)
        if catalog.municipality(key):
            return key
    by_name, by_label = _municipality_index()
    found = by_label.get(_key(text))
    if found is not None:
        return found.key
    candidates = by_name.get(_key(text), [])
    if state:
        candidates = [municipality for municipality in candidates if _state_matches(state, municipality)]
    if len(candidates) == 1:
        return candidates[0].key
    if len(candidates) > 1:
        raise CellProblem(_("Several municipalities are called {name} ({states}): write the state too.").format(
            name=text, states=", ".join(municipality.state.name for municipality in candidates[:6])))
    near = catalog.search(f"{text} {state}".strip(), limit=1) or catalog.search(text, limit=1)
    if near:
        raise CellProblem(_("{name} is not a municipality in the INEGI catalog; did you mean {label}?").format(
            name=", ".join(part for part in (text, state) if part), label=near[0].label))
    raise CellProblem(_("{name} is not a municipality in the INEGI catalog.").format(
        name=", ".join(part for part in (text, state) if part)))
