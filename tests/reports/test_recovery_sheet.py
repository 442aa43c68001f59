"""The recovery sheet carries the key, the laptop's name and the instructions, in the language asked for."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from advisor_app.reports.document import ReportError
from advisor_app.reports.recovery_sheet_pdf import key_lines, write_recovery_sheet
from advisor_app.store.recovery_key import encode_recovery_key

KEY = encode_recovery_key(bytes(range(32)))


def _text(path) -> str:
    """The text with its line breaks as spaces: a sentence may wrap."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


@pytest.mark.parametrize(("language", "words"), [
    ("es", ["Clave de recuperación", "Computadora", "Olvidé la contraseña", "nadie podrá recuperar los datos"]),
    ("en", ["Recovery key of a data file", "Laptop", "I forgot the passphrase", "cannot be recovered by anyone"]),
    ("both", ["Clave de recuperación", "Recovery key of a data file", "Olvidé la contraseña",
              "I forgot the passphrase"]),
])
def test_the_sheet_carries_the_key_and_the_laptop(tmp_path, language, words):
    out = write_recovery_sheet(tmp_path / "sheet.pdf", KEY, language, "Laptop oficina Jerez", "Laura Méndez",
                               "advisor.sqlite3")
    text = _text(out)
    assert len(PdfReader(str(out)).pages) == 1
    for group in KEY.split("-"):
        assert group in text
    for line in key_lines(KEY):
        assert " ".join(line.split()) in text
    for value in ("Laptop oficina Jerez", "Laura Méndez", "advisor.sqlite3", *words):
        assert value in text


def test_the_key_is_printed_in_groups_of_five_per_line():
    assert key_lines(KEY)[0].split() == KEY.split("-")[:5]
    assert [len(line.split()) for line in key_lines(KEY)] == [5, 5, 3]


def test_an_unknown_language_or_folder_is_one_sentence(tmp_path):
    with pytest.raises(ReportError, match="no en “fr”"):
        write_recovery_sheet(tmp_path / "sheet.pdf", KEY, "fr", "", "", "advisor.sqlite3")
    with pytest.raises(ReportError, match="no existe"):
        write_recovery_sheet(tmp_path / "missing" / "sheet.pdf", KEY, "es", "", "", "advisor.sqlite3")
    assert not list(tmp_path.iterdir())
