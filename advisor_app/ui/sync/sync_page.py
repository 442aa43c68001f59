"""The sync page: this laptop's identity, what is not yet exported, export and import, the laptops
this one exchanges with, and the history of bundles sent and received."""

from __future__ import annotations

import json

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor_app.i18n import N_, _, ngettext
from advisor_app.store.list_source import CODE, NUMBER, Column, RowsSource
from advisor_app.store.list_sources import YES_NO
from advisor_app.sync import keys
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.list_table import ListTable
from advisor_app.ui.common.hints import HintLabel

HISTORY_COLUMNS = (Column("at", header=N_("When")),
                   Column("direction", header=N_("Direction"), kind=CODE,
                          labels={"sent": N_("Sent"), "received": N_("Received")}),
                   Column("peer", header=N_("Laptop")), Column("advisor", header=N_("Advisor")),
                   Column("sequence", header=N_("Number"), kind=NUMBER), Column("file_name", header=N_("File")),
                   Column("changes", header=N_("Changes")))
PEER_COLUMNS = (Column("name", header=N_("Laptop")), Column("advisor", header=N_("Advisor")),
                Column("fingerprint", header=N_("Key fingerprint")),
                Column("trusted", header=N_("Trusted"), kind=CODE, labels=YES_NO))


def _table(page: "SyncPage", columns: tuple[Column, ...], fetch, name: str) -> ListTable:
    table = ListTable(page.context.store, RowsSource(columns, fetch), name, page)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class SyncPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.identity = QLabel(self)
        self.identity.setWordWrap(True)
        self.unsent = QLabel(self)
        self.export_button, self.import_button = QPushButton(self), QPushButton(self)
        self.export_button.clicked.connect(self.open_export)
        self.import_button.clicked.connect(lambda: self.open_import())
        self.peers_title, self.history_title = QLabel(self), QLabel(self)
        self.peers = _table(self, PEER_COLUMNS, self._peers, "laptops")
        self.history = _table(self, HISTORY_COLUMNS, self._history, "bundles")
        actions = QHBoxLayout()
        actions.addWidget(self.unsent, 1)
        actions.addWidget(self.export_button)
        actions.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.identity)
        layout.addWidget(HintLabel("fingerprint", self))
        layout.addLayout(actions)
        layout.addWidget(self.peers_title)
        layout.addWidget(self.peers, 1)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history, 2)
        self._key = keys.signing_key(context.store)
        context.changed.connect(self._on_changed)
        self._stale = True
        self.retranslate()

    def _on_changed(self, table: str) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        if getattr(self, "_stale", True):
            self.reload()
        super().showEvent(event)

    def open_export(self):
        from advisor_app.ui.sync.export_dialog import ExportDialog

        dialog = ExportDialog(self.context, self)
        dialog.accepted.connect(lambda: self.window().statusBar().showMessage(dialog.result_message, 15000))
        dialog.open()
        return dialog

    def open_import(self, path=None):
        from advisor_app.ui.sync.import_dialog import ImportDialog

        dialog = ImportDialog(self.context, path, self)
        dialog.open()
        return dialog

    def reload(self) -> None:
        store = self.context.store
        self.identity.setText(_("This laptop: {laptop} · Advisor: {advisor} · Key fingerprint: {fingerprint}").format(
            laptop=store.get_meta("device_name") or _("(no name)"), advisor=store.get_meta("advisor_name") or
            _("(no name)"), fingerprint=keys.fingerprint(keys.public_key_text(self._key))))
        self._stale = False
        count = self.context.unexported or 0
        self.unsent.setText(ngettext("{count} change made here is not yet exported.",
                                     "{count} changes made here are not yet exported.", count).format(count=count))
        self.peers.refresh()
        self.history.refresh()

    def _peers(self, _search: str, _filters: dict) -> list[dict]:
        return [{"id": public_key or name, "name": name, "advisor": advisor,
                 "fingerprint": keys.fingerprint(public_key) if public_key else _("(not received yet)"),
                 "trusted": "yes" if trusted else "no"}
                for name, advisor, public_key, trusted in self.context.store.conn.execute(
                    "SELECT name, advisor, public_key, trusted FROM peers ORDER BY name")]

    def _history(self, _search: str, _filters: dict) -> list[dict]:
        rows = []
        history = self.context.store.conn.execute(
            "SELECT id, at, direction, peer_name, advisor, sequence, file_name, changes, summary "
            "FROM bundle_history ORDER BY id DESC LIMIT 500")
        for row_id, at, direction, peer, advisor, sequence, file_name, changes, summary in history:
            details = json.loads(summary) if summary else {}
            change_text = str(changes)
            if direction == "received" and details.get("conflicts"):
                change_text += " " + ngettext("({count} conflict)", "({count} conflicts)",
                                              details["conflicts"]).format(count=details["conflicts"])
            rows.append({"id": str(row_id), "at": at.replace("T", " "), "direction": direction,
                         "peer": peer or (_("anyone") if direction == "sent" else ""), "advisor": advisor,
                         "sequence": sequence, "file_name": file_name, "changes": change_text})
        return rows

    def retranslate(self) -> None:
        self.export_button.setText(_("Export a bundle…"))
        self.import_button.setText(_("Import a bundle…"))
        self.peers_title.setText(_("Laptops this one exchanges with"))
        self.history_title.setText(_("Bundles sent and received"))
        self.peers.retranslate()
        self.history.retranslate()
        self._on_changed("")
