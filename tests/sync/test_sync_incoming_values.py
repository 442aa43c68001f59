"""Values received in a bundle pass the rules of the app's own editing (real dates, the vocabularies'
codes, lengths, check digits, stored forms); each refusal names the line and the field, and changes
nothing. A data file that took such a value before prints a sentence, not a traceback."""

from __future__ import annotations

import pytest
from sync_helpers import CURPS, assert_sentence, handmade_bundle, line, refused, small_registry

from advisor_app.cli import main
from advisor_app.store.demo import demo_id, load_demo

GOOD = line("localities", "loc-1", {"municipality_key": "32023", "name": "Juchipila"}) + \
    line("people", "per-1", {"given_names": "Ana", "first_surname": "Robles", "residence_country": "MX"})

REFUSED = [
    ("people", "birth_date", "2023-02-29", "Birth date"),
    ("organizations", "registration_valid_until", "0000-01-01", "Registration valid until"),
    ("agreements", "signed_on", "2023-02-29", "Date of signing"),
    ("workshops", "held_on", "2024-13-01", "Date"),
    ("session_actions", "due_on", "2025-04-31", "Due date"),
    ("organizations", "kind", "secret_society", "Kind"),
    ("organizations", "status", "hidden", "Status"),
    ("memberships", "role", "boss", "Role"),
    ("memberships", "currency", "EUR", "Currency"),
    ("people", "residence_country", "CA", "Lives in"),
    ("agreements", "status", "bogus", "Status"),
    ("agreements", "language", "zz", "Print in"),
    ("agreement_parties", "kind", "alien", "Kind of party"),
    ("workshops", "status", "someday", "Status"),
    ("plans", "status", "dreaming", "Status"),
    ("plans", "sector", "piracy", "Sector"),
    ("people", "curp", "ROBA790930MZSBDN0X", "CURP"),
    ("people", "phone", "call me", "Phone"),
    ("organizations", "base_state", "ZZ", "US state"),
    ("localities", "municipality_key", "99999", "Municipality"),
    ("memberships", "share_pct", "150", "Share (%)"),
    ("memberships", "contribution", "-5", "Committed contribution"),
    ("agreement_parties", "signs", 7, "Signs"),
    ("plans", "current_page", 99, "Page"),
    ("agreements", "version", 0, "Version"),
    ("workshops", "hours", "0", "Hours"),
    ("organizations", "name", "x" * 201, "Name"),
    ("organizations", "name", None, "Name"),
    ("workshops", "topics", "[]", "Competencies"),
    # What typing would have rewritten must arrive rewritten: the stored form, as every change log holds it.
    ("agreements", "signed_on", "20230101", "Date of signing"),
    ("memberships", "share_pct", "50.0", "Share (%)"),
    ("people", "given_names", "  Ana", "Given names"),
    ("people", "curp", CURPS[0].lower(), "CURP"),
]


@pytest.mark.parametrize("table, column, value, field", REFUSED, ids=[f"{case[0]}.{case[1]}={case[2]!r:.20}"
                                                                      for case in REFUSED])
def test_a_value_the_app_refuses_when_typed_is_refused_from_a_bundle(laptops, tmp_path, table, column, value, field):
    a, b, _c = laptops
    bundle = handmade_bundle(tmp_path / "refused.advbundle", a.store, GOOD + line(table, "row-1", {column: value}))
    message = refused(b, bundle)
    assert message.startswith("Line 3 ") and field in message
    assert "Line 3" in refused(b, bundle, dry_run=True)


def test_a_birth_date_that_contradicts_the_curp_is_refused(laptops, tmp_path):
    a, b, _c = laptops
    bundle = handmade_bundle(tmp_path / "curp.advbundle", a.store, GOOD + line(
        "people", "per-2", {"given_names": "Ana", "first_surname": "Robles", "residence_country": "MX",
                            "curp": CURPS[0], "birth_date": "1980-01-01"}))
    assert "Line 3" in refused(b, bundle)


def test_honest_values_of_every_kind_still_arrive(laptops, tmp_path):
    a, b, _c = laptops
    lines = GOOD + line("agreements", "agr-1", {
        "title": "Convenio", "template_id": "a_template_of_another_office", "folio": "CA-2026-001",
        "language": "both", "currency": "USD", "status": "draft", "version": 2, "signed_on": "2026-02-28",
        "parameters": '{"amount":"150000"}'}) + line("organizations", "org-x", {
            "kind": "investor_group", "name": "Grupo de inversión", "status": "forming", "base_state": "CA",
            "registration_valid_until": "2028-12-31"}) + line("memberships", "mem-1", {
            "person_id": "per-1", "organization_id": "org-x", "role": "treasurer", "share_pct": "12.5",
            "contribution": "1500", "currency": "MXN"}) + line("people", "per-1", {
                "curp": CURPS[0], "birth_date": "1979-09-30", "phone": "+52 467 955 0105"})
    report = b.import_(handmade_bundle(tmp_path / "honest.advbundle", a.store, lines), dry_run=True)
    assert report.stats.received == 6 and report.stats.new_records == 5


def test_agreement_pdf_on_a_file_that_took_an_impossible_date_prints_a_sentence(device, tmp_path, capsys):
    laptop = device("A")
    load_demo(laptop.repo)
    agreement_id = demo_id("agreement:partnership")
    other = device("B")
    small_registry(other)
    bundle = handmade_bundle(tmp_path / "date.advbundle", other.store, line(
        "agreements", agreement_id, {"signed_on": "2023-02-29"}))
    laptop.close()
    assert main(["import", str(bundle), "--db", str(laptop.path), "--trust", other.fingerprint]) == 1
    refusal = capsys.readouterr().err.strip()
    assert_sentence(refusal)
    assert "Line 1" in refusal

    # A data file that an older version let the value into, as its merge wrote it.
    laptop.store = type(laptop.store).open(laptop.path)
    with laptop.store.transaction() as conn:
        conn.execute("UPDATE agreements SET signed_on = '2023-02-29' WHERE id = ?", (agreement_id,))
    laptop.close()
    out = tmp_path / "agreement.pdf"
    assert main(["agreement-pdf", "--db", str(laptop.path), "--id", agreement_id, "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert_sentence(captured.err.strip())
    assert "Traceback" not in captured.err + captured.out and not out.exists()


@pytest.mark.parametrize("curp, birth_date, refused_column", [
    (CURPS[0], "1979-09-30", None),  # agree: decided without parsing the CURP again
    (CURPS[0], "1980-01-01", "curp"),  # disagree: the domain's full check names it
    (CURPS[0][:4] + "79AB30" + CURPS[0][10:], "1979-09-30", None),  # no date in it: the full check decides
])
def test_a_curp_and_birth_date_are_judged_the_same_by_the_quick_path(curp, birth_date, refused_column):
    from advisor_app.domain.records import person_cross_checks
    from advisor_app.sync.incoming_values import record_problem

    found = record_problem("people", {"curp": curp, "birth_date": birth_date})
    expected = next(iter(person_cross_checks({"curp": curp, "birth_date": birth_date}).items()), None)
    assert found == expected
    assert (found[0] if found else None) == refused_column
