"""A laptop that restores a backup goes back to a shorter feed. Numbering its next edits after that
feed would reuse numbers its peers already hold with other content, and they would refuse its bundles
as forks; so the restored file becomes a laptop of its own, and keeps its old feed as another laptop's."""

from __future__ import annotations

import json

from sync_helpers import Device, assert_sentence, read_members, small_registry

from advisor_app.store import backups
from advisor_app.store.database import Store
from advisor_app.sync import bundle_format as fmt
from advisor_app.sync.errors import BundleError


def change_lines(bundle):
    return [json.loads(line) for line in read_members(bundle)[fmt.CHANGES].decode("utf-8").splitlines()]


def _restore(laptop: Device, backup) -> Device:
    """Close the laptop, set its data file aside and put the backup in its place, as the start-up does."""
    laptop.close()
    backups.set_aside(laptop.path)
    backups.restore(backup, laptop.path)
    return Device(laptop.folder, laptop.name)


def test_a_laptop_that_restored_an_older_backup_is_heard_by_its_peers(device):
    a, b = device("A"), device("B")
    ids = small_registry(a)
    b.import_(a.export())
    older = backups.daily(a.conn, a.path)
    old_device, old_fingerprint = a.store.device_id, a.fingerprint
    a.repo.update("people", ids["ana"], {"phone": "+52 467 955 0101"})  # after the backup: lost by the restore
    b.import_(a.export())

    a = _restore(a, older)
    assert a.store.device_id != old_device and a.fingerprint != old_fingerprint
    assert a.repo.get("people", ids["ana"])["phone"] != "+52 467 955 0101"
    a.repo.update("organizations", ids["club"], {"notes": "Después de restaurar el respaldo"})
    bundle = a.export()
    assert {line["d"] for line in change_lines(bundle) if "t" in line} == {old_device, a.store.device_id}

    report = b.import_(bundle, trust=a.fingerprint)
    assert report.applied and report.stats.conflicts == 0
    assert b.repo.get("organizations", ids["club"])["notes"] == "Después de restaurar el respaldo"
    assert b.repo.get("people", ids["ana"])["phone"] == "+52 467 955 0101"

    # What the restore lost comes back from the peer that held it, still in the old laptop's name.
    a.import_(b.export(peer=a.store.device_id), trust=b.fingerprint)
    assert a.repo.get("people", ids["ana"])["phone"] == "+52 467 955 0101"
    assert a.dump() == b.dump()


def test_a_third_laptop_verifies_the_old_feed_a_restored_laptop_relays(device):
    a, c = device("A"), device("C")
    small_registry(a)
    older = backups.daily(a.conn, a.path)
    a = _restore(a, older)
    a.repo.insert("organizations", {"kind": "other", "name": "Grupo nuevo"})
    c.import_(a.export(), trust=a.fingerprint)
    assert c.dump() == a.dump()


def test_the_new_identity_is_taken_once_and_the_old_name_cannot_be_written_in(device, tmp_path):
    a = device("A")
    small_registry(a)
    older = backups.daily(a.conn, a.path)
    old_device = a.store.device_id
    a = _restore(a, older)
    new_device = a.store.device_id
    a.close()
    reopened = Store.open(a.path)
    try:
        assert reopened.device_id == new_device  # a second opening keeps it
        assert reopened.conn.execute("SELECT count(*) FROM change_log WHERE device = ? AND origin_seq IS NOT NULL",
                                     (new_device,)).fetchone()[0] == 0
        (verified, complete) = reopened.conn.execute("SELECT verified, complete FROM feeds WHERE device = ?",
                                                     (old_device,)).fetchone()
        assert verified == complete > 0
    finally:
        reopened.close()


def test_without_the_new_identity_the_peer_would_refuse_the_restored_laptop(device, monkeypatch):
    """What the new identity prevents: the same numbers with other content are refused as forged."""
    from advisor_app.store import identity

    monkeypatch.setattr(identity, "is_copy", lambda conn: False)
    a, b = device("A"), device("B")
    ids = small_registry(a)
    b.import_(a.export())
    older = backups.daily(a.conn, a.path)
    a.repo.update("people", ids["ana"], {"phone": "+52 467 955 0101"})
    b.import_(a.export())
    a = _restore(a, older)
    a.repo.update("organizations", ids["club"], {"notes": "Otra edición con el mismo número"})
    a.repo.update("organizations", ids["club"], {"notes": "Y otra más"})
    bundle = a.export()
    try:
        b.import_(bundle)
    except BundleError as refusal:
        assert_sentence(str(refusal))
    else:
        raise AssertionError("the fork was not refused")
