"""A printed agreement's QR code scans from a page rendered at 100 dpi (a photocopy scanned coarsely),
and says the folio, version and the hash on record."""

from __future__ import annotations

import pytest

pyzbar = pytest.importorskip("pyzbar.pyzbar", reason="pyzbar needs the zbar library (libzbar0)")
pdfium = pytest.importorskip("pypdfium2")

from advisor_app.reports import render_agreement  # noqa: E402
from advisor_app.reports.agreement_page import QR_MODULE, _qr_modules, qr_size  # noqa: E402
from advisor_app.store import agreements  # noqa: E402
from advisor_app.store.demo import demo_id, load_demo  # noqa: E402

AGREEMENT = demo_id("agreement:partnership")
MM = 72 / 25.4


def decoded(path, dpi: int) -> list[set[str]]:
    """The QR codes read on each page of the PDF, rendered in grey at ``dpi``."""
    document = pdfium.PdfDocument(str(path))
    try:
        found = []
        for page in document:
            image = page.render(scale=dpi / 72, grayscale=True).to_pil()
            found.append({symbol.data.decode("ascii") for symbol in pyzbar.decode(image)})
        return found
    finally:
        document.close()


@pytest.mark.parametrize("language", ["es", "both"])
def test_the_code_scans_at_100_dpi_on_every_page(repository, tmp_path, language):
    repo = repository
    load_demo(repo)
    row = repo.get("agreements", AGREEMENT)
    out = render_agreement(repo, AGREEMENT, language, tmp_path / "copy.pdf")
    expected = f"ADVISOR-AGREEMENT:{row['folio']}:V1:{row['content_hash']}".upper()
    pages = decoded(out, 100)
    assert len(pages) > 1 and all(page == {expected} for page in pages)
    # What was scanned is on record: the hash of the version as reviewed.
    assert expected.split(":")[-1].lower() == agreements.versions(repo.conn, AGREEMENT)[0]["content_hash"]


def test_a_drafts_code_says_draft(repository, tmp_path):
    repo = repository
    load_demo(repo)
    agreements.set_parameter(repo, AGREEMENT, "mediation_days", "45")
    out = render_agreement(repo, AGREEMENT, "en", tmp_path / "draft.pdf")
    (code,) = decoded(out, 100)[0]
    assert ":V2:DRAFT:" in code


def test_each_module_is_at_least_0_6_mm():
    value = "ADVISOR-AGREEMENT:COF-2026-3F9A1C:V12:DRAFT:" + "A" * 64
    assert qr_size(value) / len(_qr_modules(value)) >= 0.6 * MM
    assert QR_MODULE >= 0.6 * MM
