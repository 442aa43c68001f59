"""A value received in a bundle passes the rules a typed value passes (``domain.records``), and must be
in the form the app stores, since it is written as it came (and its line's digest covers that form).

Two differences from typing, both because the value was already accepted by another laptop's rules:
checks against files an office may edit (its clause library) are left out, as a laptop of another
office may hold templates this one lacks; and nothing is corrected on the way in (a typed date is
rewritten as ISO text, a received one must already be).

Every line new to a laptop passes through here, so each column gets its checker once, at import time:
the common kinds (free text, codes, dates) are decided without parsing a value twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any, Callable

from advisor_app.domain.identifiers import curp_birth_date
from advisor_app.domain.records import SPECS, FieldSpec, check_template, person_cross_checks, problem, storable
from advisor_app.i18n import _

WRONG_TYPE = object()  # what a checker returns for a value of the wrong JSON type
Checker = Callable[[Any], "str | object | None"]

_INTEGER_LIMIT = 2 ** 63
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Checks that read an office's own files; see the module's docstring.
_OFFICE_CHECKS = (check_template,)


def _unstored() -> str:
    return _("This value is not written the way this app stores it.")


def _missing(spec: FieldSpec) -> str | None:
    return _("{field} is required.").format(field=_(spec.label)) if spec.required else None


def _checked(spec: FieldSpec, value: str) -> str | None:
    try:
        return problem(spec, value)
    except RecursionError:  # structured data nested deeper than any the app writes
        return _("This is not valid structured data.")


def _plain_text(spec: FieldSpec) -> Checker:
    limit = spec.max_length

    def check(value):
        if value.__class__ is str:
            if len(value) > limit:
                return _("This is too long: at most {count} characters.").format(count=limit)
            return None if value and value == value.strip() else _unstored()
        return _missing(spec) if value is None else WRONG_TYPE

    return check


def _date(spec: FieldSpec) -> Checker:
    def check(value):
        if value.__class__ is not str:
            return _missing(spec) if value is None else WRONG_TYPE
        if not _ISO_DATE.fullmatch(value):
            return _checked(spec, value) or _unstored()
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:  # 2023-02-29, 0000-01-01: the domain's sentence for a date that does not exist
            return _checked(spec, value)
        return spec.check(day) if spec.check else None

    return check


def _integer(spec: FieldSpec) -> Checker:
    def check(value):
        if value is None:
            return _missing(spec)
        if value.__class__ is not int or not -_INTEGER_LIMIT <= value < _INTEGER_LIMIT:
            return WRONG_TYPE
        return _checked(spec, value)

    return check


def _general(spec: FieldSpec) -> Checker:
    """Codes, keys, references, decimals and structured data."""
    codes = spec.vocabulary if spec.check is None else None

    def check(value):
        if value.__class__ is not str:
            return _missing(spec) if value is None else WRONG_TYPE
        if codes is not None and value in codes:
            return None
        if spec.kind != "json" and (not value or value != value.strip() or (spec.upper and value != value.upper())):
            return _unstored()
        found = _checked(spec, value)
        if found or spec.kind != "decimal":
            return found
        return None if storable(spec, value) == value else _unstored()

    return check


def _textual(spec: FieldSpec) -> Checker:
    """Text with a rule, keys, references and codes: what ``_general`` decides, without parsing the value
    (for these kinds, once it is in the stored form, parsing gives it back unchanged)."""
    codes, rule, upper = spec.vocabulary, spec.check, spec.upper
    limit = spec.max_length if spec.kind in ("text", "key") else None

    def check(value):
        if value.__class__ is not str:
            return _missing(spec) if value is None else WRONG_TYPE
        if codes is not None and rule is None and value in codes:
            return None
        if not value or value != value.strip() or (upper and value != value.upper()):
            return _unstored()
        if limit is not None and len(value) > limit:
            return _("This is too long: at most {count} characters.").format(count=limit)
        if codes is not None and value not in codes:
            return _("Choose one of the options in the list.")
        return rule(value) if rule else None

    return check


def _checker(spec: FieldSpec) -> Checker:
    if spec.check in _OFFICE_CHECKS:
        spec = dataclasses.replace(spec, check=None)
    if spec.kind == "text" and spec.check is None and spec.vocabulary is None and not spec.upper:
        return _plain_text(spec)
    if spec.kind in ("text", "key", "ref", "code"):
        return _textual(spec)
    if spec.kind == "date":
        return _date(spec)
    if spec.kind == "integer":
        return _integer(spec)
    return _general(spec)


CHECKERS: dict[str, dict[str, Checker]] = {table: {name: _checker(spec) for name, spec in specs.items()}
                                           for table, specs in SPECS.items()}


def record_problem(table: str, fields: dict[str, Any]) -> tuple[str, str] | None:
    """(column, sentence) for what only a pair of fields shows: a CURP's birth date against the birth date."""
    if table == "people" and fields.get("curp") and fields.get("birth_date"):
        if _agree(fields["curp"], fields["birth_date"]):
            return None
        for column, message in person_cross_checks(fields).items():
            return column, message
    return None


def _agree(curp: Any, birth_date: Any) -> bool:
    """True when both values, already checked one by one in their stored form, tell the same birth date:
    the common case decided without parsing the CURP again; anything else gets the domain's full check."""
    if curp.__class__ is not str or birth_date.__class__ is not str or len(curp) != 18:
        return False
    try:
        return curp_birth_date(curp) == dt.date.fromisoformat(birth_date)
    except ValueError:
        return False


def label(table: str, column: str) -> str:
    return _(SPECS[table][column].label)
