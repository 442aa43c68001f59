"""The command line: the GUI by default, plus headless commands for scripts and checks.

    advisor-app [--db PATH] [--lang es|en]         the window
    advisor-app demo | check [--json]
    advisor-app list organizations|people|plans|agreements|workshops|sessions [--json]
                     [--format csv|xlsx --out FILE [--search TEXT]]   the list as a spreadsheet
    advisor-app plan-pdf --id ID --out FILE        a business plan
    advisor-app agreement-pdf --id ID --out FILE [--lang es|en|both]
    advisor-app verify --hash HEX | --pdf FILE     which agreement and version a printed copy is
    advisor-app attendance-pdf --id ID --out FILE  a workshop's attendance sheet, to sign
    advisor-app export --out FILE ... | import FILE ... --trust FINGERPRINT
    advisor-app import-table --kind people|organizations|memberships FILE [--map JSON] [--dry-run]
    advisor-app identity [--json]                  this laptop's device id and key fingerprint
    advisor-app protect --new-passphrase-file F | unprotect | change-passphrase --new-passphrase-file F

A data file protected by a passphrase is opened with --db-passphrase-file FILE (any command), or the
file named by ADVISOR_DB_PASSPHRASE_FILE, or the passphrase asked at the terminal.

Lists print one record a line, tab-separated, with codes shown in the language given by --lang; with
--json they print the stored codes and dates as they are, for scripts.

Exit codes: 0 success, 1 a problem the user can fix (one sentence on stderr), 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from advisor_app import __version__, logs
from advisor_app.domain.errors import DataFileError
from advisor_app.cli_agreements import agreement_pdf, verify_copy
from advisor_app.cli_security import add_commands as add_security_commands
from advisor_app.cli_security import add_passphrase_option, change_passphrase_command, open_store
from advisor_app.cli_security import protect_command, unprotect_command
from advisor_app.cli_table_import import add_command as add_table_import_command
from advisor_app.cli_table_import import import_table
from advisor_app.cli_spreadsheets import add_options as add_list_options
from advisor_app.cli_spreadsheets import write_list
from advisor_app.i18n import LANGUAGES, _, current_language, set_language
from advisor_app.store.errors import StoreError


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: an option given before the command is not reset by the command's own defaults.
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                        help="data file (default: the one in the user data folder)")
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help="language: es (default) or en")
    add_passphrase_option(common)
    parser = argparse.ArgumentParser(prog="advisor-app", parents=[common],
                                     description="Community Advisor / Asesor Comunitario")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("demo", parents=[common], help="load the demo data (twice adds nothing)")
    check = commands.add_parser("check", parents=[common], help="integrity check and counts per table")
    check.add_argument("--json", action="store_true")
    listing = commands.add_parser("list", parents=[common],
                                  help="list organizations, people, business plans, agreements, workshops or "
                                       "advisory sessions")
    listing.add_argument("what", choices=("organizations", "people", "plans", "agreements", "workshops", "sessions"))
    listing.add_argument("--json", action="store_true")
    add_list_options(listing)
    export = commands.add_parser("export", parents=[common], help="write a bundle of changes to carry to another laptop")
    export.add_argument("--out", type=Path, required=True, help="bundle file to write (.advbundle)")
    export.add_argument("--peer", help="only what this named laptop has not received yet")
    export.add_argument("--organization", action="append", dest="organizations", metavar="ID",
                        help="only this organization and what hangs from it (repeatable)")
    protection = export.add_mutually_exclusive_group()
    protection.add_argument("--passphrase-file", type=Path, help="encrypt with the passphrase in this file")
    protection.add_argument("--no-encrypt", action="store_true", help="write the bundle unencrypted")
    plan_pdf = commands.add_parser("plan-pdf", parents=[common],
                                   help="print a business plan to PDF in the language given by --lang")
    plan_pdf.add_argument("--id", required=True, dest="plan_id", help="the plan's id (see: list plans)")
    plan_pdf.add_argument("--out", type=Path, required=True, help="PDF file to write")
    attendance_pdf = commands.add_parser("attendance-pdf", parents=[common],
                                         help="print a workshop's attendance sheet to PDF in the language given by "
                                              "--lang")
    attendance_pdf.add_argument("--id", required=True, dest="workshop_id", help="the workshop's id (see: list workshops)")
    attendance_pdf.add_argument("--out", type=Path, required=True, help="PDF file to write")
    # Its own --lang: an agreement also prints in both languages side by side.
    agreement_pdf = commands.add_parser("agreement-pdf", help="print an agreement to PDF")
    agreement_pdf.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                               help="data file (default: the one in the user data folder)")
    add_passphrase_option(agreement_pdf)
    agreement_pdf.add_argument("--lang", choices=(*LANGUAGES, "both"), default=argparse.SUPPRESS,
                               help="es, en, or both side by side (default: the agreement's own choice)")
    agreement_pdf.add_argument("--id", required=True, dest="agreement_id", help="the agreement's id (see: list agreements)")
    agreement_pdf.add_argument("--out", type=Path, required=True, help="PDF file to write")
    verify = commands.add_parser("verify", parents=[common],
                                 help="say which agreement, version and status a printed copy matches")
    printed = verify.add_mutually_exclusive_group(required=True)
    printed.add_argument("--hash", help="the code printed in the copy's footer (at least its first 16 characters)")
    printed.add_argument("--pdf", type=Path, help="a PDF of the agreement")
    bundle_import = commands.add_parser("import", parents=[common], help="preview or apply a bundle")
    bundle_import.add_argument("file", type=Path)
    bundle_import.add_argument("--passphrase-file", type=Path)
    bundle_import.add_argument("--dry-run", action="store_true", help="print the preview, change nothing")
    # Given bare, --trust is refused with a sentence (not argparse's usage text): see _import.
    bundle_import.add_argument("--trust", nargs="?", const="", default=None, metavar="FINGERPRINT",
                               help="trust the sending laptop if its key has this fingerprint (shown by "
                                    "'advisor-app identity' or the Sync tab on that laptop)")
    identity = commands.add_parser("identity", parents=[common],
                                   help="this laptop's device id and key fingerprint, to give to the laptops that "
                                        "import its bundles")
    identity.add_argument("--json", action="store_true")
    add_security_commands(commands, common)
    add_table_import_command(commands, common)
    # No abbreviated options: "--db-passphrase SECRET" must not pass for "--db-passphrase-file".
    for command in (parser, *commands.choices.values()):
        command.allow_abbrev = False
    return parser


def _passphrase(path: Path | None, new_bundle: bool = False) -> str | None:
    """The passphrase in the file; for a ``new_bundle`` at least as long as the window requires (a bundle
    received from an older version may still have a shorter one)."""
    if path is None:
        return None
    from advisor_app.sync.crypto import MIN_PASSPHRASE

    try:
        text = path.read_text(encoding="utf-8").strip("\r\n")
    except (OSError, UnicodeDecodeError):
        raise StoreError(_("The passphrase file {path} cannot be read.").format(path=path)) from None
    if not text:
        raise StoreError(_("The passphrase file {path} is empty.").format(path=path))
    if new_bundle and len(text) < MIN_PASSPHRASE:
        raise StoreError(_("The passphrase needs at least {count} characters.").format(count=MIN_PASSPHRASE))
    return text


def _export(args) -> int:
    from advisor_app.sync.export import contains_personal_data, export_bundle

    passphrase = _passphrase(args.passphrase_file, new_bundle=True)
    store = open_store(args)
    try:
        if passphrase is None and not args.no_encrypt and contains_personal_data(store, args.peer, args.organizations):
            raise StoreError(_("This bundle would carry people's personal data: give --passphrase-file to encrypt "
                               "it, or --no-encrypt to write it unprotected."))
        result = export_bundle(store, args.out, peer=args.peer, organization_ids=args.organizations,
                               passphrase=passphrase)
    finally:
        store.close()
    print(_("Bundle {path} written: {count} changes, {attachments} attachments{encrypted}.").format(
        path=result.path, count=result.changes, attachments=result.attachments,
        encrypted=_(", encrypted") if result.encrypted else ""))
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    if result.personal_data and not result.encrypted:
        print(_("Warning: this bundle is not encrypted and carries people's personal data; keep the USB stick "
                "safe."), file=sys.stderr)
    return 0


def _import(args) -> int:
    from advisor_app.sync.errors import UntrustedSender
    from advisor_app.sync.importer import describe_import, run_import

    if args.trust is not None and not args.trust.strip():
        print(_("--trust needs the sending laptop's key fingerprint: run 'advisor-app identity' on that laptop "
                "(or read it on its Sync tab) and give it after --trust."), file=sys.stderr)
        return 2
    passphrase = _passphrase(args.passphrase_file)
    store = open_store(args)
    try:
        try:
            report = run_import(store, args.file, passphrase, dry_run=args.dry_run, trust=args.trust or False)
        except UntrustedSender as untrusted:
            if not sys.stdin.isatty():
                raise StoreError(str(untrusted) + " " + _("Check the fingerprint with its owner, then import again "
                                                          "with --trust followed by that fingerprint.")) from None
            answer = input(str(untrusted) + " " + _("Trust it? [y/N] "))
            if answer.strip().lower() not in ("y", "yes", "s", "si", "sí"):
                raise StoreError(_("Nothing was imported.")) from None
            # The key the person was shown, and no other.
            report = run_import(store, args.file, passphrase, dry_run=False, trust=untrusted.fingerprint)
    finally:
        store.close()
    for line in describe_import(report):
        print(line)
    if report.applied and not report.nothing_new:
        print(_("Imported."))
    return 0


def _identity(args) -> int:
    from advisor_app.sync import keys

    store = open_store(args)
    try:
        device, fingerprint = store.device_id, keys.fingerprint(keys.public_key_text(keys.signing_key(store)))
    finally:
        store.close()
    if args.json:
        print(json.dumps({"device_id": device, "fingerprint": fingerprint}))
    else:
        print(_("Device id: {device}").format(device=device))
        print(_("Key fingerprint: {fingerprint}").format(fingerprint=fingerprint))
    return 0


def _demo(args) -> int:
    from advisor_app.store.demo import load_demo
    from advisor_app.store.repository import Repository

    store = open_store(args)
    try:
        added = load_demo(Repository(store))
    finally:
        store.close()
    print(_("Demo data: {count} records added.").format(count=added) if added
          else _("Demo data is already loaded; nothing added."))
    return 0


def _check(args) -> int:
    store = open_store(args)
    try:
        problems = store.integrity_problems()
        counts = store.counts()
    finally:
        store.close()
    if args.json:
        print(json.dumps({"ok": not problems, "problems": problems, "counts": counts, "path": str(store.path),
                          "encrypted": store.protected},
                         ensure_ascii=False, indent=2))
    else:
        print(_("Data file: {path}").format(path=store.path))
        print(_("Encrypted with a passphrase: yes") if store.protected else _("Encrypted with a passphrase: no"))
        for table, count in counts.items():
            print(f"  {table}: {count}")
        print(_("Integrity: OK") if not problems else _("Integrity: damaged"))
    if problems:
        print(_("The data file {path} is damaged.").format(path=store.path), file=sys.stderr)
        return 1
    return 0


def _plan_pdf(args) -> int:
    from advisor_app.reports import render_plan

    print(_read(args, lambda conn: render_plan(conn, args.plan_id, args.lang or current_language(), args.out)))
    return 0


def _attendance_pdf(args) -> int:
    from advisor_app.reports import render_attendance

    print(_read(args, lambda conn: render_attendance(conn, args.workshop_id, args.lang or current_language(),
                                                     args.out)))
    return 0


def _read(args, reader):
    """What ``reader(conn)`` returns from the data file, which is closed again at once."""
    store = open_store(args)
    try:
        return reader(store.conn)
    finally:
        store.close()


def _emit(args, records: list[dict], lines: list[list[str]]) -> int:
    """``--json``: the records; otherwise one tab-separated line each, labels in the chosen language."""
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        for cells in lines:
            print("\t".join(cells))
    return 0


def _list_agreements(args) -> int:
    from advisor_app.domain.agreements.library import in_language, load_library
    from advisor_app.domain.agreements.vocabulary import STATUSES
    from advisor_app.domain.entities import label
    from advisor_app.store.agreements import list_agreements

    agreements = _read(args, list_agreements)
    keys = ("id", "folio", "title", "template_id", "status", "version", "language", "organization_id",
            "organization_name", "plan_id", "plan_title", "signed_on", "parties")
    library = {} if args.json else load_library()

    def template_name(template_id: str) -> str:
        chosen = library.get(template_id)
        return in_language(chosen.title, current_language()) if chosen else template_id

    return _emit(args, [{key: row[key] for key in keys} for row in agreements], [
        [row["id"], row["folio"] or "", row["title"] or "", template_name(row["template_id"]),
         label(STATUSES, row["status"]), str(row["version"] or 1), row["organization_name"] or ""]
        for row in agreements])


def _list_plans(args) -> int:
    from advisor_app.domain.entities import label
    from advisor_app.domain.plans import PLAN_STATUSES, SECTORS
    from advisor_app.store.plans import list_plans

    plans = _read(args, list_plans)
    return _emit(args, [{"id": plan["id"], "title": plan["title"], "scenario": plan["scenario_name"],
                         "lead_organization": plan["lead_name"], "lead_organization_id": plan["lead_organization_id"],
                         "status": plan["status"], "sector": plan["sector"]} for plan in plans], [
        [plan["id"], plan["title"] or "", plan["scenario_name"] or "", plan["lead_name"] or "",
         label(PLAN_STATUSES, plan["status"]), label(SECTORS, plan["sector"])] for plan in plans])


def _list_workshops(args) -> int:
    from advisor_app.domain.entities import label
    from advisor_app.domain.training import WORKSHOP_STATUSES, topic_names
    from advisor_app.store.training import list_workshops, topics_of

    workshops = _read(args, list_workshops)
    return _emit(args, [{"id": row["id"], "title": row["title"], "held_on": row["held_on"], "place": row["place"],
                         "facilitator": row["facilitator"], "hours": row["hours"], "status": row["status"],
                         "topics": topics_of(row["topics"]), "expected": row["expected"],
                         "attended": row["attended"]} for row in workshops], [
        [row["id"], row["held_on"] or "", row["title"] or "", label(WORKSHOP_STATUSES, row["status"]),
         topic_names(topics_of(row["topics"])), row["place"] or "", row["facilitator"] or "", row["hours"] or "",
         str(row["expected"]), str(row["attended"])] for row in workshops])


def _list_sessions(args) -> int:
    from advisor_app.domain.training import topic_names
    from advisor_app.store.training import list_sessions, topics_of

    sessions = _read(args, list_sessions)
    return _emit(args, [{"id": row["id"], "held_on": row["held_on"], "organization_id": row["organization_id"],
                         "organization": row["organization"], "topics": topics_of(row["topics"]),
                         "open_actions": row["open_actions"], "overdue": row["overdue"]} for row in sessions], [
        [row["id"], row["held_on"] or "", row["organization"] or "", topic_names(topics_of(row["topics"])),
         str(row["open_actions"]), str(row["overdue"])] for row in sessions])


def _list(args) -> int:
    if args.format:
        return write_list(args)
    listers = {"plans": _list_plans, "agreements": _list_agreements, "workshops": _list_workshops,
               "sessions": _list_sessions}
    if args.what in listers:
        return listers[args.what](args)
    from advisor_app.domain.catalog import mexico
    from advisor_app.domain.entities import ORGANIZATION_KINDS, RESIDENCE_COUNTRIES, label
    from advisor_app.store import listing

    store = open_store(args)
    try:
        view = listing.organizations(store.conn) if args.what == "organizations" else listing.people(store.conn)
        rows = view.page(0, view.count())
    finally:
        store.close()
    keys = ["id", *(column.key for column in view.columns)]
    records = [dict(zip(keys, row)) for row in rows]
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return 0
    catalog = mexico()
    for record in records:
        municipality = catalog.municipality(record.get("municipality_key"))
        place = municipality.label if municipality else ""
        if args.what == "organizations":
            print("\t".join([record["name"] or "", label(ORGANIZATION_KINDS, record["kind"]), place]))
        else:
            print("\t".join([record["name"] or "", record["curp"] or "",
                             label(RESIDENCE_COUNTRIES, record["residence_country"]), place]))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.db, args.lang = getattr(args, "db", None), getattr(args, "lang", None)
    if args.lang in LANGUAGES:
        set_language(args.lang)
    try:
        if args.command is None:
            from advisor_app.ui.shell.app import run_gui

            return run_gui(args.db, args.lang)
        commands = {"demo": _demo, "check": _check, "list": _list, "export": _export, "import": _import,
                    "identity": _identity, "protect": protect_command, "unprotect": unprotect_command,
                    "change-passphrase": change_passphrase_command,
                    "plan-pdf": _plan_pdf, "agreement-pdf": agreement_pdf, "attendance-pdf": _attendance_pdf,
                    "verify": verify_copy, "import-table": import_table}
        return commands[args.command](args)
    except (StoreError, DataFileError) as error:
        print(str(error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 1
    except BrokenPipeError:  # output piped into a command that stopped reading (e.g. head)
        sys.stderr.close()
        return 0
    except Exception:
        if logs.log_path() is not None:
            logs.log_unexpected(*sys.exc_info())
        raise
    finally:
        logs.stop()


if __name__ == "__main__":
    raise SystemExit(main())
