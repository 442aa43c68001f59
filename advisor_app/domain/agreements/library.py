"""The clause library: agreement templates as data files in ``resources/agreements/`` (TOML).

An advisor's organization edits the wording without touching Python, so the texts are not in the
translation catalog: each template, role, parameter and clause carries its Spanish and English text.
``resources/agreements/README.md`` documents the format. A file that cannot be used is refused with one
sentence naming the file and the entry, never half-loaded.
"""

from __future__ import annotations

import re
import string
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from advisor_app.domain.errors import DataFileError
from advisor_app.i18n import _
from advisor_app.paths import RESOURCES

LIBRARY_FOLDER = RESOURCES / "agreements"
LANGUAGES = ("es", "en")

PARAMETER_KINDS = ("text", "long_text", "money", "percent", "integer", "date", "year", "choice")

# Where a parameter's first value comes from. "plan.*" needs the agreement's business plan;
# "organization.*" the organization it was drafted for. An office may point any parameter at these.
SOURCES = (
    "plan.title", "plan.summary", "plan.decisions", "plan.roles", "plan.profit_sharing",
    "plan.partner_changes", "plan.investment_total", "plan.horizon_years", "plan.locality",
    "plan.municipality", "plan.state", "plan.loan.amount", "plan.loan.rate", "plan.loan.term_months",
    "plan.funding.migrant_contribution", "plan.funding.federal", "plan.funding.state",
    "plan.funding.municipal", "plan.funding.loan", "plan.funding.own_savings", "plan.funding.other_grant",
    "organization.name", "organization.locality", "organization.municipality", "organization.state",
    "organization.base", "club.name", "club.registration_number", "club.registration_valid_until", "group.name",
    "today",
)

# When an optional clause applies. Those starting with "plan" need the business plan.
CONDITIONS = ("plan", "plan_has_loan", "plan_has_cofinancing", "party_abroad", "usd_amounts")
PLAN_CONDITIONS = frozenset({"plan", "plan_has_loan", "plan_has_cofinancing"})

# Placeholders the assembler writes from the parties rather than from parameters. A paragraph that is
# exactly "{contributions}" becomes one paragraph per party holding a share.
GENERATED = ("contributions", "total_contributions", "partner_count", "abroad_partners", "party_names")

# What a template's document calls itself when its file does not say ("el presente convenio").
DEFAULT_DOCUMENT = {"es": "convenio", "en": "agreement"}

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class LibraryError(DataFileError):
    """A template file cannot be used; ``str()`` is one translated sentence naming the file and entry."""


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    label: dict[str, str]
    source: str = ""
    default: str = ""
    hint: dict[str, str] | None = None
    past: bool = False          # a date or year that may lie in the past (a date of founding, not a deadline)
    expires: bool = False       # a date until which something is valid (a registration): past means expired
    options: tuple["Option", ...] = ()   # a choice's options, in the file's order
    translated: bool = False    # typed text that needs its English beside it (long_text by default)
    default_en: str = ""        # the English of ``default``, so an untouched default needs no typing


@dataclass(frozen=True)
class Option:
    """One option of a ``choice`` parameter: its value, its name in each language, and the title the
    document takes when it is chosen (the template's ``title_from``), if any."""

    value: str
    label: dict[str, str]
    title: dict[str, str] | None = None


@dataclass(frozen=True)
class Clause:
    id: str
    heading: dict[str, str]
    text: dict[str, str]        # paragraphs separated by a blank line; {name} placeholders
    optional: bool = False      # the advisor may switch it on or off
    default: bool = True        # on or off when first drafted (optional clauses only)
    condition: str = ""         # one of CONDITIONS: applies only when it holds

    def placeholders(self) -> set[str]:
        return {name for language in LANGUAGES for name in placeholders_in(self.text[language])}


@dataclass(frozen=True)
class Template:
    id: str
    order: int
    prefix: str                  # the folio's first letters, e.g. "SOC-2026-4F2A9C"
    title: dict[str, str]
    description: dict[str, str]
    document: dict[str, str]           # what the document calls itself: "contrato" / "agreement"
    roles: dict[str, dict[str, str]]   # role id → its name in each language, in the file's order
    share_roles: tuple[str, ...]       # roles whose parties hold shares that must add up to 100 %
    witness_roles: tuple[str, ...]     # roles that sign as witnesses: not parties, not in the declarations
    totals: tuple[tuple[str, tuple[str, ...]], ...]  # (money parameter, the money parameters that add up to it)
    parameters: tuple[Parameter, ...]
    clauses: tuple[Clause, ...]
    path: Path
    sequences: tuple[tuple[str, str], ...] = ()  # (earlier date, later date): the later one may not come first
    title_from: str = ""         # a choice parameter whose chosen option names the document ("sociedad civil")

    def parameter(self, name: str) -> Parameter | None:
        return next((parameter for parameter in self.parameters if parameter.name == name), None)

    def clause(self, clause_id: str) -> Clause | None:
        return next((clause for clause in self.clauses if clause.id == clause_id), None)


def placeholders_in(text: str) -> list[str]:
    return [name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name]


def in_language(texts: dict[str, str] | None, language: str) -> str:
    if not texts:
        return ""
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")


def _texts(path: Path, entry: str, value: object) -> dict[str, str]:
    if not isinstance(value, dict) or any(not isinstance(value.get(language), str) or not value[language].strip()
                                          for language in LANGUAGES):
        raise LibraryError(_("{file}: {entry} needs a Spanish and an English text (es and en).").format(
            file=path.name, entry=entry))
    return {language: value[language].strip() for language in LANGUAGES}


ROLE_VARIANTS = ("feminine", "neutral")


def _role_texts(path: Path, role: str, value: object) -> dict[str, str]:
    """A role's name in each language, optionally its feminine and neutral forms ("es_feminine": "Socia",
    "es_neutral": "Persona socia"), and its ``term``: the name the document gives the party once
    introduced, with its article ("el Club", "the Club")."""
    texts = _texts(path, _("role {name}").format(name=role), value)
    for language in LANGUAGES:
        for variant in ROLE_VARIANTS:
            form = value.get(f"{language}_{variant}") if isinstance(value, dict) else None
            if isinstance(form, str) and form.strip():
                texts[f"{language}_{variant}"] = form.strip()
    term = value.get("term") if isinstance(value, dict) else None
    if term is not None:
        for language, text in _texts(path, _("the term of role {name}").format(name=role), term).items():
            texts[f"term_{language}"] = text
    return texts


def _name(path: Path, entry: str, value: object) -> str:
    if not isinstance(value, str) or not _NAME.match(value):
        raise LibraryError(_("{file}: {entry} needs a name of lower-case letters, digits and underscores.").format(
            file=path.name, entry=entry))
    return value


def _parameter(path: Path, number: int, data: dict) -> Parameter:
    entry = _("parameter {number}").format(number=number)
    name = _name(path, entry, data.get("name"))
    entry = _("parameter {name}").format(name=name)
    kind = data.get("kind", "text")
    if kind not in PARAMETER_KINDS:
        raise LibraryError(_("{file}: {entry} has the kind {kind}; use one of {kinds}.").format(
            file=path.name, entry=entry, kind=kind, kinds=", ".join(PARAMETER_KINDS)))
    source = data.get("source", "")
    if source and source not in SOURCES:
        raise LibraryError(_("{file}: {entry} takes its value from {source}, which is not a known source.").format(
            file=path.name, entry=entry, source=source))
    hint = _texts(path, entry, data["hint"]) if "hint" in data else None
    options = tuple(_option(path, entry, item) for item in data.get("options", ()))
    if (kind == "choice") != bool(options) or len({option.value for option in options}) != len(options):
        raise LibraryError(_("{file}: {entry}: a choice needs its options, each with its own value; other kinds "
                             "have none.").format(file=path.name, entry=entry))
    default = str(data.get("default", ""))
    if options and default and default not in {option.value for option in options}:
        raise LibraryError(_("{file}: {entry}: the default is not one of its options.").format(file=path.name,
                                                                                          entry=entry))
    translated = bool(data.get("translate", kind == "long_text")) and kind in ("text", "long_text")
    return Parameter(name, kind, _texts(path, entry, data.get("label")), source, default, hint,
                     bool(data.get("past", False)), bool(data.get("expires", False)), options, translated,
                     str(data.get("default_en", "")))


def _option(path: Path, entry: str, data: object) -> Option:
    if not isinstance(data, dict):
        raise LibraryError(_("{file}: {entry}: each option needs a value and its texts.").format(file=path.name,
                                                                                              entry=entry))
    value = _name(path, entry, data.get("value"))
    title = _texts(path, entry, data["title"]) if "title" in data else None
    return Option(value, _texts(path, entry, data), title)


def _clause(path: Path, number: int, data: dict, known: set[str], choices: dict[str, Parameter]) -> Clause:
    clause_id = _name(path, _("clause {number}").format(number=number), data.get("id"))
    entry = _("clause {name}").format(name=clause_id)
    condition = data.get("condition", "")
    name, _equals, value = condition.partition("=")
    if _equals and (name not in choices or value not in {option.value for option in choices[name].options}):
        raise LibraryError(_("{file}: {entry} has the condition {condition}, which names no option of a choice.")
                           .format(file=path.name, entry=entry, condition=condition))
    if condition and not _equals and condition not in CONDITIONS:
        raise LibraryError(_("{file}: {entry} has the condition {condition}; use one of {conditions}.").format(
            file=path.name, entry=entry, condition=condition, conditions=", ".join(CONDITIONS)))
    clause = Clause(clause_id, _texts(path, entry, data.get("heading")), _texts(path, entry, data),
                    bool(data.get("optional", False)), bool(data.get("default", True)), condition)
    try:
        for language in LANGUAGES:
            placeholders_in(clause.text[language])
    except ValueError:
        raise LibraryError(_("{file}: {entry} has an unmatched brace; write {{ and }} for a brace itself.").format(
            file=path.name, entry=entry)) from None
    unknown = sorted(clause.placeholders() - known)
    if unknown:
        raise LibraryError(_("{file}: {entry} uses {{{name}}}, which is neither a parameter nor a generated value.")
                           .format(file=path.name, entry=entry, name=unknown[0]))
    return clause


def load_template(path: Path) -> Template:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise LibraryError(_("{file} cannot be read as a clause library file: {reason}").format(
            file=path.name, reason=error)) from None
    template_id = _name(path, _("the template"), data.get("id"))
    roles = data.get("roles")
    if not isinstance(roles, dict) or not roles:
        raise LibraryError(_("{file}: the template names no roles for its parties.").format(file=path.name))
    roles = {_name(path, _("a role"), role): _role_texts(path, role, texts) for role, texts in roles.items()}
    share_roles = tuple(data.get("share_roles", ()))
    if any(role not in roles for role in share_roles):
        raise LibraryError(_("{file}: share_roles names a role the template does not have.").format(file=path.name))
    parameters = tuple(_parameter(path, number, item) for number, item in enumerate(data.get("parameters", []), 1))
    names = [parameter.name for parameter in parameters]
    if len(set(names)) != len(names) or set(names) & set(GENERATED):
        raise LibraryError(_("{file}: two parameters have the same name, or one uses a generated name.").format(
            file=path.name))
    witness_roles = tuple(data.get("witness_roles", [role for role in roles if role == "witness"]))
    if any(role not in roles for role in witness_roles):
        raise LibraryError(_("{file}: witness_roles names a role the template does not have.").format(file=path.name))
    money = {parameter.name for parameter in parameters if parameter.kind == "money"}
    totals = []
    for number, item in enumerate(data.get("totals", []), 1):
        parts = tuple(item.get("parts", ())) if isinstance(item, dict) else ()
        total = item.get("total") if isinstance(item, dict) else None
        if total not in money or not parts or any(part not in money for part in parts):
            raise LibraryError(_("{file}: totals entry {number} must name money parameters (total and parts).")
                               .format(file=path.name, number=number))
        totals.append((total, parts))
    dates = {parameter.name for parameter in parameters if parameter.kind == "date"}
    sequences = []
    for number, item in enumerate(data.get("sequence", []), 1):
        pair = (item.get("earlier"), item.get("later")) if isinstance(item, dict) else (None, None)
        if any(name not in dates for name in pair):
            raise LibraryError(_("{file}: sequence entry {number} must name two date parameters (earlier and later).")
                               .format(file=path.name, number=number))
        sequences.append(pair)
    choices = {parameter.name: parameter for parameter in parameters if parameter.kind == "choice"}
    title_from = data.get("title_from", "")
    if title_from and (title_from not in choices or any(option.title is None
                                                        for option in choices[title_from].options)):
        raise LibraryError(_("{file}: title_from must name a choice whose every option has a title.").format(
            file=path.name))
    known = set(names) | set(GENERATED)
    clauses = tuple(_clause(path, number, item, known, choices)
                    for number, item in enumerate(data.get("clauses", []), 1))
    if not clauses or len({clause.id for clause in clauses}) != len(clauses):
        raise LibraryError(_("{file}: the template needs clauses, each with its own id.").format(file=path.name))
    prefix = str(data.get("prefix", template_id[:3])).upper()
    order = data.get("order", 99)
    if not isinstance(order, int) or isinstance(order, bool):
        raise LibraryError(_("{file}: order must be a whole number.").format(file=path.name))
    return Template(template_id, order, prefix, _texts(path, _("the title"), data.get("title")),
                    _texts(path, _("the description"), data.get("description")),
                    _texts(path, _("the kind of document"), data.get("document", DEFAULT_DOCUMENT)), roles, share_roles,
                    witness_roles, tuple(totals), parameters, clauses, path, tuple(sequences), title_from)


@lru_cache(maxsize=4)
def load_library(folder: Path = LIBRARY_FOLDER) -> dict[str, Template]:
    """Every template in the folder, in their ``order``; cached, since the files change only between runs."""
    templates = [load_template(path) for path in sorted(folder.glob("*.toml"))]
    ids = [template.id for template in templates]
    if len(set(ids)) != len(ids):
        raise LibraryError(_("Two clause library files have the same template id."))
    return {template.id: template for template in sorted(templates, key=lambda item: (item.order, item.id))}


def template(template_id: str) -> Template:
    found = load_library().get(template_id)
    if found is None:
        raise LibraryError(_("The clause library has no template {id}.").format(id=template_id))
    return found
