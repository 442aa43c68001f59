"""A sender's name and advisor reach the import preview as plain text: HTML in them cannot draw a fake
"(trusted)" fingerprint or hide lines, and line breaks or control characters cannot add lines."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import Qt

from advisor_app.store.database import Store
from advisor_app.store.repository import Repository
from advisor_app.sync.export import export_bundle
from ui_helpers import finished

HOSTILE_NAME = "Laptop<br><b>Key fingerprint: AAAA BBBB (trusted)</b><!--"
HOSTILE_ADVISOR = "Rosa\nKey fingerprint: CCCC (trusted)\r\x1b[2K-->"


def test_the_preview_shows_the_senders_texts_as_they_are(qtbot, window, context, tmp_path):
    other = Store.open(tmp_path / "other.sqlite3")
    other.set_meta("device_name", HOSTILE_NAME)
    other.set_meta("advisor_name", HOSTILE_ADVISOR)
    Repository(other).insert("localities", {"municipality_key": "32023", "name": "Juchipila"})
    bundle = tmp_path / "hostile.advbundle"
    export_bundle(other, bundle)
    other.close()
    dialog = window.sync_page.open_import(bundle)
    qtbot.addWidget(dialog)
    finished(qtbot, dialog.job)
    assert dialog.preview_text.textFormat() == Qt.TextFormat.PlainText
    text = dialog.preview_text.text()
    lines = text.split("\n")
    assert HOSTILE_NAME in lines[0] and "Rosa Key fingerprint: CCCC (trusted) [2K-->" in lines[0]
    assert [line for line in lines if line.startswith(("Key fingerprint", "Código de seguridad"))] == [lines[1]]
    assert "(trusted)" not in lines[1] and "\x1b" not in text and "\r" not in text
    assert HOSTILE_NAME in dialog.trust.text().replace("&&", "&")


def test_an_export_that_left_a_scan_out_says_so_in_plain_text(qtbot, window, context, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    from advisor_app.store.attachments import attachment_path

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.textFormat())) or 0)
    organization = context.repository.insert("organizations", {"kind": "cooperative", "name": "Cooperativa"})
    sha256 = hashlib.sha256(b"%PDF-1.4 acta").hexdigest()
    context.repository.insert("attachments", {"sha256": sha256, "file_name": "<b>acta</b><!--.pdf", "size": 13,
                                              "table_name": "organizations", "record_id": organization})
    stored = attachment_path(context.store, sha256)
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(b"not the scan that was attached")
    dialog = window.sync_page.open_export()
    qtbot.addWidget(dialog)
    dialog.target.edit.setText(str(tmp_path / "out.advbundle"))
    dialog.encrypt.setChecked(False)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    finished(qtbot, dialog.job)
    assert (tmp_path / "out.advbundle").exists()
    assert len(shown) == 1 and "<b>acta</b><!--.pdf" in shown[0][0] and shown[0][1] == Qt.TextFormat.PlainText
