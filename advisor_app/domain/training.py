"""Training: the competencies (a data file an office can extend), workshop statuses, when an agreed
action is overdue, and an organization's competency map with the workshop it needs next.

Pure rules: the store gathers who attended what, these functions say what it means.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from advisor_app.domain.errors import DataFileError
from advisor_app.i18n import N_, _, current_language
from advisor_app.paths import RESOURCES

COMPETENCIES_FILE = RESOURCES / "training" / "competencies.json"

WORKSHOP_STATUSES = {"planned": N_("Planned"), "held": N_("Held"), "cancelled": N_("Cancelled")}

# A group has "covered" a competency when at least this share of its members attended a workshop on it.
COVERED_SHARE = 0.5


class CompetencyFileError(DataFileError):
    """The competencies file cannot be used; ``str()`` is one translated sentence."""


@dataclass(frozen=True)
class Competency:
    id: str
    names: dict[str, str]
    workshops: dict[str, str]

    @property
    def name(self) -> str:
        return self.names.get(current_language()) or self.names.get("en") or self.id

    @property
    def workshop(self) -> str:
        return self.workshops.get(current_language()) or self.workshops.get("en") or self.name


@lru_cache(maxsize=2)
def competencies(path: Path = COMPETENCIES_FILE) -> dict[str, Competency]:
    """The competencies in their order of priority."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        found = {}
        for item in data["competencies"]:
            if not isinstance(item["id"], str) or not item["id"] or item["id"] in found:
                raise ValueError(item["id"])
            found[item["id"]] = Competency(item["id"], dict(item["name"]), dict(item.get("workshop") or {}))
    except (OSError, ValueError, KeyError, TypeError):
        raise CompetencyFileError(_("The competencies file {file} cannot be used; check its format.").format(
            file=path.name)) from None
    return found


def competency_name(competency_id: str) -> str:
    """The name in the current language; the id itself when this laptop's file does not know it (another
    office's competency) or cannot be read."""
    try:
        found = competencies().get(competency_id)
    except CompetencyFileError:
        found = None
    return found.name if found else competency_id


def topic_names(topics: list[str]) -> str:
    return ", ".join(competency_name(topic) for topic in topics)


_TOPIC = re.compile(r"^[a-z][a-z0-9_]*$")


def check_topics(value: list) -> str | None:
    """At least one competency id. Ids this laptop's file does not list are kept: they come from another
    office's file in a bundle, and dropping them would erase what the workshop was about."""
    if not value or not all(isinstance(item, str) and _TOPIC.match(item) for item in value):
        return _("Choose at least one competency from the list.")
    return None


def held_problem(status: str | None, held_on: dt.date | None, today: dt.date) -> str | None:
    """A workshop cannot have been held on a day still to come."""
    if status == "held" and held_on is not None and held_on > today:
        return _("A workshop dated {date} cannot be marked as held yet: that day has not come.").format(
            date=held_on.isoformat())
    return None


def is_overdue(due_on: dt.date | None, done_on: dt.date | None, today: dt.date) -> bool:
    """Overdue from the day after its due date until it is done. Dates are calendar days where the
    advisor is: ``today`` is the laptop's local date, never a UTC timestamp, so an action due today is
    not overdue in the evening in Los Angeles nor after midnight UTC."""
    return due_on is not None and done_on is None and due_on < today


@dataclass(frozen=True)
class Coverage:
    competency: Competency
    members_covered: int       # members who attended at least one held workshop on it
    members: int
    last: dt.date | None       # the last held workshop on it that a member attended
    covered: bool              # enough members: see COVERED_SHARE


@dataclass(frozen=True)
class CompetencyMap:
    rows: tuple[Coverage, ...]
    suggestion: Competency | None   # the first gap in order of priority; None when all are covered

    @property
    def gaps(self) -> tuple[Coverage, ...]:
        return tuple(row for row in self.rows if not row.covered)


def competency_map(members: int, attended: dict[str, tuple[int, dt.date | None]]) -> CompetencyMap:
    """``attended``: competency id → (members who attended a held workshop on it, the latest date)."""
    rows = []
    for competency in competencies().values():
        count, last = attended.get(competency.id, (0, None))
        covered = members > 0 and count >= members * COVERED_SHARE
        rows.append(Coverage(competency, count, members, last, covered))
    gaps = [row for row in rows if not row.covered]
    # Nothing to suggest for a group with no members registered: there is nobody to train yet.
    return CompetencyMap(tuple(rows), gaps[0].competency if gaps and members else None)
