"""A sender's name and advisor reach the import preview as plain text: HTML in them cannot draw a fake
"(trusted)" fingerprint or hide lines, and line breaks or control characters cannot add lines."""

from __future__ import annotations

from PySide6.QtCore import Qt

from advisor_app.store.database import Store
from advisor_app.store.repository import Repository
from advisor_app.sync.export import export_bundle

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
    assert dialog.preview_text.textFormat() == Qt.TextFormat.PlainText
    text = dialog.preview_text.text()
    lines = text.split("\n")
    assert HOSTILE_NAME in lines[0] and "Rosa Key fingerprint: CCCC (trusted) [2K-->" in lines[0]
    assert [line for line in lines if line.startswith(("Key fingerprint", "Huella"))] == [lines[1]]
    assert "(trusted)" not in lines[1] and "\x1b" not in text and "\r" not in text
    assert HOSTILE_NAME in dialog.trust.text().replace("&&", "&")
