"""The agreement PDF carries every party, every amount in figures and in words and every accent, in each
language and side by side; an agreement with a hole is refused and no file is written. And the CLI."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from advisor_app import i18n
from advisor_app.cli import main
from advisor_app.domain.agreements.document import content_hash
from advisor_app.domain.agreements.words import money_with_words
from advisor_app.reports import ReportError, render_agreement
from advisor_app.store import agreements
from advisor_app.store.demo import demo_id, load_demo

READY = demo_id("agreement:partnership")


@pytest.fixture
def demo(repository):
    load_demo(repository)
    return repository


def text_of(path) -> str:
    """The PDF's text with line breaks and hyphen-free wrapping joined, so phrases can be searched."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages)


def flat(value: str) -> str:
    return " ".join(value.split())


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_party_amount_and_accent_is_printed(demo, tmp_path, language):
    out = render_agreement(demo, READY, language, tmp_path / f"acuerdo-{language}.pdf")
    text = text_of(out)
    draft = agreements.draft_of(demo, READY)
    for party in draft.parties:
        assert party.name in text            # "María Guadalupe Ruvalcaba Márquez": accents intact
        assert party.id_number in text
        figures_and_words = money_with_words(party.contribution, party.currency or "MXN", language)
        assert flat(figures_and_words) in text
    assert flat(money_with_words(Decimal("580000"), "MXN", language)) in text
    assert ("quinientos ochenta mil pesos 00/100 M.N." if language == "es"
            else "five hundred eighty thousand pesos 00/100 M.N.") in text
    assert draft.folio in text
    digest = content_hash(agreements.documents_of(draft))
    assert digest[:16] in text
    assert re.search(r"(Página|Page) 1 (de|of) \d+", text)


def test_side_by_side_prints_both_languages(demo, tmp_path):
    text = text_of(render_agreement(demo, READY, "both", tmp_path / "both.pdf"))
    assert "PRIMERA" in text and "First" in text
    assert "ciento diez mil pesos" in text and "one hundred ten thousand pesos" in text
    assert "Cláusulas".upper() in text.upper() and "CLAUSES" in text.upper()


def test_an_agreement_with_holes_is_refused_and_no_file_is_written(demo, tmp_path):
    agreement_id = agreements.create_agreement(demo, "partnership", demo_id("org:investors"), demo_id("plan:investors"))
    folder = tmp_path / "documents"
    folder.mkdir()
    with pytest.raises(agreements.AgreementProblems) as holes:
        render_agreement(demo, agreement_id, "es", folder / "holes.pdf")
    assert holes.value.problems and list(folder.iterdir()) == []


def test_an_unknown_print_language_is_one_sentence(demo, tmp_path):
    with pytest.raises(ReportError):
        render_agreement(demo, READY, "fr", tmp_path / "x.pdf")


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_lists_agreements_and_prints_them(capsys, db_path, tmp_path):
    run(capsys, "demo", "--db", str(db_path))
    code, out, err = run(capsys, "list", "agreements", "--db", str(db_path), "--json")
    assert code == 0 and err == ""
    listed = json.loads(out)
    assert [(item["template_id"], item["status"], item["version"], item["parties"]) for item in listed] == [
        ("partnership", "ready", 1, 4)]
    code, out, _err = run(capsys, "list", "agreements", "--db", str(db_path), "--lang", "en")
    assert "Ready to sign" in out and listed[0]["folio"] in out
    for language in ("es", "en", "both"):
        target = tmp_path / f"acuerdo-{language}.pdf"
        code, out, err = run(capsys, "agreement-pdf", "--db", str(db_path), "--id", listed[0]["id"], "--lang",
                             language, "--out", str(target))
        assert (code, out, err) == (0, f"{target}\n", "") and target.read_bytes().startswith(b"%PDF")


def test_cli_names_every_hole_and_writes_nothing(capsys, db_path, tmp_path, repository):
    i18n.set_language("en")
    load_demo(repository)
    agreement_id = agreements.create_agreement(repository, "partnership", demo_id("org:investors"),
                                               demo_id("plan:investors"))
    repository.store.close()
    target = tmp_path / "holes.pdf"
    code, out, err = run(capsys, "agreement-pdf", "--db", str(repository.store.path), "--id", agreement_id,
                         "--lang", "en", "--out", str(target))
    assert code == 1 and out == "" and not target.exists()
    assert err.splitlines()[0] == "The agreement cannot be printed yet:"
    assert "Clause 11 (The business's loan): “Lender” is empty." in err
    assert "the signatory's ID number is missing." in err


def test_cli_refuses_an_unknown_agreement_with_one_sentence(capsys, db_path, tmp_path):
    run(capsys, "demo", "--db", str(db_path))
    code, out, err = run(capsys, "agreement-pdf", "--db", str(db_path), "--id", "nope", "--lang", "es",
                         "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
