"""People who may be one person registered twice: on two laptops, or typed twice before a bundle met them.

A pair is a possible duplicate when both are live and
- they have the same CURP; or
- the same name (compared folded: no accents, no case) and the same birth date; or
- they live in the same municipality and their names are close: the same words in another order
  (a swapped surname), or two of the three parts equal and the third one letter apart (a typo: one
  letter wrong, missing, added, or two neighbours swapped);
and nobody said they are two people (a ``not_same`` link, store/merging.py).

Each rule is a key per person; only people sharing a key are compared, so the whole file is read once
and the work grows with its size, not with its square. The exact rules are SQLite's own grouping; the
close names are keyed in Python, each distinct name folded once. The reason of each pair is kept so the list
can say why two records look alike.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from advisor_app.domain.catalog import fold

SAME_CURP, SAME_NAME_AND_BIRTH_DATE, CLOSE_NAME = "same_curp", "same_name_and_birth_date", "close_name"
SAME_RFC, SAME_NAME = "same_rfc", "same_name"


@dataclass(frozen=True)
class DuplicatePair:
    first_id: str
    second_id: str
    reason: str


def one_edit_apart(first: str, second: str) -> bool:
    """One letter changed, missing, added, or two neighbours swapped (and not equal)."""
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    if len(first) == len(second):
        different = [index for index, (a, b) in enumerate(zip(first, second)) if a != b]
        if len(different) == 1:
            return True
        return (len(different) == 2 and different[1] == different[0] + 1
                and first[different[0]] == second[different[1]] and first[different[1]] == second[different[0]])
    shorter, longer = sorted((first, second), key=len)
    index = next((index for index, (a, b) in enumerate(zip(shorter, longer)) if a != b), len(shorter))
    return shorter[index:] == longer[index + 1:]


def _same_name_groups(conn: sqlite3.Connection) -> Iterable[tuple[str, list[str]]]:
    """sort_name is the folded name (store/repository.py DERIVED): the name index alone finds the names
    that repeat, and only those people's birth dates are read."""
    repeated = [row[0] for row in conn.execute(
        "SELECT sort_name FROM people INDEXED BY people_by_name WHERE deleted = 0 AND sort_name > '' "
        "GROUP BY sort_name HAVING count(*) > 1")]
    for name in repeated:
        by_birth: dict[str, list[str]] = defaultdict(list)
        for row_id, birth_date in conn.execute("SELECT id, birth_date FROM people WHERE deleted = 0 AND sort_name = ? "
                                               "AND birth_date IS NOT NULL", (name,)):
            by_birth[birth_date].append(row_id)
        for ids in by_birth.values():
            if len(ids) > 1:
                yield SAME_NAME_AND_BIRTH_DATE, ids


def _same_curp_groups(conn: sqlite3.Connection) -> Iterable[tuple[str, list[str]]]:
    """CURPs are stored upper case without spaces (the field's rules): the CURP index alone finds the
    repeated ones, and only their rows are read."""
    repeated = [row[0] for row in conn.execute(
        "SELECT curp FROM people INDEXED BY people_by_curp WHERE curp > '' GROUP BY curp HAVING count(*) > 1")]
    for curp in repeated:
        ids = [row[0] for row in conn.execute("SELECT id FROM people WHERE curp = ? AND deleted = 0", (curp,))]
        if len(ids) > 1:
            yield SAME_CURP, ids


def _close_name_buckets(conn: sqlite3.Connection) -> dict[str, list[tuple[str, tuple[str, str, str]]]]:
    """People of one municipality under each close-name key: their words sorted (a swapped surname),
    and each two of the three name parts (the third then compared one edit apart)."""
    folded: dict[str | None, str] = {}  # names repeat: each distinct one is folded once
    buckets: dict[str, list[tuple[str, tuple[str, str, str]]]] = defaultdict(list)
    rows = conn.execute(
        "SELECT p.id, p.given_names, p.first_surname, p.second_surname, l.municipality_key FROM people p "
        "JOIN localities l ON l.id = p.locality_id WHERE p.deleted = 0 AND l.municipality_key IS NOT NULL")
    for row_id, given, first, second, municipality in rows:
        parts = []
        for text in (given, first, second):
            value = folded.get(text)
            if value is None:
                value = folded[text] = fold(text or "").strip()
            parts.append(value)
        given, first, second = parts
        entry = (row_id, (given, first, second))
        words = f"{given} {first} {second}".split()
        if len(words) >= 2:
            buckets[f"{municipality}|w|{' '.join(sorted(words))}"].append(entry)
        if given and first:
            buckets[f"{municipality}|2|{given}|{first}"].append(entry)
        if given and second:
            buckets[f"{municipality}|1|{given}|{second}"].append(entry)
        if first and second:
            buckets[f"{municipality}|0|{first}|{second}"].append(entry)
    return buckets


def possible_duplicates(conn: sqlite3.Connection, among: set[str] | None = None) -> list[DuplicatePair]:
    """Every pair of live people that may be one person, the strongest reason for each; with ``among``,
    only pairs with at least one of those ids (the people a bundle just brought)."""
    from advisor_app.store.merging import dismissed_pairs

    strength = {SAME_CURP: 0, SAME_NAME_AND_BIRTH_DATE: 1, CLOSE_NAME: 2}
    found: dict[tuple[str, str], str] = {}

    def add(first: str, second: str, rule: str) -> None:
        if among is not None and first not in among and second not in among:
            return
        pair = (first, second) if first < second else (second, first)
        if pair not in found or strength[rule] < strength[found[pair]]:
            found[pair] = rule

    # CURPs are stored upper case without spaces (the field's rules): the index groups them.
    groups = [*_same_curp_groups(conn), *_same_name_groups(conn)]
    for rule, ids in groups:
        for index, first in enumerate(ids):
            for second in ids[index + 1:]:
                add(first, second, rule)
    for key, members in _close_name_buckets(conn).items():
        if len(members) < 2:
            continue
        if among is not None and not any(member[0] in among for member in members):
            continue
        changed = key.split("|", 2)[1]
        for index, (first, first_parts) in enumerate(members):
            for second, second_parts in members[index + 1:]:
                if changed == "w" or one_edit_apart(first_parts[int(changed)], second_parts[int(changed)]):
                    add(first, second, CLOSE_NAME)
    dismissed = dismissed_pairs(conn, "people")
    return [DuplicatePair(first, second, reason) for (first, second), reason in sorted(found.items())
            if (first, second) not in dismissed]


def possible_duplicate_organizations(conn: sqlite3.Connection) -> list[DuplicatePair]:
    """Organizations that may be one registered twice: the same RFC; the same name (folded); or, with
    the same origin municipality, names one edit apart. Organizations are few beside people (one for
    every ten), so a municipality's are compared pairwise."""
    from advisor_app.store.merging import dismissed_pairs

    found: dict[tuple[str, str], str] = {}
    strength = {SAME_RFC: 0, SAME_NAME: 1, CLOSE_NAME: 2}

    def add(first: str, second: str, rule: str) -> None:
        pair = (first, second) if first < second else (second, first)
        if pair not in found or strength[rule] < strength[found[pair]]:
            found[pair] = rule

    by_rfc: dict[str, list[str]] = defaultdict(list)
    by_name: dict[str, list[str]] = defaultdict(list)
    by_municipality: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row_id, rfc, sort_name, municipality in conn.execute(
            "SELECT o.id, o.rfc, o.sort_name, l.municipality_key FROM organizations o "
            "LEFT JOIN localities l ON l.id = o.origin_locality_id WHERE o.deleted = 0"):
        if rfc:
            by_rfc[rfc].append(row_id)
        if sort_name:
            by_name[sort_name].append(row_id)
            if municipality:
                by_municipality[municipality].append((row_id, sort_name))
    for rule, groups in ((SAME_RFC, by_rfc), (SAME_NAME, by_name)):
        for ids in groups.values():
            for index, first in enumerate(ids):
                for second in ids[index + 1:]:
                    add(first, second, rule)
    for members in by_municipality.values():
        for index, (first, first_name) in enumerate(members):
            for second, second_name in members[index + 1:]:
                if one_edit_apart(first_name, second_name):
                    add(first, second, CLOSE_NAME)
    dismissed = dismissed_pairs(conn, "organizations")
    return [DuplicatePair(first, second, reason) for (first, second), reason in sorted(found.items())
            if (first, second) not in dismissed]
