"""advisor-app import-table: the preview printed row by row, the import, the template, one sentence on refusal."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl

from advisor_app.cli import main
from advisor_app.store.database import Store
from advisor_app.store.demo import make_curp

CURP = make_curp("Luis", "Pérez", "López", dt.date(1985, 3, 21), "H", "ZS")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def people_file(tmp_path):
    path = tmp_path / "socios.csv"
    path.write_text("Nombre(s);Apellido paterno;Apellido materno;Fecha de nacimiento;CURP;Tel. casa\n"
                    f"Luis;Pérez;López;21/03/1985;{CURP};494 123 4567\n"
                    "Ana;Ruiz;;1985-02-30;;\n", encoding="cp1252")
    return path


def people(db_path):
    store = Store.open(db_path)
    try:
        return store.conn.execute("SELECT given_names, curp, phone FROM people ORDER BY given_names").fetchall()
    finally:
        store.close()


def test_dry_run_prints_the_summary_and_each_problem_and_changes_nothing(tmp_path, capsys, db_path):
    code, out, err = run(capsys, "import-table", "--db", str(db_path), "--kind", "people", str(people_file(tmp_path)),
                         "--dry-run")
    assert code == 0, err
    assert "2 rows. New: 1; to update: 0; already registered as they are: 0; with problems: 1." in out
    assert "Row 3, column Fecha de nacimiento: 1985-02-30 is not a real date (day/month/year)." in out
    assert "Column Nombre(s) → Given names (given_names)" in out
    assert people(db_path) == []


def test_problems_refuse_the_import_in_one_sentence_unless_skipped(tmp_path, capsys, db_path):
    path = people_file(tmp_path)
    code, _out, err = run(capsys, "import-table", "--db", str(db_path), "--kind", "people", str(path))
    assert code == 1
    assert err == "1 row has problems: correct the file, or choose to import only the rows without problems.\n"
    assert people(db_path) == []
    mapping = json.dumps({"Tel. casa": "phone"})
    code, out, err = run(capsys, "import-table", "--db", str(db_path), "--kind", "people", str(path), "--map", mapping,
                         "--skip-problems")
    assert code == 0, err
    assert out.strip().endswith("Imported. New: 1; updated: 0; skipped: 1.")
    assert people(db_path) == [("Luis", CURP, "494 123 4567")]
    # The mapping is remembered: the next run takes the phone column without --map, and matches by CURP.
    code, out, _err = run(capsys, "import-table", "--db", str(db_path), "--kind", "people", str(path), "--dry-run")
    assert "Column Tel. casa → Phone (phone)" in out
    assert "Row 2: Registered as Luis Pérez López (same CURP): nothing to add." in out


def test_template_in_xlsx_and_csv(tmp_path, capsys, db_path):
    out_file = tmp_path / "plantilla.xlsx"
    code, out, err = run(capsys, "--lang", "es", "import-table", "--db", str(db_path), "--kind", "memberships",
                         "--template", "--out", str(out_file))
    assert code == 0, err
    headers = [cell.value for cell in openpyxl.load_workbook(out_file).active[1]]
    assert headers[:3] == ["CURP del socio o socia", "Nombre del socio o socia", "Organización"]
    code, _out, _err = run(capsys, "--lang", "en", "import-table", "--db", str(db_path), "--kind", "people", "--template",
                           "--out", str(tmp_path / "t.csv"))
    assert code == 0 and (tmp_path / "t.csv").read_text(encoding="utf-8-sig").startswith("Given names,")


def test_a_file_that_cannot_be_read_is_one_sentence(tmp_path, capsys, db_path):
    damaged = tmp_path / "lista.xlsx"
    damaged.write_bytes(b"PK\x03\x04 broken")
    code, out, err = run(capsys, "import-table", "--db", str(db_path), "--kind", "people", str(damaged))
    assert code == 1 and out == ""
    assert err == "lista.xlsx cannot be read as an Excel workbook: it is damaged or not a workbook.\n"
    code, _out, err = run(capsys, "import-table", "--db", str(db_path), "--kind", "people", str(tmp_path / "no.csv"))
    assert code == 1 and err.count("\n") == 1 and "does not exist" in err
    code, _out, err = run(capsys, "import-table", "--db", str(db_path), "--kind", "people",
                          str(people_file(tmp_path)), "--map", "{not json")
    assert code == 1 and err.startswith("--map takes JSON")
