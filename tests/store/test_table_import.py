"""Import from a spreadsheet: files in every common shape, columns guessed, rows judged by the typing rules,
registered people matched instead of doubled, all or nothing, and logged so the import syncs."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from advisor_app.store.demo import make_curp
from advisor_app.store.errors import StoreError
from advisor_app.store.table_files import read_table, write_template
from advisor_app.store.table_import import NEW, PROBLEM, UNCHANGED, UPDATE, apply_import, preview_import
from advisor_app.store.table_mapping import (
    guess_mapping,
    mapping_from_names,
    remember_mapping,
    remembered_mapping,
    template_headers,
)

HEADER_ES = "Nombre(s),Apellido paterno,Apellido materno,Fecha de nacimiento,CURP,Teléfono,Municipio,Estado"
ROSA_CURP = make_curp("Rosa", "Haro", "Delgado", dt.date(1975, 11, 22), "M", "ZS")
LUIS_CURP = make_curp("Luis", "Pérez", "López", dt.date(1985, 3, 21), "H", "ZS")


@pytest.fixture(autouse=True)
def source_language(english):
    """Sentences compared with their English source."""


def write_csv(path, text: str, encoding: str = "utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def people_csv(tmp_path, rows: list[str], delimiter=",", encoding="utf-8", header=HEADER_ES):
    lines = [header, *rows]
    return write_csv(tmp_path / "people.csv", "\r\n".join(line.replace(",", delimiter) for line in lines) + "\r\n",
                     encoding)


def preview(store, path, kind="people", **options):
    table = read_table(path, **options)
    return table, guess_mapping(kind, table.headers), preview_import(store, kind, table,
                                                                     guess_mapping(kind, table.headers))


def count(store, table):
    return store.conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]


@pytest.mark.parametrize("encoding,delimiter", [("utf-8", ","), ("utf-8-sig", ","), ("cp1252", ";"),
                                                ("utf-8", "\t"), ("cp1252", "\t"), ("utf-8-sig", ";")])
def test_csv_in_every_common_encoding_and_delimiter(tmp_path, encoding, delimiter):
    path = people_csv(tmp_path, [f"José Ángel,Muñoz,Pérez,21/03/1985,{LUIS_CURP},494 123 4567,Jerez,Zacatecas"],
                      delimiter, encoding)
    table = read_table(path)
    assert table.headers[0] == "Nombre(s)" and table.headers[5] == "Teléfono"
    assert table.rows == [["José Ángel", "Muñoz", "Pérez", "21/03/1985", LUIS_CURP, "494 123 4567", "Jerez",
                           "Zacatecas"]]
    assert table.numbers == [2]
    assert table.delimiter == delimiter


def test_xlsx_dates_as_cells_and_a_chosen_sheet(tmp_path, store):
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "Notas"
    first.append(["nada que importar"])
    first.append(["x"])
    sheet = workbook.create_sheet("Socios")
    sheet.append(["Given names", "First surname", "Date of birth", "Phone", "Municipality", "State"])
    sheet.append(["Rosa", "Haro", dt.datetime(1975, 11, 22), 4941234567, "Jerez", "Zacatecas"])
    path = tmp_path / "club.xlsx"
    workbook.save(path)
    table = read_table(path, sheet="Socios")
    assert table.sheets == ["Notas", "Socios"] and table.sheet == "Socios"
    assert table.rows == [["Rosa", "Haro", dt.date(1975, 11, 22), "4941234567", "Jerez", "Zacatecas"]]
    found = preview_import(store, "people", table, guess_mapping("people", table.headers))
    assert [row.status for row in found.rows] == [NEW]
    assert found.rows[0].values["birth_date"] == "1975-11-22"
    assert found.rows[0].locality == ("32020", None)
    with pytest.raises(StoreError, match="no sheet called Hoja9"):
        read_table(path, sheet="Hoja9")


def test_headers_guessed_in_spanish_and_english():
    spanish = ["Nombre(s)", "APELLIDO PATERNO", "Apellido materno", "Fecha de nacimiento", "CURP", "RFC",
               "Celular", "Correo", "Municipio", "Estado", "Localidad", "Ciudad (EE. UU.)", "Observaciones"]
    assert list(guess_mapping("people", spanish).values()) == [
        "given_names", "first_surname", "second_surname", "birth_date", "curp", "rfc", "phone", "email",
        "municipality", "state", "locality", "us_city", "notes"]
    english = ["First name", "Last name", "Date of birth", "Phone", "E-mail", "County", "Town"]
    assert list(guess_mapping("people", english).values()) == [
        "given_names", "first_surname", "birth_date", "phone", "email", "municipality", "locality"]
    members = guess_mapping("memberships", ["CURP", "Nombre", "Club", "Cargo", "Aportación", "Participación"])
    assert list(members.values()) == ["person_curp", "person_name", "organization", "role", "contribution",
                                      "share_pct"]
    assert guess_mapping("organizations", ["Organización", "Tipo", "Municipio"]) == {0: "name", 1: "kind",
                                                                                      2: "municipality"}
    # Unknown headers stay unmapped; a field is taken by its first column only.
    assert guess_mapping("people", ["Foo", "Teléfono", "Tel"]) == {1: "phone"}


def test_the_template_is_read_back_in_both_languages(tmp_path):
    from advisor_app.i18n import speaking

    for language in ("es", "en"):
        with speaking(language):
            headers = template_headers("people")
            path = write_template(tmp_path / f"template-{language}.xlsx", headers)
            again = openpyxl.load_workbook(path).active
            assert [cell.value for cell in again[1]] == headers
            assert sorted(guess_mapping("people", headers)) == list(range(len(headers)))
    csv_path = write_template(tmp_path / "template.csv", template_headers("memberships"))
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_mapping_is_remembered_per_kind(store):
    headers = ["Col A", "Col B"]
    remember_mapping(store, "people", headers, {0: "given_names", 1: "first_surname"})
    assert remembered_mapping(store, "people") == {"Col A": "given_names", "Col B": "first_surname"}
    assert remembered_mapping(store, "organizations") == {}
    assert guess_mapping("people", ["col a", "COL B", "CURP"], remembered_mapping(store, "people")) == {
        0: "given_names", 1: "first_surname", 2: "curp"}
    with pytest.raises(StoreError, match="not a field"):
        mapping_from_names("people", headers, {"Col A": "shoe_size"})
    with pytest.raises(StoreError, match="no column called Col Z"):
        mapping_from_names("people", headers, {"Col Z": "given_names"})


def test_problems_named_by_row_and_column(tmp_path, store):
    path = people_csv(tmp_path, [
        f"Luis,Pérez,López,21/03/1985,{LUIS_CURP},494 123 4567,Jerez,Zacatecas",
        "Ana,Ruiz,,31/02/1990,RUXA900231MZSZXX0,12,Nowhereville,",
        "Eva,,Solís,1990-13-01,,,Guadalupe,",
    ])
    _table, _mapping, found = preview(store, path)
    assert [row.status for row in found.rows] == [NEW, PROBLEM, PROBLEM]
    texts = [problem.text() for problem in found.problems()]
    assert "Row 3, column Fecha de nacimiento: 31/02/1990 is not a real date (day/month/year)." in texts
    assert any(text.startswith("Row 3, column CURP: ") for text in texts)
    assert any(text.startswith("Row 3, column Teléfono: A phone number has 7 to 15 digits") for text in texts)
    assert "Row 3, column Municipio: Nowhereville is not a municipality in the INEGI catalog." in texts
    assert "Row 4, column Apellido paterno: First surname is required." in texts
    assert any(text.startswith("Row 4, column Municipio: Several municipalities are called Guadalupe")
               for text in texts)
    assert "Row 4, column Fecha de nacimiento: 1990-13-01 is not a real date (day/month/year)." in texts
    assert found.summary() == ("3 rows. New: 1; to update: 0; already registered as they are: 0; with problems: 2.")


def test_curp_and_birth_date_checked_together_as_when_typing(tmp_path, store):
    path = people_csv(tmp_path, [f"Luis,Pérez,López,22/03/1985,{LUIS_CURP},,Jerez,Zacatecas"])
    _table, _mapping, found = preview(store, path)
    assert [problem.text() for problem in found.problems()] == [
        "Row 2, column CURP: The birth date in this CURP does not match the birth date given."]


def test_matches_by_curp_and_by_name_birth_date_and_municipality_update_instead_of_doubling(tmp_path, store,
                                                                                            repository):
    jerez = repository.ensure_locality("32020", None)
    rosa = repository.insert("people", {"given_names": "Rosa", "first_surname": "Haro", "second_surname": "Delgado",
                                        "curp": ROSA_CURP, "phone": "+52 494 000 0000"})
    luis = repository.insert("people", {"given_names": "Luis", "first_surname": "Pérez",
                                        "second_surname": "López", "birth_date": "1985-03-21",
                                        "locality_id": jerez})
    path = people_csv(tmp_path, [
        f"Rosa María,HARO,Delgado,22/11/1975,{ROSA_CURP},494 123 4567,Jerez,Zacatecas",
        "luis,Perez,Lopez,21/03/1985,,494 765 4321,Jerez,Zacatecas",
        "Luis,Pérez,López,21/03/1985,,,,",
    ])
    table, mapping, found = preview(store, path)
    rows = found.rows
    assert [row.status for row in rows[:2]] == [UPDATE, UPDATE]
    assert (rows[0].match_id, rows[0].match_reason) == (rosa, "same CURP")
    assert (rows[1].match_id, rows[1].match_reason) == (luis, "same name, birth date and municipality")
    assert rows[0].fills == {"birth_date": "1975-11-22"} and rows[0].fills_locality
    assert set(rows[0].kept) == {"Given names", "First surname", "Phone"}
    assert rows[1].fills == {"phone": "494 765 4321"}
    # The third row is the second's person again (its municipality is not given, which still matches).
    assert rows[2].status == PROBLEM
    assert rows[2].problems[0].text() == ("Row 4, column Nombre(s): Row 3 is already an update of the same "
                                          "registered record.")
    before = count(store, "people")
    result = apply_import(store, "people", table, mapping, skip_problems=True)
    assert (result.created, result.updated, result.skipped) == (0, 2, 1)
    assert count(store, "people") == before
    rosa_now = repository.get("people", rosa)
    assert rosa_now["phone"] == "+52 494 000 0000"  # typed by hand: not overwritten
    assert rosa_now["given_names"] == "Rosa" and rosa_now["birth_date"] == "1975-11-22"
    assert rosa_now["locality_id"] == jerez
    assert repository.get("people", luis)["phone"] == "494 765 4321"
    again = preview_import(store, "people", table, mapping)
    assert [row.status for row in again.rows] == [UNCHANGED, UNCHANGED, PROBLEM]


def test_a_match_can_be_skipped(tmp_path, store, repository):
    rosa = repository.insert("people", {"given_names": "Rosa", "first_surname": "Haro", "curp": ROSA_CURP})
    path = people_csv(tmp_path, [f"Rosa,Haro,Delgado,22/11/1975,{ROSA_CURP},,,"])
    table, mapping, found = preview(store, path)
    result = apply_import(store, "people", table, mapping, skipped={found.rows[0].number})
    assert (result.created, result.updated, result.skipped) == (0, 0, 1)
    assert repository.get("people", rosa)["second_surname"] is None


def test_problems_refuse_the_import_unless_the_other_rows_are_chosen(tmp_path, store):
    path = people_csv(tmp_path, [f"Luis,Pérez,López,21/03/1985,{LUIS_CURP},,Jerez,Zacatecas",
                                 "Ana,Ruiz,,1/1/1990,MAL,,,"])
    table, mapping, _found = preview(store, path)
    with pytest.raises(StoreError, match="1 row has problems"):
        apply_import(store, "people", table, mapping)
    assert count(store, "people") == 0
    result = apply_import(store, "people", table, mapping, skip_problems=True)
    assert (result.created, result.updated, result.skipped) == (1, 0, 1)
    person = store.conn.execute("SELECT given_names, curp, birth_date, locality_id FROM people").fetchone()
    assert person[:3] == ("Luis", LUIS_CURP, "1985-03-21")
    assert store.conn.execute("SELECT municipality_key FROM localities WHERE id = ?", (person[3],)).fetchone() == (
        "32020",)


def test_all_or_nothing_when_a_write_fails_in_the_middle(tmp_path, store, repository, monkeypatch):
    from advisor_app.store.repository import Repository

    rosa = repository.insert("people", {"given_names": "Rosa", "first_surname": "Haro", "curp": ROSA_CURP})
    rows = [f"Rosa,Haro,Delgado,22/11/1975,{ROSA_CURP},,Jerez,Zacatecas"]
    rows += [f"Persona{number},Apellido,,01/01/1980,,,Jerez,Zacatecas" for number in range(1200)]
    path = people_csv(tmp_path, rows)
    table, mapping, _found = preview(store, path)
    log_before = store.conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
    calls = []
    original = Repository.insert_many

    def failing(self, table_name, new_rows):
        calls.append(len(new_rows))
        if len(calls) == 2:  # the first 500 people and the update are written by now
            raise StoreError("The disk is full.")
        return original(self, table_name, new_rows)

    monkeypatch.setattr(Repository, "insert_many", failing)
    with pytest.raises(StoreError, match="disk is full"):
        apply_import(store, "people", table, mapping)
    assert calls == [500, 500]
    assert count(store, "people") == 1 and count(store, "localities") == 0
    assert repository.get("people", rosa)["birth_date"] is None
    assert store.conn.execute("SELECT count(*) FROM change_log").fetchone()[0] == log_before


def test_cancel_leaves_nothing(tmp_path, store):
    from advisor_app.progress import Cancelled

    path = people_csv(tmp_path, [f"P{number},Apellido,,01/01/1980,,,," for number in range(800)])
    table, mapping, _found = preview(store, path)

    def progress(step, done=0, total=None):
        if step == "Writing new records" and done >= 500:
            raise Cancelled

    with pytest.raises(Cancelled):
        apply_import(store, "people", table, mapping, progress=progress)
    assert count(store, "people") == 0


def test_the_applied_rows_are_logged_and_travel_in_a_bundle(tmp_path, store):
    from advisor_app.store.database import Store
    from advisor_app.sync.export import export_bundle
    from advisor_app.sync.importer import run_import

    path = people_csv(tmp_path, [f"Luis,Pérez,López,21/03/1985,{LUIS_CURP},494 123 4567,Jerez,Zacatecas"])
    table, mapping, _found = preview(store, path)
    apply_import(store, "people", table, mapping)
    logged = store.conn.execute("SELECT table_name, fields FROM change_log ORDER BY seq").fetchall()
    assert [name for name, _fields in logged] == ["localities", "people"]
    assert LUIS_CURP in logged[1][1]
    bundle = tmp_path / "out.advbundle"
    export_bundle(store, bundle)
    other = Store.open(tmp_path / "other" / "advisor.sqlite3") if (tmp_path / "other").mkdir() is None else None
    try:
        run_import(other, bundle, None, dry_run=False, trust=True)
        person = other.conn.execute("SELECT given_names, curp, phone, l.municipality_key FROM people p "
                                    "JOIN localities l ON l.id = p.locality_id").fetchone()
        assert person == ("Luis", LUIS_CURP, "494 123 4567", "32020")
    finally:
        other.close()


def test_organizations_and_memberships_with_shares_up_to_100(tmp_path, store, repository):
    orgs = write_csv(tmp_path / "orgs.csv", "Organización;Tipo;Municipio;Estado;Vigencia toma de nota\n"
                                            "Club Jerezanos de Chicago;Club de migrantes;Jerez;Zacatecas;30/06/2027\n"
                                            "Cooperativa La Presa;Cooperativa;Jerez;;\n", "cp1252")
    table, mapping, found = preview(store, orgs, "organizations")
    assert [row.status for row in found.rows] == [NEW, NEW]
    apply_import(store, "organizations", table, mapping)
    club = store.conn.execute("SELECT id, kind, registration_valid_until FROM organizations WHERE name LIKE 'Club%'"
                              ).fetchone()
    assert club[1:] == ("migrant_club", "2027-06-30")
    repository.insert("people", {"given_names": "Rosa", "first_surname": "Haro", "second_surname": "Delgado",
                                 "curp": ROSA_CURP})
    repository.insert("people", {"given_names": "Luis", "first_surname": "Pérez", "second_surname": "López"})
    members = write_csv(tmp_path / "members.csv", "CURP,Nombre,Club,Cargo,Participación,Aportación\n"
                                                  f"{ROSA_CURP},,club jerezanos de chicago,Presidenta,60 %,\"$1,500\"\n"
                                                  ",Luis Pérez López,Club Jerezanos de Chicago,Socio,50,\n"
                                                  ",Nadie Nunca,Club Jerezanos de Chicago,,,\n"
                                                  ",Luis Pérez López,Club Fantasma,,,\n")
    table, mapping, found = preview(store, members, "memberships")
    assert [row.status for row in found.rows] == [NEW, PROBLEM, PROBLEM, PROBLEM]
    texts = [problem.text() for problem in found.problems()]
    assert texts[0] == ("Row 3, column Participación: The members' shares would add up to 110 %; at most 40 % is "
                        "left.")
    assert texts[1] == "Row 4, column Nombre: No person called Nadie Nunca is registered; import the people first."
    assert texts[2] == ("Row 5, column Club: No organization called Club Fantasma is registered; import the "
                        "organizations first.")
    result = apply_import(store, "memberships", table, mapping, skip_problems=True)
    assert result.created == 1
    assert store.conn.execute("SELECT role, share_pct, contribution FROM memberships").fetchone() == (
        "president", "60", "1500")
    again = preview_import(store, "memberships", table, mapping)
    assert again.rows[0].status == UNCHANGED and again.rows[0].match_reason == "already a member"


@pytest.mark.parametrize("content,sentence", [
    (b"", "is empty"),
    (b"Nombre,Apellido paterno\r\n", "has column names but no rows"),
    (b"PK\x03\x04 not really a workbook", "cannot be read as an Excel workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old excel", "old Excel file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a spreadsheet"),
])
def test_a_file_that_cannot_be_read_is_one_sentence(tmp_path, content, sentence):
    path = tmp_path / "lista.csv"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=sentence) as refused:
        read_table(path)
    assert "\n" not in str(refused.value)


def test_a_missing_file_and_a_folder_are_one_sentence(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(StoreError, match="is a folder"):
        read_table(tmp_path)
