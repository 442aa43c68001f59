"""``advisor-app verify``: a printed code or a PDF names the agreement, version and status it matches; a
draft says it is not on record; a stranger's PDF and a code nobody printed match nothing."""

from __future__ import annotations

import pytest
from reportlab.pdfgen.canvas import Canvas

from advisor_app.cli import main
from advisor_app.store import agreements
from advisor_app.store.database import Store
from advisor_app.store.demo import demo_id, load_demo
from advisor_app.store.repository import Repository

AGREEMENT = demo_id("agreement:partnership")


@pytest.fixture
def demo_file(db_path):
    store = Store.open(db_path)
    load_demo(Repository(store))
    store.close()
    return db_path


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out.strip(), captured.err.strip()


def sealed_hash(db_path) -> str:
    store = Store.open(db_path)
    try:
        return Repository(store).get("agreements", AGREEMENT)["content_hash"]
    finally:
        store.close()


def test_a_printed_pdf_names_its_agreement_version_and_status(capsys, demo_file, tmp_path):
    out = tmp_path / "copy.pdf"
    assert run(capsys, "agreement-pdf", "--db", str(demo_file), "--id", AGREEMENT, "--lang", "both",
               "--out", str(out))[0] == 0
    code, said, _err = run(capsys, "verify", "--db", str(demo_file), "--pdf", str(out))
    assert code == 0
    assert said.startswith("This copy matches agreement SOC-") and said.endswith(", version 1, which is ready to sign.")


@pytest.mark.parametrize("shape", ["{short}", "SHA-256: {short}…", "{spaced}", "{full}", "{upper}"])
def test_the_code_printed_in_the_footer_as_typed(capsys, demo_file, shape):
    digest = sealed_hash(demo_file)
    typed = shape.format(short=digest[:16], full=digest, upper=digest[:20].upper(),
                         spaced=" ".join(digest[index:index + 4] for index in range(0, 16, 4)))
    code, said, _err = run(capsys, "verify", "--db", str(demo_file), "--hash", typed)
    assert code == 0 and "version 1, which is ready to sign." in said


def test_an_earlier_version_says_it_has_been_replaced(capsys, demo_file):
    digest = sealed_hash(demo_file)
    store = Store.open(demo_file)
    repository = Repository(store)
    agreements.set_parameter(repository, AGREEMENT, "mediation_days", "45")   # opens version 2, a draft
    store.close()
    code, said, _err = run(capsys, "verify", "--db", str(demo_file), "--hash", digest[:16])
    assert code == 0 and said.endswith("version 1, which has been replaced: the agreement is now at version 2.")


def test_a_draft_says_it_is_not_on_record(capsys, demo_file, tmp_path):
    store = Store.open(demo_file)
    repository = Repository(store)
    agreements.set_parameter(repository, AGREEMENT, "mediation_days", "45")
    folio = repository.get("agreements", AGREEMENT)["folio"]
    store.close()
    out = tmp_path / "draft.pdf"
    assert run(capsys, "agreement-pdf", "--db", str(demo_file), "--id", AGREEMENT, "--lang", "es",
               "--out", str(out))[0] == 0
    code, said, _err = run(capsys, "verify", "--db", str(demo_file), "--lang", "en", "--pdf", str(out))
    assert code == 1
    assert said == (f"This PDF is a draft of agreement {folio}, version 2: a draft is not for signature and its "
                    "text is not on record.")


def test_a_strangers_pdf_and_an_unknown_code_match_nothing(capsys, demo_file, tmp_path):
    stranger = tmp_path / "stranger.pdf"
    canvas = Canvas(str(stranger))
    canvas.drawString(100, 700, "Contrato de asociación · SHA-256: 0123456789abcdef")
    canvas.save()
    code, said, _err = run(capsys, "verify", "--db", str(demo_file), "--pdf", str(stranger))
    assert code == 1 and said == ("This PDF carries no agreement code: it was not printed by Community Advisor, so "
                                  "nothing on record can match it.")
    code, said, _err = run(capsys, "verify", "--db", str(demo_file), "--hash", "0123456789abcdef")
    assert code == 1 and said.startswith("Nothing on record matches this code")


@pytest.mark.parametrize(("typed", "sentence"), [
    ("", "Type or paste the code printed in the footer of the copy."),
    ("83a06f96", "Type at least the first 16 characters of the code (the bold part of the footer)."),
    ("83a06f960d00d88z", "The code printed in the footer has only the figures 0–9 and the letters a–f; check what "
                         "was typed."),
    ("a" * 65, "The code has more characters than a printed code (64); check what was typed."),
])
def test_a_code_that_cannot_be_a_printed_one_is_one_sentence(capsys, demo_file, typed, sentence):
    code, said, err = run(capsys, "verify", "--db", str(demo_file), "--hash", typed)
    assert code == 1 and err == sentence and said == ""


def test_a_file_that_is_not_a_pdf(capsys, demo_file, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hola")
    code, _said, err = run(capsys, "verify", "--db", str(demo_file), "--pdf", str(other))
    assert code == 1 and err == "notes.txt is not a PDF file."
    code, _said, err = run(capsys, "verify", "--db", str(demo_file), "--pdf", str(tmp_path / "missing.pdf"))
    assert code == 1 and err.startswith("The file ") and "cannot be read" in err
