"""``advisor-app list WHAT --format csv|xlsx --out FILE [--search TEXT]``: a list written as a spreadsheet,
the same file *Export this list…* writes from the window (headers in the --lang language)."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor_app.cli_security import open_store
from advisor_app.i18n import _, current_language, ngettext


def add_options(listing: argparse.ArgumentParser) -> None:
    listing.add_argument("--format", choices=("csv", "xlsx"), default=None,
                         help="write the list as a spreadsheet to --out instead of printing it")
    listing.add_argument("--out", type=Path, default=None, help="the spreadsheet file to write (with --format)")
    listing.add_argument("--search", default="",
                         help="with --format: only the records the window's search box would show for this text")


def write_list(args) -> int:
    from advisor_app.reports.spreadsheets import ExportError, export_list
    from advisor_app.store.list_sources import SOURCES

    if args.out is None:
        raise ExportError(_("Say where to write the list with --out FILE."))
    store = open_store(args)
    try:
        source = SOURCES[args.what](store.conn)
        source.search = args.search
        written = export_list(source, args.out, args.format, current_language())
    finally:
        store.close()
    print(ngettext("{count} row written to {path}.", "{count} rows written to {path}.", written).format(
        count=written, path=args.out))
    return 0
