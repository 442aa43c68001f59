import datetime as dt
import os
import sqlite3

import pytest

from advisor_app.store import backups
from advisor_app.store.database import Store
from advisor_app.store.demo import load_demo
from advisor_app.store.repository import Repository

DAY = dt.date(2025, 3, 1)


def rows(path, sql):
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def backup_files(path):
    return sorted(item.name for item in backups.folder_for(path).iterdir())


def test_backups_live_beside_the_data_file(db_path):
    assert backups.folder_for(db_path) == db_path.parent / "backups"


def test_daily_backup_holds_the_rows_not_yet_checkpointed(repo, store, db_path):
    repo.insert("organizations", {"kind": "cooperative", "name": "Guayaberos del Cañón"})
    assert db_path.with_name(db_path.name + "-wal").stat().st_size > 0  # the edit is still in the WAL
    made = backups.daily(store.conn, db_path, DAY)
    assert made is not None and made.parent == backups.folder_for(db_path)
    assert DAY.isoformat() in made.name
    assert rows(made, "SELECT name FROM organizations") == [("Guayaberos del Cañón",)]
    assert backups.is_sound(made)


def test_backup_of_the_demo_data_has_every_row(demo_repo, store, db_path):
    made = backups.daily(store.conn, db_path, DAY)
    for table, count in store.counts().items():
        live = "" if table == "change_log" else " WHERE deleted = 0"
        assert rows(made, f"SELECT count(*) FROM {table}{live}") == [(count,)]


def test_one_daily_backup_per_day(repo, store, db_path):
    first = backups.daily(store.conn, db_path, DAY)
    repo.insert("organizations", {"kind": "other", "name": "Después"})
    assert backups.daily(store.conn, db_path, DAY) is None
    assert rows(first, "SELECT count(*) FROM organizations") == [(0,)]
    assert backups.daily(store.conn, db_path, DAY + dt.timedelta(days=1)) is not None
    assert len(list(backups.folder_for(db_path).glob("*-daily-*.sqlite3"))) == 2


def test_only_the_newest_daily_backups_are_kept(store, db_path):
    days = [DAY + dt.timedelta(days=offset) for offset in range(backups.DAILY_KEPT + 3)]
    for day in days:
        backups.daily(store.conn, db_path, day)
    kept = sorted(backups.folder_for(db_path).glob("*-daily-*.sqlite3"))
    assert len(kept) == backups.DAILY_KEPT
    assert [path.name for path in kept] == [f"{db_path.stem}-daily-{day.isoformat()}.sqlite3"
                                            for day in days[-backups.DAILY_KEPT:]]


def test_rotation_spares_migration_backups_and_other_files(store, db_path):
    migration = backups.before_migration(store.conn, db_path, 1)
    for offset in range(backups.DAILY_KEPT + 2):
        backups.daily(store.conn, db_path, DAY + dt.timedelta(days=offset))
    assert migration.exists()


def test_checking_backups_leaves_no_companion_files(store, db_path):
    for offset in range(backups.DAILY_KEPT + 2):
        made = backups.daily(store.conn, db_path, DAY + dt.timedelta(days=offset))
        assert backups.is_sound(made)
        assert backups.newest_sound_backup(db_path) == made
    names = backup_files(db_path)
    assert len(names) == backups.DAILY_KEPT
    assert all(name.endswith(".sqlite3") for name in names)


def test_a_backup_is_one_self_contained_file(demo_repo, store, db_path, tmp_path):
    made = backups.daily(store.conn, db_path, DAY)
    moved = tmp_path / "usb" / "copy.sqlite3"
    moved.parent.mkdir()
    moved.write_bytes(made.read_bytes())
    assert rows(moved, "SELECT count(*) FROM people") == [(25,)]


def test_no_partial_file_is_left(store, db_path):
    backups.daily(store.conn, db_path, DAY)
    assert not any(name.endswith(".partial") for name in backup_files(db_path))


def test_newest_sound_backup_skips_a_damaged_newer_one(store, db_path):
    older = backups.daily(store.conn, db_path, DAY)
    newer = backups.daily(store.conn, db_path, DAY + dt.timedelta(days=1))
    damaged = backups.folder_for(db_path) / f"{db_path.stem}-daily-{(DAY + dt.timedelta(days=2)).isoformat()}.sqlite3"
    damaged.write_bytes(newer.read_bytes()[: newer.stat().st_size // 2])
    os.utime(older, (1_000_000, 1_000_000))
    os.utime(newer, (2_000_000, 2_000_000))
    os.utime(damaged, (3_000_000, 3_000_000))
    assert backups.newest_sound_backup(db_path) == newer


def test_newest_sound_backup_skips_a_file_that_is_not_a_database(store, db_path):
    good = backups.daily(store.conn, db_path, DAY)
    junk = backups.folder_for(db_path) / f"{db_path.stem}-daily-2099-01-01.sqlite3"
    junk.write_text("not a database")
    os.utime(good, (1_000_000, 1_000_000))
    assert backups.newest_sound_backup(db_path) == good


def test_newest_sound_backup_picks_the_most_recent(store, db_path):
    made = [backups.daily(store.conn, db_path, DAY + dt.timedelta(days=offset)) for offset in range(3)]
    for number, path in enumerate(made):
        os.utime(path, (1_000_000 + number, 1_000_000 + number))
    assert backups.newest_sound_backup(db_path) == made[-1]


def test_newest_sound_backup_considers_migration_backups(store, db_path):
    daily = backups.daily(store.conn, db_path, DAY)
    migration = backups.before_migration(store.conn, db_path, 1)
    os.utime(daily, (1_000_000, 1_000_000))
    assert backups.newest_sound_backup(db_path) == migration


def test_no_backup_at_all(db_path):
    assert backups.newest_sound_backup(db_path) is None


def test_newest_sound_backup_ignores_backups_of_another_data_file(tmp_path):
    mine, other = tmp_path / "advisor.sqlite3", tmp_path / "advisor-old.sqlite3"
    made = {}
    for path, name in ((mine, "Mía"), (other, "Vieja")):
        store = Store.open(path)
        Repository(store).insert("organizations", {"kind": "other", "name": name})
        made[path] = backups.daily(store.conn, path, DAY)
        store.close()
    os.utime(made[mine], (1_000_000, 1_000_000))  # the other file's backup is the newest in the folder
    assert backups.newest_sound_backup(mine) == made[mine]
    assert rows(made[mine], "SELECT name FROM organizations") == [("Mía",)]
    assert backups.newest_sound_backup(other) == made[other]
    assert backups.newest_sound_backup(tmp_path / "never-opened.sqlite3") is None


def test_set_aside_renames_the_file_and_its_companions(tmp_path):
    path = tmp_path / "advisor.sqlite3"
    path.write_bytes(b"damaged")
    path.with_name(path.name + "-wal").write_bytes(b"wal")
    path.with_name(path.name + "-shm").write_bytes(b"shm")
    aside = backups.set_aside(path)
    assert not path.exists()
    assert aside.parent == tmp_path and aside.name.startswith("advisor.sqlite3.damaged-")
    assert aside.read_bytes() == b"damaged"
    assert aside.with_name(aside.name + "-wal").read_bytes() == b"wal"
    assert aside.with_name(aside.name + "-shm").read_bytes() == b"shm"
    assert not path.with_name(path.name + "-wal").exists()


def test_set_aside_never_overwrites_an_earlier_one(tmp_path):
    path = tmp_path / "advisor.sqlite3"
    contents = [b"first damaged file", b"second damaged file", b"third"]
    asides = []
    for content in contents:
        path.write_bytes(content)
        asides.append(backups.set_aside(path))
    assert len(set(asides)) == 3
    assert [aside.read_bytes() for aside in asides] == contents


def test_restore_brings_back_a_backup(demo_repo, store, db_path):
    made = backups.daily(store.conn, db_path, DAY)
    counts = store.counts()
    device = store.device_id
    store.close()
    aside = backups.set_aside(db_path)
    backups.restore(made, db_path)
    assert aside.exists() and made.exists()
    restored = Store.open(db_path)
    try:
        assert restored.counts() == counts
        # A restored file is a laptop of its own: its feed went back in time (store/identity.py).
        assert restored.device_id not in ("", device)
        assert restored.conn.execute("SELECT verified FROM feeds WHERE device = ?", (device,)).fetchone()[0] > 0
        assert restored.integrity_problems() == []
        Repository(restored).insert("organizations", {"kind": "other", "name": "Después de restaurar"})
    finally:
        restored.close()
    assert backups.is_sound(made)


def test_restore_leaves_the_backup_untouched(store, db_path):
    made = backups.daily(store.conn, db_path, DAY)
    store.close()
    before = made.read_bytes()
    db_path.unlink()
    backups.restore(made, db_path)
    assert made.read_bytes() == before


def test_backup_of_an_opened_file_is_made_through_the_backup_api(tmp_path):
    path = tmp_path / "advisor.sqlite3"
    store = Store.open(path)
    load_demo(Repository(store))
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("SELECT count(*) FROM people").fetchone()
    try:
        made = backups.daily(store.conn, path, DAY)
    finally:
        conn.execute("ROLLBACK")
        conn.close()
        store.close()
    assert rows(made, "SELECT count(*) FROM people") == [(25,)]
    assert rows(made, "PRAGMA integrity_check") == [("ok",)]


@pytest.mark.parametrize("content", [b"", b"SQLite format 3\x00" + b"\x00" * 50, b"backup"])
def test_is_sound_refuses_broken_or_empty_files(tmp_path, content):
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(content)
    assert backups.is_sound(path) is False


def test_is_sound_refuses_another_programs_database(tmp_path):
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    assert backups.is_sound(path) is False


def test_an_empty_newer_backup_is_not_offered(store, db_path):
    good = backups.daily(store.conn, db_path, DAY)
    empty = backups.folder_for(db_path) / f"{db_path.stem}-daily-{(DAY + dt.timedelta(days=1)).isoformat()}.sqlite3"
    empty.touch()
    os.utime(good, (1_000_000, 1_000_000))
    assert backups.newest_sound_backup(db_path) == good


def test_is_sound_of_a_missing_file(tmp_path):
    assert backups.is_sound(tmp_path / "missing.sqlite3") is False
