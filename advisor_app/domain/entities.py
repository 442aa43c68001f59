"""The fixed vocabularies of the registry, each value with its English label marked for translation.

Stored values are the short English codes on the left; labels are translated when shown.
"""

from __future__ import annotations

from advisor_app.i18n import N_, _

ORGANIZATION_KINDS = {
    "migrant_club": N_("Migrant club"),
    "federation": N_("Federation"),
    "cooperative": N_("Cooperative"),
    "investor_group": N_("Investor group"),
    "community_committee": N_("Community committee"),
    "other": N_("Other"),
}

ORGANIZATION_STATUSES = {
    "active": N_("Active"),
    "forming": N_("Being formed"),
    "inactive": N_("Inactive"),
}

MEMBERSHIP_ROLES = {
    "president": N_("President"),
    "secretary": N_("Secretary"),
    "treasurer": N_("Treasurer"),
    "member": N_("Member"),
    "investor": N_("Investor"),
}

CURRENCIES = {"MXN": N_("Mexican pesos (MXN)"), "USD": N_("US dollars (USD)")}

RESIDENCE_COUNTRIES = {"MX": N_("Mexico"), "US": N_("United States")}

# The form a person states for their words in documents (domain/agreements/grammar.py); none stated:
# the CURP's.
PERSON_FORMS = {
    "feminine": N_("Feminine (socia, presidenta)"),
    "masculine": N_("Masculine (socio, presidente)"),
    "neutral": N_("Neutral (persona socia)"),
}


def label(vocabulary: dict[str, str], code: str | None) -> str:
    """The translated label of a stored code; an unknown code (from a newer laptop) shows as itself."""
    if code is None:
        return ""
    return _(vocabulary[code]) if code in vocabulary else code


def person_display_name(given_names: str, first_surname: str, second_surname: str | None) -> str:
    return " ".join(part for part in (given_names, first_surname, second_surname) if part)
