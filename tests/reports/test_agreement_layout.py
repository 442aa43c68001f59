"""The agreement PDF prints every clause, declaration and signatory of the Document, in Spanish, English
or both side by side, with accents intact, the fingerprint on every page, and writes nothing on failure."""

from __future__ import annotations

import dataclasses
import time

import pytest
from pypdf import PdfReader

from advisor_app.domain.agreements.document import AssembledClause, Document, Signatory, content_hash
from advisor_app.domain.agreements.words import clause_heading
from advisor_app.i18n import _, speaking
from advisor_app.reports import agreement_layout, agreement_page
from advisor_app.reports.agreement_layout import write_agreement_pdf
from advisor_app.reports.document import ReportError
from advisor_app.reports.fonts import FAMILY, register_fonts

HEADINGS = {
    "es": ["Objeto", "Aportaciones", "Administración", "Toma de decisiones", "Reparto de utilidades",
           "Obligaciones", "Rendición de cuentas", "Ingreso y salida de socios", "Vigencia", "Terminación",
           "Controversias", "Jurisdicción"],
    "en": ["Purpose", "Contributions", "Management", "Decisions", "Profit sharing", "Duties", "Accountability",
           "Partners joining and leaving", "Term", "Termination", "Disputes", "Jurisdiction"],
}
TEXT = {
    "es": "Las partes acuerdan que el Club Peñasco aportará $150,000.00 (ciento cincuenta mil pesos 00/100 M.N.) "
          "y que la señora Ángela Núñez Ibáñez llevará las cuentas del proyecto cada mes.",
    "en": "The parties agree that Club Peñasco will contribute $150,000.00 (one hundred fifty thousand pesos "
          "00/100 M.N.) and that Mrs. Ángela Núñez Ibáñez will keep the project's books every month.",
}
SIGNATORIES = {
    "es": (Signatory("Ángela Núñez Ibáñez", "Presidenta", "Club Peñasco de Zacatecas", "INE: 1234567890123"),
           Signatory("José Peña Muñoz", "Tesorero", "Cooperativa El Ñandú", "INE: 9876543210987"),
           Signatory("María Ávila Güemes", "Socia", "", "CURP: AIGM800101MZSVRR09"),
           Signatory("Óscar Íñiguez Durán", "Presidente municipal", "Municipio de Jerez", "INE: 5555555555555")),
    "en": (Signatory("Ángela Núñez Ibáñez", "President", "Club Peñasco de Zacatecas", "INE: 1234567890123"),
           Signatory("José Peña Muñoz", "Treasurer", "Cooperativa El Ñandú", "INE: 9876543210987"),
           Signatory("María Ávila Güemes", "Partner", "", "CURP: AIGM800101MZSVRR09"),
           Signatory("Óscar Íñiguez Durán", "Municipal president", "Municipio de Jerez", "INE: 5555555555555")),
}


def make_documents(clauses: int = 12, status: dict[str, str] | None = None) -> dict[str, Document]:
    status = status or {"es": "Borrador", "en": "Draft"}
    documents = {}
    for language in ("es", "en"):
        spanish = language == "es"
        documents[language] = Document(
            language=language,
            title="Convenio de asociación del proyecto Peñasco" if spanish else "Partnership agreement, Peñasco project",
            folio="AG-2026-0042", version=2, status=status[language],
            place_and_date=("Peñasco, Zacatecas, a 25 de noviembre de 2026" if spanish
                            else "Peñasco, Zacatecas, November 25, 2026"),
            preamble=("Comparecen el Club Peñasco de Zacatecas y la Cooperativa El Ñandú, en adelante “las partes”."
                      if spanish else "Club Peñasco de Zacatecas and the El Ñandú cooperative, “the parties”, agree."),
            declarations=tuple(f"{roman}. {TEXT[language]}" for roman in ("I", "II", "III")),
            clauses=tuple(AssembledClause(number, f"clause_{number}",
                                          HEADINGS[language][(number - 1) % len(HEADINGS[language])],
                                          (TEXT[language],) * (1 + number % 2))
                          for number in range(1, clauses + 1)),
            signatories=SIGNATORIES[language])
    return documents


def pdf_pages(path) -> list[str]:
    """Each page's text with runs of white space made one space (lines wrap anywhere)."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def label(language: str, message: str) -> str:
    with speaking(language):
        return _(message)


@pytest.fixture(scope="module")
def documents():
    return make_documents()


@pytest.fixture(scope="module")
def sealed(documents):
    return content_hash(documents)


@pytest.fixture(scope="module")
def printed(documents, sealed, tmp_path_factory):
    """Each print language rendered once for the module: path and page texts."""
    folder = tmp_path_factory.mktemp("agreements")
    made = {}
    for language in ("es", "en", "both"):
        chosen = documents if language == "both" else {language: documents[language]}
        out = write_agreement_pdf(chosen, language, sealed, folder / f"agreement-{language}.pdf")
        made[language] = (out, pdf_pages(out))
    return made


def languages_of(language: str) -> tuple[str, ...]:
    return ("es", "en") if language == "both" else (language,)


@pytest.mark.parametrize("language", ["es", "en", "both"])
def test_every_clause_heading_and_paragraph_prints(printed, documents, language):
    text = " ".join(printed[language][1])
    for code in languages_of(language):
        document = documents[code]
        for clause in document.clauses:
            assert clause_heading(clause.number, clause.heading, code) in text
        assert " ".join(TEXT[code].split()) in text
        assert label(code, "Declarations").upper() in text
        assert label(code, "Clauses").upper() in text
    if "es" in languages_of(language):
        assert "PRIMERA. Objeto." in text and "DÉCIMA SEGUNDA. Jurisdicción." in text
    if "en" in languages_of(language):
        assert "First. Purpose." in text and "Twelfth. Jurisdiction." in text


@pytest.mark.parametrize("language", ["es", "en", "both"])
def test_accents_and_ene_print_intact(printed, language):
    text = " ".join(printed[language][1])
    assert "Peñasco, Zacatecas" in text
    assert "Ángela Núñez Ibáñez" in text
    assert "Cooperativa El Ñandú" in text


@pytest.mark.parametrize("language", ["es", "en", "both"])
def test_every_signatory_prints_with_name_role_and_id(printed, documents, language):
    text = " ".join(printed[language][1])
    for code in languages_of(language):
        for signatory in documents[code].signatories:
            assert signatory.name in text
            assert signatory.role in text
            assert signatory.id_line in text
        assert label(code, "On behalf of {name}").format(name="Cooperativa El Ñandú") in text
        assert label(code, "Signature") in text


@pytest.mark.parametrize("language", ["es", "en", "both"])
def test_every_page_has_its_number_folio_and_fingerprint(printed, sealed, language):
    pages = printed[language][1]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        for code in languages_of(language):
            assert label(code, "Page {page} of {total}").format(page=number, total=len(pages)) in page
        assert "AG-2026-0042" in page
        assert f"SHA-256: {sealed[:16]}" in page
        assert sealed in page  # the full hash, in small type
    if language != "en":
        assert "Página 1 de" in pages[0]
    if language != "es":
        assert "Page 1 of" in pages[0]


@pytest.mark.parametrize("language", ["es", "en", "both"])
def test_fonts_are_embedded_dejavu(printed, language):
    fonts = {}
    for page in PdfReader(printed[language][0]).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in font["/FontDescriptor"].get_object()
    assert fonts and all("DejaVuSans" in name for name in fonts), fonts  # no Helvetica left to the reader
    assert all(fonts.values()), fonts  # embedded


def test_side_by_side_puts_both_titles_in_the_header(printed, documents):
    first = printed["both"][1][0]
    assert documents["es"].title in first and documents["en"].title in first
    assert label("es", "Version {version}").format(version=2) in first


def test_draft_mark_follows_the_status(documents, sealed, tmp_path):
    draft = pdf_pages(write_agreement_pdf({"es": documents["es"]}, "es", sealed, tmp_path / "draft.pdf"))
    assert all("BORRADOR" in page for page in draft)
    assert label("es", "Status: {status}").format(status="Borrador") in draft[0]

    ready = make_documents(status={"es": label("es", "Ready to sign"), "en": "Ready to sign"})
    final = pdf_pages(write_agreement_pdf({"es": ready["es"]}, "es", sealed, tmp_path / "ready.pdf"))
    assert not any("BORRADOR" in page or "Situación:" in page or "Status:" in page for page in final)

    forced = pdf_pages(write_agreement_pdf({"en": ready["en"]}, "en", sealed, tmp_path / "forced.pdf", draft=True))
    assert all("DRAFT" in page for page in forced)
    assert "Status: Draft" in forced[0]
    both = pdf_pages(write_agreement_pdf(documents, "both", sealed, tmp_path / "both.pdf"))
    assert all("BORRADOR / DRAFT" in page for page in both)
    unmarked = pdf_pages(write_agreement_pdf({"en": documents["en"]}, "en", sealed, tmp_path / "plain.pdf",
                                             draft=False))
    assert not any("DRAFT" in page for page in unmarked)


def test_the_qr_code_holds_folio_version_and_hash(documents, sealed, tmp_path, monkeypatch):
    asked = []
    original = agreement_page._qr_modules

    def spy(value):
        asked.append(value)
        return original(value)

    monkeypatch.setattr(agreement_page, "_qr_modules", spy)
    write_agreement_pdf(documents, "both", sealed, tmp_path / "qr.pdf")
    # The fixture is a draft: its code says so, and claims no version on record.
    assert set(asked) == {f"ADVISOR-AGREEMENT:AG-2026-0042:V2:DRAFT:{sealed.upper()}"}
    modules = original(asked[0])
    assert len(modules) == len(modules[0]) >= 21 and all(modules[row][col] for row in range(7) for col in (0, 6))
    for page in PdfReader(tmp_path / "qr.pdf").pages:  # drawn once, placed on every page
        forms = [item.get_object() for item in page["/Resources"]["/XObject"].values()]
        assert [form["/Subtype"] for form in forms] == ["/Form"]


def test_a_clause_longer_than_a_page_splits_side_by_side(documents, sealed, tmp_path):
    long = {}
    for code, document in documents.items():
        clauses = list(document.clauses)
        clauses[2] = dataclasses.replace(clauses[2], paragraphs=(
            TEXT[code] * 45, "Último párrafo de la tercera." if code == "es" else "Last paragraph of the third."))
        long[code] = dataclasses.replace(document, clauses=tuple(clauses))
    pages = pdf_pages(write_agreement_pdf(long, "both", content_hash(long), tmp_path / "long.pdf"))
    text = " ".join(pages)
    assert "Último párrafo de la tercera." in text and "Last paragraph of the third." in text
    assert "CUARTA. Toma de decisiones." in text and "Fourth. Decisions." in text
    assert len(pages) >= 4
    for number, page in enumerate(pages, start=1):
        assert f"Página {number} de {len(pages)}" in page or label("es", "Page {page} of {total}").format(
            page=number, total=len(pages)) in page


def test_nothing_is_written_when_the_folder_is_missing(documents, sealed, tmp_path):
    out = tmp_path / "missing" / "agreement.pdf"
    with pytest.raises(ReportError, match="missing"):
        write_agreement_pdf({"es": documents["es"]}, "es", sealed, out)
    assert not out.parent.exists()


def test_a_failed_build_leaves_the_old_file_and_no_partial(documents, sealed, tmp_path, monkeypatch):
    out = tmp_path / "agreement.pdf"
    out.write_bytes(b"the signed copy")

    def broken(*arguments):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(agreement_layout, "decorate", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_agreement_pdf({"es": documents["es"]}, "es", sealed, out)
    assert out.read_bytes() == b"the signed copy"
    assert [path.name for path in tmp_path.iterdir()] == ["agreement.pdf"]


def test_refusals_are_sentences(documents, sealed, tmp_path):
    with pytest.raises(ReportError, match="fr"):
        write_agreement_pdf(documents, "fr", sealed, tmp_path / "a.pdf")
    with pytest.raises(ReportError):
        write_agreement_pdf({"es": documents["es"]}, "both", sealed, tmp_path / "a.pdf")
    with pytest.raises(ReportError):
        write_agreement_pdf({"es": documents["es"]}, "en", sealed, tmp_path / "a.pdf")
    shorter = dict(documents, en=dataclasses.replace(documents["en"], clauses=documents["en"].clauses[:-1]))
    with pytest.raises(ReportError):
        write_agreement_pdf(shorter, "both", sealed, tmp_path / "a.pdf")
    assert not list(tmp_path.iterdir())


def test_printing_keeps_the_screen_language(documents, sealed, tmp_path):
    from advisor_app.i18n import current_language

    before = current_language()
    write_agreement_pdf(documents, "both", sealed, tmp_path / "a.pdf")
    assert current_language() == before


def test_fonts_register_once_and_fast():
    assert register_fonts() == FAMILY
    began = time.perf_counter()
    for _repeat in range(1000):
        assert register_fonts() == FAMILY
    assert time.perf_counter() - began < 0.05
    from reportlab.pdfbase.pdfmetrics import getFont, getRegisteredFontNames

    names = set(getRegisteredFontNames())
    for face in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"):
        assert face in names
        assert getFont(face).stringWidth("Ñandú", 10) > 0  # the file reads on first use
