"""The words an agreement record is made of: statuses, print languages, kinds of party."""

from __future__ import annotations

from advisor_app.i18n import N_

STATUSES = {
    "draft": N_("Draft"),
    "reviewed": N_("Reviewed"),
    "ready": N_("Ready to sign"),
    "signed": N_("Signed"),
    "void": N_("Void"),
}
# Editing an agreement in a frozen status makes a new version; in a closed one it is refused.
FROZEN_STATUSES = frozenset({"reviewed", "ready"})
CLOSED_STATUSES = frozenset({"signed", "void"})

LANGUAGE_CHOICES = {"es": N_("Spanish"), "en": N_("English"), "both": N_("Spanish and English side by side")}

PARTY_KIND_NAMES = {
    "person": N_("Person"),
    "organization": N_("Organization"),
    "authority": N_("Authority or office"),
}
