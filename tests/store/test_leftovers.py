"""Opening a data file removes what a killed process left: partial attachment copies beside it and
decrypted bundles that older versions put in the system's temporary folder, once nobody touches them."""

from __future__ import annotations

import os
import tempfile
import time

from advisor_app.store.database import Store
from advisor_app.store.leftovers import STALE_AFTER_SECONDS


def _age(path, seconds):
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_the_next_start_removes_stale_leftovers_and_keeps_the_rest(tmp_path, monkeypatch):
    data = tmp_path / "data"
    attachments = data / "attachments"
    attachments.mkdir(parents=True)
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))

    abandoned = attachments / ("a" * 64 + ".partial")
    abandoned.write_bytes(b"half of a scan of an ID")
    being_written = attachments / ("b" * 64 + ".partial")
    being_written.write_bytes(b"another process is copying this one")
    complete = attachments / ("c" * 64)
    complete.write_bytes(b"a whole scan")
    old_copy = system_temp / "advisor-bundle-k2j4h1"
    old_copy.mkdir()
    (old_copy / "bundle.zip").write_bytes(b"PK\x03\x04 plaintext of an older version")
    someone_elses = system_temp / "unrelated-file"
    someone_elses.write_bytes(b"not ours")
    for path in (abandoned, complete, old_copy, someone_elses):
        _age(path, STALE_AFTER_SECONDS + 60)

    Store.open(data / "advisor.sqlite3").close()

    assert not abandoned.exists() and not old_copy.exists()
    assert being_written.exists() and complete.exists() and someone_elses.exists()
