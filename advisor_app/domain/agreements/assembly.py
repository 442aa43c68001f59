"""From a draft (template, parties, parameters, switched clauses) to a ``Document`` in one language,
and the checks that keep a document with holes from being printed.

The store gathers a ``Draft`` from its rows and the registry; everything here is pure, so the preview,
the PDF and the tests assemble the same text. ``checks.problems`` names the clause and field of each hole;
``assemble`` still works on a draft with holes (the preview shows them as ``[Label]``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from advisor_app.domain.agreements.document import AssembledClause, Document, Signatory
from advisor_app.domain.agreements.english import authority_in_english, id_in_english, in_english, office_in_english
from advisor_app.domain.agreements.grammar import takes_article, with_article
from advisor_app.domain.agreements.library import GENERATED, PLAN_CONDITIONS, Clause, Template, in_language
from advisor_app.domain.agreements.numbering import copies, letter, roman
from advisor_app.domain.agreements.values import money as _money
from advisor_app.domain.agreements.values import parse_value, render as _render
from advisor_app.domain.agreements.vocabulary import STATUSES
from advisor_app.i18n import _, formatting, pgettext, speaking



@dataclass(frozen=True)
class Party:
    key: str                    # the party row's id
    kind: str                   # person, organization or authority (a government office, not in the registry)
    name: str
    role: str                   # a role id of the template
    signs: bool = False
    id_number: str = ""
    representative: str = ""    # who signs for an organization or authority
    representative_title: str = ""
    residence_country: str = ""  # "MX", "US", ...; empty when unknown
    address: str = ""
    contribution: Decimal | None = None
    share_pct: Decimal | None = None
    removed: bool = False       # its registry record has been deleted
    currency: str = ""          # of the contribution; empty: the agreement's currency
    form: str = "masculine"     # grammar.FORMS: the form the party's words take (socia, representada, neutral)
    name_en: str = ""           # an authority's name in English, as typed
    representative_title_en: str = ""  # the signatory's office in English, as typed
    registration_valid_until: dt.date | None = None  # a club's or federation's toma de nota, as the registry has it


@dataclass(frozen=True)
class PlanFacts:
    linked: bool = False        # the agreement names a plan
    missing: bool = False       # ... and that plan has been deleted
    has_loan: bool = False
    has_cofinancing: bool = False


@dataclass(frozen=True)
class Draft:
    template: Template
    title: str = ""
    folio: str = ""
    version: int = 1
    status: str = "draft"
    currency: str = "MXN"
    parameters: dict[str, str] = field(default_factory=dict)
    switched: dict[str, bool] = field(default_factory=dict)   # optional clauses the advisor switched on or off
    parties: tuple[Party, ...] = ()
    plan: PlanFacts = PlanFacts()
    signed_place: str = ""
    signed_on: dt.date | None = None
    today: dt.date | None = None    # the day the checks measure deadlines against; None: the computer's date
    title_en: str = ""              # the typed title's English
    parameters_en: dict[str, str] = field(default_factory=dict)   # the English of terms typed as text
    language: str = "es"            # what it prints in: es, en or both (English text is checked for en, both)


@dataclass(frozen=True)
class Problem:
    message: str                # one sentence naming the clause or party and the field
    target: tuple[str, str]     # ("parameter", name), ("party", key), ("clause", id) or ("agreement", "")
    field: str = ""             # for a party: the column to correct (id_number, representative, share_pct...)
    hole: bool = True           # False: the text is complete but not signable (an amount of zero, a date gone);
    #                             a draft still prints, marked as a draft, but it cannot be marked reviewed


# Facts and conditions --------------------------------------------------------------------------------
def condition_holds(draft: Draft, condition: str) -> bool:
    if not condition:
        return True
    if condition in PLAN_CONDITIONS and (not draft.plan.linked or draft.plan.missing):
        return False
    name, equals, value = condition.partition("=")
    if equals:  # "legal_form=participation": the option chosen
        return chosen_option(draft, name) == value
    return {"plan": True, "plan_has_loan": draft.plan.has_loan, "plan_has_cofinancing": draft.plan.has_cofinancing,
            "party_abroad": any(_abroad(party) for party in draft.parties
                                if party.role not in draft.template.witness_roles),
            "usd_amounts": draft.currency == "USD" or any((party.currency or draft.currency) == "USD"
                                                          for party in share_parties(draft))}[condition]


def chosen_option(draft: Draft, name: str) -> str:
    """The value of a choice parameter: as chosen, or the template's default."""
    parameter = draft.template.parameter(name)
    chosen = (draft.parameters.get(name) or "").strip()
    return chosen if parameter and chosen in {option.value for option in parameter.options} else (
        parameter.default if parameter else "")


def switched_on(draft: Draft, clause: Clause) -> bool:
    """Whether the advisor wants the clause: mandatory ones always, optional ones as switched or by default."""
    return not clause.optional or draft.switched.get(clause.id, clause.default)


def active_clauses(draft: Draft) -> list[Clause]:
    """The clauses the document prints, in the template's order."""
    return [clause for clause in draft.template.clauses
            if switched_on(draft, clause) and condition_holds(draft, clause.condition)]


def condition_text(condition: str) -> str:
    if "=" in condition:
        return _("only with the option chosen for it")
    return {"plan": _("only with a business plan"), "plan_has_loan": _("only when the plan has a loan"),
            "plan_has_cofinancing": _("only when the plan has government co-financing"),
            "usd_amounts": _("only when a contribution is in dollars"),
            "party_abroad": _("only when a party lives outside Mexico")}.get(condition, "")


def _abroad(party: Party) -> bool:
    return bool(party.residence_country) and party.residence_country != "MX" and not party.removed


def share_parties(draft: Draft) -> list[Party]:
    return [party for party in draft.parties if party.role in draft.template.share_roles and not party.removed]


def shares_total(draft: Draft) -> Decimal:
    return sum((party.share_pct or Decimal(0) for party in share_parties(draft)), Decimal(0))


# Assembly --------------------------------------------------------------------------------------------
def assemble(draft: Draft, language: str) -> Document:
    """The agreement in ``language``: parameters filled, numbered clauses, declarations and signatures."""
    with speaking(language):
        return _assemble(draft, language)


def _role(draft: Draft, party: Party, language: str) -> str:
    """The party's role in the form its words take ("Socia", "Persona socia", "Socio")."""
    names = draft.template.roles.get(party.role) or {}
    return names.get(f"{language}_{party.form}") or in_language(names, language) or party.role


def _term(draft: Draft, party: Party, language: str) -> str:
    """The name the document gives the party once introduced ("el Club"), or "" when its role has none."""
    return (draft.template.roles.get(party.role) or {}).get(f"term_{language}", "")


def _capacity(draft: Draft, party: Party, language: str) -> str:
    """What the party takes part as: its defined term in quotes ("“el Club”"), or its role ("Socia")."""
    term = _term(draft, party, language)
    return _("“{term}”").format(term=term) if term else _role(draft, party, language)


def named(party: Party, language: str, capital: bool = False) -> str:
    """A person's name as it is; an organization's or authority's with its article ("el Club …"). An
    authority's name is words, not a proper name: in English it is its English ("the Municipality of
    Jerez"), taking the article its Spanish noun takes."""
    if party.kind == "person":
        return party.name
    if party.kind == "authority" and language == "en":
        english = authority_text(party)[0]
        if not takes_article(party.name) or english.startswith("["):
            return english
        return f"{'The' if capital else 'the'} {english}"
    return with_article(party.name, party.form, language, capital)


def authority_text(party: Party) -> tuple[str, bool]:
    """(an authority's name in English, whether it is translated)."""
    return in_english(party.name, party.name_en, authority_in_english(party.name))


def office_text(party: Party, language: str) -> tuple[str, bool]:
    """(the signatory's office in the language, whether it is in that language)."""
    spanish = party.representative_title.strip()
    if language != "en":
        return spanish, True
    return in_english(spanish, party.representative_title_en, office_in_english(spanish))


def parameter_text(draft: Draft, parameter, language: str) -> tuple[str, bool]:
    """(a typed term in the language, whether it is in that language): Spanish as typed; English as
    typed beside it, or the template's English of an untouched default, or the Spanish marked."""
    spanish = (draft.parameters.get(parameter.name) or "").strip()
    if language != "en" or not parameter.translated:
        return spanish, True
    known = parameter.default_en if parameter.default_en and spanish == parameter.default.strip() else ""
    return in_english(spanish, draft.parameters_en.get(parameter.name) or "", known)


def document_name(draft: Draft, language: str) -> str:
    """What the document calls itself ("contrato", "convenio"; "agreement")."""
    return in_language(draft.template.document, language)


def _values(draft: Draft, language: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for parameter in draft.template.parameters:
        if parameter.kind == "choice":
            option = next((item for item in parameter.options if item.value == chosen_option(draft, parameter.name)),
                          None)
            values[parameter.name] = in_language(option.label, language) if option else \
                f"[{in_language(parameter.label, language)}]"
            continue
        value, trouble = parse_value(parameter.kind, draft.parameters.get(parameter.name))
        if value is not None and not trouble and parameter.kind in ("text", "long_text"):
            value = parameter_text(draft, parameter, language)[0]
        values[parameter.name] = (f"[{in_language(parameter.label, language)}]" if value is None or trouble
                                  else _render(parameter.kind, value, draft.currency, language))
    holders = share_parties(draft)
    totals: dict[str, Decimal] = {}
    for party in holders:
        currency = party.currency or draft.currency
        totals[currency] = totals.get(currency, Decimal(0)) + (party.contribution or Decimal(0))
    # Pesos and dollars are never added together: one sum per currency.
    values["total_contributions"] = _join([_money(amount, currency, language)
                                           for currency, amount in sorted(totals.items())]) if totals else \
        _money(Decimal(0), draft.currency, language)
    values["partner_count"] = formatting.number(len(holders))
    parties = [party for party in draft.parties if party.role not in draft.template.witness_roles]
    values["abroad_partners"] = _join([named(party, language) for party in parties if _abroad(party)])
    values["party_names"] = _join([named(party, language) for party in parties if not party.removed])
    return values


def _contributions(draft: Draft, language: str) -> list[str]:
    lines = []
    for index, party in enumerate(share_parties(draft)):
        amount = (_money(party.contribution, party.currency or draft.currency, language)
                  if party.contribution is not None
                  else f"[{_('Contribution')}]")
        share = formatting.percent(party.share_pct) if party.share_pct is not None else f"[{_('Share')}]"
        lines.append(_("{letter}) {name}: {amount}, equal to {share} of the capital.").format(
            letter=letter(index + 1), name=named(party, language), amount=amount, share=share))
    return lines


def _paragraphs(clause: Clause, draft: Draft, values: dict[str, str], language: str) -> tuple[str, ...]:
    result: list[str] = []
    for paragraph in re.split(r"\n\s*\n", clause.text[language]):
        paragraph = " ".join(paragraph.split())
        if paragraph == "{contributions}":
            result.extend(_contributions(draft, language))
        elif paragraph:
            values_here = {**values, "contributions": "; ".join(_contributions(draft, language))}
            result.append(paragraph.format_map(values_here))
    return tuple(result)


def _place(party: Party) -> str:
    """The party's address with the country named in the document's language when it is not Mexico."""
    if party.residence_country == "US":
        return ", ".join(part for part in (party.address, _("United States")) if part)
    return party.address


def _declaration(draft: Draft, party: Party, language: str, signers: tuple[Party, ...] = ()) -> str:
    """One party's declaration; an organization or authority that signs through several people (a
    municipality: its presidente municipal and its síndico) names them all."""
    document = document_name(draft, language)
    party = replace(party, address=_place(party))
    name = named(party, language, capital=True)
    if party.kind == "person":
        role = _role(draft, party, language)
        if party.address:
            return _("{name} declares that they live in {address}, that they take part in this {document} as "
                     "{role} and that they enter into it of their own free will.").format(
                name=name, address=party.address, role=role, document=document)
        return _("{name} declares that they take part in this {document} as {role} and that they enter into it "
                 "of their own free will.").format(name=name, role=role, document=document)
    role = _capacity(draft, party, language)
    people = []
    for signer in signers or (party,):
        person = signer.representative.strip() or "[" + _("Representative") + "]"
        office = office_text(signer, language)[0]
        people.append(f"{person}, {office}" if office else person)
    representative = _join(people, "; " if len(people) > 2 else ", ")
    values = {"name": name, "address": party.address, "representative": representative, "role": role,
              "document": document}
    # Spanish agrees with the organization: "representado… obligarlo" or "representada… obligarla".
    if party.form == "feminine":
        if party.address:
            return pgettext("feminine", "{name}, based in {address} and represented by {representative}, declares "
                                        "that it takes part in this {document} as {role} and that its "
                                        "representative has the authority to bind it.").format(**values)
        return pgettext("feminine", "{name}, represented by {representative}, declares that it takes part in this "
                                    "{document} as {role} and that its representative has the authority to bind "
                                    "it.").format(**values)
    if party.address:
        return pgettext("masculine", "{name}, based in {address} and represented by {representative}, declares "
                                     "that it takes part in this {document} as {role} and that its representative "
                                     "has the authority to bind it.").format(**values)
    return pgettext("masculine", "{name}, represented by {representative}, declares that it takes part in this "
                                 "{document} as {role} and that its representative has the authority to bind "
                                 "it.").format(**values)


def _signatory(draft: Draft, party: Party, language: str) -> Signatory:
    id_number = party.id_number.strip() or "______________________"
    if language == "en":
        id_number = id_in_english(id_number)
    if party.kind == "person":
        return Signatory(party.name, _role(draft, party, language), "", _("ID: {number}").format(number=id_number))
    # The signatory signs in their office ("Presidenta"); the template's role names what the party is, not
    # a capacity anyone signs in, so it prints only when no office is known, as the document's term.
    title = office_text(party, language)[0]
    term = _term(draft, party, language)
    fallback = (term[:1].upper() + term[1:]) if term else _role(draft, party, language)
    return Signatory(party.representative.strip() or "______________________", title or fallback,
                     named(party, language), _("ID: {number}").format(number=id_number))


def _assemble(draft: Draft, language: str) -> Document:
    values = _values(draft, language)
    clauses = tuple(AssembledClause(number, clause.id, in_language(clause.heading, language),
                                    _paragraphs(clause, draft, values, language))
                    for number, clause in enumerate(active_clauses(draft), 1))
    live = [party for party in draft.parties if not party.removed]
    # Witnesses sign, but they are not parties: the preamble and the declarations leave them out.
    parties = [party for party in live if party.role not in draft.template.witness_roles]
    # One organization or authority that signs through several people has several rows: it is one party.
    signers: dict[tuple[str, str, str], list[Party]] = {}
    for party in parties:
        key = (party.kind, party.name, party.role) if party.kind != "person" else ("person", party.key, "")
        signers.setdefault(key, []).append(party)
    parties = [group[0] for group in signers.values()]
    introduced = [(_("{name}, hereinafter {term}") if _term(draft, party, language) else _("{name}, as {term}"))
                  .format(name=named(party, language), term=_capacity(draft, party, language)) for party in parties]
    preamble = _("{parties}, hereinafter “the parties”, enter into this {document} under the following "
                 "declarations and clauses.").format(parties=_join(introduced, "; "),
                                                     document=document_name(draft, language)) if introduced else ""
    preamble = preamble[:1].upper() + preamble[1:]
    declarations = tuple(f"{roman(index)}. {_declaration(draft, group[0], language, tuple(group))}"
                         for index, group in enumerate(signers.values(), 1))
    signing = {key for key, group in signers.items() if any(party.signs for party in group)}
    closing = _("Having read this {document} and understood its content and legal effect, the parties sign it "
                "{copies}.").format(document=document_name(draft, language),
                                    copies=copies(max(len(signing), 2), language)) if introduced else ""
    return Document(language, _title(draft, language), draft.folio, draft.version, _(STATUSES.get(draft.status, "")),
                    signing_line(draft.signed_place, draft.signed_on), preamble, declarations, clauses,
                    tuple(_signatory(draft, party, language) for party in live if party.signs), closing)


def signing_line(place: str, when: dt.date | None) -> str:
    """"Signed in Jerez, Zacatecas, on 25 November 2026.", with blank lines for what is not known yet
    (written by hand at the signing). In the language being spoken."""
    if not place.strip() and not when:
        return _("Signed in ____________________, on ____________________.")
    return _("Signed in {place}, on {date}.").format(
        place=place.strip() or "____________________",
        date=formatting.date(when, "long") if when else "____________________")


def with_status(document: Document, status: str, place: str, when: dt.date | None) -> Document:
    """A frozen document with today's status and signing line: neither is part of what was sealed."""
    with speaking(document.language):
        return replace(document, status=_(STATUSES.get(status, "")), place_and_date=signing_line(place, when))


def title_text(draft: Draft, language: str) -> tuple[str, bool]:
    """(the title in the language, whether it is in that language): a typed title is the advisor's, in
    English as typed beside it; the template's own title is given in the document's language."""
    typed = draft.title.strip()
    if language != "en" or not typed or typed in draft.template.title.values() or typed in _option_titles(draft):
        return _title(draft, language), True
    return in_english(typed, draft.title_en)


def _option_titles(draft: Draft) -> set[str]:
    chooser = draft.template.parameter(draft.template.title_from) if draft.template.title_from else None
    return {text for option in (chooser.options if chooser else ()) for text in (option.title or {}).values()}


def _title(draft: Draft, language: str) -> str:
    """A title the advisor typed is theirs; the template's title is given in the document's language."""
    typed = draft.title.strip()
    if language == "en" and typed and typed not in draft.template.title.values() and typed not in _option_titles(draft):
        return in_english(typed, draft.title_en)[0]
    if not typed or typed in draft.template.title.values() or typed in _option_titles(draft):
        if draft.template.title_from:
            chosen = chosen_option(draft, draft.template.title_from)
            option = next((item for item in draft.template.parameter(draft.template.title_from).options
                           if item.value == chosen), None)
            if option is not None and option.title:
                return in_language(option.title, language)
        return in_language(draft.template.title, language)
    return typed


def _join(items: list[str], separator: str = ", ") -> str:
    """"A, B and C" in the language being spoken (items that hold commas themselves use "; ")."""
    if len(items) <= 1:
        return "".join(items)
    return _("{first} and {last}").format(first=separator.join(items[:-1]), last=items[-1])


__all__ = ["GENERATED", "Draft", "chosen_option", "Party", "PlanFacts", "Problem", "active_clauses", "assemble", "condition_holds",
           "condition_text", "parse_value", "share_parties", "shares_total", "signing_line", "switched_on",
           "with_status"]
