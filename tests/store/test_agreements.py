"""Agreements in the store: drafting from a plan, the version rule, status steps, signing with a scan."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from advisor_app import i18n
from advisor_app.domain.agreements.checks import problems
from advisor_app.store import agreements
from advisor_app.store.attachments import attachment_path, attachments_of
from advisor_app.store.demo import demo_id, load_demo
from advisor_app.store.errors import StoreError


@pytest.fixture(autouse=True)
def screen_in_english():
    i18n.set_language("en")


@pytest.fixture
def demo(repo):
    load_demo(repo)
    return repo


def draft_from_plan(repo, template_id="partnership", with_ids=True):
    """A draft from the investors' plan; ``with_ids``: each signatory's ID written, as the advisor does from
    the ID shown at the signing (the registry's CURP is not one)."""
    agreement_id = agreements.create_agreement(repo, template_id, demo_id("org:investors"), demo_id("plan:investors"),
                                               today=dt.date(2026, 11, 25))
    if with_ids:
        agreements.set_parameter(repo, agreement_id, "managing_partner", "Gerardo Félix Román")
        for number, party in enumerate(agreements.party_rows(repo.conn, agreement_id), 1):
            if party["kind"] == "person":
                agreements.edit_party(repo, party["id"], {"id_number": f"INE {1000000000000 + number}"})
    return agreement_id


def test_a_draft_from_the_plan_is_prefilled_with_its_amounts_governance_and_partners(demo):
    agreement_id = draft_from_plan(demo, with_ids=False)
    row = demo.get("agreements", agreement_id)
    parameters = json.loads(row["parameters"])
    plan = demo.get("plans", demo_id("plan:investors"))
    assert parameters["business_name"] == plan["title"]
    assert parameters["decision_rules"] == plan["decisions"]
    assert parameters["total_investment"] == "580000"
    assert (parameters["locality"], parameters["municipality"], parameters["state"]) == (
        "El Cargadero", "Jerez", "Zacatecas")
    assert row["folio"].startswith("SOC-2026-") and row["status"] == "draft" and row["version"] == 1
    draft = agreements.draft_of(demo, agreement_id)
    assert [party.role for party in draft.parties] == ["partner"] * 4
    assert sum(party.share_pct for party in draft.parties) == 100
    assert all(party.signs and not party.id_number for party in draft.parties)  # a CURP is not an ID
    assert draft.plan.has_loan
    # The signatories' IDs, the managing partner and the lender are what the plan and the registry do not hold.
    assert [problem.target for problem in problems(draft)] == [
        *(("party", party.key) for party in draft.parties), ("parameter", "managing_partner"),
        ("parameter", "loan_lender")]


def test_a_cofinancing_draft_names_the_club_and_the_three_governments(demo):
    agreement_id = draft_from_plan(demo, "cofinancing")
    draft = agreements.draft_of(demo, agreement_id)
    roles = {party.role: party for party in draft.parties}
    assert roles["club"].name == "Club Jerezanos de Lynwood"
    # Written in Spanish, the text that prevails, whatever the screen shows.
    assert roles["municipality"].name == "Municipio de Jerez"
    assert roles["state"].name == "Gobierno del Estado de Zacatecas"
    # The club's president is María Guadalupe (an M in her CURP): the title agrees with her.
    assert roles["club"].representative_title == "presidenta"
    assert roles["federal"].kind == "authority"


def test_reviewing_freezes_a_version_and_an_edit_opens_the_next_one(demo):
    agreement_id = draft_from_plan(demo)
    agreements.set_parameter(demo, agreement_id, "loan_lender", "Caja Solidaria Jerez")
    digest = agreements.mark_reviewed(demo, agreement_id)
    assert demo.get("agreements", agreement_id)["status"] == "reviewed"
    assert [(item["version"], item["content_hash"]) for item in agreements.versions(demo.conn, agreement_id)] == [
        (1, digest)]

    assert agreements.set_parameter(demo, agreement_id, "mediation_days", "45") is True
    row = demo.get("agreements", agreement_id)
    assert (row["status"], row["version"]) == ("draft", 2)
    # A second edit stays in version 2; an edit that changes nothing opens nothing.
    agreements.set_parameter(demo, agreement_id, "mediation_days", "60")
    assert agreements.set_parameter(demo, agreement_id, "mediation_days", "60") is False
    assert demo.get("agreements", agreement_id)["version"] == 2
    first = agreements.version_documents(demo, agreement_id, 1)["es"]
    working = agreements.version_documents(demo, agreement_id, 2)["es"]
    disputes = [next(clause for clause in document.clauses if clause.clause_id == "disputes")
                for document in (first, working)]
    assert "30 días" in " ".join(disputes[0].paragraphs) and "60 días" in " ".join(disputes[1].paragraphs)


def test_editing_a_ready_agreement_through_a_party_also_opens_a_version(demo):
    agreement_id = demo_id("agreement:partnership")
    party = agreements.draft_of(demo, agreement_id).parties[0]
    agreements.edit_party(demo, party.key, {"id_number": "INE 0123456789"})
    row = demo.get("agreements", agreement_id)
    assert (row["status"], row["version"]) == ("draft", 2)


def test_a_refused_edit_leaves_the_version_and_status_alone(demo):
    agreement_id = demo_id("agreement:partnership")
    party = agreements.draft_of(demo, agreement_id).parties[0]
    with pytest.raises(StoreError):
        agreements.edit_party(demo, party.key, {"share_pct": "140"})
    row = demo.get("agreements", agreement_id)
    assert (row["status"], row["version"]) == ("ready", 1)


def test_the_status_steps_go_in_order_and_refuse_holes(demo):
    agreement_id = draft_from_plan(demo)
    with pytest.raises(agreements.AgreementProblems) as holes:
        agreements.mark_reviewed(demo, agreement_id)
    assert "“Who lends”" in str(holes.value) or "loan_lender" in repr(holes.value.problems[0].target)
    with pytest.raises(StoreError, match="reviewed before"):
        agreements.mark_ready(demo, agreement_id)
    with pytest.raises(StoreError, match="ready to sign"):
        agreements.mark_signed(demo, agreement_id, "Jerez", dt.date(2026, 11, 20))


def test_signing_records_date_place_and_scans_and_closes_the_agreement(demo, tmp_path):
    agreement_id = demo_id("agreement:partnership")
    scan = tmp_path / "firmas.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned pages")
    with pytest.raises(StoreError, match="future"):
        agreements.mark_signed(demo, agreement_id, "Jerez", dt.date(2026, 12, 1), [scan], today=dt.date(2026, 11, 25))
    with pytest.raises(StoreError, match="place"):
        agreements.mark_signed(demo, agreement_id, "  ", dt.date(2026, 11, 24), [scan], today=dt.date(2026, 11, 25))
    agreements.mark_signed(demo, agreement_id, "Jerez, Zacatecas", dt.date(2026, 11, 24), [scan],
                           today=dt.date(2026, 11, 25))
    row = demo.get("agreements", agreement_id)
    assert (row["status"], row["signed_on"], row["signed_place"]) == ("signed", "2026-11-24", "Jerez, Zacatecas")
    attached = attachments_of(demo.conn, agreement_id)
    assert [item["file_name"] for item in attached] == ["firmas.pdf"]
    assert attachment_path(demo.store, attached[0]["sha256"]).read_bytes() == scan.read_bytes()
    # The signed text is the reviewed text: place and date do not change the hash.
    documents = agreements.documents_of(agreements.draft_of(demo, agreement_id))
    from advisor_app.domain.agreements.document import content_hash

    assert content_hash(documents) == row["content_hash"]
    with pytest.raises(StoreError, match="cannot be changed"):
        agreements.set_parameter(demo, agreement_id, "mediation_days", "10")


def test_a_missing_scan_leaves_the_agreement_unsigned(demo, tmp_path):
    agreement_id = demo_id("agreement:partnership")
    with pytest.raises(StoreError, match="cannot be read"):
        agreements.mark_signed(demo, agreement_id, "Jerez", dt.date(2026, 11, 24), [tmp_path / "missing.pdf"],
                               today=dt.date(2026, 11, 25))
    assert demo.get("agreements", agreement_id)["status"] == "ready"


def test_a_party_deleted_from_the_registry_is_named(demo):
    agreement_id = draft_from_plan(demo)
    party = agreements.draft_of(demo, agreement_id).parties[1]
    person_id = demo.get("agreement_parties", party.key)["person_id"]
    demo.delete("people", person_id)
    found = problems(agreements.draft_of(demo, agreement_id))
    assert found[0].message == f"{party.name} has been removed from the registry: restore the record or take the " \
                               "party off the agreement."


def test_a_deleted_plan_is_named_by_the_clauses_that_need_it(demo):
    agreement_id = draft_from_plan(demo)
    demo.delete("plans", demo_id("plan:investors"))
    messages = [problem.message for problem in problems(agreements.draft_of(demo, agreement_id))]
    assert any("depends on the business plan, which has been deleted" in message for message in messages)


def test_shares_of_the_partners_must_add_up(demo):
    agreement_id = draft_from_plan(demo)
    agreements.set_parameter(demo, agreement_id, "loan_lender", "Caja Solidaria Jerez")
    party = agreements.draft_of(demo, agreement_id).parties[0]
    agreements.edit_party(demo, party.key, {"share_pct": "15"})
    messages = [problem.message for problem in problems(agreements.draft_of(demo, agreement_id))]
    assert messages == ["Clause 3 (Contributions and each partner's share): the shares add up to 90%; "
                        "they must add up to 100%."]


def test_parties_are_added_and_removed_in_order(demo):
    agreement_id = draft_from_plan(demo)
    witness = agreements.add_party(demo, agreement_id, {"kind": "authority", "authority_name": "Notaría 2 de Jerez",
                                                        "role": "witness", "signs": 0})
    names = [party.name for party in agreements.draft_of(demo, agreement_id).parties]
    assert names[-1] == "Notaría 2 de Jerez"
    agreements.remove_party(demo, witness)
    assert "Notaría 2 de Jerez" not in [party.name for party in agreements.draft_of(demo, agreement_id).parties]
    with pytest.raises(StoreError, match="Choose who"):
        agreements.add_party(demo, agreement_id, {"kind": "person", "role": "witness"})


def test_lists_filter_by_organization_plan_status_and_text(demo):
    draft_from_plan(demo, "co_investment")
    conn = demo.conn
    assert len(agreements.list_agreements(conn)) == 2
    assert [row["status"] for row in agreements.list_agreements(conn, status="ready")] == ["ready"]
    assert len(agreements.list_agreements(conn, organization_id=demo_id("org:investors"))) == 2
    assert len(agreements.list_agreements(conn, plan_id=demo_id("plan:investors"))) == 2
    assert [row["template_id"] for row in agreements.list_agreements(conn, "COI-")] == ["co_investment"]


def test_a_co_investment_draft_takes_each_sides_money_from_the_plan_and_shares_in_proportion(demo):
    agreement_id = draft_from_plan(demo, "co_investment")
    draft = agreements.draft_of(demo, agreement_id)
    sides = {party.role: party for party in draft.parties}
    assert set(sides) == {"club", "group"}
    assert sum(party.share_pct for party in sides.values()) == 100
    assert all(party.contribution for party in sides.values())
    total = sides["club"].contribution + sides["group"].contribution
    assert abs(sides["club"].share_pct - sides["club"].contribution * 100 / total) < Decimal("0.01")


def test_a_cofinancing_draft_switches_off_governments_the_plan_has_no_money_from(demo):
    agreement_id = draft_from_plan(demo, "cofinancing")
    row = demo.get("agreements", agreement_id)
    switched = json.loads(row["clauses"])
    # The demo plan is financed without government money, as the federal 3x1 program has closed.
    assert switched == {"federal_contribution": False, "state_contribution": False, "municipal_contribution": False}
    parameters = json.loads(row["parameters"])
    club = demo.get("organizations", demo_id("org:club_jerez"))
    assert parameters["club_registration_number"] == club["registration_number"]


def test_contributions_that_do_not_add_up_to_the_total_are_named(demo):
    agreement_id = draft_from_plan(demo, "cofinancing")
    agreements.set_parameter(demo, agreement_id, "club_contribution", "300000")
    messages = [problem.message for problem in problems(agreements.draft_of(demo, agreement_id))]
    assert any("the contributions add up to $300,000.00, but “Total investment of the project” is $580,000.00."
               in message for message in messages)


def test_a_frozen_agreement_prints_its_sealed_text_whatever_the_registry_says_now(demo):
    agreement_id = demo_id("agreement:partnership")
    row = demo.get("agreements", agreement_id)
    party = agreements.draft_of(demo, agreement_id).parties[0]
    person_id = demo.get("agreement_parties", party.key)["person_id"]
    demo.update("people", person_id, {"given_names": "Gerardito"})
    documents, digest = agreements.printable_documents(demo, agreement_id)
    assert digest == row["content_hash"]
    assert party.name in documents["es"].preamble and "Gerardito" not in documents["es"].preamble
    assert documents["en"].status == "Ready to sign"
    # Even a partner deleted since the review does not keep the signed text from printing.
    agreements.mark_signed(demo, agreement_id, "Jerez, Zacatecas", dt.date(2026, 11, 24), today=dt.date(2026, 11, 25))
    demo.delete("people", person_id)
    documents, digest = agreements.printable_documents(demo, agreement_id)
    assert digest == row["content_hash"]
    assert documents["es"].place_and_date == "Firmado en Jerez, Zacatecas, el 24 de noviembre de 2026."


def test_notes_print_language_and_signing_place_do_not_open_a_version(demo):
    agreement_id = demo_id("agreement:partnership")
    for values in ({"notes": "Llevar copias"}, {"language": "en"}, {"signed_place": "Jerez"},
                   {"signed_on": "2026-11-26"}):
        assert agreements.edit_agreement(demo, agreement_id, values) is True
    row = demo.get("agreements", agreement_id)
    assert (row["status"], row["version"]) == ("ready", 1)


def test_a_refused_edit_writes_nothing_not_even_the_version_it_would_open(demo):
    agreement_id = demo_id("agreement:partnership")
    party = agreements.draft_of(demo, agreement_id).parties[0]
    before = demo.store.counts()["change_log"]
    heard = []
    demo.edits_listeners.append(lambda table, count, rows_moved: heard.append(table))
    with pytest.raises(StoreError):
        agreements.edit_party(demo, party.key, {"contribution": "abc"})
    with pytest.raises(StoreError):
        agreements.add_party(demo, agreement_id, {"kind": "organization", "role": "witness"})
    assert demo.store.counts()["change_log"] == before and heard == []


def test_a_loan_without_rate_or_term_leaves_them_to_be_asked(demo):
    plan = demo.get("plans", demo_id("plan:investors"))
    funding = [source for source in json.loads(plan["funding"]) if source["kind"] != "loan"]
    funding.append({"kind": "loan", "amount": "80000", "annual_rate": "0", "term_months": 0})
    demo.update("plans", plan["id"], {"funding": funding})
    agreement_id = draft_from_plan(demo)
    parameters = json.loads(demo.get("agreements", agreement_id)["parameters"])
    assert (parameters["loan_amount"], parameters["loan_rate"], parameters["loan_term_months"]) == ("80000", "", "")


def test_a_draft_version_cannot_be_marked_signed_directly(demo):
    """As a conflict restored after another laptop edited the agreement would try to."""
    agreement_id = demo_id("agreement:partnership")
    agreements.set_parameter(demo, agreement_id, "mediation_days", "45")  # version 2, a draft
    with pytest.raises(StoreError, match="Version 2 of this agreement has not been reviewed"):
        demo.update("agreements", agreement_id, {"status": "signed"})
    assert demo.get("agreements", agreement_id)["status"] == "draft"


def test_a_woman_partner_is_a_socia_and_a_man_a_socio(demo):
    """Spanish agrees in gender with each person (the CURP's 11th character); English has one word."""
    from advisor_app.domain.agreements.assembly import assemble

    draft = agreements.draft_of(demo, draft_from_plan(demo))
    partners = [party for party in draft.parties if party.role == "partner"]
    assert {party.form for party in partners} >= {"feminine", "masculine"}
    spanish = {signatory.name: signatory.role for signatory in assemble(draft, "es").signatories}
    english = {signatory.name: signatory.role for signatory in assemble(draft, "en").signatories}
    for party in partners:
        assert spanish[party.name] == ("Socia" if party.form == "feminine" else "Socio")
        assert english[party.name] == "Partner"
