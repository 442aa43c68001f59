"""An agreement assembled in one language: what the preview shows, the PDF prints and the hash seals.

A ``Document`` holds finished sentences only (parameters filled, amounts in figures and in words), so
the renderer needs no rules and two versions compare clause by clause. The Spanish and English
documents of one agreement have the same clauses in the same order; ``--lang both`` pairs them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class AssembledClause:
    number: int
    clause_id: str
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Signatory:
    name: str            # who signs
    role: str            # the party's role in this agreement ("Partner", "Presidente municipal")
    on_behalf_of: str    # the organization or authority signed for; empty for a person signing for themself
    id_line: str         # e.g. "INE: 1234567890123"


@dataclass(frozen=True)
class Document:
    language: str                 # "es" or "en"
    title: str
    folio: str
    version: int
    status: str                   # the status's name in this language ("Borrador", "Ready to sign")
    place_and_date: str           # "Jerez, Zacatecas, 25 de noviembre de 2026", or a blank to fill by hand
    preamble: str                 # who agrees, in one paragraph
    declarations: tuple[str, ...]  # one paragraph per party
    clauses: tuple[AssembledClause, ...]
    signatories: tuple[Signatory, ...]
    closing: str = ""             # "Leído que fue el presente contrato… lo firman por triplicado."

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Document":
        clauses = tuple(AssembledClause(**{**clause, "paragraphs": tuple(clause["paragraphs"])})
                        for clause in data["clauses"])
        signatories = tuple(Signatory(**signatory) for signatory in data["signatories"])
        return cls(**{**data, "declarations": tuple(data["declarations"]), "clauses": clauses,
                      "signatories": signatories})


def content_hash(documents: dict[str, Document]) -> str:
    """SHA-256 of the agreement's text in every language it is kept in, so a printed copy (in either
    language or both) can be matched to the version it came from. The status, and the place and date
    (often written by hand at the signing), are left out: a version keeps its hash until it is signed."""
    sealed = {language: {key: value for key, value in document.as_dict().items()
                         if key not in ("status", "place_and_date")}
              for language, document in sorted(documents.items())}
    text = json.dumps(sealed, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
