"""The agreement PDF's type styles, and the words the layout adds to the document's own text (in one
language, or paired: "Firma / Signature")."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from advisor_app.i18n import _
from advisor_app.reports.agreement_page import MARK
from advisor_app.reports.document import INK, MUTED
from advisor_app.reports.fonts import BOLD, REGULAR


def _style(name: str, **values) -> ParagraphStyle:
    base = {"fontName": REGULAR, "fontSize": 9.5, "leading": 13.5, "textColor": INK, "alignment": TA_JUSTIFY}
    return ParagraphStyle(name, **{**base, **values})


class AgreementStyles:
    """One language across the page."""

    title = _style("agreement_title", fontName=BOLD, fontSize=14, leading=18, alignment=TA_CENTER, spaceAfter=2 * mm)
    status = _style("agreement_status", fontName=BOLD, fontSize=9, leading=12, textColor=MARK,
                    alignment=TA_CENTER, spaceAfter=2 * mm)
    place = _style("agreement_place", alignment=TA_RIGHT, spaceBefore=2 * mm, spaceAfter=4 * mm)
    body = _style("agreement_body", spaceAfter=2.2 * mm)
    section = _style("agreement_section", fontName=BOLD, fontSize=10.5, leading=14, alignment=TA_CENTER,
                     spaceBefore=4 * mm, spaceAfter=2.5 * mm)
    clause = _style("agreement_clause", fontName=BOLD, alignment=TA_LEFT, spaceBefore=2.5 * mm, spaceAfter=1 * mm)
    # Side by side: smaller type in the narrower columns; the table's padding spaces the rows.
    cell_title = _style("agreement_cell_title", fontName=BOLD, fontSize=11.5, leading=15, alignment=TA_CENTER)
    cell_status = _style("agreement_cell_status", fontName=BOLD, fontSize=8.5, leading=11, textColor=MARK,
                         alignment=TA_CENTER)
    cell_place = _style("agreement_cell_place", fontSize=8.5, leading=11.5, alignment=TA_RIGHT)
    cell = _style("agreement_cell", fontSize=8.5, leading=11.8)
    cell_section = _style("agreement_cell_section", fontName=BOLD, fontSize=9.5, leading=12.5, alignment=TA_CENTER)
    cell_clause = _style("agreement_cell_clause", fontName=BOLD, fontSize=8.5, leading=11.8, alignment=TA_LEFT)
    # Signatures.
    sign_label = _style("agreement_sign_label", fontSize=7, leading=9, textColor=MUTED, alignment=TA_LEFT)
    sign_name = _style("agreement_sign_name", fontName=BOLD, fontSize=9, leading=12, alignment=TA_LEFT)
    sign_detail = _style("agreement_sign_detail", fontSize=8, leading=10.5, textColor=INK, alignment=TA_LEFT)


STYLES = AgreementStyles()


@dataclass(frozen=True)
class Labels:
    """Every word the layout adds to the document's own text, in one language (or both, paired)."""

    declarations: str
    clauses: str
    signatures: str
    signature: str
    on_behalf_of: str     # "On behalf of {name}"
    folio: str            # "Folio: {folio}"
    version: str          # "Version {version}"
    page: str             # "Page {page} of {total}"
    status: str           # "Status: {status}"
    draft: str
    fingerprint: str
    draft_fingerprint: str    # a draft's footer: its code is not on record
    initials: str             # the initials margin
    finished: frozenset[str]  # the statuses that need no mark

    @classmethod
    def current(cls) -> "Labels":
        """The labels in the language being spoken (call inside ``speaking``)."""
        return cls(
            declarations=_("Declarations"), clauses=_("Clauses"), signatures=_("Signatures"),
            signature=_("Signature"), on_behalf_of=_("On behalf of {name}"), folio=_("Folio: {folio}"),
            version=_("Version {version}"), page=_("Page {page} of {total}"), status=_("Status: {status}"),
            draft=_("Draft"),
            fingerprint=_("Fingerprint of the agreement's text: the code and the SHA-256 match this paper to its "
                          "record."),
            draft_fingerprint=_("Draft: this code identifies the text printed; no version on record has it."),
            initials=_("Initials"),
            finished=frozenset({_("Ready to sign"), _("Signed")}),
        )


def pair(*texts: str) -> str:
    """The same thing in each language printed: "Firma / Signature"; said once when the languages agree."""
    shown: list[str] = []
    for value in texts:
        if value and value not in shown:
            shown.append(value)
    return " / ".join(shown)


__all__ = ["STYLES", "AgreementStyles", "Labels", "pair"]
