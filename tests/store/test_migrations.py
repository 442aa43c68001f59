import sqlite3

import pytest

import advisor_app.store.database as database
import advisor_app.store.schema as schema
from advisor_app.store import backups
from advisor_app.store.database import Store
from advisor_app.store.errors import StoreError
from advisor_app.store.repository import Repository

# The file under test is made at the current version; the tests add one more migration after it.
CURRENT = schema.LATEST_VERSION
CURRENT_MIGRATIONS = list(schema.MIGRATIONS)
NEXT = CURRENT + 1

V2_GOOD = """
    CREATE TABLE field_trips (id TEXT PRIMARY KEY, title TEXT);
    ALTER TABLE organizations ADD COLUMN website TEXT;
"""
V2_FAILING = """
    CREATE TABLE field_trips (id TEXT PRIMARY KEY, title TEXT);
    ALTER TABLE organizations ADD COLUMN website TEXT;
    UPDATE organizations SET website = 'x';
    INSERT INTO no_such_table VALUES (1);
"""


@pytest.fixture
def v1_file(tmp_path):
    path = tmp_path / "advisor.sqlite3"
    store = Store.open(path)
    repo = Repository(store)
    repo.insert("organizations", {"kind": "cooperative", "name": "Guayaberos del Cañón"})
    repo.insert("people", {"given_names": "Gloria", "first_surname": "Hernández", "curp": "HEGG560427MVZRRL04"})
    store.close()
    return path


@pytest.fixture
def with_second_migration(monkeypatch):
    def install(script):
        migrations = [*CURRENT_MIGRATIONS, script]
        for module in (schema, database):
            monkeypatch.setattr(module, "MIGRATIONS", migrations)
            monkeypatch.setattr(module, "LATEST_VERSION", NEXT)

    return install


def read(path, sql):
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def data_of(path):
    return (read(path, "SELECT id, name, updated_at FROM organizations ORDER BY id"),
            read(path, "SELECT id, curp FROM people ORDER BY id"),
            read(path, "SELECT device, origin_seq, fields FROM change_log ORDER BY seq"))


def before_migration_backups(path):
    return sorted(backups.folder_for(path).glob(f"{path.stem}-before-migration-v{CURRENT}-*.sqlite3"))


def test_current_file_is_not_migrated_nor_backed_up(v1_file):
    store = Store.open(v1_file)
    store.close()
    assert not backups.folder_for(v1_file).exists()


def test_migration_takes_a_sound_backup_of_the_old_version_first(v1_file, with_second_migration):
    before = data_of(v1_file)
    with_second_migration(V2_GOOD)
    store = Store.open(v1_file)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == NEXT
        store.conn.execute("SELECT website FROM organizations").fetchall()
        assert store.conn.execute("SELECT count(*) FROM field_trips").fetchone()[0] == 0
    finally:
        store.close()
    found = before_migration_backups(v1_file)
    assert len(found) == 1
    backup = found[0]
    assert backups.is_sound(backup)
    assert read(backup, "PRAGMA user_version") == [(CURRENT,)]
    assert data_of(backup) == before
    assert read(backup, "SELECT name FROM sqlite_master WHERE name = 'field_trips'") == []


def test_migrated_file_keeps_its_data_and_identity(v1_file, with_second_migration):
    store = Store.open(v1_file)
    device = store.device_id
    store.close()
    before = data_of(v1_file)
    with_second_migration(V2_GOOD)
    store = Store.open(v1_file)
    try:
        assert store.device_id == device
        assert store.counts()["organizations"] == 1
    finally:
        store.close()
    assert data_of(v1_file) == before


def test_new_file_is_made_at_the_latest_version_without_backup(tmp_path, with_second_migration):
    with_second_migration(V2_GOOD)
    path = tmp_path / "new.sqlite3"
    store = Store.open(path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == NEXT
    finally:
        store.close()
    assert not backups.folder_for(path).exists()


def test_failing_migration_leaves_the_file_at_the_old_version(v1_file, with_second_migration):
    before = data_of(v1_file)
    with_second_migration(V2_FAILING)
    with pytest.raises(StoreError) as refusal:
        Store.open(v1_file)
    assert not isinstance(refusal.value, sqlite3.Error)
    assert "\n" not in str(refusal.value)
    assert read(v1_file, "PRAGMA user_version") == [(CURRENT,)]
    assert data_of(v1_file) == before
    assert read(v1_file, "SELECT name FROM sqlite_master WHERE name = 'field_trips'") == []
    columns = [row[1] for row in read(v1_file, "PRAGMA table_info(organizations)")]
    assert "website" not in columns
    assert read(v1_file, "PRAGMA integrity_check") == [("ok",)]
    assert before_migration_backups(v1_file)


def test_after_a_failed_migration_the_fixed_one_succeeds(v1_file, with_second_migration):
    with_second_migration(V2_FAILING)
    with pytest.raises(StoreError):
        Store.open(v1_file)
    with_second_migration(V2_GOOD)
    store = Store.open(v1_file)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == NEXT
        assert store.counts()["people"] == 1
    finally:
        store.close()


def test_file_from_the_unpatched_newer_version_is_refused_by_the_older_app(v1_file, with_second_migration,
                                                                          monkeypatch):
    originals = {name: getattr(database, name) for name in ("MIGRATIONS", "LATEST_VERSION")}
    with_second_migration(V2_GOOD)
    Store.open(v1_file).close()
    for module in (schema, database):
        for name, value in originals.items():
            monkeypatch.setattr(module, name, value)
    before = v1_file.read_bytes()
    with pytest.raises(StoreError) as refusal:
        Store.open(v1_file)
    assert "newer version" in str(refusal.value)
    assert v1_file.read_bytes() == before
