"""What each registry record holds and when a value is acceptable.

One ``FieldSpec`` per column that a person can edit; the store refuses what ``validate`` refuses and
the forms show the same sentences beside the field as the user types. Stored forms: text stripped
(empty means no value), codes from a vocabulary, dates as ISO text, decimals as canonical text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from advisor_app.domain import entities, plans, training
from advisor_app.domain.agreements import vocabulary as agreement_words
from advisor_app.domain.catalog import mexico, us_states
from advisor_app.domain.dates import read_date
from advisor_app.domain.identifiers import check_curp, check_rfc, compact, curp_birth_date, rfc_warning
from advisor_app.i18n import N_, _

Check = Callable[[Any], "str | None"]

_PHONE = re.compile(r"^\+?[\d\s().-]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# A comma is taken only as a thousands separator: "1,5" is refused rather than read as 15.
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str  # English, marked with N_; translate when shown
    kind: str = "text"  # text, code, date, decimal, ref, key, integer, json (a list or an object as text)
    required: bool = False
    max_length: int = 200
    vocabulary: dict[str, str] | None = None
    check: Check | None = None
    upper: bool = False
    compact: bool = False   # an identifier: the dashes, spaces and underscores people paste are dropped
    warn: Check | None = None  # a sentence shown beside the field that does not keep the value from being saved


def check_phone(value: str) -> str | None:
    digits = sum(map(str.isdigit, value))
    if not _PHONE.match(value) or not 7 <= digits <= 15:
        return _("A phone number has 7 to 15 digits and may start with + (e.g. +52 494 123 4567).")
    return None


def check_email(value: str) -> str | None:
    return None if _EMAIL.match(value) else _("This is not an e-mail address (name@example.com).")


def check_share(value: Decimal) -> str | None:
    if not Decimal(0) <= value <= Decimal(100):
        return _("A share is a percentage between 0 and 100.")
    return None


def check_amount(value: Decimal) -> str | None:
    if value < 0:
        return _("An amount cannot be negative.")
    if value >= Decimal("1e12"):
        return _("This amount is too large to be right.")
    return None


def check_person_curp(value: str) -> str | None:
    return check_curp(value, mexico().curp_state_codes)


def check_company_rfc(value: str) -> str | None:
    if len(value) != 12:
        return _("An organization's RFC has 12 characters; this one has {count}.").format(count=len(value))
    return check_rfc(value)


def check_person_rfc(value: str) -> str | None:
    if len(value) != 13:
        return _("A person's RFC has 13 characters; this one has {count}.").format(count=len(value))
    return check_rfc(value)


def check_us_state(value: str) -> str | None:
    return None if value in us_states() else _("Choose a US state from the list.")


def check_municipality(value: str) -> str | None:
    return None if mexico().municipality(value) else _("Choose a municipality from the list.")


def check_birth_date(value: dt.date) -> str | None:
    if value > dt.date.today():
        return _("A birth date cannot be in the future.")
    if value.year < 1900:
        return _("A birth date before 1900 is not plausible.")
    return None


RECORDS: dict[str, tuple[FieldSpec, ...]] = {
    "localities": (
        FieldSpec("municipality_key", N_("Municipality"), kind="key", required=True, check=check_municipality),
        FieldSpec("name", N_("Locality")),
    ),
    "organizations": (
        FieldSpec("kind", N_("Kind"), kind="code", required=True, vocabulary=entities.ORGANIZATION_KINDS),
        FieldSpec("name", N_("Name"), required=True),
        FieldSpec("origin_locality_id", N_("Origin locality"), kind="ref"),
        FieldSpec("base_city", N_("US city")),
        FieldSpec("base_state", N_("US state"), kind="key", check=check_us_state, upper=True),
        FieldSpec("parent_id", N_("Federation"), kind="ref"),
        FieldSpec("legal_form", N_("Legal form")),
        FieldSpec("registration_number", N_("Registration number")),
        FieldSpec("registration_valid_until", N_("Registration valid until"), kind="date"),
        FieldSpec("rfc", N_("RFC"), check=check_company_rfc, upper=True, compact=True, warn=rfc_warning),
        FieldSpec("contact_name", N_("Contact person")),
        FieldSpec("phone", N_("Phone"), check=check_phone),
        FieldSpec("email", N_("E-mail"), check=check_email),
        FieldSpec("status", N_("Status"), kind="code", required=True, vocabulary=entities.ORGANIZATION_STATUSES),
        FieldSpec("notes", N_("Notes"), max_length=10_000),
    ),
    "people": (
        FieldSpec("given_names", N_("Given names"), required=True),
        FieldSpec("first_surname", N_("First surname"), required=True),
        FieldSpec("second_surname", N_("Second surname")),
        FieldSpec("birth_date", N_("Birth date"), kind="date", check=check_birth_date),
        FieldSpec("curp", N_("CURP"), check=check_person_curp, upper=True, compact=True),
        FieldSpec("rfc", N_("RFC"), check=check_person_rfc, upper=True, compact=True, warn=rfc_warning),
        FieldSpec("phone", N_("Phone"), check=check_phone),
        FieldSpec("email", N_("E-mail"), check=check_email),
        FieldSpec("residence_country", N_("Lives in"), kind="code", required=True,
                  vocabulary=entities.RESIDENCE_COUNTRIES),
        FieldSpec("locality_id", N_("Locality"), kind="ref"),
        FieldSpec("us_city", N_("US city")),
        FieldSpec("grammatical_form", N_("Form of address in documents"), kind="code",
                  vocabulary=entities.PERSON_FORMS),
        FieldSpec("notes", N_("Notes"), max_length=10_000),
    ),
    "memberships": (
        FieldSpec("person_id", N_("Person"), kind="ref", required=True),
        FieldSpec("organization_id", N_("Organization"), kind="ref", required=True),
        FieldSpec("role", N_("Role"), kind="code", required=True, vocabulary=entities.MEMBERSHIP_ROLES),
        FieldSpec("share_pct", N_("Share (%)"), kind="decimal", check=check_share),
        FieldSpec("contribution", N_("Committed contribution"), kind="decimal", check=check_amount),
        FieldSpec("currency", N_("Currency"), kind="code", required=True, vocabulary=entities.CURRENCIES),
    ),
}

_SHA256 = re.compile(r"[0-9a-f]{64}")


def is_sha256(value: Any) -> bool:
    """Exactly 64 lowercase hex characters: the only text an attachment's file may be named by, so that
    no path is ever built from a value that could say ``../advisor.sqlite3``."""
    return isinstance(value, str) and _SHA256.fullmatch(value) is not None


def check_sha256(value: str) -> str | None:
    return None if is_sha256(value) else _("This is not a SHA-256 hash.")


RECORDS["attachments"] = (
    FieldSpec("sha256", N_("Content hash"), kind="key", required=True, max_length=64, check=check_sha256),
    FieldSpec("file_name", N_("File name"), required=True),
    FieldSpec("media_type", N_("File type")),
    FieldSpec("size", N_("Size"), kind="integer"),
    FieldSpec("table_name", N_("Attached to"), kind="key"),
    FieldSpec("record_id", N_("Record"), kind="ref"),
)

RECORD_LINK_KINDS = {"merged": N_("merged into"), "not_same": N_("not the same as")}
RECORDS["record_links"] = (
    FieldSpec("kind", N_("Link"), kind="code", required=True, vocabulary=RECORD_LINK_KINDS),
    FieldSpec("table_name", N_("Records"), kind="code", required=True,
              vocabulary={"people": N_("People"), "organizations": N_("Organizations")}),
    FieldSpec("from_id", N_("Record"), kind="key", required=True, max_length=64),
    FieldSpec("to_id", N_("Other record"), kind="key", required=True, max_length=64),
)


def check_plan_page(value: int) -> str | None:
    return None if 0 <= value < len(plans.PAGES) else _("Choose one of the options in the list.")


_ANSWER_LENGTH = 10_000
_MODEL_LENGTH = 200_000
RECORDS["plans"] = (
    FieldSpec("title", N_("Title"), required=True),
    FieldSpec("lead_organization_id", N_("Lead organization"), kind="ref", required=True),
    FieldSpec("locality_id", N_("Locality"), kind="ref"),
    FieldSpec("sector", N_("Sector"), kind="code", vocabulary=plans.SECTORS),
    FieldSpec("project_type", N_("Type of project"), kind="key", max_length=60),
    FieldSpec("status", N_("Status"), kind="code", required=True, vocabulary=plans.PLAN_STATUSES),
    FieldSpec("scenario_of", N_("Scenario of"), kind="ref"),
    FieldSpec("scenario_name", N_("Scenario")),
    FieldSpec("current_page", N_("Page"), kind="integer", check=check_plan_page),
    FieldSpec("summary", N_("Project summary"), max_length=_ANSWER_LENGTH),
    *(FieldSpec(column, question_label, max_length=_ANSWER_LENGTH) for column, question_label in (
        (question.column, question.label) for item in plans.PAGES for question in item.questions)),
    FieldSpec("risks", N_("Risks"), kind="json", max_length=_MODEL_LENGTH),
    *(FieldSpec(column, label_text, kind="json", max_length=_MODEL_LENGTH) for column, label_text in (
        ("investments", N_("Investment")), ("funding", N_("Financing")), ("products", N_("Products and services")),
        ("fixed_costs", N_("Fixed costs")), ("finance_settings", N_("Financial settings")))),
    FieldSpec("scheme_id", N_("Co-financing scheme"), kind="key", max_length=60),
)
RECORDS["plan_organizations"] = (
    FieldSpec("plan_id", N_("Plan"), kind="ref", required=True),
    FieldSpec("organization_id", N_("Organization"), kind="ref", required=True),
)

def check_template(value: str) -> str | None:
    from advisor_app.domain.agreements.library import LibraryError, template

    try:
        template(value)
    except LibraryError as error:
        return str(error)
    return None


def check_flag(value: int) -> str | None:
    return None if value in (0, 1) else _("Choose one of the options in the list.")


def check_version(value: int) -> str | None:
    return None if value >= 1 else _("A version number starts at 1.")


def check_text_object(value: Any) -> str | None:
    """The English of the terms: an object of parameter names to the text typed, nothing else."""
    if not isinstance(value, dict) or not all(isinstance(key, str) and isinstance(text, str) and len(text) <= 10_000
                                              for key, text in value.items()):
        return _("The English of the terms must be text for each term.")
    return None


RECORDS["agreements"] = (
    FieldSpec("title", N_("Title"), required=True),
    FieldSpec("template_id", N_("Template"), kind="key", required=True, max_length=60, check=check_template),
    FieldSpec("organization_id", N_("Organization"), kind="ref"),
    FieldSpec("plan_id", N_("Business plan"), kind="ref"),
    FieldSpec("folio", N_("Folio"), kind="key", required=True, max_length=40),
    FieldSpec("language", N_("Print in"), kind="code", required=True, vocabulary=agreement_words.LANGUAGE_CHOICES),
    FieldSpec("currency", N_("Currency"), kind="code", required=True, vocabulary=entities.CURRENCIES),
    FieldSpec("status", N_("Status"), kind="code", required=True, vocabulary=agreement_words.STATUSES),
    FieldSpec("version", N_("Version"), kind="integer", required=True, check=check_version),
    FieldSpec("title_en", N_("Title in English")),
    FieldSpec("parameters", N_("Terms"), kind="json", max_length=_MODEL_LENGTH),
    FieldSpec("parameters_en", N_("Terms in English"), kind="json", max_length=_MODEL_LENGTH,
              check=check_text_object),
    FieldSpec("clauses", N_("Optional clauses"), kind="json", max_length=_MODEL_LENGTH),
    FieldSpec("signed_place", N_("Place of signing")),
    FieldSpec("signed_on", N_("Date of signing"), kind="date"),
    FieldSpec("content_hash", N_("Content hash"), kind="key", max_length=64),
    FieldSpec("notes", N_("Notes"), max_length=10_000),
)
RECORDS["agreement_parties"] = (
    FieldSpec("agreement_id", N_("Agreement"), kind="ref", required=True),
    FieldSpec("kind", N_("Kind of party"), kind="code", required=True, vocabulary=agreement_words.PARTY_KIND_NAMES),
    FieldSpec("person_id", N_("Person"), kind="ref"),
    FieldSpec("organization_id", N_("Organization"), kind="ref"),
    FieldSpec("authority_name", N_("Authority")),
    FieldSpec("authority_name_en", N_("Authority in English")),
    FieldSpec("role", N_("Role"), kind="key", required=True, max_length=60),
    FieldSpec("signs", N_("Signs"), kind="integer", check=check_flag),
    FieldSpec("id_number", N_("ID number"), max_length=60),
    FieldSpec("representative", N_("Signs on its behalf")),
    FieldSpec("representative_title", N_("Signatory's position")),
    FieldSpec("representative_title_en", N_("Signatory's position in English")),
    FieldSpec("contribution", N_("Contribution"), kind="decimal", check=check_amount),
    FieldSpec("currency", N_("Currency"), kind="code", vocabulary=entities.CURRENCIES),
    FieldSpec("share_pct", N_("Share (%)"), kind="decimal", check=check_share),
    FieldSpec("position", N_("Order"), kind="integer"),
)
RECORDS["agreement_versions"] = (
    FieldSpec("agreement_id", N_("Agreement"), kind="ref", required=True),
    FieldSpec("version", N_("Version"), kind="integer", required=True, check=check_version),
    FieldSpec("status", N_("Status"), kind="code", required=True, vocabulary=agreement_words.STATUSES),
    FieldSpec("content_hash", N_("Content hash"), kind="key", required=True, max_length=64),
    FieldSpec("snapshot", N_("Text"), kind="json", required=True, max_length=5_000_000),
)

def check_hours(value: Decimal) -> str | None:
    return None if Decimal(0) < value <= Decimal(200) else _("A workshop lasts between a few minutes and 200 hours.")


RECORDS["workshops"] = (
    FieldSpec("title", N_("Title"), required=True),
    FieldSpec("topics", N_("Competencies"), kind="json", required=True, max_length=2_000, check=training.check_topics),
    FieldSpec("held_on", N_("Date"), kind="date", required=True),
    FieldSpec("place", N_("Place")),
    FieldSpec("facilitator", N_("Facilitator")),
    FieldSpec("hours", N_("Hours"), kind="decimal", check=check_hours),
    FieldSpec("status", N_("Status"), kind="code", required=True, vocabulary=training.WORKSHOP_STATUSES),
    FieldSpec("notes", N_("Notes"), max_length=10_000),
)
RECORDS["workshop_attendance"] = (
    FieldSpec("workshop_id", N_("Workshop"), kind="ref", required=True),
    FieldSpec("person_id", N_("Person"), kind="ref", required=True),
    FieldSpec("organization_id", N_("Organization"), kind="ref"),
    FieldSpec("attended", N_("Came"), kind="integer", check=check_flag),
)
RECORDS["advisory_sessions"] = (
    FieldSpec("organization_id", N_("Organization"), kind="ref", required=True),
    FieldSpec("held_on", N_("Date"), kind="date", required=True),
    FieldSpec("topics", N_("Topics"), kind="json", max_length=2_000),
    FieldSpec("notes", N_("Notes"), max_length=20_000),
)
RECORDS["session_attendance"] = (
    FieldSpec("session_id", N_("Advisory session"), kind="ref", required=True),
    FieldSpec("person_id", N_("Person"), kind="ref", required=True),
)
RECORDS["session_actions"] = (
    FieldSpec("session_id", N_("Advisory session"), kind="ref", required=True),
    FieldSpec("description", N_("Agreed action"), required=True, max_length=2_000),
    FieldSpec("responsible_id", N_("Responsible person"), kind="ref", required=True),
    FieldSpec("due_on", N_("Due date"), kind="date"),
    FieldSpec("done_on", N_("Done on"), kind="date"),
)

SPECS: dict[str, dict[str, FieldSpec]] = {table: {spec.name: spec for spec in specs} for table, specs in RECORDS.items()}

# Fields with no rule beyond length: name → maximum length.
_PLAIN_TEXT = {table: {spec.name: spec.max_length for spec in specs.values()
                       if spec.kind == "text" and not spec.upper and spec.vocabulary is None and spec.check is None}
               for table, specs in SPECS.items()}

DEFAULTS: dict[str, dict[str, str]] = {
    "organizations": {"status": "active"},
    "people": {"residence_country": "MX"},
    "memberships": {"role": "member", "currency": "MXN"},
    "plans": {"status": "draft"},
    "agreements": {"status": "draft", "version": "1", "currency": "MXN", "language": "es"},
    "agreement_parties": {"signs": "0"},
    "workshops": {"status": "planned"},
    "workshop_attendance": {"attended": "0"},
}


def field_spec(table: str, name: str) -> FieldSpec:
    for spec in RECORDS[table]:
        if spec.name == name:
            return spec
    raise KeyError(f"{table}.{name}")


class InvalidValue(ValueError):
    """A value the user typed that the record cannot take; ``str()`` is the translated sentence."""


def parse(spec: FieldSpec, raw: Any) -> Any:
    """Typed value from what was typed or stored; ``None`` for empty. Raises ``InvalidValue``."""
    if raw is None:
        return None
    if isinstance(raw, str):
        raw = raw.strip()
        if raw == "":
            return None
        if spec.upper:
            raw = raw.upper()
        if spec.compact:
            raw = compact(raw)
    if spec.kind == "date":
        if isinstance(raw, dt.date):
            return raw
        try:
            return dt.date.fromisoformat(str(raw))
        except ValueError:
            pass
        # Stored and carried dates are ISO; the fields turn what people type into ISO first, so a date
        # arriving here in another shape is refused, naming what is wrong with it where it can.
        read_date(str(raw))
        raise InvalidValue(_("This is not a date (year-month-day, e.g. 1985-03-21)."))
    if spec.kind == "integer":
        if isinstance(raw, bool) or not isinstance(raw, (int, str)) or not str(raw).lstrip("-").isdigit():
            raise InvalidValue(_("This is not a whole number."))
        return int(raw)
    if spec.kind == "json":
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except ValueError:
                raise InvalidValue(_("This is not valid structured data.")) from None
        if not isinstance(raw, (list, dict)):
            raise InvalidValue(_("This is not valid structured data."))
        return raw
    if spec.kind == "decimal":
        text = str(raw)
        if "," in text and not _THOUSANDS.match(text):
            raise InvalidValue(_("This is not a number."))
        try:
            value = Decimal(text.replace(",", "")) if not isinstance(raw, Decimal) else raw
        except InvalidOperation:
            raise InvalidValue(_("This is not a number.")) from None
        if not value.is_finite():
            raise InvalidValue(_("This is not a number."))
        return value
    return raw


def _checked(spec: FieldSpec, raw: Any) -> tuple[str | None, Any]:
    """(sentence or None, parsed value), parsing once for both the check and the stored form."""
    try:
        value = parse(spec, raw)
    except InvalidValue as error:
        return str(error), None
    if value is None:
        return (_("{field} is required.").format(field=_(spec.label)) if spec.required else None), None
    if spec.kind == "json" and len(_stored_form(value)) > spec.max_length:
        return _("This is too long: at most {count} characters.").format(count=spec.max_length), value
    if spec.kind in ("text", "key") and len(value) > spec.max_length:
        return _("This is too long: at most {count} characters.").format(count=spec.max_length), value
    if spec.vocabulary is not None and value not in spec.vocabulary:
        return _("Choose one of the options in the list."), value
    return (spec.check(value) if spec.check else None), value


def problem(spec: FieldSpec, raw: Any) -> str | None:
    """The sentence to show beside the field, or ``None`` when the value is acceptable."""
    return _checked(spec, raw)[0]


def warning(spec: FieldSpec, raw: Any) -> str | None:
    """A sentence to show beside an acceptable value that deserves a second look (an RFC whose last
    character does not match), or ``None``."""
    message, value = _checked(spec, raw)
    return spec.warn(value) if spec.warn and message is None and value is not None else None


def _stored_form(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        value = value.normalize()
        return format(abs(value) if value.is_zero() else value, "f")
    return value


def storable(spec: FieldSpec, raw: Any) -> Any:
    """The form written to SQLite (assumes ``problem`` found nothing)."""
    return _stored_form(parse(spec, raw))


def validate(table: str, values: dict[str, Any], creating: bool) -> dict[str, str]:
    """Problems by field name; when ``creating``, missing required fields count too."""
    return checked_values(table, values, creating)[0]


def checked_values(table: str, values: dict[str, Any], creating: bool) -> tuple[dict[str, str], dict[str, Any]]:
    """(problems by field name, storable values): the write path's one pass over the values."""
    specs = SPECS[table]
    problems: dict[str, str] = {}
    clean: dict[str, Any] = {}
    plain = _PLAIN_TEXT[table]
    for name, raw in values.items():
        if name in plain and type(raw) is str:
            # Free text (names, notes, places): the common case, checked inline for bulk writes.
            text = raw.strip()
            if text and len(text) <= plain[name]:
                clean[name] = text
                continue
        spec = specs.get(name)
        if spec is None:
            problems[name] = _("This record has no field called {field}.").format(field=name)
            continue
        message, value = _checked(spec, raw)
        if message:
            problems[name] = message
        else:
            clean[name] = _stored_form(value)
    if creating:
        for spec in specs.values():
            if spec.required and spec.name not in values:
                problems[spec.name] = _("{field} is required.").format(field=_(spec.label))
    if table == "people" and ("curp" in values or "birth_date" in values):
        problems.update(person_cross_checks(values))
    return problems, clean


def person_cross_checks(values: dict[str, Any]) -> dict[str, str]:
    try:
        curp = parse(field_spec("people", "curp"), values.get("curp"))
        born = parse(field_spec("people", "birth_date"), values.get("birth_date"))
    except InvalidValue:
        return {}
    if curp and born and len(curp) == 18 and curp_birth_date(curp) not in (None, born):
        return {"curp": _("The birth date in this CURP does not match the birth date given.")}
    return {}


def total_shares(shares: list[Any]) -> Decimal:
    return sum((Decimal(str(share)) for share in shares if share not in (None, "")), Decimal(0))


def shares_problem(other_shares: list[Any], new_share: Any) -> str | None:
    """Members' shares of one organization may not add up to more than 100 %."""
    try:
        share = parse(field_spec("memberships", "share_pct"), new_share)
    except InvalidValue:
        return None
    total = total_shares(other_shares) + (share or Decimal(0))
    if total > 100:
        available = max(Decimal(100) - total_shares(other_shares), Decimal(0))
        return _("The members' shares would add up to {total} %; at most {available} % is left.").format(
            total=format(total.normalize(), "f"), available=format(available.normalize(), "f"))
    return None


RENEWAL_NOTICE_DAYS = 90


def registration_warning(kind: str | None, valid_until: Any, today: dt.date | None = None) -> str | None:
    """A club's consular registration ("toma de nota") lasts two years; an expired club cannot sign a
    co-financing agreement, so advisors are warned ahead of time."""
    if kind not in ("migrant_club", "federation"):
        return None
    try:
        expiry = parse(field_spec("organizations", "registration_valid_until"), valid_until)
    except InvalidValue:
        return None
    if expiry is None:
        return None
    from advisor_app.i18n.formatting import date as format_date

    days = (expiry - (today or dt.date.today())).days
    if days < 0:
        return _("The consular registration (toma de nota) expired on {date}: renew it before signing "
                 "any co-financing agreement.").format(date=format_date(expiry))
    if days <= RENEWAL_NOTICE_DAYS:
        return _("The consular registration (toma de nota) expires on {date}, in {days} days: start the "
                 "renewal now.").format(date=format_date(expiry), days=days)
    return None
