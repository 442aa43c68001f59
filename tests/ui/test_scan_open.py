"""The agreement editor's "Open" on a scan hands the system viewer only a private plaintext copy of a file
whose content matches its name, named as it was attached, and says so in a sentence otherwise."""

from __future__ import annotations

import hashlib
import stat

from advisor_app.store.attachments import attachment_path
from advisor_app.store.demo import demo_id
from advisor_app.store.leftovers import VIEWER_COPY_PREFIX
from advisor_app.ui.agreement_editor import AgreementWindow
from advisor_app.ui.agreement_editor import terms as terms_module

SCAN = b"\xff\xd8\xff paginas firmadas"


def test_open_checks_the_scan_before_the_viewer_sees_it(qtbot, demo_context, messages, monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr(terms_module, "show_in_viewer", lambda path: opened.append(path))
    agreement_id = demo_id("agreement:partnership")
    window = AgreementWindow(demo_context, agreement_id)
    qtbot.addWidget(window)
    window.show()
    scan = tmp_path / "firmas.jpg"
    scan.write_bytes(SCAN)
    window.signing.attach([str(scan)])
    window.signing.scans.setCurrentRow(0)
    window.signing.open_button.click()
    assert len(opened) == 1 and messages == []
    copy = opened[0]
    assert copy.name == "firmas.jpg" and copy.read_bytes() == SCAN
    assert copy.parent.name.startswith(VIEWER_COPY_PREFIX)
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700

    stored = attachment_path(demo_context.store, hashlib.sha256(SCAN).hexdigest())
    stored.write_bytes(b"another file altogether")
    window.signing.open_button.click()
    assert len(opened) == 1 and len(messages) == 1 and "\n" not in messages[0]

    # A row that an older version accepted from a bundle, naming the data file instead of a digest.
    store = demo_context.store
    stamp = store.clock.now()
    with store.transaction() as conn:
        conn.execute("INSERT INTO attachments(id, created_at, updated_at, updated_by, deleted, sha256, file_name, "
                     "media_type, size, table_name, record_id) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)",
                     ("hostile-row", stamp, stamp, "e" * 32, "../" + store.path.name, "acta.pdf", "application/pdf",
                      10, "agreements", agreement_id))
    window.signing.load(window.signing._row)
    names = [window.signing.scans.item(row).text() for row in range(window.signing.scans.count())]
    window.signing.scans.setCurrentRow(next(row for row, name in enumerate(names) if name.startswith("acta.pdf")))
    window.signing.open_button.click()
    assert len(opened) == 1 and len(messages) == 2 and "\n" not in messages[1]
