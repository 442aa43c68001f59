"""Spreadsheet import: the preview of a 10,000-row member list, against the scale data file.

Target (issue 16, "Spreadsheets in and out"): a file of 10,000 rows previews in under 5 s: read (CSV,
and the same rows as XLSX), every row judged by the repository's rules, matched against the registry
(a fifth of the rows are people already registered, found by CURP) and checked for twins in the file.
The import itself is timed too, on a copy, for information.

    python -m benchmarks.bench_table_import [--db FILE]   (a fresh 100,000-people file without --db)
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.measure import Result, check, info

ROWS = 10_000
LIMIT_S = 5.0
HEADERS = ["Nombre(s)", "Apellido paterno", "Apellido materno", "Fecha de nacimiento", "CURP", "Teléfono",
           "Correo", "Municipio", "Estado", "Localidad"]
GIVEN = ["María", "José", "Rosa Elena", "Juan Manuel", "Ana Lilia", "Pedro", "Guadalupe", "Jesús", "Martha",
         "Francisco", "Leticia", "Ramón", "Alicia", "Arturo", "Socorro", "Javier"]
SURNAMES = ["Sánchez", "Haro", "Ruvalcaba", "Carrillo", "Robles", "Delgado", "Márquez", "Félix", "Ávila", "Medina",
            "Sandoval", "Muñoz", "Bañuelos", "Valdez", "Ortega", "Del Real", "Esparza", "Correa", "Luna", "Ibarra"]
PLACES = [("Jerez", "Zacatecas"), ("Juchipila", "Zacatecas"), ("Tlaltenango de Sánchez Román", "Zacatecas"),
          ("Guadalupe", "Zacatecas"), ("Jalpa", "Zacatecas"), ("Moroleón", "Guanajuato")]


def _rows(store, seed: int) -> list[list[str]]:
    from advisor_app.store.demo import make_curp

    rnd = random.Random(seed)
    registered = store.conn.execute(
        "SELECT given_names, first_surname, second_surname, birth_date, curp FROM people "
        "WHERE deleted = 0 AND curp IS NOT NULL AND birth_date IS NOT NULL LIMIT ?", (ROWS // 5,)).fetchall()
    rows = []
    for given, first, second, born, curp in registered:
        day = dt.date.fromisoformat(born)
        rows.append([given, first, second or "", day.strftime("%d/%m/%Y"), curp, "", "", *rnd.choice(PLACES), ""])
    number, curps = 0, {row[4] for row in rows}
    while len(rows) < ROWS:
        number += 1
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rnd.randrange(20_000))
        given, first, second = rnd.choice(GIVEN), rnd.choice(SURNAMES), rnd.choice(SURNAMES)
        curp = make_curp(given, first, second, born, rnd.choice("HM"), "ZS")
        if curp in curps:  # two people of one CURP would be a problem of the file, not a new person
            continue
        curps.add(curp)
        rows.append([given, first, second, born.strftime("%d/%m/%Y"), curp,
                     f"+52 494 {rnd.randrange(100, 999)} {rnd.randrange(10000):04d}", f"persona{number}@example.mx",
                     *rnd.choice(PLACES), rnd.choice(["", "El Cargadero", "Los Haro"])])
    rnd.shuffle(rows)
    return rows


def _write(folder: Path, rows: list[list[str]]) -> tuple[Path, Path]:
    import openpyxl

    csv_path = folder / "socios.csv"
    with open(csv_path, "w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows(rows)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Socios")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([dt.datetime.strptime(row[3], "%d/%m/%Y") if index == 3 else cell
                      for index, cell in enumerate(row)])
    xlsx_path = folder / "socios.xlsx"
    workbook.save(xlsx_path)
    return csv_path, xlsx_path


def _preview_seconds(store, path: Path):
    from advisor_app.store.table_files import read_table
    from advisor_app.store.table_import import preview_import
    from advisor_app.store.table_mapping import guess_mapping

    began = time.perf_counter()
    table = read_table(path)
    mapping = guess_mapping("people", table.headers)
    preview = preview_import(store, "people", table, mapping)
    return time.perf_counter() - began, table, mapping, preview


def run(path: Path, seed: int = 16) -> list[Result]:
    from advisor_app.i18n import set_language
    from advisor_app.store.database import Store
    from advisor_app.store.table_import import NEW, UNCHANGED, UPDATE, apply_import

    set_language("es")
    results = []
    with tempfile.TemporaryDirectory(prefix="advisor-table-") as folder:
        folder = Path(folder)
        copy = folder / "copy.sqlite3"
        shutil.copyfile(path, copy)
        store = Store.open(copy, quick_check=False)
        try:
            csv_path, xlsx_path = _write(folder, _rows(store, seed))
            seconds, table, mapping, preview = _preview_seconds(store, csv_path)
            matched = preview.count(UPDATE) + preview.count(UNCHANGED)
            if preview.count(NEW) + matched != ROWS:
                raise RuntimeError(f"the generated rows should all be importable: {preview.summary()}")
            results.append(check(f"spreadsheet preview, {ROWS:,} rows of CSV ({matched:,} registered)", seconds,
                                 LIMIT_S, "s"))
            seconds_xlsx = _preview_seconds(store, xlsx_path)[0]
            results.append(check(f"spreadsheet preview, {ROWS:,} rows of XLSX", seconds_xlsx, LIMIT_S, "s"))
            began = time.perf_counter()
            result = apply_import(store, "people", table, mapping)
            results.append(info("spreadsheet import after the preview (one transaction)",
                                f"{time.perf_counter() - began:,.2f} s: {result.created:,} new, "
                                f"{result.updated:,} updated"))
        finally:
            store.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a scale data file (default: generate 100,000 people)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="advisor-bench-") as folder:
        path = args.db
        if path is None:
            from benchmarks import bench_generation

            path = Path(folder) / "scale.sqlite3"
            bench_generation.run(path, 100_000, 10_000, 20251125)
        for result in run(path):
            print(f"{result.name}: {result.measured} (target {result.target}) {result.status}")


if __name__ == "__main__":
    main()
