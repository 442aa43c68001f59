"""``advisor-app list WHAT --format csv|xlsx --out FILE``: the spreadsheet the window's Export writes."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl

from test_cli import assert_one_sentence, run


def _csv(path):
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_list_as_csv_and_xlsx_in_the_language_asked(capsys, db_path, tmp_path):
    run(capsys, "demo", "--db", str(db_path))
    target = tmp_path / "organizaciones.csv"
    code, out, err = run(capsys, "list", "organizations", "--db", str(db_path), "--lang", "es", "--format", "csv",
                         "--out", str(target))
    assert code == 0 and err == "" and "6" in out
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _csv(target)
    assert rows[0] == ["Nombre", "Tipo", "Origen", "Sede en Estados Unidos", "Integrantes", "Situación"]
    assert any("Cañón" in row[0] for row in rows[1:]) and len(rows) == 7

    workbook = tmp_path / "workshops.xlsx"
    code, _out, err = run(capsys, "list", "workshops", "--db", str(db_path), "--lang", "en", "--format", "xlsx",
                          "--out", str(workbook))
    assert code == 0 and err == ""
    rows = list(openpyxl.load_workbook(workbook).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Date", "Title", "Competencies") and len(rows) == 4
    assert all(isinstance(row[0], dt.datetime) for row in rows[1:])


def test_every_list_exports_and_the_search_narrows_it(capsys, db_path, tmp_path):
    run(capsys, "demo", "--db", str(db_path))
    for what in ("organizations", "people", "plans", "agreements", "workshops", "sessions"):
        target = tmp_path / f"{what}.csv"
        code, _out, err = run(capsys, "list", what, "--db", str(db_path), "--format", "csv", "--out", str(target))
        assert code == 0 and err == "" and len(_csv(target)) > 1, what
    found = tmp_path / "found.csv"
    code, out, _err = run(capsys, "list", "people", "--db", str(db_path), "--format", "csv", "--out", str(found),
                          "--search", "ruvalcaba")
    rows = _csv(found)
    assert code == 0 and len(rows) >= 2 and all("Ruvalcaba" in row[0] for row in rows[1:])


def test_list_export_problems_are_one_sentence(capsys, db_path, tmp_path):
    run(capsys, "demo", "--db", str(db_path))
    code, _out, err = run(capsys, "list", "people", "--db", str(db_path), "--format", "csv")
    assert code == 1
    assert_one_sentence(err, "--out")
    code, _out, err = run(capsys, "list", "people", "--db", str(db_path), "--format", "xlsx",
                          "--out", str(tmp_path / "no" / "such" / "folder.xlsx"))
    assert code == 1
    assert_one_sentence(err, "folder.xlsx")
    assert not (tmp_path / "no").exists()
