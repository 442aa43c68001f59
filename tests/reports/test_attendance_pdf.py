"""A workshop's attendance sheet lists everyone expected, numbered, with room for walk-ins, in the
language asked for; an unknown workshop is refused with a sentence and nothing is written."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from advisor_app import i18n
from advisor_app.domain.training import competency_name
from advisor_app.i18n import _, speaking
from advisor_app.i18n.formatting import date
from advisor_app.reports import ReportError, render_attendance
from advisor_app.reports.attendance_pdf import WALK_IN_ROWS
from advisor_app.store.demo import demo_id, load_demo
from advisor_app.store.training import add_attendees

TODAY = dt.date(2025, 11, 25)
PLAN = demo_id("workshop:plan")   # held 60 days before TODAY, seven people expected
# Surname first, as the registry lists people, in the list's order.
EXPECTED = [
    ("Bañuelos Hernández, Leticia", "Sociedad Cooperativa Guayaberos del Cañón de Juchipila"),
    ("Casillas Torres, Rigoberto", "Sociedad Cooperativa Guayaberos del Cañón de Juchipila"),
    ("Félix Román, Gerardo", "Grupo Inversionista El Cargadero"),
    ("Lamas Bañuelos, Antonio", "Sociedad Cooperativa Guayaberos del Cañón de Juchipila"),
    ("Ruvalcaba Márquez, María Guadalupe", "Grupo Inversionista El Cargadero"),
    ("Sandoval Félix, José Luis", "Grupo Inversionista El Cargadero"),
    ("Sandoval Félix, Silvia", "Grupo Inversionista El Cargadero"),
]


@pytest.fixture
def demo(repository):
    load_demo(repository, today=TODAY)
    return repository


@pytest.fixture
def folder(tmp_path):
    made = tmp_path / "documents"
    made.mkdir()
    return made


def pdf_pages(path) -> list[str]:
    """Each page's text with runs of white space made one space (cells wrap anywhere)."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def row_numbers(page: str, after: str) -> list[int]:
    """The row numbers printed on a page between its column headings (ending with ``after``) and its foot."""
    body = re.split(r"(?:Page|Página) \d+ (?:of|de) \d+", page.split(after, 1)[1])[0]
    return [int(found) for found in re.findall(r"(?<![\w,.])(\d{1,3})(?![\w,.:])", body)]


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_sheet_names_the_workshop_and_everyone_expected(demo, tmp_path, language):
    out = render_attendance(demo, PLAN, language, tmp_path / "sheet.pdf")
    assert out == tmp_path / "sheet.pdf"
    pages = pdf_pages(out)
    assert len(pages) == 1
    text = pages[0]
    with speaking(language):
        expected = [
            "Cómo armar el plan de negocio del grupo", date(TODAY - dt.timedelta(days=60), "long"),
            "Salón ejidal de El Cargadero", "Laura Méndez", competency_name("business"), competency_name("finance"),
            _("Attendance sheet").upper(), _("Date"), _("Place"), _("Facilitator"), _("Hours"), _("Competencies"),
            _("No."), _("Name"), _("Organization"), _("Signature"),
            _("Page {page} of {total}").format(page=1, total=1),
        ]
        signature = _("Signature")
    for value in expected:
        assert value in text, value
    # Every person numbered in the list's order, with the organization they came for.
    for number, (name, organization) in enumerate(EXPECTED, start=1):
        assert f"{number} {name} {organization}" in text, name
    # Then the empty rows for walk-ins, numbered on: at least five, as many as fill the page.
    numbers = row_numbers(text, signature)
    walk_ins = numbers[len(EXPECTED):len(EXPECTED) + WALK_IN_ROWS]
    assert numbers[:len(EXPECTED)] == list(range(1, len(EXPECTED) + 1))
    assert walk_ins == list(range(len(EXPECTED) + 1, len(EXPECTED) + WALK_IN_ROWS + 1))


def test_spanish_and_english_differ_only_in_their_words(demo, tmp_path):
    spanish = pdf_pages(render_attendance(demo, PLAN, "es", tmp_path / "es.pdf"))[0]
    english = pdf_pages(render_attendance(demo, PLAN, "en", tmp_path / "en.pdf"))[0]
    assert "26 de septiembre de 2025" in spanish and "September 26, 2025" in english
    assert "Plan de negocio y administración" in spanish and "Business planning and management" in english
    assert "Página 1 de 1" in spanish and "Page 1 of 1" in english
    assert "Firma" in spanish and "Signature" in english
    for name, _organization in EXPECTED:
        assert name in spanish and name in english


def test_the_text_is_set_in_dejavu_sans_embedded(demo, tmp_path):
    reader = PdfReader(render_attendance(demo, PLAN, "es", tmp_path / "sheet.pdf"))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in font["/FontDescriptor"].get_object()
    assert fonts and all("DejaVuSans" in name for name in fonts), fonts
    assert all(fonts.values()), fonts
    assert reader.metadata.title == "Cómo armar el plan de negocio del grupo"
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape: room to sign


def test_a_long_list_runs_over_pages_and_fills_the_last(demo, tmp_path):
    workshop = demo.insert("workshops", {"title": "Asamblea informativa", "topics": ["leadership"],
                                         "held_on": TODAY, "status": "planned", "place": "Juchipila"})
    people = [row[0] for row in demo.conn.execute("SELECT id FROM people WHERE deleted = 0 ORDER BY sort_name")]
    assert add_attendees(demo, workshop, people) == 25
    pages = pdf_pages(render_attendance(demo, workshop, "en", tmp_path / "sheet.pdf"))
    assert len(pages) == 3
    numbers = [number for page in pages for number in row_numbers(page, "Signature")]
    last = numbers[-1]
    assert numbers == list(range(1, last + 1)) and last >= 25 + WALK_IN_ROWS
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Asamblea informativa" in page  # a page that comes apart still says whose it is
        assert "No. Name Organization Signature" in page  # the heading on every page
    assert "Ávila Correa, Salvador" in pages[0] and "Valdez Muro, Teresa" in " ".join(pages)
    # The last page is as full as the one before: no page of a single row.
    assert len(row_numbers(pages[-1], "Signature")) == len(row_numbers(pages[1], "Signature"))


def test_a_workshop_nobody_is_expected_at_prints_empty_rows(demo, tmp_path):
    workshop = demo.insert("workshops", {"title": "Puertas abiertas", "topics": ["market"], "held_on": TODAY,
                                         "status": "planned"})
    pages = pdf_pages(render_attendance(demo, workshop, "en", tmp_path / "sheet.pdf"))
    assert len(pages) == 1
    numbers = row_numbers(pages[0], "Signature")
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= WALK_IN_ROWS


def test_a_person_removed_from_the_registry_stays_on_the_sheet(demo, tmp_path):
    demo.delete("people", demo_id("person:p15"))
    text = pdf_pages(render_attendance(demo, PLAN, "en", tmp_path / "sheet.pdf"))[0]
    assert "2 Casillas Torres, Rigoberto" in text


def test_printing_does_not_switch_the_screens_language(demo, tmp_path):
    i18n.set_language("es")
    render_attendance(demo, PLAN, "en", tmp_path / "sheet.pdf")
    assert i18n.current_language() == "es"


def test_unknown_and_deleted_workshops_are_refused_with_a_sentence(demo, folder):
    with pytest.raises(ReportError) as refused:
        render_attendance(demo, "no-such-workshop", "en", folder / "sheet.pdf")
    assert str(refused.value) == "No workshop has the id no-such-workshop."
    demo.delete("workshops", PLAN)
    with pytest.raises(ReportError) as refused:
        render_attendance(demo, PLAN, "en", folder / "sheet.pdf")
    assert str(refused.value) == "This workshop no longer exists."
    with pytest.raises(ReportError) as refused:
        render_attendance(demo, demo_id("workshop:market"), "fr", folder / "sheet.pdf")
    assert "fr" in str(refused.value) and "\n" not in str(refused.value)
    assert list(folder.iterdir()) == []


def test_the_refusal_speaks_the_sheets_language(demo, folder):
    with pytest.raises(ReportError) as refused:
        render_attendance(demo, "no-such-workshop", "es", folder / "sheet.pdf")
    with speaking("es"):
        assert str(refused.value) == _("No workshop has the id {id}.").format(id="no-such-workshop")


def test_a_missing_output_folder_is_refused_with_a_sentence(demo, tmp_path):
    folder = tmp_path / "missing"
    with pytest.raises(ReportError) as refused:
        render_attendance(demo, PLAN, "en", folder / "sheet.pdf")
    assert str(refused.value) == f"The folder {folder} does not exist."
    assert not folder.exists()


def test_a_failed_write_leaves_the_old_sheet_and_no_debris(demo, folder, monkeypatch):
    out = render_attendance(demo, PLAN, "en", folder / "sheet.pdf")
    before = out.read_bytes()

    def refuse(*_args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("advisor_app.reports.document.os.replace", refuse)
    with pytest.raises(ReportError):
        render_attendance(demo, demo_id("workshop:market"), "en", out)
    assert out.read_bytes() == before
    assert [path.name for path in folder.iterdir()] == ["sheet.pdf"]


def test_a_store_or_a_connection_will_do(demo, store, tmp_path):
    assert render_attendance(store, PLAN, "en", tmp_path / "a.pdf").is_file()
    assert render_attendance(store.conn, PLAN, "en", tmp_path / "b.pdf").is_file()


def test_the_facilitator_signs_the_sheet_too(demo, tmp_path):
    spanish = pdf_pages(render_attendance(demo, PLAN, "es", tmp_path / "es.pdf"))[0]
    english = pdf_pages(render_attendance(demo, PLAN, "en", tmp_path / "en.pdf"))[0]
    assert "Firma del facilitador(a)" in spanish and "Facilitator's signature" in english
