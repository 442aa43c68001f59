"""The manifest's personal-data flag, and the question whether to encrypt, cover every table that holds
something about people (ID numbers of agreement parties and scans of IDs included), from one list."""

from __future__ import annotations

import json

import pytest
from sync_helpers import read_members

from advisor_app.store.attachments import attach_file
from advisor_app.store.demo import demo_id, load_demo
from advisor_app.store.schema import SYNCED_TABLES
from advisor_app.sync import bundle_format as fmt
from advisor_app.sync.export import contains_personal_data

PERSONAL = {"people", "memberships", "agreement_parties", "agreement_versions", "workshop_attendance",
            "advisory_sessions", "session_attendance", "session_actions", "attachments"}


def test_the_list_is_the_one_expected():
    assert fmt.PERSONAL_TABLES == PERSONAL
    assert PERSONAL <= set(SYNCED_TABLES)


@pytest.fixture(scope="module")
def demo_laptop(tmp_path_factory):
    from sync_helpers import Device

    folder = tmp_path_factory.mktemp("laptop")
    laptop = Device(folder, "A")
    load_demo(laptop.repo)
    scan = folder / "ine-frente.jpg"
    scan.write_bytes(b"\xff\xd8\xff credencial")
    attach_file(laptop.repo, "agreements", demo_id("agreement:partnership"), scan)
    other = Device(tmp_path_factory.mktemp("laptop-b"), "B")
    laptop.other = other
    acknowledged(laptop)  # B holds everything so far, and has said so
    yield laptop
    laptop.close()
    other.close()


def acknowledged(laptop) -> None:
    """Send B what it lacks and import B's word back: the next bundle for B carries only newer edits."""
    laptop.other.import_(laptop.export(peer="B"))
    laptop.import_(laptop.other.export(peer="A"))


@pytest.mark.parametrize("table", SYNCED_TABLES)
def test_a_bundle_carrying_one_tables_change_is_flagged_when_that_table_is_personal(demo_laptop, table):
    laptop = demo_laptop
    if table == "record_links" and not laptop.conn.execute("SELECT 1 FROM record_links").fetchone():
        # The demo has no two records said to be one or two: one pair said to be two people first.
        first, second = (row[0] for row in laptop.conn.execute("SELECT id FROM people ORDER BY id LIMIT 2"))
        laptop.repo.insert("record_links", {"kind": "not_same", "table_name": "people", "from_id": first,
                                            "to_id": second})
        acknowledged(laptop)
    row_id = laptop.conn.execute(f"SELECT id FROM {table} WHERE deleted = 0 ORDER BY id LIMIT 1").fetchone()[0]
    laptop.repo.delete(table, row_id)
    try:
        assert contains_personal_data(laptop.store, "B") == (table in PERSONAL)
        bundle = laptop.export(peer="B")
        manifest = json.loads(read_members(bundle)[fmt.MANIFEST])
        assert set(manifest["counts"]) - {"changes", "attachment_files"} <= {table}
        assert manifest["personal_data"] == (table in PERSONAL)
    finally:
        laptop.repo.restore(table, row_id)
        acknowledged(laptop)
