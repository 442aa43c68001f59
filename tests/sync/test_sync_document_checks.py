"""Documents ticked per organization and per plan travel like any record: in a bundle of everything and in
one of chosen organizations (with their plans' ticks and the scans), and two laptops that tick the same
document make one row whose fields merge."""

from __future__ import annotations

from sync_helpers import foreign_key_problems, integrity_ok

from advisor_app.domain.checklists import load_checklists
from advisor_app.store import document_checks
from advisor_app.store.attachments import attachment_path
from advisor_app.store.demo import demo_id, load_demo

PROGRAM = "3x1_migrantes"


def program():
    return next(checklist for checklist in load_checklists() if checklist.id == PROGRAM)


def test_ticks_and_scans_of_an_organization_and_its_plan_arrive_in_its_bundle(pair, tmp_path):
    a, b = pair
    load_demo(a.repo)
    investors, plan = demo_id("org:investors"), demo_id("plan:investors")
    scan = tmp_path / "acta.pdf"
    scan.write_bytes(b"%PDF-1.4 acta constitutiva")
    document_checks.attach_scan(a.repo, "organizations", investors, PROGRAM, "acta_constitutiva", scan)
    document_checks.set_received(a.repo, "plans", plan, PROGRAM, "expediente_tecnico", True)
    document_checks.set_received(a.repo, "organizations", demo_id("org:club_juchipila"), PROGRAM, "toma_de_nota", True)
    a.send(b, organization_ids=[investors])
    assert integrity_ok(b.conn) and foreign_key_problems(b.conn) == []
    assert document_checks.received_codes(b.conn, investors, PROGRAM) == {"acta_constitutiva"}
    assert document_checks.received_codes(b.conn, plan, PROGRAM) == {"expediente_tecnico"}
    # Another organization's tick stays behind: it was not chosen.
    assert document_checks.received_codes(b.conn, demo_id("org:club_juchipila"), PROGRAM) == set()
    (attached,) = document_checks.scans_of(b.conn, "organizations", investors, PROGRAM, "acta_constitutiva")
    assert attachment_path(b.store, attached["sha256"]).read_bytes() == scan.read_bytes()
    assert [item.name for item in document_checks.missing_for_plan(b.conn, program(), plan)] == \
        [item.name for item in document_checks.missing_for_plan(a.conn, program(), plan)]


def test_two_laptops_ticking_the_same_document_make_one_row(pair):
    a, b = pair
    load_demo(a.repo)
    a.send(b)
    club = demo_id("org:club_jerez")
    document_checks.set_received(a.repo, "organizations", club, PROGRAM, "toma_de_nota", True)
    document_checks.set_details(b.repo, "organizations", club, PROGRAM, "toma_de_nota",
                                {"received": 1, "notes": "Copia certificada"})
    a.send(b)
    b.send(a)
    for device in (a, b):
        rows = device.conn.execute("SELECT received, notes FROM document_checks WHERE record_id = ?",
                                   (club,)).fetchall()
        assert rows == [(1, "Copia certificada")]
    assert a.dump() == b.dump()
