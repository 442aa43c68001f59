"""Documents ticked per organization and plan: one logged row per document, and two organizations merged
keep every tick and scan of both (undone, each has its own again)."""

from __future__ import annotations

from advisor_app.store import document_checks
from advisor_app.store.merging import merge_records, undo_merge

PROGRAM = "3x1_migrantes"


def test_merged_organizations_keep_both_ticks_and_scans(repository, tmp_path):
    survivor = repository.insert("organizations", {"kind": "migrant_club", "name": "Club Jerez"})
    twin = repository.insert("organizations", {"kind": "migrant_club", "name": "Club Jerez de Lynwood"})
    scan = tmp_path / "acta.pdf"
    scan.write_bytes(b"%PDF acta")
    document_checks.set_received(repository, "organizations", survivor, PROGRAM, "toma_de_nota", True)
    document_checks.attach_scan(repository, "organizations", twin, PROGRAM, "acta_constitutiva", scan)
    document_checks.set_received(repository, "organizations", twin, PROGRAM, "toma_de_nota", True)
    record = merge_records(repository, "organizations", survivor, twin, {})
    conn = repository.store.conn
    assert document_checks.received_codes(conn, survivor, PROGRAM) == {"toma_de_nota", "acta_constitutiva"}
    checks = document_checks.checks_of(conn, survivor, PROGRAM)
    assert set(checks) == {"toma_de_nota", "acta_constitutiva"} and checks["acta_constitutiva"]["scans"] == 1
    assert len(document_checks.scans_of(conn, "organizations", survivor, PROGRAM, "acta_constitutiva")) == 1
    document_checks.set_received(repository, "organizations", survivor, PROGRAM, "toma_de_nota", False)
    assert document_checks.received_codes(conn, survivor, PROGRAM) == {"acta_constitutiva"}  # both rows unticked
    undo_merge(repository, record)
    assert document_checks.received_codes(conn, twin, PROGRAM) == {"acta_constitutiva"}
    assert document_checks.received_codes(conn, survivor, PROGRAM) == set()
