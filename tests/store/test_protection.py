"""A data file protected by a passphrase: open, refuse, convert both ways, change the passphrase,
recover with the recovery key, and backups that stay encrypted with the file's key."""

from __future__ import annotations

import pytest

from advisor_app.store import backups, cipher, protection
from advisor_app.store.database import BULK_CACHE_KIB, Store
from advisor_app.store.demo import load_demo
from advisor_app.store.errors import StoreError
from advisor_app.store.recovery_key import RecoveryKeyTypo, decode_recovery_key
from advisor_app.store.repository import Repository

PASSPHRASE = "correct horse battery"


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "advisor.sqlite3"
    store = Store.open(path)
    load_demo(Repository(store))
    backups.daily(store.conn, path)
    store.close()
    return path


def _content(store: Store) -> dict:
    tables = ("organizations", "people", "memberships", "plans", "agreements", "change_log")
    return {table: store.conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in tables}


def _plain_content(path) -> dict:
    store = Store.open(path)
    try:
        return _content(store)
    finally:
        store.close()


def test_a_protected_file_opens_with_its_passphrase_and_holds_everything(demo_file):
    before = _plain_content(demo_file)
    recovery = protection.protect(demo_file, PASSPHRASE)
    assert cipher.is_encrypted(demo_file) and cipher.key_file_for(demo_file).exists()
    assert b"SQLite format 3" not in demo_file.read_bytes()[:16]
    store = Store.open(demo_file, PASSPHRASE)
    try:
        assert store.protected and _content(store) == before
        # The search index came across: a prefix search finds demo people.
        assert store.conn.execute("SELECT count(*) FROM people_fts WHERE people_fts MATCH 'mar*'").fetchone()[0]
        worker = store.another_connection()
        assert _content(worker) == before
        worker.close()
    finally:
        store.close()
    assert Store.open(demo_file, recovery_key=recovery).protected


def test_every_backup_is_encrypted_and_opens_with_the_key(demo_file):
    protection.protect(demo_file, PASSPHRASE)
    store = Store.open(demo_file, PASSPHRASE)
    backups.before_import(store.conn, demo_file, key=store.key)
    key = store.key
    store.close()
    taken = sorted(backups.folder_for(demo_file).glob("*.sqlite3"))
    assert len(taken) == 2
    for backup in taken:
        assert cipher.is_encrypted(backup)
        assert backups.is_sound(backup, key) and not backups.is_sound(backup, None)


def test_a_wrong_passphrase_is_one_sentence_and_changes_nothing(demo_file, english):
    protection.protect(demo_file, PASSPHRASE)
    before = {path.name: path.read_bytes() for path in demo_file.parent.iterdir() if path.is_file()}
    with pytest.raises(cipher.WrongPassphrase, match="^The passphrase is not right for this data file.$"):
        Store.open(demo_file, "not the passphrase")
    assert {path.name: path.read_bytes() for path in demo_file.parent.iterdir() if path.is_file()} == before


def test_plain_and_protected_files_each_refuse_the_other_way_of_opening(demo_file, english):
    with pytest.raises(cipher.NotProtected, match="is not protected by a passphrase; open it without one"):
        Store.open(demo_file, PASSPHRASE)
    protection.protect(demo_file, PASSPHRASE)
    with pytest.raises(cipher.PassphraseNeeded, match="is protected: give its passphrase"):
        Store.open(demo_file)


def test_a_file_that_is_no_database_is_still_named_as_such(tmp_path, english):
    path = tmp_path / "notes.sqlite3"
    path.write_text("shopping list")
    with pytest.raises(StoreError, match="is not a Community Advisor data file"):
        Store.open(path)


def test_changing_the_passphrase_keeps_the_backups_and_the_recovery_key(demo_file, english):
    recovery = protection.protect(demo_file, PASSPHRASE)
    key = cipher.data_key_for(demo_file, PASSPHRASE)
    protection.change_passphrase(demo_file, key, "a new passphrase")
    with pytest.raises(cipher.WrongPassphrase):
        Store.open(demo_file, PASSPHRASE)
    Store.open(demo_file, "a new passphrase").close()
    Store.open(demo_file, recovery_key=recovery).close()
    backup = next(backups.folder_for(demo_file).glob("*.sqlite3"))
    assert backups.is_sound(backup, cipher.data_key_for(demo_file, "a new passphrase"))
    with pytest.raises(StoreError, match="at least 8 characters"):
        protection.change_passphrase(demo_file, key, "short")


def test_an_encrypted_backup_restores_with_the_current_key(demo_file, tmp_path):
    before = _plain_content(demo_file)
    protection.protect(demo_file, PASSPHRASE)
    key = cipher.data_key_for(demo_file, PASSPHRASE)
    protection.change_passphrase(demo_file, key, "a new passphrase")
    backup = backups.newest_sound_backup(demo_file, key)
    restored = tmp_path / "restored" / "advisor.sqlite3"
    restored.parent.mkdir()
    backups.restore(backup, restored, key)
    assert cipher.is_encrypted(restored)
    store = Store.open(restored, key=key)
    try:
        assert _content(store)["people"] == before["people"]
    finally:
        store.close()


def test_taking_the_protection_off_leaves_plain_files_and_no_key(demo_file):
    before = _plain_content(demo_file)
    protection.protect(demo_file, PASSPHRASE)
    protection.unprotect(demo_file, cipher.data_key_for(demo_file, PASSPHRASE))
    assert not cipher.is_encrypted(demo_file) and not cipher.key_file_for(demo_file).exists()
    assert all(not cipher.is_encrypted(backup) for backup in backups.folder_for(demo_file).glob("*.sqlite3"))
    assert _plain_content(demo_file) == before


def test_converting_twice_the_same_way_is_refused(demo_file, english):
    with pytest.raises(StoreError, match="is not protected"):
        protection.unprotect(demo_file, b"k" * 32)
    protection.protect(demo_file, PASSPHRASE)
    with pytest.raises(StoreError, match="already protected"):
        protection.protect(demo_file, PASSPHRASE)


def test_a_recovery_key_with_a_typo_is_named_not_called_wrong(demo_file, english):
    recovery = protection.protect(demo_file, PASSPHRASE)
    groups = recovery.split("-")
    groups[6] = ("A" if groups[6][0] != "A" else "B") + groups[6][1:]
    with pytest.raises(RecoveryKeyTypo, match=r"^Group 7 of the recovery key \(.{5}\) has a typo.$"):
        Store.open(demo_file, recovery_key="-".join(groups))


def test_the_recovery_key_of_another_file_is_named(demo_file, tmp_path, english):
    protection.protect(demo_file, PASSPHRASE)
    other = tmp_path / "other.sqlite3"
    Store.open(other).close()
    other_recovery = protection.protect(other, PASSPHRASE)
    with pytest.raises(cipher.WrongPassphrase, match="belongs to another data file"):
        Store.open(demo_file, recovery_key=other_recovery)


def test_a_lost_key_file_is_replaced_through_the_recovery_key(demo_file, english):
    recovery = protection.protect(demo_file, PASSPHRASE)
    cipher.key_file_for(demo_file).unlink()
    with pytest.raises(cipher.KeyFileMissing, match="open the data file with its recovery key"):
        Store.open(demo_file, PASSPHRASE)
    key = decode_recovery_key(recovery)
    protection.change_passphrase(demo_file, key, "chosen again")
    Store.open(demo_file, "chosen again").close()


def test_a_damaged_key_file_is_named(demo_file, english):
    protection.protect(demo_file, PASSPHRASE)
    cipher.key_file_for(demo_file).write_text('{"format": "something else"}')
    with pytest.raises(StoreError, match="key file .* is damaged"):
        Store.open(demo_file, PASSPHRASE)


def test_leftovers_of_a_stopped_conversion_are_removed_at_the_next_open(demo_file):
    """A killed decryption leaves a plaintext copy; a conversion stopped before its rename leaves a key
    file beside a plain file. Neither survives the next open."""
    leftover = demo_file.with_name(demo_file.name + protection.CONVERTING_SUFFIX)
    leftover.write_bytes(demo_file.read_bytes())
    stale_key = cipher.key_file_for(demo_file)
    stale_key.write_text("{}")
    Store.open(demo_file).close()
    assert not leftover.exists() and not stale_key.exists()


def test_sync_between_protected_laptops(demo_file, tmp_path):
    from advisor_app.sync.export import export_bundle
    from advisor_app.sync.importer import run_import

    protection.protect(demo_file, PASSPHRASE)
    other = tmp_path / "other" / "advisor.sqlite3"
    other.parent.mkdir()
    Store.open(other).close()
    protection.protect(other, "another passphrase")
    sender = Store.open(demo_file, PASSPHRASE)
    receiver = Store.open(other, "another passphrase")
    try:
        bundle = export_bundle(sender, tmp_path / "all.advbundle", passphrase="bundle passphrase").path
        run_import(receiver, bundle, "bundle passphrase", dry_run=False, trust=True)
        assert _content(receiver)["people"] == _content(sender)["people"]
        assert all(cipher.is_encrypted(path) for path in backups.folder_for(other).glob("*.sqlite3"))
    finally:
        sender.close()
        receiver.close()


def _cache_kib(store: Store) -> int:
    return -store.conn.execute("PRAGMA cache_size").fetchone()[0]


def test_an_encrypted_file_keeps_its_large_page_cache_through_an_import(demo_file):
    """Its pages are decrypted at every cache miss (benchmarks/bench_encrypted.py): a bulk write's cache,
    smaller, must not shrink it, and a plain file gets the bulk cache and its own back."""
    plain = Store.open(demo_file)
    try:
        default = _cache_kib(plain)
        with plain.bulk_cache():
            assert _cache_kib(plain) == BULK_CACHE_KIB
        assert _cache_kib(plain) == default < cipher.ENCRYPTED_CACHE_KIB
    finally:
        plain.close()
    protection.protect(demo_file, PASSPHRASE)
    store = Store.open(demo_file, PASSPHRASE)
    try:
        assert _cache_kib(store) == cipher.ENCRYPTED_CACHE_KIB
        with store.bulk_cache():
            assert _cache_kib(store) == cipher.ENCRYPTED_CACHE_KIB
        assert _cache_kib(store) == cipher.ENCRYPTED_CACHE_KIB
        store.reconnect(store.key)
        assert _cache_kib(store) == cipher.ENCRYPTED_CACHE_KIB
    finally:
        store.close()
