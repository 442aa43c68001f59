"""A process killed in the middle of saving leaves the last saved state: every edit is whole or absent."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap

import pytest

from advisor_app.store.database import Store

WRITER = textwrap.dedent("""
    import sys
    from advisor_app.store.database import Store
    from advisor_app.store.repository import Repository
    store = Store.open(sys.argv[1])
    repository = Repository(store)
    person = repository.insert("people", {"given_names": "Ana", "first_surname": "Robles"})
    print(person, flush=True)
    number = 0
    while True:
        number += 1
        repository.update("people", person, {"notes": f"edit {number}", "phone": f"+52 494 {number:07d}"})
        print(number, flush=True)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_while_saving_keeps_every_committed_edit_whole(tmp_path):
    path = tmp_path / "advisor.sqlite3"
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    person = process.stdout.readline().strip()
    last_reported = 0
    while last_reported < 300:
        last_reported = int(process.stdout.readline())
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    store = Store.open(path)
    try:
        assert store.integrity_problems() == []
        row = store.conn.execute("SELECT notes, phone, updated_at FROM people WHERE id = ?", (person,)).fetchone()
        saved = int(row[0].split()[1])
        assert saved >= last_reported  # nothing reported as saved was lost
        assert row[1] == f"+52 494 {saved:07d}"  # both fields of the edit, never one of them
        entries = store.conn.execute("SELECT fields, hlc FROM change_log WHERE row_id = ? ORDER BY seq",
                                     (person,)).fetchall()
        assert len(entries) == saved + 1  # the creation plus one entry per edit
        assert json.loads(entries[-1][0]) == {"notes": row[0], "phone": row[1]}
        assert entries[-1][1] == row[2]
    finally:
        store.close()
