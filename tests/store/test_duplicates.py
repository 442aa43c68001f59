"""Possible duplicates: the same CURP, the same name and birth date, a close name in one municipality."""

from __future__ import annotations

import pytest

from advisor_app.store.database import Store
from advisor_app.store.duplicates import (
    CLOSE_NAME,
    SAME_CURP,
    SAME_NAME_AND_BIRTH_DATE,
    one_edit_apart,
    possible_duplicates,
)
from advisor_app.store.repository import Repository


@pytest.mark.parametrize("first, second, expected", [
    ("hernandez", "hernandes", True),      # one letter wrong
    ("hernandez", "hernadez", True),       # one missing
    ("hernandez", "hernanndez", True),     # one added
    ("hernandez", "hernadnez", True),      # neighbours swapped
    ("hernandez", "hernandez", False),     # equal is not a typo
    ("hernandez", "fernandes", False),     # two letters
    ("perez", "lopez", False),
    ("", "a", True),
])
def test_one_edit_apart(first, second, expected):
    assert one_edit_apart(first, second) is expected
    assert one_edit_apart(second, first) is expected


@pytest.fixture
def repository(db_path):
    store = Store.open(db_path)
    yield Repository(store)
    store.close()


def _person(repository, given, first, second=None, birth=None, curp=None, municipality="32025", locality="Centro"):
    locality_id = repository.ensure_locality(municipality, locality) if municipality else None
    values = {"given_names": given, "first_surname": first, "second_surname": second, "birth_date": birth,
              "locality_id": locality_id}
    row_id = repository.insert("people", values)
    if curp:
        # Two laptops may each register one CURP; on one laptop the second is refused, so the
        # duplicate is written as a bundle would bring it.
        repository.conn.execute("UPDATE people SET curp = ? WHERE id = ?", (curp, row_id))
    return row_id


def _pairs(repository, among=None):
    return {(pair.first_id, pair.second_id): pair.reason for pair in possible_duplicates(repository.conn, among)}


def _pair(first, second):
    return (first, second) if first < second else (second, first)


def test_each_rule_finds_its_pair_and_says_why(repository):
    curp_a = _person(repository, "Gerardo", "Félix", "Román", curp="FERG800101HZSLMR05")
    curp_b = _person(repository, "Gerardo", "Felix", "Roman", curp="FERG800101HZSLMR05", municipality="14039")
    born_a = _person(repository, "María", "López", "Díaz", birth="1975-03-02", municipality="14039")
    born_b = _person(repository, "MARIA", "LOPEZ", "DIAZ", birth="1975-03-02", municipality="32010")
    swapped_a = _person(repository, "Juana", "Ortiz", "Reyes")
    swapped_b = _person(repository, "Juana", "Reyes", "Ortiz")
    typo_a = _person(repository, "Salvador", "Ávila", "Correa")
    typo_b = _person(repository, "Salvador", "Ávila", "Corea")
    pairs = _pairs(repository)
    assert pairs[_pair(curp_a, curp_b)] == SAME_CURP
    assert pairs[_pair(born_a, born_b)] == SAME_NAME_AND_BIRTH_DATE
    assert pairs[_pair(swapped_a, swapped_b)] == CLOSE_NAME
    assert pairs[_pair(typo_a, typo_b)] == CLOSE_NAME
    assert len(pairs) == 4


def test_what_is_not_a_duplicate(repository):
    _person(repository, "María", "López", "Díaz", birth="1975-03-02")
    _person(repository, "María", "López", "Díaz", birth="1980-03-02", municipality="14039")  # other birth, other town
    _person(repository, "Salvador", "Ávila", "Correa")
    _person(repository, "Salvador", "Ávila", "Correa", municipality="14039")  # a close name, another municipality
    _person(repository, "Salvador", "Ávila", "Cordero")  # two letters apart
    _person(repository, "Ana", "Ruiz", municipality=None)
    _person(repository, "Ana", "Ruiz", municipality=None)  # no municipality, no birth date: nothing to go on
    assert _pairs(repository) == {}


def test_a_deleted_person_is_no_duplicate(repository):
    first = _person(repository, "Salvador", "Ávila", "Correa")
    second = _person(repository, "Salvador", "Ávila", "Corea")
    repository.delete("people", second)
    assert _pairs(repository) == {}
    assert first


def test_among_keeps_only_pairs_with_the_people_just_brought(repository):
    old_a = _person(repository, "Salvador", "Ávila", "Correa")
    old_b = _person(repository, "Salvador", "Ávila", "Corea")
    new = _person(repository, "Juana", "Ortiz", "Reyes")
    new_twin = _person(repository, "Juana", "Reyes", "Ortiz")
    assert set(_pairs(repository, among={new})) == {_pair(new, new_twin)}
    assert set(_pairs(repository)) == {_pair(old_a, old_b), _pair(new, new_twin)}


def test_organizations_registered_twice(repository):
    from advisor_app.store.duplicates import SAME_NAME, SAME_RFC, possible_duplicate_organizations

    jerez = repository.ensure_locality("32020", "Jerez")
    juchipila = repository.ensure_locality("32023", "Juchipila")
    club = repository.insert("organizations", {"kind": "migrant_club", "name": "Club Jerezanos",
                                               "origin_locality_id": jerez})
    again = repository.insert("organizations", {"kind": "migrant_club", "name": "CLUB JEREZANOS",
                                                "origin_locality_id": juchipila})
    typo = repository.insert("organizations", {"kind": "cooperative", "name": "Cooperativa Guayaberos",
                                               "origin_locality_id": juchipila})
    typo_twin = repository.insert("organizations", {"kind": "cooperative", "name": "Cooperativa Guayaveros",
                                                    "origin_locality_id": juchipila})
    far = repository.insert("organizations", {"kind": "cooperative", "name": "Cooperativa Guayabero",
                                              "origin_locality_id": jerez})
    taxed = repository.insert("organizations", {"kind": "investor_group", "name": "Inversionistas del Cañón",
                                                "rfc": "ICA150101AB1"})
    taxed_twin = repository.insert("organizations", {"kind": "investor_group", "name": "Grupo del Cañón"})
    repository.conn.execute("UPDATE organizations SET rfc = 'ICA150101AB1' WHERE id = ?", (taxed_twin,))
    pairs = {(pair.first_id, pair.second_id): pair.reason for pair in possible_duplicate_organizations(repository.conn)}
    assert pairs == {_pair(club, again): SAME_NAME, _pair(typo, typo_twin): CLOSE_NAME,
                     _pair(taxed, taxed_twin): SAME_RFC}
    assert far
