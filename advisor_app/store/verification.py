"""Verifying a printed agreement: which agreement, version and status a copy's code belongs to, or a plain
statement that nothing on record matches.

A copy carries the SHA-256 of its text in the footer (16 characters in bold, all 64 in small type) and
in a QR code, ``ADVISOR-AGREEMENT:{folio}:V{version}[:DRAFT]:{hash}``; the PDF also keeps that code in
its metadata. Only reviewed versions are on record (``agreement_versions``): a draft's code is never
claimed to be.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from advisor_app.domain.agreements.vocabulary import STATUSES
from advisor_app.i18n import _
from advisor_app.store.database import records
from advisor_app.store.errors import StoreError

SHORT = 16     # the characters of the hash the footer prints in bold
CODE = re.compile(rb"ADVISOR-AGREEMENT:([A-Z0-9-]+):V(\d+)(:DRAFT)?:([0-9A-F]{64})", re.IGNORECASE)
_MAX_PDF = 200 * 1024 * 1024


@dataclass(frozen=True)
class PrintedCode:
    """What a PDF says about itself."""

    folio: str
    version: int
    draft: bool
    content_hash: str


@dataclass(frozen=True)
class Match:
    agreement_id: str
    folio: str
    title: str
    version: int
    status: str               # the agreement's status now, when this is its current version; else "superseded"
    current_version: int


def normalized_hash(typed: str) -> str:
    """The hex digits of what was typed or pasted ("SHA-256: 7a36 67f0…" → "7a3667f0"), lower case;
    ``StoreError`` with a sentence when it cannot be a printed code."""
    text = (typed or "").strip()
    text = re.sub(r"^\s*sha-?256\s*:?", "", text, flags=re.IGNORECASE)
    text = re.sub(r"[\s….:-]", "", text).lower()
    if not text:
        raise StoreError(_("Type or paste the code printed in the footer of the copy."))
    if not re.fullmatch(r"[0-9a-f]+", text):
        raise StoreError(_("The code printed in the footer has only the figures 0–9 and the letters a–f; check what "
                           "was typed."))
    if len(text) < SHORT:
        raise StoreError(_("Type at least the first {count} characters of the code (the bold part of the footer).")
                         .format(count=SHORT))
    if len(text) > 64:
        raise StoreError(_("The code has more characters than a printed code (64); check what was typed."))
    return text


def read_pdf_code(path: Path | str) -> PrintedCode | None:
    """The code a PDF printed by this app carries, or ``None`` for any other PDF."""
    path = Path(path)
    try:
        if path.stat().st_size > _MAX_PDF:
            return None
        data = path.read_bytes()
    except OSError as error:
        raise StoreError(_("The file {path} cannot be read: {reason}").format(path=path, reason=error.strerror)) from None
    if not data.startswith(b"%PDF"):
        raise StoreError(_("{path} is not a PDF file.").format(path=path.name))
    found = CODE.search(data)
    if found is None:
        return None
    return PrintedCode(found.group(1).decode("ascii").upper(), int(found.group(2)), bool(found.group(3)),
                       found.group(4).decode("ascii").lower())


def find_versions(conn: sqlite3.Connection, digest: str) -> list[Match]:
    """Every version on record whose hash starts with ``digest`` (normally one)."""
    rows = records(conn.execute(
        "SELECT v.version AS version, a.id AS agreement_id, a.folio AS folio, a.title AS title, a.status AS status, "
        "a.version AS current_version FROM agreement_versions v JOIN agreements a ON a.id = v.agreement_id "
        "WHERE v.deleted = 0 AND a.deleted = 0 AND substr(v.content_hash, 1, ?) = ? ORDER BY a.folio, v.version",
        (len(digest), digest)))
    return [Match(row["agreement_id"], row["folio"] or "", row["title"] or "", row["version"],
                  row["status"] if row["version"] == row["current_version"] else "superseded", row["current_version"])
            for row in rows]


def describe(match: Match) -> str:
    """One sentence: which agreement and version, and what that version is now."""
    if match.status == "superseded":
        return _("This copy matches agreement {folio} “{title}”, version {version}, which has been replaced: the "
                 "agreement is now at version {current}.").format(folio=match.folio, title=match.title,
                                                                   version=match.version, current=match.current_version)
    return _("This copy matches agreement {folio} “{title}”, version {version}, which is {status}.").format(
        folio=match.folio, title=match.title, version=match.version,
        status=_(STATUSES.get(match.status, match.status)).lower())


def verify_hash(conn: sqlite3.Connection, typed: str) -> tuple[bool, list[str]]:
    """(matched, sentences) for a code typed or pasted from a printed copy."""
    matches = find_versions(conn, normalized_hash(typed))
    if not matches:
        return False, [_("Nothing on record matches this code: the copy does not come from a reviewed version in this "
                         "data file, or its text has been changed.")]
    return True, [describe(match) for match in matches]


def verify_pdf(conn: sqlite3.Connection, path: Path | str) -> tuple[bool, list[str]]:
    """(matched, sentences) for a PDF: printed by the app, a draft, or a stranger's."""
    code = read_pdf_code(path)
    if code is None:
        return False, [_("This PDF carries no agreement code: it was not printed by Community Advisor, so nothing on "
                         "record can match it.")]
    matches = find_versions(conn, code.content_hash)
    if matches:
        return True, [describe(match) for match in matches]
    if code.draft:
        known = conn.execute("SELECT 1 FROM agreements WHERE upper(folio) = ? AND deleted = 0",
                             (code.folio,)).fetchone()
        return False, [_("This PDF is a draft of agreement {folio}, version {version}: a draft is not for signature "
                         "and its text is not on record.").format(folio=code.folio, version=code.version)
                       if known else
                       _("This PDF is a draft of agreement {folio}, which is not in this data file; a draft is not for "
                         "signature and its text is not on record.").format(folio=code.folio)]
    return False, [_("Nothing on record matches this PDF (agreement {folio}, version {version}): it does not come from "
                     "a reviewed version in this data file, or its text has been changed.").format(
        folio=code.folio, version=code.version)]


__all__ = ["Match", "PrintedCode", "find_versions", "normalized_hash", "read_pdf_code", "verify_hash", "verify_pdf"]
