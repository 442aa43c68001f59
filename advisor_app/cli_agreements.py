"""The agreement commands of the command line: print one, and verify a printed copy.

``verify`` exits 0 when the copy matches a version on record, 1 when nothing does (or the input cannot
be read), with one sentence per line either way.
"""

from __future__ import annotations

import sys

from advisor_app.i18n import _


def _open(args):
    from advisor_app.cli_security import open_store

    return open_store(args)


def agreement_pdf(args) -> int:
    from advisor_app.reports import render_agreement
    from advisor_app.store.agreements import AgreementProblems
    from advisor_app.store.repository import Repository

    store = _open(args)
    try:
        repository = Repository(store)
        row = repository.get("agreements", args.agreement_id)
        language = args.lang or (row["language"] if row else None) or "es"
        try:
            path = render_agreement(repository, args.agreement_id, language, args.out)
        except AgreementProblems as holes:
            print(_("The agreement cannot be printed yet:"), file=sys.stderr)
            for found in holes.problems:
                print(f"  - {found.message}", file=sys.stderr)
            return 1
    finally:
        store.close()
    print(path)
    return 0


def verify_copy(args) -> int:
    from advisor_app.store.verification import verify_hash, verify_pdf

    store = _open(args)
    try:
        matched, sentences = (verify_pdf(store.conn, args.pdf) if args.pdf is not None
                              else verify_hash(store.conn, args.hash))
    finally:
        store.close()
    for sentence in sentences:
        print(sentence)
    return 0 if matched else 1


__all__ = ["agreement_pdf", "verify_copy"]
