"""The command line's import from a spreadsheet, and the template to fill.

    advisor-app import-table --kind people|organizations|memberships FILE [--map JSON] [--sheet NAME]
                             [--dry-run] [--skip-problems] [--skip-matches]
    advisor-app import-table --kind people --template --out FILE(.csv|.xlsx)

It prints the preview's summary, every problem (row, column, sentence) and every registered record a row
matches. Without --dry-run it then imports, all or nothing; rows with problems refuse the import unless
--skip-problems. Exit 1 with one sentence when the file cannot be read or the import is refused.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from advisor_app.i18n import _
from advisor_app.store.errors import StoreError


def add_command(commands, common: argparse.ArgumentParser) -> None:
    from advisor_app.store.table_mapping import KINDS

    command = commands.add_parser("import-table", parents=[common],
                                  help="preview or import people, organizations or memberships from a CSV or XLSX "
                                       "spreadsheet; or write a template to fill")
    command.add_argument("file", type=Path, nargs="?", help="the spreadsheet (.csv or .xlsx)")
    command.add_argument("--kind", choices=KINDS, required=True, help="what the rows are")
    command.add_argument("--map", dest="mapping", metavar="JSON",
                         help='column header → field, e.g. \'{"Nombre(s)": "given_names"}\' (or a file holding it); '
                              "columns not named are guessed from their headers")
    command.add_argument("--sheet", help="the sheet of an XLSX workbook (default: the first)")
    command.add_argument("--dry-run", action="store_true", help="print the preview, change nothing")
    command.add_argument("--skip-problems", action="store_true",
                         help="import the rows without problems and skip the others")
    command.add_argument("--skip-matches", action="store_true",
                         help="leave records already registered as they are (default: fill in what they lack)")
    command.add_argument("--template", action="store_true", help="write an empty spreadsheet with the columns")
    command.add_argument("--out", type=Path, help="with --template: the file to write (.csv or .xlsx)")


def _mapping_text(text: str) -> dict[str, str]:
    candidate = Path(text)
    try:
        if candidate.is_file():
            text = candidate.read_text(encoding="utf-8-sig")
    except (OSError, ValueError):
        pass
    try:
        value = json.loads(text)
    except ValueError:
        raise StoreError(_('--map takes JSON naming a field for each column, e.g. {"Nombre(s)": "given_names"}.')) \
            from None
    if not isinstance(value, dict) or not all(isinstance(key, str) and isinstance(name, str)
                                              for key, name in value.items()):
        raise StoreError(_('--map takes JSON naming a field for each column, e.g. {"Nombre(s)": "given_names"}.'))
    return value


def import_table(args) -> int:
    from advisor_app.cli_security import open_store
    from advisor_app.store.table_files import read_table, write_template
    from advisor_app.store.table_import import UNCHANGED, UPDATE, apply_import, describe_match, preview_import
    from advisor_app.store.table_mapping import guess_mapping, remember_mapping, remembered_mapping, template_headers
    from advisor_app.store.table_mapping import BY_NAME, mapping_from_names

    if args.template:
        if args.out is None:
            print(_("--template needs --out FILE (.csv or .xlsx)."), file=sys.stderr)
            return 2
        print(write_template(args.out, template_headers(args.kind)))
        return 0
    if args.file is None:
        print(_("Give the spreadsheet to import."), file=sys.stderr)
        return 2
    table = read_table(args.file, args.sheet)
    store = open_store(args)
    try:
        mapping = guess_mapping(args.kind, table.headers, remembered_mapping(store, args.kind))
        if args.mapping:
            chosen = mapping_from_names(args.kind, table.headers, _mapping_text(args.mapping))
            mapping = {index: name for index, name in mapping.items()
                       if index not in chosen and name not in chosen.values()}
            mapping.update(chosen)
        preview = preview_import(store, args.kind, table, mapping)
        for index, name in sorted(mapping.items()):
            print(_("Column {column} → {field}").format(column=table.headers[index],
                                                        field=f"{_(BY_NAME[args.kind][name].label)} ({name})"))
        print(preview.summary())
        for problem in preview.problems():
            print(problem.text())
        record_table = args.kind
        for row in preview.rows:
            if row.status in (UPDATE, UNCHANGED):
                print(_("Row {row}: {match}").format(row=row.number, match=describe_match(row, record_table)))
        if args.dry_run or preview.mapping_problems:
            return 1 if preview.mapping_problems else 0
        skipped = {row.number for row in preview.rows if row.status == UPDATE} if args.skip_matches else set()
        result = apply_import(store, args.kind, table, mapping, skipped=skipped, skip_problems=args.skip_problems)
        remember_mapping(store, args.kind, table.headers, mapping)
    finally:
        store.close()
    print(result.summary())
    return 0


__all__ = ["add_command", "import_table"]
