"""An agreement as the PDF a municipal office prints for signing.

A draft is assembled by the domain and refused while it has a hole, so no PDF is ever produced with an
empty amount or a signatory without an ID; a reviewed, ready, signed or void agreement prints the text
sealed at its review (``store.agreements.printable_documents``). The layout is ``agreement_layout``. The footer carries the hash of the text in both languages, so a printed copy in
either language, or both, matches the version in the record.
"""

from __future__ import annotations

from pathlib import Path

from advisor_app.i18n import _
from advisor_app.reports.agreement_layout import write_agreement_pdf
from advisor_app.reports.document import ReportError
from advisor_app.store.agreements import printable_documents
from advisor_app.store.repository import Repository

PRINT_LANGUAGES = ("es", "en", "both")


def render_agreement(repository: Repository, agreement_id: str, language: str, out: Path | str) -> Path:
    """Write the agreement in ``language`` ("es", "en" or "both") to ``out``; returns the path.

    Raises ``AgreementProblems`` (every hole, naming clause and field) or ``ReportError``.
    """
    if language not in PRINT_LANGUAGES:
        raise ReportError(_("Print the agreement in es, en or both."))
    documents, digest = printable_documents(repository, agreement_id, language)
    chosen = documents if language == "both" else {language: documents[language]}
    return write_agreement_pdf(chosen, language, digest, Path(out))
