import json
import sqlite3

import pytest

from advisor_app.domain.records import RECORDS, field_spec, storable
from advisor_app.store.errors import StoreError, ValidationError
from advisor_app.store.schema import SYNCED_TABLES

# For every editable column: a value to create the record with, and a different one to change it to.
# "@name" stands for the id of a record made by the ``world`` fixture.
SAMPLES = {
    "localities": {
        "municipality_key": ("32020", "32023"),
        "name": ("Ermita de Guadalupe", "El Cargadero"),
    },
    "organizations": {
        "kind": ("migrant_club", "cooperative"),
        "name": ("Club Jerezanos de Lynwood", "Club Jerezanos de Paramount"),
        "origin_locality_id": ("@loc1", "@loc2"),
        "base_city": ("Lynwood", "Paramount"),
        "base_state": ("CA", "TX"),
        "parent_id": ("@fed1", "@fed2"),
        "legal_form": ("Asociación civil", "Nonprofit corporation"),
        "registration_number": ("TN-LA-2024-0137", "TN-LA-2025-0001"),
        "registration_valid_until": ("2026-12-31", "2027-06-30"),
        "rfc": ("SAT970701NN3", "G&M970701NN8"),
        "contact_name": ("Ana Lilia Robles", "Rosa Elena Haro"),
        "phone": ("+1 310 555 0187", "+1 562 555 0100"),
        "email": ("club@jerezanos.example", "avisos@jerezanos.example"),
        "status": ("active", "inactive"),
        "notes": ("Se reúne los domingos.", "Se reúne los sábados."),
    },
    "people": {
        "given_names": ("Gloria", "Gloria Elena"),
        "first_surname": ("Hernández", "Hernandes"),
        "second_surname": ("García", "Gómez"),
        "birth_date": ("1956-04-27", "1956-05-27"),
        "curp": ("HEGG560427MVZRRL04", "HEGG560427MNERRL09"),
        "rfc": ("GODE561231GR8", "GODE560101A6A"),
        "phone": ("+52 494 945 0109", "+1 310 555 0101"),
        "email": ("gloria@example.com", "gloria.hg@example.com"),
        "residence_country": ("MX", "US"),
        "locality_id": ("@loc1", "@loc2"),
        "us_city": ("Lynwood", "Santa Ana"),
        "grammatical_form": ("neutral", "feminine"),
        "notes": ("Prefiere llamadas por la tarde.", "Prefiere mensajes."),
    },
    "memberships": {
        "person_id": ("@person1", "@person2"),
        "organization_id": ("@org1", "@org2"),
        "role": ("member", "treasurer"),
        "share_pct": ("10", "20.5"),
        "contribution": ("1500.5", "2000"),
        "currency": ("MXN", "USD"),
    },
    "plans": {
        "title": ("Deshidratadora de chile", "Deshidratadora de chile y fruta"),
        "lead_organization_id": ("@org1", "@org2"),
        "locality_id": ("@loc1", "@loc2"),
        "sector": ("food_processing", "agriculture"),
        "project_type": ("productive_community", "business"),
        "status": ("draft", "in_review"),
        "scenario_of": ("@plan1", "@plan2"),
        "scenario_name": ("Con préstamo", "Sin préstamo"),
        "current_page": (0, 4),
        "summary": ("Secar chile de la región.", "Secar chile y mango."),
        "customers": ("Tiendas de Jerez", "Tiendas de Zacatecas"),
        "competitors": ("Dos secadoras", "Tres secadoras"),
        "price_reasoning": ("Costo más margen", "Precio de mercado"),
        "sales_channels": ("Venta directa", "Intermediarios"),
        "site": ("Bodega del ejido", "Casa de la socia"),
        "suppliers": ("Productores locales", "Central de abastos"),
        "equipment": ("Horno solar", "Horno de gas"),
        "staff": ("Cuatro socias", "Cinco socias"),
        "decisions": ("Asamblea mensual", "Consejo"),
        "roles": ("Presidenta, tesorera", "Gerente"),
        "profit_sharing": ("Por partes iguales", "Según aportación"),
        "partner_changes": ("Se devuelve la aportación", "Se vende la parte"),
        "social_effects": ("Cuatro empleos", "Seis empleos"),
        "environmental_effects": ("Sin residuos", "Composta"),
        "risks": ('[{"risk":"Sequía","likelihood":"medium","mitigation":"Comprar a varios"}]', "[]"),
        "investments": ('[{"concept":"Horno","category":"machinery_equipment","amount":"85000"}]', "[]"),
        "funding": ('[{"kind":"migrant_contribution","amount":"85000"}]', "[]"),
        "products": ('[{"name":"Chile seco","unit":"kg","price":"120","monthly_volume":"300"}]', "[]"),
        "fixed_costs": ('[{"concept":"Luz","monthly_amount":"800"}]', "[]"),
        "finance_settings": ('{"horizon_years":5}', '{"horizon_years":7}'),
        "scheme_id": ("3x1_productive", "custom"),
    },
    "plan_organizations": {
        "plan_id": ("@plan1", "@plan2"),
        "organization_id": ("@org2", "@fed1"),
    },
    "agreements": {
        "title": ("Contrato de asociación", "Convenio de coinversión"),
        "template_id": ("partnership", "co_investment"),
        "organization_id": ("@org1", "@org2"),
        "plan_id": ("@plan1", "@plan2"),
        "folio": ("SOC-2026-000001", "COI-2026-000002"),
        "language": ("es", "both"),
        "currency": ("MXN", "USD"),
        "status": ("draft", "void"),
        "version": (1, 2),
        "parameters": ('{"business_name":"Dulces"}', '{"business_name":"Salsas"}'),
        "title_en": ("Sweets agreement", "Sauces agreement"),
        "parameters_en": ('{"business_name":"Sweets"}', '{"business_name":"Sauces"}'),
        "clauses": ('{"confidentiality":true}', "{}"),
        "signed_place": ("Jerez, Zacatecas", "Juchipila, Zacatecas"),
        "signed_on": ("2026-11-20", "2026-11-24"),
        "content_hash": ("c" * 64, "d" * 64),
        "notes": ("Firmar en la presidencia", "Firmar en el club"),
    },
    "agreement_parties": {
        "agreement_id": ("@agreement1", "@agreement2"),
        "kind": ("person", "organization"),
        "person_id": ("@person1", "@person2"),
        "organization_id": ("@org1", "@org2"),
        "authority_name": ("Municipio de Jerez", "Gobierno del Estado de Zacatecas"),
        "authority_name_en": ("Municipality of Jerez", "Government of the State of Zacatecas"),
        "role": ("partner", "witness"),
        "signs": (1, 0),
        "id_number": ("INE 1234567890", "INE 0987654321"),
        "representative": ("Pedro Ruvalcaba", "Martha Ibarra"),
        "representative_title": ("Presidente", "Tesorera"),
        "representative_title_en": ("President", "Treasurer"),
        "contribution": ("50000", "75000.50"),
        "currency": ("MXN", "USD"),
        "share_pct": ("40", "60"),
        "position": (0, 1),
    },
    "agreement_versions": {
        "agreement_id": ("@agreement1", "@agreement2"),
        "version": (1, 2),
        "status": ("reviewed", "signed"),
        "content_hash": ("e" * 64, "f" * 64),
        "snapshot": ('{"documents":{}}', '{"documents":{"es":{}}}'),
    },
    "workshops": {
        "title": ("Plan de negocio", "Acuerdos entre socios"),
        "topics": ('["business"]', '["agreements","leadership"]'),
        "held_on": ("2026-10-01", "2026-10-15"),
        "place": ("Salón ejidal", "Presidencia municipal"),
        "facilitator": ("Laura Méndez", "Pedro Haro"),
        "hours": ("4", "6.5"),
        "status": ("planned", "held"),
        "notes": ("Llevar calculadoras", "Traer el plan"),
    },
    "workshop_attendance": {
        "workshop_id": ("@workshop1", "@workshop2"),
        "person_id": ("@person1", "@person2"),
        "organization_id": ("@org1", "@org2"),
        "attended": (0, 1),
    },
    "advisory_sessions": {
        "organization_id": ("@org1", "@org2"),
        "held_on": ("2026-10-01", "2026-10-08"),
        "topics": ('["finance"]', '["market"]'),
        "notes": ("Revisamos el flujo", "Hablamos de precios"),
    },
    "session_attendance": {
        "session_id": ("@session1", "@session2"),
        "person_id": ("@person1", "@person2"),
    },
    "session_actions": {
        "session_id": ("@session1", "@session2"),
        "description": ("Pedir cotizaciones", "Abrir la cuenta"),
        "responsible_id": ("@person1", "@person2"),
        "due_on": ("2026-10-15", "2026-10-30"),
        "done_on": ("2026-10-14", "2026-10-29"),
    },
    "attachments": {
        "sha256": ("a" * 64, "b" * 64),
        "file_name": ("acta-firmada.jpg", "acta-firmada-2.jpg"),
        "media_type": ("image/jpeg", "image/png"),
        "size": (2048, 4096),
        "table_name": ("organizations", "people"),
        "record_id": ("@org1", "@person1"),
    },
    "record_links": {
        "kind": ("not_same", "merged"),
        "table_name": ("people", "organizations"),
        "from_id": ("@person1", "@org1"),
        "to_id": ("@person2", "@org2"),
    },
}
# Changing one of these alone would contradict the other one in the same record.
LEAVE_OUT = {("people", "birth_date"): "curp", ("people", "curp"): "birth_date"}

EDITABLE = [(table, spec.name) for table in SYNCED_TABLES for spec in RECORDS[table]]


@pytest.fixture
def world(repo):
    """Records the samples refer to, made before the record under test."""
    ids = {
        "loc1": repo.ensure_locality("32020", "El Cargadero"),
        "loc2": repo.ensure_locality("32023", "Juchipila"),
        "fed1": repo.insert("organizations", {"kind": "federation", "name": "Federación Uno"}),
        "fed2": repo.insert("organizations", {"kind": "federation", "name": "Federación Dos"}),
        "org1": repo.insert("organizations", {"kind": "cooperative", "name": "Guayaberos"}),
        "org2": repo.insert("organizations", {"kind": "investor_group", "name": "El Cargadero"}),
        "person1": repo.insert("people", {"given_names": "Pedro", "first_surname": "Ruvalcaba"}),
        "person2": repo.insert("people", {"given_names": "Martha", "first_surname": "Ibarra"}),
    }
    ids["plan1"] = repo.insert("plans", {"title": "Plan uno", "lead_organization_id": ids["org1"]})
    ids["plan2"] = repo.insert("plans", {"title": "Plan dos", "lead_organization_id": ids["fed2"]})
    for number in (1, 2):
        ids[f"workshop{number}"] = repo.insert("workshops", {"title": f"Taller {number}", "topics": ["finance"],
                                                             "held_on": "2026-09-0" + str(number)})
        ids[f"session{number}"] = repo.insert("advisory_sessions", {"organization_id": ids["org1"],
                                                                    "held_on": "2026-09-0" + str(number)})
    for number, template_id in ((1, "partnership"), (2, "cofinancing")):
        ids[f"agreement{number}"] = repo.insert("agreements", {
            "title": f"Acuerdo {number}", "template_id": template_id, "folio": f"AC-{number}"})
    return lambda value: ids[value[1:]] if isinstance(value, str) and value.startswith("@") else value


def full_record(table, resolve, leave_out=()):
    return {name: resolve(pair[0]) for name, pair in SAMPLES[table].items() if name not in leave_out}


def log_of(store, row_id):
    return [(json.loads(fields), hlc, device) for fields, hlc, device in store.conn.execute(
        "SELECT fields, hlc, device FROM change_log WHERE row_id = ? ORDER BY seq", (row_id,))]


def log_size(store):
    return store.conn.execute("SELECT count(*) FROM change_log").fetchone()[0]


def editable_values(table, row):
    return {spec.name: row[spec.name] for spec in RECORDS[table]}


# --- the samples cover every column ---------------------------------------------------------------

def test_every_synced_table_has_editable_columns():
    assert set(SYNCED_TABLES) == set(RECORDS)


@pytest.mark.parametrize("table", SYNCED_TABLES)
def test_samples_cover_every_editable_column(table):
    assert set(SAMPLES[table]) == {spec.name for spec in RECORDS[table]}
    for name, (first, second) in SAMPLES[table].items():
        assert first != second, name


# --- inserts --------------------------------------------------------------------------------------

@pytest.mark.parametrize("table", SYNCED_TABLES)
def test_insert_logs_every_filled_field_once(table, repo, store, world):
    values = full_record(table, world)
    row_id = repo.insert(table, values)
    row = repo.get(table, row_id)
    stored = editable_values(table, row)
    assert stored == {name: storable(field_spec(table, name), raw) for name, raw in values.items()}
    entries = log_of(store, row_id)
    assert len(entries) == 1
    fields, hlc, device = entries[0]
    assert fields == {name: value for name, value in stored.items() if value is not None}
    assert set(fields) == set(SAMPLES[table])
    assert hlc == row["created_at"] == row["updated_at"]
    assert device == store.device_id == row["updated_by"]
    assert row["deleted"] == 0


def test_insert_logs_only_the_fields_with_a_value(repo, store):
    row_id = repo.insert("people", {"given_names": " Rosa Elena ", "first_surname": "Haro", "second_surname": "",
                                    "email": "   ", "curp": None})
    [(fields, _hlc, _device)] = log_of(store, row_id)
    assert fields == {"given_names": "Rosa Elena", "first_surname": "Haro", "residence_country": "MX"}
    row = repo.get("people", row_id)
    assert row["second_surname"] is None and row["email"] is None and row["curp"] is None


def test_defaults_are_stored_and_logged(repo, store, world):
    row_id = repo.insert("memberships", {"person_id": world("@person1"), "organization_id": world("@org1")})
    [(fields, _hlc, _device)] = log_of(store, row_id)
    assert fields["role"] == "member" and fields["currency"] == "MXN"


def test_every_edit_gets_a_later_stamp(repo, store):
    row_ids = [repo.insert("organizations", {"kind": "other", "name": f"Grupo {n}"}) for n in range(20)]
    stamps = [log_of(store, row_id)[0][1] for row_id in row_ids]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


# --- updates --------------------------------------------------------------------------------------

@pytest.mark.parametrize("table, column", EDITABLE)
def test_update_of_one_column_logs_exactly_that_column(table, column, repo, store, world):
    row_id = repo.insert(table, full_record(table, world, leave_out=LEAVE_OUT.get((table, column), ())))
    before = repo.get(table, row_id)
    new = world(SAMPLES[table][column][1])
    size = log_size(store)

    assert repo.update(table, row_id, {column: new}) is True

    after = repo.get(table, row_id)
    assert after[column] == storable(field_spec(table, column), new)
    assert {k: v for k, v in after.items() if k not in (column, "updated_at", "sort_name")} == \
        {k: v for k, v in before.items() if k not in (column, "updated_at", "sort_name")}
    assert log_size(store) == size + 1
    fields, hlc, device = log_of(store, row_id)[-1]
    assert fields == {column: after[column]}
    assert hlc == after["updated_at"] > before["updated_at"]
    assert after["created_at"] == before["created_at"]
    assert device == store.device_id == after["updated_by"]


@pytest.mark.parametrize("table, column", EDITABLE)
def test_update_with_the_same_value_logs_nothing(table, column, repo, store, world):
    row_id = repo.insert(table, full_record(table, world))
    before = repo.get(table, row_id)
    size = log_size(store)
    assert repo.update(table, row_id, {column: world(SAMPLES[table][column][0])}) is False
    assert repo.get(table, row_id) == before
    assert log_size(store) == size


@pytest.mark.parametrize("table, column, typed", [
    ("people", "given_names", "  Gloria "),
    ("people", "curp", "hegg560427mvzrrl04"),
    ("people", "birth_date", "1956-04-27 "),
    ("organizations", "base_state", "ca"),
    ("memberships", "share_pct", "10.00"),
    ("memberships", "contribution", "1,500.50"),
])
def test_retyping_the_same_value_differently_logs_nothing(table, column, typed, repo, store, world):
    row_id = repo.insert(table, full_record(table, world))
    size = log_size(store)
    assert repo.update(table, row_id, {column: typed}) is False
    assert log_size(store) == size


def test_update_of_several_columns_logs_them_together(repo, store, world):
    row_id = repo.insert("people", full_record("people", world))
    repo.update("people", row_id, {"phone": "+1 310 555 0199", "notes": "Nuevo", "given_names": "Gloria"})
    fields, _hlc, _device = log_of(store, row_id)[-1]
    assert fields == {"phone": "+1 310 555 0199", "notes": "Nuevo"}


def test_clearing_a_field_logs_it_as_empty(repo, store, world):
    row_id = repo.insert("people", full_record("people", world))
    assert repo.update("people", row_id, {"second_surname": "  "}) is True
    assert repo.get("people", row_id)["second_surname"] is None
    assert log_of(store, row_id)[-1][0] == {"second_surname": None}


def test_update_of_a_missing_record_is_refused(repo, store):
    size = log_size(store)
    with pytest.raises(StoreError):
        repo.update("people", "no-such-id", {"notes": "x"})
    assert log_size(store) == size


# --- delete and restore ---------------------------------------------------------------------------

@pytest.mark.parametrize("table", SYNCED_TABLES)
def test_delete_and_restore_are_logged(table, repo, store, world):
    row_id = repo.insert(table, full_record(table, world))
    repo.delete(table, row_id)
    deleted = repo.get(table, row_id)
    assert deleted["deleted"] == 1
    fields, hlc, device = log_of(store, row_id)[-1]
    assert fields == {"deleted": 1}
    assert hlc == deleted["updated_at"] and device == store.device_id

    repo.restore(table, row_id)
    restored = repo.get(table, row_id)
    assert restored["deleted"] == 0
    fields, hlc, _device = log_of(store, row_id)[-1]
    assert fields == {"deleted": 0}
    assert hlc == restored["updated_at"] > deleted["updated_at"]
    assert editable_values(table, restored) == editable_values(table, deleted)


def test_deleting_twice_logs_once(repo, store, world):
    row_id = repo.insert("organizations", full_record("organizations", world))
    repo.delete("organizations", row_id)
    size = log_size(store)
    repo.delete("organizations", row_id)
    repo.restore("organizations", row_id)
    repo.restore("organizations", row_id)
    assert log_size(store) == size + 1


def test_deleted_rows_stay_in_the_file(repo, store):
    row_id = repo.insert("organizations", {"kind": "other", "name": "Borrada"})
    repo.delete("organizations", row_id)
    assert store.conn.execute("SELECT count(*) FROM organizations WHERE id = ?", (row_id,)).fetchone()[0] == 1
    assert store.counts()["organizations"] == 0


# --- refusals change nothing ----------------------------------------------------------------------

REFUSED = [
    ("localities", {"municipality_key": "99999"}),
    ("organizations", {"email": "not an address"}),
    ("organizations", {"kind": "club"}),
    ("organizations", {"name": ""}),
    ("people", {"curp": "HEGG560427MVZRRL05"}),
    ("people", {"birth_date": "1956-02-30"}),
    ("people", {"nickname": "Lupe"}),
    ("memberships", {"share_pct": "150"}),
    ("memberships", {"contribution": "-1"}),
]


@pytest.mark.parametrize("table, values", REFUSED)
def test_refused_edit_changes_neither_row_nor_log(table, values, repo, store, world):
    row_id = repo.insert(table, full_record(table, world))
    before, size = repo.get(table, row_id), log_size(store)
    with pytest.raises(ValidationError) as refusal:
        repo.update(table, row_id, values)
    assert set(refusal.value.problems) == set(values)
    assert repo.get(table, row_id) == before
    assert log_size(store) == size


@pytest.mark.parametrize("table, values", REFUSED)
def test_refused_edit_of_several_fields_writes_none_of_them(table, values, repo, store, world):
    row_id = repo.insert(table, full_record(table, world))
    before, size = repo.get(table, row_id), log_size(store)
    good = {"organizations": {"notes": "otra"}, "people": {"notes": "otra"}, "localities": {"name": "Otra"},
            "memberships": {"role": "secretary"}}[table]
    with pytest.raises(ValidationError) as refusal:
        repo.update(table, row_id, {**good, **values})
    assert set(refusal.value.problems) == set(values)
    assert repo.get(table, row_id) == before
    assert log_size(store) == size


@pytest.mark.parametrize("table, values", REFUSED)
def test_refused_insert_writes_nothing(table, values, repo, store, world):
    counts = store.counts()
    with pytest.raises(ValidationError):
        repo.insert(table, {**full_record(table, world), **values})
    assert store.counts() == counts


class FailAfter:
    """The store's connection, failing right after a statement that starts with ``prefix`` has run."""

    def __init__(self, conn, prefix, error):
        self._conn, self._prefix, self._error = conn, prefix, error

    def execute(self, sql, *args):
        result = self._conn.execute(sql, *args)
        if sql.startswith(self._prefix):
            raise self._error
        return result

    def executemany(self, sql, *args):
        result = self._conn.executemany(sql, *args)
        if sql.startswith(self._prefix):
            raise self._error
        return result

    def __getattr__(self, name):
        return getattr(self._conn, name)


@pytest.mark.parametrize("error, shown", [
    (sqlite3.OperationalError("disk I/O error"), StoreError),
    (RuntimeError("power cut"), RuntimeError),
])
@pytest.mark.parametrize("table", SYNCED_TABLES)
def test_failure_after_the_update_leaves_row_and_log_unchanged(table, error, shown, repo, store, world,
                                                               monkeypatch):
    row_id = repo.insert(table, full_record(table, world))
    before, size = repo.get(table, row_id), log_size(store)
    column = next(iter(SAMPLES[table]))
    real = store.conn
    monkeypatch.setattr(store, "conn", FailAfter(real, f"UPDATE {table}", error))
    with pytest.raises(shown):
        repo.update(table, row_id, {column: world(SAMPLES[table][column][1])})
    monkeypatch.setattr(store, "conn", real)
    assert not real.in_transaction
    assert repo.get(table, row_id) == before
    assert log_size(store) == size


@pytest.mark.parametrize("table", SYNCED_TABLES)
def test_failure_after_the_delete_leaves_row_and_log_unchanged(table, repo, store, world, monkeypatch):
    row_id = repo.insert(table, full_record(table, world))
    before, size = repo.get(table, row_id), log_size(store)
    real = store.conn
    monkeypatch.setattr(store, "conn", FailAfter(real, f"UPDATE {table}", sqlite3.OperationalError("disk full")))
    with pytest.raises(StoreError):
        repo.delete(table, row_id)
    monkeypatch.setattr(store, "conn", real)
    assert repo.get(table, row_id) == before
    assert log_size(store) == size


def test_failure_after_the_insert_leaves_no_row_and_no_log(repo, store, monkeypatch):
    counts = store.counts()
    real = store.conn
    monkeypatch.setattr(store, "conn", FailAfter(real, "INSERT INTO organizations",
                                                 sqlite3.OperationalError("disk I/O error")))
    with pytest.raises(StoreError):
        repo.insert("organizations", {"kind": "other", "name": "A medias"})
    monkeypatch.setattr(store, "conn", real)
    assert store.counts() == counts
    assert store.conn.execute("SELECT count(*) FROM organizations").fetchone()[0] == 0


def test_log_write_refused_by_sqlite_leaves_the_row_unchanged(repo, store, world):
    row_id = repo.insert("people", full_record("people", world))
    before, size = repo.get("people", row_id), log_size(store)
    store.conn.execute("CREATE TEMP TRIGGER log_full BEFORE INSERT ON main.change_log "
                       "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    with pytest.raises(StoreError) as refusal:
        repo.update("people", row_id, {"notes": "no cabe"})
    assert not isinstance(refusal.value, sqlite3.Error)
    store.conn.execute("DROP TRIGGER log_full")
    assert repo.get("people", row_id) == before
    assert log_size(store) == size
    assert repo.update("people", row_id, {"notes": "ya cabe"}) is True


# --- rules that need the database -----------------------------------------------------------------

def test_duplicate_curp_is_refused_with_the_name_of_who_has_it(repo, store):
    repo.insert("people", {"given_names": "Gloria", "first_surname": "Hernández", "second_surname": "García",
                           "curp": "HEGG560427MVZRRL04"})
    counts = store.counts()
    with pytest.raises(ValidationError) as refusal:
        repo.insert("people", {"given_names": "Otra", "first_surname": "Persona", "curp": " hegg560427mvzrrl04"})
    assert set(refusal.value.problems) == {"curp"}
    assert "Gloria Hernández García" in refusal.value.problems["curp"]
    assert store.counts() == counts


def test_changing_a_curp_to_one_already_registered_is_refused(repo, store):
    repo.insert("people", {"given_names": "Gloria", "first_surname": "Hernández", "curp": "HEGG560427MVZRRL04"})
    other = repo.insert("people", {"given_names": "Juana", "first_surname": "Martínez", "curp": "MAHJ280603MSPRRV09"})
    size = log_size(store)
    with pytest.raises(ValidationError):
        repo.update("people", other, {"curp": "HEGG560427MVZRRL04"})
    assert repo.get("people", other)["curp"] == "MAHJ280603MSPRRV09"
    assert log_size(store) == size


def test_a_person_keeps_their_own_curp_when_other_fields_change(repo):
    row_id = repo.insert("people", {"given_names": "Gloria", "first_surname": "Hernández",
                                    "curp": "HEGG560427MVZRRL04"})
    assert repo.update("people", row_id, {"phone": "494 945 0109", "curp": "HEGG560427MVZRRL04"}) is True


def test_curp_of_a_deleted_person_may_be_registered_again(repo):
    first = repo.insert("people", {"given_names": "Gloria", "first_surname": "Hernández",
                                   "curp": "HEGG560427MVZRRL04"})
    repo.delete("people", first)
    repo.insert("people", {"given_names": "Gloria", "first_surname": "Hernández", "curp": "HEGG560427MVZRRL04"})


def test_birth_date_that_contradicts_the_stored_curp_is_refused(repo):
    row_id = repo.insert("people", {"given_names": "Gloria", "first_surname": "Hernández",
                                    "birth_date": "1956-04-27", "curp": "HEGG560427MVZRRL04"})
    with pytest.raises(ValidationError):
        repo.update("people", row_id, {"birth_date": "1960-01-01"})


def test_curp_that_contradicts_the_given_birth_date_is_refused(repo, store):
    counts = store.counts()
    with pytest.raises(ValidationError) as refusal:
        repo.insert("people", {"given_names": "Gloria", "first_surname": "Hernández",
                               "birth_date": "1960-01-01", "curp": "HEGG560427MVZRRL04"})
    assert set(refusal.value.problems) == {"curp"}
    assert store.counts() == counts


@pytest.fixture
def orgs(repo):
    return {kind: repo.insert("organizations", {"kind": kind, "name": f"Una {kind}"})
            for kind in ("federation", "migrant_club", "cooperative", "investor_group")}


def test_club_under_a_federation_is_accepted(repo, orgs):
    club = repo.insert("organizations", {"kind": "migrant_club", "name": "Club Juchipila",
                                         "parent_id": orgs["federation"]})
    assert repo.get("organizations", club)["parent_id"] == orgs["federation"]


@pytest.mark.parametrize("parent", ["migrant_club", "cooperative", "investor_group"])
def test_parent_that_is_not_a_federation_is_refused(parent, repo, store, orgs):
    counts = store.counts()
    with pytest.raises(ValidationError) as refusal:
        repo.insert("organizations", {"kind": "migrant_club", "name": "Club", "parent_id": orgs[parent]})
    assert set(refusal.value.problems) == {"parent_id"}
    assert store.counts() == counts


def test_parent_that_does_not_exist_is_refused(repo):
    with pytest.raises(ValidationError):
        repo.insert("organizations", {"kind": "migrant_club", "name": "Club", "parent_id": "no-such-id"})


def test_deleted_federation_cannot_be_a_parent(repo, orgs):
    repo.delete("organizations", orgs["federation"])
    with pytest.raises(ValidationError):
        repo.insert("organizations", {"kind": "migrant_club", "name": "Club", "parent_id": orgs["federation"]})


def test_federation_cannot_be_its_own_parent(repo, store, orgs):
    size = log_size(store)
    with pytest.raises(ValidationError):
        repo.update("organizations", orgs["federation"], {"parent_id": orgs["federation"]})
    assert repo.get("organizations", orgs["federation"])["parent_id"] is None
    assert log_size(store) == size


def test_moving_a_club_to_a_non_federation_is_refused(repo, orgs):
    club = repo.insert("organizations", {"kind": "migrant_club", "name": "Club", "parent_id": orgs["federation"]})
    with pytest.raises(ValidationError):
        repo.update("organizations", club, {"parent_id": orgs["cooperative"]})
    assert repo.get("organizations", club)["parent_id"] == orgs["federation"]


def test_federations_cannot_be_each_others_parent(repo):
    first = repo.insert("organizations", {"kind": "federation", "name": "Federación A"})
    second = repo.insert("organizations", {"kind": "federation", "name": "Federación B", "parent_id": first})
    with pytest.raises(ValidationError):
        repo.update("organizations", first, {"parent_id": second})


@pytest.fixture
def members(repo, orgs):
    people = [repo.insert("people", {"given_names": f"Socio {n}", "first_surname": "Prueba"}) for n in range(4)]

    def join(number, share, organization="cooperative"):
        return repo.insert("memberships", {"person_id": people[number], "organization_id": orgs[organization],
                                           "share_pct": share})

    join.people = people
    return join


def test_shares_up_to_100_are_accepted(repo, orgs, members):
    for number, share in enumerate(["25", "25", "33.33", "16.67"]):
        members(number, share)
    assert repo.shares_total(orgs["cooperative"]) == 100


def test_share_that_takes_the_total_above_100_is_refused(repo, store, orgs, members):
    members(0, "60")
    counts = store.counts()
    with pytest.raises(ValidationError) as refusal:
        members(1, "50")
    message = refusal.value.problems["share_pct"]
    assert "110" in message and "40" in message
    assert store.counts() == counts
    assert repo.shares_total(orgs["cooperative"]) == 60


def test_raising_a_members_share_counts_only_the_others(repo, orgs, members):
    first = members(0, "60")
    second = members(1, "40")
    assert repo.update("memberships", second, {"share_pct": "40"}) is False
    with pytest.raises(ValidationError):
        repo.update("memberships", second, {"share_pct": "41"})
    repo.update("memberships", first, {"share_pct": "50"})
    repo.update("memberships", second, {"share_pct": "50"})
    assert repo.shares_total(orgs["cooperative"]) == 100


def test_shares_of_deleted_members_do_not_count(repo, orgs, members):
    membership = members(0, "60")
    repo.delete("memberships", membership)
    members(1, "70")
    other = members(2, "20")
    repo.delete("people", members.people[2])
    members(3, "30")
    assert repo.get("memberships", other)["deleted"] == 0
    assert repo.shares_total(orgs["cooperative"]) == 100


def test_shares_are_counted_per_organization(repo, orgs, members):
    members(0, "80")
    members(1, "80", organization="investor_group")
    moving = members(2, "20", organization="investor_group")
    with pytest.raises(ValidationError):
        repo.update("memberships", moving, {"organization_id": orgs["cooperative"], "share_pct": "30"})
    repo.update("memberships", moving, {"organization_id": orgs["cooperative"]})
    assert repo.shares_total(orgs["cooperative"]) == 100


def test_restoring_a_membership_cannot_take_shares_above_100(repo, orgs, members):
    first = members(0, "60")
    repo.delete("memberships", first)
    members(1, "60")
    with pytest.raises(ValidationError):
        repo.restore("memberships", first)
    assert repo.shares_total(orgs["cooperative"]) == 60


def test_restoring_a_person_cannot_duplicate_a_curp(repo):
    first = repo.insert("people", {"given_names": "Gloria", "first_surname": "Hernández",
                                   "curp": "HEGG560427MVZRRL04"})
    repo.delete("people", first)
    repo.insert("people", {"given_names": "Gloria", "first_surname": "Hernández", "curp": "HEGG560427MVZRRL04"})
    with pytest.raises(ValidationError):
        repo.restore("people", first)


# --- insert_many ----------------------------------------------------------------------------------

def test_insert_many_writes_and_logs_every_row(repo, store):
    rows = [{"kind": "other", "name": f"Grupo {n}"} for n in range(5)]
    row_ids = repo.insert_many("organizations", rows)
    assert len(set(row_ids)) == 5
    stamps = []
    for row_id in row_ids:
        [(fields, hlc, device)] = log_of(store, row_id)
        assert fields == {"kind": "other", "name": repo.get("organizations", row_id)["name"], "status": "active"}
        assert hlc == repo.get("organizations", row_id)["updated_at"] and device == store.device_id
        stamps.append(hlc)
    assert stamps == sorted(set(stamps))


def test_insert_many_keeps_given_ids(repo):
    row_ids = repo.insert_many("organizations", [{"id": "fixed-1", "kind": "other", "name": "Uno"},
                                                 {"kind": "other", "name": "Dos"}])
    assert row_ids[0] == "fixed-1"
    assert repo.get("organizations", "fixed-1")["name"] == "Uno"


def test_insert_many_with_one_refused_row_writes_nothing(repo, store):
    counts = store.counts()
    rows = [{"kind": "other", "name": "Bien"}, {"kind": "other", "name": "Bien también"},
            {"kind": "other", "name": "Mal", "email": "no"}]
    with pytest.raises(ValidationError):
        repo.insert_many("organizations", rows)
    assert store.counts() == counts


def test_insert_many_that_fails_while_writing_writes_nothing(repo, store):
    existing = repo.insert("organizations", {"kind": "other", "name": "Ya estaba"})
    counts = store.counts()
    with pytest.raises(StoreError) as refusal:
        repo.insert_many("organizations", [{"kind": "other", "name": "Nueva"},
                                           {"id": existing, "kind": "other", "name": "Repetida"}])
    assert not isinstance(refusal.value, sqlite3.Error)
    assert store.counts() == counts
    assert repo.get("organizations", existing)["name"] == "Ya estaba"


def test_insert_many_of_nothing(repo, store):
    assert repo.insert_many("organizations", []) == []
    assert log_size(store) == 0


def test_insert_many_cannot_take_shares_above_100(repo, store, orgs, members):
    counts = store.counts()
    with pytest.raises(ValidationError):
        repo.insert_many("memberships", [
            {"person_id": members.people[0], "organization_id": orgs["cooperative"], "share_pct": "60"},
            {"person_id": members.people[1], "organization_id": orgs["cooperative"], "share_pct": "60"},
        ])
    assert store.counts() == counts


def test_insert_many_cannot_register_one_curp_twice(repo, store):
    with pytest.raises(ValidationError):
        repo.insert_many("people", [
            {"given_names": "Juana", "first_surname": "Martínez", "curp": "MAHJ280603MSPRRV09"},
            {"given_names": "Juana", "first_surname": "Martinez", "curp": "MAHJ280603MSPRRV09"},
        ])
