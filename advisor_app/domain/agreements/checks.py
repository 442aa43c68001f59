"""The checks that keep an agreement with holes from being printed or marked reviewed: each hole is one
sentence naming the clause or party and the field, with where to correct it (``Problem.target``)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from advisor_app.domain.agreements.assembly import (
    Draft,
    Problem,
    active_clauses,
    authority_text,
    chosen_option,
    office_text,
    parameter_text,
    title_text,
    condition_holds,
    condition_text,
    parse_value,
    share_parties,
    shares_total,
    switched_on,
)
from advisor_app.domain.agreements.library import PLAN_CONDITIONS, Clause, in_language
from advisor_app.domain.agreements.words import figures
from advisor_app.i18n import _, current_language, formatting


def clause_label(number: int | None, clause: Clause, language: str | None = None) -> str:
    heading = in_language(clause.heading, language or current_language())
    if number is None:
        return _("Clause “{heading}”").format(heading=heading)
    return _("Clause {number} ({heading})").format(number=number, heading=heading)


def problems(draft: Draft) -> list[Problem]:
    """Every hole that keeps the agreement from being printed or marked reviewed, in reading order."""
    found: list[Problem] = []
    template, language = draft.template, current_language()
    for party in draft.parties:
        if party.removed:
            found.append(Problem(_("{name} has been removed from the registry: restore the record or take the "
                                   "party off the agreement.").format(name=party.name), ("party", party.key)))
    if not any(party.signs for party in draft.parties):
        found.append(Problem(_("Nobody signs this agreement yet: mark at least one party as a signatory."),
                             ("agreement", "")))
    for party in draft.parties:
        if not party.signs or party.removed:
            continue
        if party.kind != "person" and not party.representative.strip():
            found.append(Problem(_("Signature of {name}: write who signs on its behalf.").format(name=party.name),
                                 ("party", party.key), "representative"))
        if not party.id_number.strip():
            found.append(Problem(_("Signature of {name}: the signatory's ID number is missing.").format(
                name=party.representative.strip() or party.name), ("party", party.key), "id_number"))
        else:
            found.extend(_identification_problems(party))
    found.extend(_registration_problems(draft))
    seen: set[str] = set()
    first_use: dict[str, str] = {}
    number = 0
    for clause in template.clauses:
        if not switched_on(draft, clause):
            continue
        if clause.condition in PLAN_CONDITIONS and draft.plan.missing:
            found.append(Problem(_("{clause} depends on the business plan, which has been deleted: choose another "
                                   "plan or switch the clause off.").format(clause=clause_label(None, clause)),
                                 ("clause", clause.id)))
            continue
        if clause.optional and draft.switched.get(clause.id) and not condition_holds(draft, clause.condition):
            found.append(Problem(_("{clause} applies {condition}: choose the plan or switch the clause off.").format(
                clause=clause_label(None, clause), condition=condition_text(clause.condition)), ("clause", clause.id)))
            continue
        if not condition_holds(draft, clause.condition):
            continue
        number += 1
        used = clause.placeholders()
        for name in used:
            first_use.setdefault(name, clause_label(number, clause))
        for name in sorted(used, key=lambda item: clause.text[language].find("{" + item)):
            parameter = template.parameter(name)
            if parameter is None or name in seen:
                continue
            seen.add(name)
            if parameter.kind == "choice":
                if not chosen_option(draft, name):
                    found.append(Problem(_("{clause}: choose “{field}”.").format(
                        clause=clause_label(number, clause), field=in_language(parameter.label, language)),
                        ("parameter", name)))
                continue
            value, trouble = parse_value(parameter.kind, draft.parameters.get(name))
            label = in_language(parameter.label, language)
            if trouble:
                found.append(Problem(_("{clause}, “{field}”: {problem}.").format(
                    clause=clause_label(number, clause), field=label, problem=trouble), ("parameter", name)))
            elif value is None:
                found.append(Problem(_("{clause}: “{field}” is empty.").format(
                    clause=clause_label(number, clause), field=label), ("parameter", name)))
            else:
                found.extend(_value_problems(draft, parameter, value, clause_label(number, clause)))
        if used & {"contributions", "total_contributions"} and "shares" not in seen:
            seen.add("shares")
            found.extend(_share_problems(draft, clause_label(number, clause)))
    found.extend(_total_problems(draft, set(first_use), first_use))
    found.extend(_sequence_problems(draft, set(first_use), first_use))
    if draft.language in ("en", "both"):
        found.extend(english_problems(draft))
    return found


def english_problems(draft: Draft) -> list[Problem]:
    """Text typed in Spanish that prints in the English document without its English: named before an
    English or bilingual print. Not a hole: a draft still prints, watermarked, with the Spanish marked
    "not translated"; it cannot be marked reviewed until the English is written."""
    found: list[Problem] = []
    after = _("until it is written, the English text prints the Spanish marked as not translated, and only as a "
              "draft.")
    if not title_text(draft, "en")[1]:
        found.append(Problem(_("The title has no English: write it under “In English” in the Terms tab; {after}")
                             .format(after=after), ("english", "title"), hole=False))
    language, seen = current_language(), set()
    for number, clause in enumerate(active_clauses(draft), 1):
        for name in sorted(clause.placeholders(), key=lambda item: clause.text["es"].find("{" + item)):
            parameter = draft.template.parameter(name)
            if parameter is None or name in seen:
                continue
            seen.add(name)
            if not parameter_text(draft, parameter, "en")[1]:
                found.append(Problem(_("{clause}, “{field}”: the English is missing; write it beside the Spanish in "
                                       "the Terms tab; {after}").format(clause=clause_label(number, clause),
                                                                        field=in_language(parameter.label, language),
                                                                        after=after),
                                     ("english", "parameter:" + name), hole=False))
    witnesses = draft.template.witness_roles
    for party in draft.parties:
        if party.removed or (party.role in witnesses and not party.signs):
            continue
        if party.kind == "authority" and not authority_text(party)[1]:
            found.append(Problem(_("{name}: the authority's name has no English; write it under “In English” in the "
                                   "Terms tab; {after}").format(name=party.name, after=after),
                                 ("english", "party:" + party.key), "authority_name_en", hole=False))
        if party.kind != "person" and party.signs and not office_text(party, "en")[1]:
            found.append(Problem(_("Signature of {name}: the office “{office}” has no English; write it under “In "
                                   "English” in the Terms tab; {after}").format(
                name=party.representative.strip() or party.name, office=party.representative_title.strip(),
                after=after), ("english", "party:" + party.key), "representative_title_en", hole=False))
    return found


_CURP = re.compile(r"^(CURP\b.*|[A-Z]{4}\d{6}[HMX][A-Z]{5}[0-9A-Z]\d)$")


def _identification_problems(party) -> list[Problem]:
    """The ID a signatory shows is a document's kind and number ("INE 1234567890123", "Pasaporte G12345678");
    a CURP is a population register key, not an identification a signing table accepts."""
    shown = " ".join(party.id_number.split()).upper()
    name = party.representative.strip() or party.name
    if _CURP.match(shown.replace("-", "")):
        return [Problem(_("Signature of {name}: a CURP is not an identification; write the kind and number of an "
                          "official ID, such as INE 1234567890123, a passport or a consular ID (matrícula "
                          "consular).").format(name=name), ("party", party.key), "id_number", hole=False)]
    if not any(character.isalpha() for character in shown):
        return [Problem(_("Signature of {name}: write the kind of ID before its number (INE, passport, matrícula "
                          "consular).").format(name=name), ("party", party.key), "id_number", hole=False)]
    return []


def _registration_problems(draft: Draft) -> list[Problem]:
    """A club or federation whose toma de nota (as the registry records it) is not valid on the day of
    signing: the date of signing when it is written (a planned day after the expiry is caught before it
    comes; a signed agreement is judged on the day it was signed, not on every day after), else today,
    the first day anyone could sign. Not a hole: the draft still prints, watermarked."""
    day = draft.signed_on or today_of(draft)
    named = {value for parameter in draft.template.parameters if parameter.expires
             for value in [parse_value("date", draft.parameters.get(parameter.name))[0]] if value is not None}
    found = []
    for party in draft.parties:
        expiry = party.registration_valid_until
        if party.removed or party.role in draft.template.witness_roles or expiry is None or expiry >= day:
            continue
        if expiry in named and expiry < today_of(draft):
            continue  # the template's own "valid until" term says it already, beside its field
        found.append(Problem(_("{name}: its consular registration (toma de nota) expired on {date}, as the registry "
                               "records it; it must be valid on the day of signing ({day}), so renew it and write "
                               "the new date in the organization's record.").format(
            name=party.name, date=formatting.date(expiry, "long"), day=formatting.date(day, "long")),
            ("party", party.key), hole=False))
    return found


def today_of(draft: Draft) -> dt.date:
    return draft.today or dt.date.today()


def _value_problems(draft: Draft, parameter, value: object, where: str) -> list[Problem]:
    """A value that prints complete but makes the agreement empty or impossible to keep: an amount of zero,
    a deadline or fiscal year already gone, a registration that has expired. Named, not a hole: a draft
    with one still prints as a draft."""
    label = in_language(parameter.label, current_language())
    target = ("parameter", parameter.name)
    today = today_of(draft)
    if parameter.kind == "money" and value == 0:
        return [Problem(_("{clause}: “{field}” is {amount}; write the amount, or switch off the clause that "
                          "prints it.").format(clause=where, field=label, amount=figures(Decimal(0), draft.currency)),
                        target, hole=False)]
    if parameter.kind == "year" and not parameter.past and value < today.year:
        return [Problem(_("{clause}: “{field}” is {year}, a year that is already over; funds of a past year can "
                          "no longer be committed.").format(clause=where, field=label, year=value), target, hole=False)]
    if parameter.kind == "date" and value < today:
        if parameter.expires:
            return [Problem(_("{clause}: “{field}” says it expired on {date}; it must be valid on the day of signing, "
                              "so renew it first.").format(clause=where, field=label,
                                                           date=formatting.date(value, "long")), target, hole=False)]
        if not parameter.past:
            return [Problem(_("{clause}: “{field}” is {date}, a day already gone; write a date from today on.")
                            .format(clause=where, field=label, date=formatting.date(value, "long")), target,
                            hole=False)]
    return []


def _sequence_problems(draft: Draft, used: set[str], labels: dict[str, str]) -> list[Problem]:
    """Each ``sequence`` rule of the template: works cannot end before they start."""
    found = []
    language = current_language()
    for earlier_name, later_name in draft.template.sequences:
        if earlier_name not in used or later_name not in used:
            continue
        earlier = parse_value("date", draft.parameters.get(earlier_name))[0]
        later = parse_value("date", draft.parameters.get(later_name))[0]
        if earlier is None or later is None or later >= earlier:
            continue
        found.append(Problem(_("{clause}: “{later}” ({later_date}) comes before “{earlier}” ({earlier_date}); the "
                               "later date cannot be the earlier one.").format(
            clause=labels.get(later_name, ""), later=in_language(draft.template.parameter(later_name).label, language),
            earlier=in_language(draft.template.parameter(earlier_name).label, language),
            later_date=formatting.date(later, "long"), earlier_date=formatting.date(earlier, "long")),
            ("parameter", later_name), hole=False))
    return found


def _share_problems(draft: Draft, where: str) -> list[Problem]:
    holders = share_parties(draft)
    if not holders:
        roles = ", ".join(in_language(draft.template.roles[role], current_language()) for role in draft.template.share_roles)
        return [Problem(_("{clause}: no party has the role that holds shares ({roles}).").format(
            clause=where, roles=roles), ("agreement", ""))]
    found = [Problem(_("{clause}: the contribution of {name} is empty.").format(clause=where, name=party.name),
                     ("party", party.key), "contribution") for party in holders if party.contribution is None]
    found += [Problem(_("{clause}: the share of {name} is empty.").format(clause=where, name=party.name),
                      ("party", party.key), "share_pct") for party in holders if party.share_pct is None]
    sums: dict[str, Decimal] = {}
    for party in holders:
        currency = party.currency or draft.currency
        sums[currency] = sums.get(currency, Decimal(0)) + (party.contribution or Decimal(0))
    if any(amount >= Decimal("1e12") for amount in sums.values()):
        found.append(Problem(_("{clause}: the contributions add up to more than can be written in words.").format(
            clause=where), ("party", holders[0].key), "contribution"))
    total = shares_total(draft)
    if not found and total != 100:
        found.append(Problem(_("{clause}: the shares add up to {total}; they must add up to 100%.").format(
            clause=where, total=formatting.percent(total)), ("party", holders[0].key), "share_pct"))
    if all(party.contribution is not None for party in holders) and all(party.contribution == 0 for party in holders):
        amount = figures(Decimal(0), draft.currency)
        found.append(Problem(_("{clause}: every contribution, and so the total, is {amount}; an agreement in which "
                               "nobody contributes anything binds nobody. Write what each party contributes.").format(
            clause=where, amount=amount), ("party", holders[0].key), "contribution", hole=False))
    return found


def _total_problems(draft: Draft, used: set[str], labels: dict[int, str]) -> list[Problem]:
    """Each ``totals`` rule of the template: the parts printed must add up to the total printed."""
    found = []
    for total_name, parts in draft.template.totals:
        if total_name not in used or not any(part in used for part in parts):
            continue
        total, _trouble = parse_value("money", draft.parameters.get(total_name))
        amounts = [parse_value("money", draft.parameters.get(part))[0] for part in parts if part in used]
        if total is None or any(amount is None for amount in amounts):
            continue  # an empty or unreadable value is named already
        if sum(amounts, Decimal(0)) != total:
            parameter = draft.template.parameter(total_name)
            if sum(amounts, Decimal(0)) >= Decimal("1e12"):
                found.append(Problem(_("{clause}: the contributions add up to more than can be written in words.")
                                     .format(clause=labels.get(total_name, "")), ("parameter", total_name)))
                continue
            found.append(Problem(_("{clause}: the contributions add up to {parts}, but “{field}” is {total}.").format(
                clause=labels.get(total_name, ""), field=in_language(parameter.label, current_language()),
                parts=figures(sum(amounts, Decimal(0)), draft.currency), total=figures(total, draft.currency)),
                ("parameter", total_name)))
    return found
