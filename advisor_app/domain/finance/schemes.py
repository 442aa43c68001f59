"""Co-financing schemes (1x1, 2x1, 3x1 and an office's own) as data, and the helper that uses them.

Schemes change with each government, so their parties, percentages, caps and eligible project types
live in ``resources/schemes/cofinancing.json``, which an office may edit; nothing here hard-codes a
percentage. Names and descriptions in the file are written in each language, because an office's own
wording cannot come from the translation catalog.

``propose_split`` applies the percentages to the investment (up to the scheme's cap per project) and
then each party's cap; what the caps leave uncovered is shown, not silently handed to someone.
``check_mix`` compares the plan's funding sources with that split, sum by sum.

Each scheme carries a status (current, historical, to be confirmed) and optional validity dates that
the office edits: the federal 3x1 program stopped taking projects with the 2020 budget, and a plan
that counts on it must say so wherever the scheme is proposed or printed (``standing_note``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable

from advisor_app.domain.errors import DataFileError
from advisor_app.domain.finance.model import FUNDING_KINDS, FundingSource
from advisor_app.i18n import _, current_language
from advisor_app.paths import RESOURCES

SCHEMES_FILE = RESOURCES / "schemes" / "cofinancing.json"
CENT = Decimal("0.01")
ZERO = Decimal("0.00")

CURRENT, HISTORICAL, TO_CONFIRM = "current", "historical", "to_confirm"
STATUSES = (CURRENT, HISTORICAL, TO_CONFIRM)


class SchemeFileError(DataFileError):
    """The schemes file cannot be used; ``str()`` is one translated sentence naming the problem."""


def localized(texts: dict[str, str] | str) -> str:
    """The text in the current language, else English, else whatever the file has."""
    if isinstance(texts, str):
        return texts
    return texts.get(current_language()) or texts.get("en") or next(iter(texts.values()), "")


@dataclass(frozen=True)
class SchemeParty:
    kind: str  # a key of model.FUNDING_KINDS
    percent: Decimal
    cap: Decimal | None = None


@dataclass(frozen=True)
class Scheme:
    id: str
    names: dict[str, str] = field(compare=False)
    parties: tuple[SchemeParty, ...] = ()
    project_cap: Decimal | None = None  # the percentages apply to at most this much of a project
    project_types: tuple[str, ...] = ()  # empty: any type of project
    currency: str = "MXN"
    descriptions: dict[str, str] = field(default_factory=dict, compare=False)
    status: str = CURRENT  # one of STATUSES, as the office wrote it
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None  # the last day it took projects

    def standing(self, today: dt.date) -> str:
        """The status that applies on ``today``: a current scheme whose validity has ended, or not yet
        begun, is reported as historical or to be confirmed, whatever the file says."""
        if self.status == CURRENT and self.valid_until is not None and today > self.valid_until:
            return HISTORICAL
        if self.status == CURRENT and self.valid_from is not None and today < self.valid_from:
            return TO_CONFIRM
        return self.status

    @property
    def name(self) -> str:
        return localized(self.names) or self.id

    @property
    def description(self) -> str:
        return localized(self.descriptions)

    def eligible(self, project_type: str | None) -> bool:
        return project_type is None or not self.project_types or project_type in self.project_types


@dataclass(frozen=True)
class SchemeCatalog:
    schemes: tuple[Scheme, ...]
    project_types: dict[str, dict[str, str]]  # id → text by language

    def get(self, scheme_id: str) -> Scheme:
        return next(scheme for scheme in self.schemes if scheme.id == scheme_id)

    def project_type_name(self, type_id: str) -> str:
        return localized(self.project_types.get(type_id, type_id))


@dataclass(frozen=True)
class SplitLine:
    kind: str
    percent: Decimal
    amount: Decimal  # the party's share after its cap
    uncapped: Decimal  # the share before the cap
    cap: Decimal | None

    @property
    def cap_binds(self) -> bool:
        return self.amount < self.uncapped


@dataclass(frozen=True)
class Split:
    scheme_id: str
    investment_total: Decimal
    base: Decimal  # the part of the investment the percentages apply to
    project_cap_binds: bool
    lines: tuple[SplitLine, ...]
    covered: Decimal
    uncovered: Decimal  # left to sources outside the scheme: own savings, loans, other grants
    messages: tuple[str, ...]

    def amount_for(self, kind: str) -> Decimal:
        return sum((line.amount for line in self.lines if line.kind == kind), ZERO)

    @property
    def binding(self) -> tuple[str, ...]:
        """"project" when the per-project cap binds, then each party whose own cap binds."""
        return (("project",) if self.project_cap_binds else ()) + tuple(
            line.kind for line in self.lines if line.cap_binds)


@dataclass(frozen=True)
class MixLine:
    kind: str
    expected: Decimal | None  # the scheme's share; None for a source outside the scheme
    actual: Decimal
    cap: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        return None if self.expected is None else self.actual - self.expected


@dataclass(frozen=True)
class MixCheck:
    split: Split
    lines: tuple[MixLine, ...]
    funding_total: Decimal
    investment_total: Decimal
    messages: tuple[str, ...]  # empty when the mix follows the scheme and covers the investment

    @property
    def covers(self) -> bool:
        return self.funding_total >= self.investment_total

    @property
    def difference(self) -> Decimal:
        return self.funding_total - self.investment_total

    @property
    def ok(self) -> bool:
        return not self.messages


def standing_note(scheme: Scheme, today: dt.date | None = None) -> str | None:
    """One sentence when a plan counts on a scheme that is not current on ``today``; None when it is."""
    from advisor_app.i18n.formatting import date as format_date

    standing = scheme.standing(today or dt.date.today())
    if standing == HISTORICAL:
        if scheme.valid_until is not None:
            return _("The {scheme} scheme is historical: it took its last projects on {date}. Confirm with the "
                     "office which program co-finances this plan today.").format(
                scheme=scheme.name, date=format_date(scheme.valid_until))
        return _("The {scheme} scheme is historical: it no longer takes projects. Confirm with the office which "
                 "program co-finances this plan today.").format(scheme=scheme.name)
    if standing == TO_CONFIRM:
        return _("The {scheme} scheme is to be confirmed: check with the office that it takes projects before "
                 "counting on it.").format(scheme=scheme.name)
    return None


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _party_name(kind: str) -> str:
    return _(FUNDING_KINDS[kind]) if kind in FUNDING_KINDS else kind


def _allocate(total: Decimal, exact: list[Decimal]) -> list[Decimal]:
    """Round ``exact`` shares to cents that add up to ``total``: each share is cut to the cent and the
    cents left go one by one to the largest remainders, the first party first on a tie (largest
    remainder method), so no share is more than a cent from its exact value or below zero."""
    floors = [share.quantize(CENT, rounding=ROUND_DOWN) for share in exact]
    left = int((total - sum(floors, ZERO)) / CENT)
    order = sorted(range(len(exact)), key=lambda index: (-(exact[index] - floors[index]), index))
    for index in order[:max(left, 0)]:
        floors[index] += CENT
    return floors


def propose_split(scheme: Scheme, investment_total: Decimal) -> Split:
    """Each party's share of ``investment_total`` under ``scheme``, with the caps that bind."""
    from advisor_app.i18n.formatting import money

    total = _cents(max(Decimal(investment_total), ZERO))
    base = total if scheme.project_cap is None else min(total, scheme.project_cap)
    shares = _allocate(_cents(base * sum((party.percent for party in scheme.parties), Decimal(0)) / 100),
                       [base * party.percent / 100 for party in scheme.parties])
    lines = tuple(SplitLine(party.kind, party.percent, share if party.cap is None else min(share, party.cap),
                            share, party.cap) for party, share in zip(scheme.parties, shares))
    covered = sum((line.amount for line in lines), ZERO)
    messages = []
    if base < total:
        messages.append(_("The scheme co-finances at most {cap} of a project: its shares apply to that amount "
                          "and the other {rest} must come from other sources.").format(
            cap=money(base, scheme.currency), rest=money(total - base, scheme.currency)))
    for line in lines:
        if line.cap_binds:
            messages.append(_("{party}: capped at {cap}, so {gap} of its share must come from other sources.").format(
                party=_party_name(line.kind), cap=money(line.cap, scheme.currency),
                gap=money(line.uncapped - line.amount, scheme.currency)))
    if not scheme.parties:
        messages.append(_("This scheme sets no shares: choose the sources freely."))
    elif total - covered > 0:
        messages.append(_("In all, {uncovered} of the investment is left to other sources (own savings, a loan "
                          "or other grants).").format(uncovered=money(total - covered, scheme.currency)))
    return Split(scheme.id, total, base, base < total, lines, covered, total - covered, tuple(messages))


def check_mix(scheme: Scheme, funding_sources: Iterable[FundingSource], investment_total: Decimal,
              currency: str | None = None, project_type: str | None = None) -> MixCheck:
    """The plan's sources against the scheme's split, party by party, and their sum against the
    investment. ``currency`` is the plan's; caps are not applied across currencies."""
    from advisor_app.i18n.formatting import money

    currency = currency or scheme.currency
    split = propose_split(scheme, investment_total)
    actual: dict[str, Decimal] = {}
    for source in funding_sources:
        amount = source.amount
        if isinstance(amount, (int, Decimal)) and not isinstance(amount, bool) and Decimal(amount).is_finite():
            actual[source.kind] = actual.get(source.kind, ZERO) + _cents(Decimal(amount))
    lines = [MixLine(line.kind, line.amount, actual.get(line.kind, ZERO), line.cap) for line in split.lines]
    in_scheme = {line.kind for line in lines}
    lines += [MixLine(kind, None, amount, None) for kind, amount in actual.items() if kind not in in_scheme]
    messages = []
    if not scheme.eligible(project_type):
        messages.append(_("The {scheme} scheme does not co-finance this type of project.").format(scheme=scheme.name))
    if currency != scheme.currency:
        messages.append(_("This scheme's amounts are in {scheme_currency} and the plan's in {currency}: its shares "
                          "and caps are not checked.").format(scheme_currency=scheme.currency, currency=currency))
    else:
        for line in lines:
            if line.expected is None:
                continue
            if line.cap is not None and line.actual > line.cap:
                messages.append(_("{party}: {actual} is more than the scheme's cap of {cap}.").format(
                    party=_party_name(line.kind), actual=money(line.actual, currency), cap=money(line.cap, currency)))
            elif line.actual != line.expected:
                messages.append(_("{party}: {actual}, where the scheme's share is {expected}.").format(
                    party=_party_name(line.kind), actual=money(line.actual, currency),
                    expected=money(line.expected, currency)))
    funding_total = sum(actual.values(), ZERO)
    if funding_total < split.investment_total:
        messages.append(_("The sources add up to {funding}, {missing} less than the investment of "
                          "{investment}.").format(funding=money(funding_total, currency),
                                                  missing=money(split.investment_total - funding_total, currency),
                                                  investment=money(split.investment_total, currency)))
    return MixCheck(split, tuple(lines), funding_total, split.investment_total, tuple(messages))


def load_schemes(path: Path | None = None) -> SchemeCatalog:
    """The schemes an office has defined; raises ``SchemeFileError`` naming the first problem found."""
    path = Path(path) if path is not None else SCHEMES_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise SchemeFileError(_("The co-financing schemes file cannot be read: {path}.").format(path=path)) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise SchemeFileError(_("The co-financing schemes file is not valid JSON ({detail}): {path}.").format(
            detail=error, path=path)) from None
    if not isinstance(data, dict) or not isinstance(data.get("schemes"), list):
        raise SchemeFileError(_("The co-financing schemes file has no list of schemes: {path}.").format(path=path))
    types = data.get("project_types", {})
    if not isinstance(types, dict) or not all(isinstance(text, (dict, str)) for text in types.values()):
        raise SchemeFileError(_("The project types in the co-financing schemes file are not written as "
                                "the format expects: {path}.").format(path=path))
    schemes: list[Scheme] = []
    for entry in data["schemes"]:
        scheme = _scheme(entry, types)
        if any(existing.id == scheme.id for existing in schemes):
            raise SchemeFileError(_("Two co-financing schemes share the id {scheme}.").format(scheme=scheme.id))
        schemes.append(scheme)
    return SchemeCatalog(tuple(schemes), types)


def _amount(value: Any, scheme_id: str, allow_none: bool = True) -> Decimal | None:
    if value is None and allow_none:
        return None
    try:
        number = Decimal(str(value)) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number <= 0:
        raise SchemeFileError(_("Scheme {scheme} has a cap that is not a positive amount.").format(scheme=scheme_id))
    return number


def _scheme(entry: Any, types: dict[str, Any]) -> Scheme:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"].strip():
        raise SchemeFileError(_("A co-financing scheme in the file has no id."))
    scheme_id = entry["id"]
    shape_problem = SchemeFileError(_("Scheme {scheme} is not written as the file's format expects.").format(
        scheme=scheme_id))
    names, descriptions = entry.get("name", scheme_id), entry.get("description", {})
    parties_data, kinds = entry.get("parties", []), entry.get("project_types", [])
    if not isinstance(names, (dict, str)) or not isinstance(descriptions, (dict, str)) or not isinstance(
            parties_data, list) or not isinstance(kinds, list) or entry.get("currency", "MXN") not in ("MXN", "USD"):
        raise shape_problem
    for kind in kinds:
        if kind not in types:
            raise SchemeFileError(_("Scheme {scheme} names an unknown project type: {type}.").format(
                scheme=scheme_id, type=kind))
    parties = []
    for party in parties_data:
        if not isinstance(party, dict):
            raise shape_problem
        kind = party.get("kind")
        if kind not in FUNDING_KINDS or kind == "loan":
            raise SchemeFileError(_("Scheme {scheme} names an unknown party: {party}.").format(
                scheme=scheme_id, party=kind))
        if any(existing.kind == kind for existing in parties):
            raise SchemeFileError(_("Scheme {scheme} names a party twice: {party}.").format(
                scheme=scheme_id, party=kind))
        try:
            percent = Decimal(str(party.get("percent")))
        except InvalidOperation:
            percent = Decimal(-1)
        if not percent.is_finite() or not 0 <= percent <= 100:
            raise SchemeFileError(_("Scheme {scheme} has a percentage that is not a number between 0 and "
                                    "100.").format(scheme=scheme_id))
        parties.append(SchemeParty(kind, percent, _amount(party.get("cap"), scheme_id)))
    total = sum((party.percent for party in parties), Decimal(0))
    if total > 100:
        raise SchemeFileError(_("The parties of scheme {scheme} add up to {total} %, more than 100 %.").format(
            scheme=scheme_id, total=format(total.normalize(), "f")))
    status = entry.get("status", CURRENT)
    if status not in STATUSES:
        raise SchemeFileError(_("Scheme {scheme} has a status that is not current, historical or "
                                "to_confirm.").format(scheme=scheme_id))
    valid_from, valid_until = _date(entry.get("valid_from"), scheme_id), _date(entry.get("valid_until"), scheme_id)
    if valid_from is not None and valid_until is not None and valid_until < valid_from:
        raise SchemeFileError(_("Scheme {scheme} ends its validity before it begins.").format(scheme=scheme_id))
    return Scheme(scheme_id, names if isinstance(names, dict) else {"en": names}, tuple(parties),
                  _amount(entry.get("project_cap"), scheme_id), tuple(kinds), entry.get("currency", "MXN"),
                  descriptions if isinstance(descriptions, dict) else {"en": descriptions},
                  status, valid_from, valid_until)


def _date(value: Any, scheme_id: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise SchemeFileError(_("Scheme {scheme} has a validity date that is not written as YYYY-MM-DD.").format(
        scheme=scheme_id))
