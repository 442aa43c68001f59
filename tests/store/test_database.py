import os
import sqlite3
import stat
import time

import pytest

import advisor_app.store.database as database
from advisor_app.store.database import Store
from advisor_app.store.errors import DamagedDatabase, StoreError
from advisor_app.store.repository import Repository
from advisor_app.store.schema import APPLICATION_ID, LATEST_VERSION, SYNCED_TABLES

RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def snapshot(path):
    return path.read_bytes(), path.stat().st_mtime_ns


def assert_refused(path, *words, error=StoreError):
    """Opening ``path`` is refused with one sentence naming it, and the file is left exactly as it was."""
    before = snapshot(path) if path.is_file() else None
    with pytest.raises(error) as refusal:
        Store.open(path)
    message = str(refusal.value)
    assert message and "\n" not in message
    assert path.name in message or str(path.parent) in message
    for word in words:
        assert word in message
    if before is not None:
        assert snapshot(path) == before
    return refusal.value


def pragma(path, name):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


# --- a new file -----------------------------------------------------------------------------------

def test_new_file_gets_the_current_schema(store, db_path):
    assert db_path.is_file()
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    tables = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {*SYNCED_TABLES, "change_log", "meta"} <= tables


def test_new_file_settings(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == database.BUSY_TIMEOUT_MS


def test_new_file_is_empty_and_sound(store):
    assert set(store.counts().values()) == {0}
    assert store.integrity_problems() == []
    assert store.unexported_changes() == 0


def test_settings_hold_after_reopening(store, db_path):
    store.close()
    again = Store.open(db_path)
    try:
        assert again.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert again.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        again.close()
    assert pragma(db_path, "user_version") == LATEST_VERSION


def test_an_empty_file_becomes_a_new_data_file(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.touch()
    store = Store.open(path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert store.device_id
    finally:
        store.close()


def test_user_folder_is_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    store = Store.open("~/advisor.sqlite3")
    store.close()
    assert (tmp_path / "advisor.sqlite3").is_file()


# --- identity and clock ---------------------------------------------------------------------------

def test_device_id_is_made_once_and_kept(store, db_path):
    device = store.device_id
    assert len(device) == 32 and int(device, 16) >= 0
    store.close()
    for _ in range(2):
        again = Store.open(db_path)
        try:
            assert again.device_id == device
            assert again.conn.execute("SELECT count(*) FROM meta WHERE key = 'device_id'").fetchone()[0] == 1
        finally:
            again.close()


def test_two_data_files_have_different_device_ids(tmp_path):
    first, second = Store.open(tmp_path / "a.sqlite3"), Store.open(tmp_path / "b.sqlite3")
    try:
        assert first.device_id != second.device_id
    finally:
        first.close()
        second.close()


def test_data_is_kept_after_reopening(repo, store, db_path):
    row_id = repo.insert("organizations", {"kind": "cooperative", "name": "Guayaberos"})
    store.close()
    again = Store.open(db_path)
    try:
        assert Repository(again).get("organizations", row_id)["name"] == "Guayaberos"
    finally:
        again.close()


def test_edits_after_reopening_sort_after_earlier_ones_even_if_the_clock_went_back(repo, store, db_path):
    row_id = repo.insert("organizations", {"kind": "cooperative", "name": "Guayaberos"})
    first = repo.get("organizations", row_id)["updated_at"]
    store.close()
    again = Store.open(db_path)
    try:
        again.clock.wall = lambda: 0  # the laptop's clock was reset to 1970
        Repository(again).update("organizations", row_id, {"name": "Guayaberos del Cañón"})
        assert Repository(again).get("organizations", row_id)["updated_at"] > first
    finally:
        again.close()


def test_unexported_changes_count_local_edits(repo, store):
    repo.insert("organizations", {"kind": "cooperative", "name": "Guayaberos"})
    repo.insert("organizations", {"kind": "other", "name": "Otro"})
    assert store.unexported_changes() == 2
    store.set_meta("exported_through_seq", "1")
    assert store.unexported_changes() == 1


# --- transactions ---------------------------------------------------------------------------------

def test_transaction_is_all_or_nothing(store):
    with pytest.raises(RuntimeError):
        with store.transaction() as conn:
            conn.execute("INSERT INTO meta(key, value) VALUES ('a', '1')")
            raise RuntimeError("power cut")
    assert store.get_meta("a") is None
    assert not store.conn.in_transaction


def test_sqlite_failure_in_a_transaction_becomes_a_sentence(store):
    with pytest.raises(StoreError) as refusal:
        with store.transaction() as conn:
            conn.execute("INSERT INTO meta(key, value) VALUES ('a', '1')")
            conn.execute("INSERT INTO meta(key, value) VALUES ('a', '2')")
    assert not isinstance(refusal.value, sqlite3.Error)
    assert store.get_meta("a") is None
    assert not store.conn.in_transaction


def test_durable_transaction_restores_normal_sync(store):
    with store.transaction(durable=True) as conn:
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        conn.execute("INSERT INTO meta(key, value) VALUES ('a', '1')")
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1
    assert store.get_meta("a") == "1"


# --- refusals -------------------------------------------------------------------------------------

def test_file_from_a_newer_version_is_refused_and_left_alone(make_file):
    path = make_file()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    time.sleep(0.01)
    assert_refused(path, "newer version")
    assert pragma(path, "user_version") == LATEST_VERSION + 1


@pytest.mark.parametrize("application_id", [0, 0x12345678])
def test_another_programs_database_is_refused_and_left_alone(tmp_path, application_id):
    path = tmp_path / "contacts.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {application_id}")
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Lupe', '494 945 0109')")
    conn.commit()
    conn.close()
    assert_refused(path, "another program")
    assert pragma(path, "user_version") == 0


def test_another_programs_database_with_a_version_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    assert_refused(path, "another program")


@pytest.mark.parametrize("content", [
    "name,phone\nLupe,494 945 0109\n" * 200,
    "SQLite format 3 but not really\n",
])
def test_text_file_is_refused_and_left_alone(tmp_path, content):
    path = tmp_path / "notes.txt"
    path.write_text(content, encoding="utf-8")
    assert_refused(path, "not a Community Advisor data file")
    assert path.read_text(encoding="utf-8") == content


def test_binary_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40)
    assert_refused(path)


def test_missing_folder_is_refused_and_not_created(tmp_path):
    path = tmp_path / "no such folder" / "advisor.sqlite3"
    assert_refused(path, "does not exist")
    assert not path.parent.exists()


def test_folder_is_refused(tmp_path):
    folder = tmp_path / "advisor.sqlite3"
    folder.mkdir()
    assert_refused(folder, "folder")
    assert folder.is_dir() and list(folder.iterdir()) == []


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="root may write a file whatever its permissions, so a "
                                            "read-only file cannot be made while running as root")
def test_read_only_file_is_refused_and_left_alone(make_file):
    path = make_file()
    path.chmod(0o444)
    try:
        assert_refused(path, "read-only")
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="root may write in any folder, so a read-only folder "
                                            "cannot be made while running as root")
def test_new_file_in_a_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert_refused(folder / "advisor.sqlite3", "read-only")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_file_the_system_reports_read_only_is_refused(make_file, monkeypatch):
    path = make_file()
    real_access = os.access
    monkeypatch.setattr(database.os, "access",
                        lambda where, mode: False if str(where) == str(path) and mode == os.W_OK
                        else real_access(where, mode))
    assert_refused(path, "read-only")


@pytest.fixture
def short_wait(monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)


def test_file_locked_by_another_program_is_refused_quickly(make_file, short_wait):
    path = make_file()
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("PRAGMA journal_mode = DELETE")  # e.g. a database browser that changed the mode
        other.execute("BEGIN EXCLUSIVE")
        before = snapshot(path)
        started = time.monotonic()
        with pytest.raises(StoreError) as refusal:
            Store.open(path)
        assert time.monotonic() - started < 2
        assert "in use" in str(refusal.value)
        assert snapshot(path) == before
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_edit_while_another_program_holds_the_file_is_refused_and_writes_nothing(make_file, short_wait):
    path = make_file()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        try:
            store = Store.open(path)
        except StoreError as refusal:
            assert "in use" in str(refusal)
            return
        try:
            repo = Repository(store)
            counts = store.counts()
            started = time.monotonic()
            with pytest.raises(StoreError) as refusal:
                repo.insert("organizations", {"kind": "other", "name": "Nuevo"})
            assert time.monotonic() - started < 2
            assert "in use" in str(refusal.value)
            assert not isinstance(refusal.value, sqlite3.Error)
            assert store.counts() == counts
        finally:
            store.close()
    finally:
        other.execute("ROLLBACK")
        other.close()
    store = Store.open(path)
    try:
        Repository(store).insert("organizations", {"kind": "other", "name": "Nuevo"})
    finally:
        store.close()


def overwrite(path, offset, length, byte=b"\xff"):
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(byte * length)


@pytest.mark.parametrize("where", [0.3, 0.5, 0.8])
def test_damaged_pages_are_refused_as_damaged(make_file, where):
    path = make_file()
    page = pragma(path, "page_size")
    pages = path.stat().st_size // page
    overwrite(path, int(pages * where) * page, page)
    refusal = assert_refused(path, "damaged", error=DamagedDatabase)
    assert refusal.path == path


def test_damaged_schema_page_is_refused(make_file):
    path = make_file()
    overwrite(path, 100, 400, b"\x00")
    assert_refused(path)


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_truncated_file_is_refused(make_file, keep):
    path = make_file()
    size = path.stat().st_size
    os.truncate(path, int(size * keep))
    assert_refused(path)


def test_damaged_header_is_refused(make_file):
    path = make_file()
    overwrite(path, 0, 16, b"X")
    assert_refused(path)


def test_integrity_problems_of_a_sound_file(make_file):
    path = make_file()
    store = Store.open(path)
    try:
        assert store.integrity_problems() == []
        assert store.counts()["people"] == 25
    finally:
        store.close()
