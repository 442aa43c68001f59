"""Any list written as CSV or XLSX: what the list shows (its search and filters), headers in the language
asked for, CSV readable by Excel (BOM, accents), XLSX with real numbers and dates; Cancel and errors leave
no file."""

from __future__ import annotations

import csv
import datetime as dt
import os
from pathlib import Path

import openpyxl
import pytest

from advisor_app.progress import Cancelled
from advisor_app.reports.spreadsheets import ExportError, export_list
from advisor_app.store import list_sources, listing
from advisor_app.store.demo import demo_id, load_demo


@pytest.fixture
def demo(repository):
    load_demo(repository)
    return repository.store


def _csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_csv_has_a_bom_headers_in_spanish_and_english_and_accents_intact(demo, tmp_path):
    people = listing.people(demo.conn)
    spanish, english = tmp_path / "personas.csv", tmp_path / "people.csv"
    assert export_list(people, spanish, language="es") == 25
    export_list(people, english, language="en")
    assert spanish.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _csv(spanish)
    assert rows[0] == ["Nombre", "CURP", "Reside en", "Municipio", "Teléfono"]
    assert _csv(english)[0] == ["Name", "CURP", "Lives in", "Municipality", "Phone"]
    assert len(rows) == 26
    names = [row[0] for row in rows[1:]]
    assert any("á" in name or "é" in name or "í" in name or "ñ" in name for name in names)
    assert {row[2] for row in rows[1:]} <= {"México", "Estados Unidos", ""}  # codes as their labels
    assert {row[2] for row in _csv(english)[1:]} <= {"Mexico", "United States", ""}


def test_a_searched_or_filtered_list_exports_only_what_it_shows(demo, tmp_path):
    people = listing.people(demo.conn)
    people.search = "haro"
    target = tmp_path / "found.csv"
    count = people.count()
    assert 0 < count < 25
    assert export_list(people, target, language="es") == count
    assert all("Haro" in row[0] for row in _csv(target)[1:])
    organizations = listing.organizations(demo.conn)
    organizations.filters["kind"] = "federation"
    export_list(organizations, target, language="en")
    rows = _csv(target)
    assert len(rows) == 2 and rows[1][1] == "Federation"
    plans = list_sources.plans(demo.conn)
    plans.filters["status"] = "no-such-status"
    assert export_list(plans, target, language="es") == 0 and len(_csv(target)) == 1


def test_xlsx_holds_real_numbers_real_dates_and_translated_headers(demo, tmp_path):
    target = tmp_path / "talleres.xlsx"
    workshops = list_sources.workshops(demo.conn)
    assert export_list(workshops, target, language="es") == 3
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Fecha", "Título")
    assert all(isinstance(row[0], dt.datetime) for row in rows[1:])  # dates, not text
    assert {row[4] for row in rows[1:]} <= {"Programado", "Realizado", "Cancelado"}
    assert all(isinstance(row[6], int) and isinstance(row[7], int) for row in rows[1:])  # came, expected
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    assert sheet["A2"].number_format == "yyyy-mm-dd"

    members = list_sources.memberships(demo.conn, "organization", lambda: demo_id("org:club_jerez"))
    money = tmp_path / "members.xlsx"
    export_list(members, money, language="en")
    rows = list(openpyxl.load_workbook(money).active.iter_rows(values_only=True))
    assert rows[0] == ("Person", "Role", "Lives in", "Share", "Committed contribution", "Currency")
    amounts = [row[4] for row in rows[1:] if row[4] is not None]
    assert amounts and all(isinstance(amount, (int, float)) for amount in amounts)
    assert openpyxl.load_workbook(money).active["E2"].number_format == "#,##0.00"
    flat = tmp_path / "members.csv"
    export_list(members, flat, language="en")
    assert all(cell == "" or "." in cell and cell.replace(".", "").isdigit() for cell in
               (row[4] for row in _csv(flat)[1:]))  # plain numbers with a dot, no grouping or currency sign


def test_cancel_leaves_no_file_and_no_partial_copy(demo, tmp_path):
    """Cancel pressed once rows are written (the last chance is just before the rename)."""
    folder = tmp_path / "out"
    folder.mkdir()
    seen = []

    def cancel_once_written(step, done=0, total=None):
        seen.append(sorted(os.listdir(folder)))
        if done:
            raise Cancelled

    people = listing.people(demo.conn)
    for name in ("people.xlsx", "people.csv"):
        with pytest.raises(Cancelled):
            export_list(people, folder / name, progress=cancel_once_written)
        assert seen[-1] == [f".{name}.partial"]  # the rows were written, under a temporary name
    assert os.listdir(folder) == []


def test_an_unwritable_folder_is_one_sentence_and_leaves_nothing(demo, tmp_path, monkeypatch, english):
    people = listing.people(demo.conn)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(ExportError) as refused:
        export_list(people, tmp_path / "gone" / "people.csv")
    assert str(refused.value).count(".") >= 1 and "\n" not in str(refused.value)
    assert "could not be written" in str(refused.value)

    def read_only(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", read_only)
    for name in ("people.csv", "people.xlsx"):
        with pytest.raises(ExportError):
            export_list(people, tmp_path / name)
    assert os.listdir(tmp_path) == []
    with pytest.raises(ExportError, match=".csv or .xlsx"):
        export_list(people, tmp_path / "people.ods")


def test_every_list_of_the_command_line_exports_in_its_sort(demo, tmp_path):
    for name, make in list_sources.SOURCES.items():
        source = make(demo.conn)
        target = tmp_path / f"{name}.csv"
        written = export_list(source, target, language="en")
        assert written == source.count() > 0
        shown = [row[1] for row in source.page(0, written)]
        assert [row[0] for row in _csv(target)[1:]] == [str(value) if value is not None else "" for value in shown] \
            or source.columns[0].kind != "text"
    people = listing.people(demo.conn)
    people.descending = True
    export_list(people, tmp_path / "backwards.csv", language="en")
    assert [row[0] for row in _csv(tmp_path / "backwards.csv")[1:]] == [row[1] for row in people.page(0, 25)]
