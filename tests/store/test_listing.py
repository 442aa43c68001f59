import pytest

from advisor_app.domain.catalog import fold
from advisor_app.domain.identifiers import curp_birth_date
from advisor_app.domain.records import field_spec, problem
from advisor_app.store import listing
from advisor_app.store.demo import demo_id, load_demo


def names(view):
    return [row[1] for row in view.page(0, 1000)]


def organizations(store, **settings):
    view = listing.organizations(store.conn)
    for key, value in settings.items():
        setattr(view, key, value)
    return view


def people(store, **settings):
    view = listing.people(store.conn)
    for key, value in settings.items():
        setattr(view, key, value)
    return view


# --- demo data ------------------------------------------------------------------------------------

def test_demo_loads_once(repo, store):
    assert load_demo(repo) > 0
    counts = store.counts()
    assert load_demo(repo) == 0
    assert store.counts() == counts


def test_demo_sizes(demo_repo, store):
    counts = store.counts()
    assert counts["people"] == 25
    assert counts["organizations"] == 6
    assert store.integrity_problems() == []


def test_demo_is_not_brought_back_after_a_delete(demo_repo, store):
    demo_repo.delete("people", demo_id("person:p25"))
    counts = store.counts()
    assert load_demo(demo_repo) == 0
    assert store.counts() == counts


def test_demo_investor_group_has_four_members_two_in_the_us(demo_repo, store):
    members = listing.memberships_of_organization(store.conn, demo_id("org:investors"))
    assert len(members) == 4
    assert sum(member["residence_country"] == "US" for member in members) == 2


def test_demo_cooperative_has_twelve_members_whose_shares_add_to_100(demo_repo, store):
    cooperative = demo_id("org:cooperative")
    members = listing.memberships_of_organization(store.conn, cooperative)
    assert len(members) == 12
    assert demo_repo.shares_total(cooperative) == 100
    assert sum(float(member["share_pct"]) for member in members) == pytest.approx(100)


def test_demo_clubs_belong_to_the_federation(demo_repo, store):
    federation = demo_id("org:federation")
    assert listing.federations(store.conn) == [(federation, demo_repo.get("organizations", federation)["name"])]
    clubs = store.conn.execute("SELECT kind FROM organizations WHERE parent_id = ?", (federation,)).fetchall()
    assert clubs == [("migrant_club",), ("migrant_club",)]


def test_demo_people_have_valid_curps_matching_their_birth_dates(demo_repo, store):
    rows = store.conn.execute("SELECT curp, birth_date FROM people").fetchall()
    assert len({curp for curp, _born in rows}) == 25
    for curp, born in rows:
        assert problem(field_spec("people", "curp"), curp) is None, curp
        assert curp_birth_date(curp).isoformat() == born


def test_demo_person_in_two_organizations(demo_repo, store):
    found = listing.memberships_of_person(store.conn, demo_id("person:p01"))
    assert {row["kind"] for row in found} == {"migrant_club", "investor_group"}


# --- lists ----------------------------------------------------------------------------------------

def test_organizations_list_by_name(demo_repo, store):
    view = organizations(store)
    assert view.count() == 6
    listed = names(view)
    assert listed == sorted(listed, key=fold)
    row = next(row for row in view.page(0, 10) if row[0] == demo_id("org:cooperative"))
    assert dict(zip(["id", *(c.key for c in view.columns)], row))["members"] == 12


def test_people_list_shows_surnames_first(demo_repo, store):
    assert "Ruvalcaba Márquez, María Guadalupe" in names(people(store))


def test_sorting_descending_reverses(demo_repo, store):
    ascending = names(people(store))
    assert names(people(store, descending=True)) == ascending[::-1]


def test_accented_names_sort_with_plain_ones(repo, store):
    for name in ("Ávila", "Avena", "Azul", "Álamo"):
        repo.insert("organizations", {"kind": "other", "name": name})
    assert names(organizations(store)) == ["Álamo", "Avena", "Ávila", "Azul"]


def test_sorting_by_another_column(demo_repo, store):
    kinds = [row[2] for row in organizations(store, sort_key="kind").page(0, 10)]
    assert kinds == sorted(kinds)
    curps = [row[2] for row in people(store, sort_key="curp", descending=True).page(0, 30)]
    assert curps == sorted(curps, reverse=True)


def test_unsortable_column_falls_back_to_name(demo_repo, store):
    view = organizations(store, sort_key="members")
    assert not view.sortable("members") and view.sortable("name")
    assert names(view) == names(organizations(store))


def test_pages_cover_the_list_once_in_order(demo_repo, store):
    view = people(store)
    pages = [view.page(offset, 10) for offset in (0, 10, 20)]
    assert [len(page) for page in pages] == [10, 10, 5]
    ids = [row[0] for page in pages for row in page]
    assert len(set(ids)) == 25
    assert ids == [row[0] for row in view.page(0, 25)]
    assert view.page(25, 10) == []


def test_pages_are_stable_with_equal_names(repo, store):
    for _ in range(7):
        repo.insert("organizations", {"kind": "other", "name": "Comité"})
    view = organizations(store)
    paged = [row[0] for offset in range(0, 7, 3) for row in view.page(offset, 3)]
    assert paged == [row[0] for row in view.page(0, 7)] and len(set(paged)) == 7


def test_count_with_filters(demo_repo, store):
    assert organizations(store, filters={"kind": "migrant_club"}).count() == 2
    assert organizations(store, filters={"kind": "cooperative"}).count() == 1
    assert organizations(store, filters={"kind": ""}).count() == 6
    assert people(store, filters={"residence_country": "US"}).count() == 8
    assert people(store, filters={"residence_country": "MX"}).count() == 17
    view = people(store, filters={"residence_country": "US"}, search="ruvalcaba")
    assert view.count() == 1 == len(view.page(0, 10))


# --- search ---------------------------------------------------------------------------------------

def test_search_matches_word_prefixes(demo_repo, store):
    assert people(store, search="ruv").count() == 2
    assert people(store, search="Ruv ped").count() == 1
    assert organizations(store, search="juchi").count() == 2
    assert organizations(store, search="club juchi").count() == 1


def test_search_by_curp(demo_repo, store):
    curp = demo_repo.get("people", demo_id("person:p01"))["curp"]
    view = people(store, search=curp[:6].lower())
    assert demo_id("person:p01") in [row[0] for row in view.page(0, 10)]


@pytest.mark.parametrize("typed", ["alamo", "ÁLAMO", "Álamo", "ála"])
def test_search_ignores_accents_and_case(repo, store, typed):
    repo.insert("organizations", {"kind": "migrant_club", "name": "Club El Álamo"})
    repo.insert("organizations", {"kind": "migrant_club", "name": "Club La Palma"})
    assert names(organizations(store, search=typed)) == ["Club El Álamo"]


def test_search_of_enye_and_accents_in_demo(demo_repo, store):
    assert names(organizations(store, search="canon")) == ["Sociedad Cooperativa Guayaberos del Cañón de Juchipila"]
    assert people(store, search="felix").count() == people(store, search="Félix").count() == 3


def test_search_finds_nothing(demo_repo, store):
    view = people(store, search="zzzz")
    assert view.count() == 0 and view.page(0, 10) == []


@pytest.mark.parametrize("typed", ['"', 'club"', "club OR", "NOT", "juchi*", "(club", "club -santa", "a:b", "^"])
def test_search_with_query_syntax_characters_does_not_fail(demo_repo, store, typed):
    view = organizations(store, search=typed)
    assert view.count() == len(view.page(0, 100))


def test_search_of_only_punctuation_lists_everything(demo_repo, store):
    assert organizations(store, search=" , . ").count() == 6


def test_deleted_rows_are_not_listed_nor_found(demo_repo, store):
    demo_repo.delete("people", demo_id("person:p01"))
    demo_repo.delete("organizations", demo_id("org:investors"))
    assert people(store).count() == 24
    assert people(store, search="ruvalcaba").count() == 1
    assert organizations(store).count() == 5
    assert organizations(store, search="cargadero").count() == 0
    assert all(row[1] != demo_id("person:p01") for row in listing.search_names(store.conn, "ruvalcaba"))
    demo_repo.restore("people", demo_id("person:p01"))
    assert people(store, search="ruvalcaba").count() == 2


def test_member_count_leaves_out_deleted_people(demo_repo, store):
    demo_repo.delete("people", demo_id("person:p13"))
    row = next(row for row in organizations(store).page(0, 10) if row[0] == demo_id("org:cooperative"))
    assert row[5] == 11
    assert len(listing.memberships_of_organization(store.conn, demo_id("org:cooperative"))) == 11


def test_renamed_record_is_found_by_its_new_name_only(repo, store):
    row_id = repo.insert("organizations", {"kind": "other", "name": "Comité del Agua"})
    repo.update("organizations", row_id, {"name": "Comité de Obras"})
    assert organizations(store, search="agua").count() == 0
    assert names(organizations(store, search="obras")) == ["Comité de Obras"]
    person = repo.insert("people", {"given_names": "Rosa", "first_surname": "Haro"})
    repo.update("people", person, {"first_surname": "Delgado"})
    assert people(store, search="haro").count() == 0
    assert people(store, search="delg").count() == 1


def test_search_names_lists_organizations_first(demo_repo, store):
    found = listing.search_names(store.conn, "ruvalcaba")
    assert {table for table, _id, _name in found} == {"people"}
    found = listing.search_names(store.conn, "juchipila")
    assert [table for table, _id, _name in found] == ["organizations", "organizations"]
    found = listing.search_names(store.conn, "el")
    tables = [table for table, _id, _name in found]
    assert tables == sorted(tables, key=lambda table: table != "organizations")
    assert ("people", demo_id("person:p01"), "María Guadalupe Ruvalcaba Márquez") in \
        listing.search_names(store.conn, "maria guad")


def test_search_names_limit_and_empty_text(demo_repo, store):
    assert len(listing.search_names(store.conn, "a", limit=3)) <= 3
    assert listing.search_names(store.conn, "") == []
    assert listing.search_names(store.conn, "  ") == []


def test_locality_of(demo_repo, store):
    person = demo_repo.get("people", demo_id("person:p13"))
    assert listing.locality_of(store.conn, person["locality_id"]) == ("32023", "Juchipila")
    assert listing.locality_of(store.conn, None) == (None, None)
    assert listing.locality_of(store.conn, "missing") == (None, None)


def test_lists_of_an_empty_file(store):
    assert organizations(store).count() == 0 and organizations(store).page(0, 10) == []
    assert listing.search_names(store.conn, "club") == []
