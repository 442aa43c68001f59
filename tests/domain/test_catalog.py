import pytest

from advisor_app.domain.catalog import fold, mexico, us_states


@pytest.fixture(scope="module")
def catalog():
    return mexico()


def test_all_32_states(catalog):
    assert len(catalog.states) == 32
    assert catalog.states["32"].name == "Zacatecas"
    assert catalog.states["32"].curp_code == "ZS"


def test_2478_municipalities_each_in_a_known_state(catalog):
    assert len(catalog.municipalities) == 2478
    assert {key[:2] for key in catalog.municipalities} == set(catalog.states)
    assert all(len(key) == 5 and key.isdigit() for key in catalog.municipalities)


def test_curp_state_codes_are_the_states_plus_born_abroad(catalog):
    assert len(catalog.curp_state_codes) == 33
    assert "NE" in catalog.curp_state_codes
    assert {state.curp_code for state in catalog.states.values()} | {"NE"} == catalog.curp_state_codes


def test_municipality_by_key(catalog):
    jerez = catalog.municipality("32020")
    assert jerez.name == "Jerez"
    assert jerez.state.name == "Zacatecas"
    assert jerez.label == "Jerez, Zacatecas"


@pytest.mark.parametrize("key", ["99999", "3202", "", None])
def test_unknown_municipality_key_is_none(catalog, key):
    assert catalog.municipality(key) is None


def test_jerez_finds_jerez_zacatecas_first(catalog):
    assert catalog.search("jerez")[0].label == "Jerez, Zacatecas"


@pytest.mark.parametrize("typed, label", [
    ("JUCHIPILA", "Juchipila, Zacatecas"),
    ("juchipila", "Juchipila, Zacatecas"),
    ("nochistlan", "Nochistlán de Mejía, Zacatecas"),
    ("NOCHISTLÁN", "Nochistlán de Mejía, Zacatecas"),
    ("JÉREZ", "Jerez, Zacatecas"),
    ("canitas", "Cañitas de Felipe Pescador, Zacatecas"),
])
def test_search_ignores_case_and_accents(catalog, typed, label):
    assert catalog.search(typed)[0].label == label


def test_search_by_name_and_state(catalog):
    assert [m.label for m in catalog.search("guadalupe zacatecas")][0] == "Guadalupe, Zacatecas"
    assert catalog.search("Jerez, Zacatecas")[0].key == "32020"


def test_search_puts_names_starting_with_the_word_first(catalog):
    found = catalog.search("guadalupe", limit=200)
    starts = [fold(m.name).startswith("guadalupe") for m in found]
    assert starts[0]
    assert starts == sorted(starts, reverse=True)


def test_every_match_contains_every_word(catalog):
    for municipality in catalog.search("san juan", limit=500):
        assert "san" in fold(municipality.label) and "juan" in fold(municipality.label)


@pytest.mark.parametrize("typed", ["", "   ", ",", "zzzzqq"])
def test_search_without_match_is_empty(catalog, typed):
    assert catalog.search(typed) == []


def test_search_limit(catalog):
    assert len(catalog.search("san")) == 20
    assert len(catalog.search("san", limit=5)) == 5


def test_fold():
    assert fold("Nochistlán de Mejía") == "nochistlan de mejia"
    assert fold("CAÑÓN") == "canon"
    assert fold("Ü") == "u"


def test_us_states():
    states = us_states()
    assert len(states) == 51
    assert states["CA"] == "California"
    assert states["TX"] == "Texas"
    assert "DC" in states
