"""The agreement editor: parties, terms, clauses and signing on the left; the live preview and what
still keeps it from printing on the right; the status steps (reviewed, ready to sign, signed, void), the
versions, and Save PDF / Print at the bottom.

The language (Spanish, English or both side by side) is one choice, beside the preview and the Save
PDF button: the preview shows it and the PDF prints it, so what is seen is what is printed. It is the
agreement's print language, kept with the agreement for the next time and for the command line."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from advisor_app.domain.agreements.assembly import assemble
from advisor_app.domain.agreements.checks import problems
from advisor_app.domain.agreements.document import content_hash
from advisor_app.domain.agreements.library import template
from advisor_app.domain.agreements.vocabulary import CLOSED_STATUSES, FROZEN_STATUSES, LANGUAGE_CHOICES, STATUSES
from advisor_app.domain.entities import label
from advisor_app.i18n import _
from advisor_app.i18n.formatting import date
from advisor_app.store.agreements import (
    documents_of,
    draft_of,
    edit_agreement,
    frozen_documents,
    mark_ready,
    mark_reviewed,
    mark_void,
    require,
)
from advisor_app.store.errors import StoreError
from advisor_app.ui.common import confirm
from advisor_app.ui.agreement_editor.dialogs import MarkSignedDialog, VersionsDialog
from advisor_app.ui.agreement_editor.parties import PartiesPanel
from advisor_app.ui.agreement_editor.preview import document_html
from advisor_app.ui.agreement_editor.terms import ClausesPanel, SigningPanel, TermsPanel
from advisor_app.ui.agreement_editor.printing import print_agreement, save_agreement_pdf
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.record_form import ERROR_STYLE
from advisor_app.ui.common.user_errors import reports_errors
from advisor_app.ui.common.window_fit import fit_window

PREVIEW_DELAY_MS = 150
BANNER_STYLE = "background:#fbeccb;color:#6b4a0e;padding:6px;border-radius:4px;"


class AgreementWindow(QWidget):
    def __init__(self, context: AppContext, agreement_id: str, parent: QWidget | None = None):
        # Looked up before the window exists: an unknown template (a bundle from a laptop with its own
        # clause library) or a missing agreement is refused with a sentence, leaving no half-built window.
        row = require(context.repository, agreement_id)
        chosen = template(row["template_id"])
        super().__init__(parent, Qt.WindowType.Window)
        self.context, self.agreement_id = context, agreement_id
        self.template = chosen
        self.title_field = QLineEdit(self)
        self.title_field.editingFinished.connect(self._save_title)
        self.status_label = QLabel(self)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.steps = {name: QPushButton(self) for name in ("reviewed", "ready", "signed", "void")}
        actions = {"reviewed": self.mark_reviewed, "ready": self.mark_ready, "signed": self.mark_signed,
                   "void": self.mark_void}
        for name, button in self.steps.items():
            button.clicked.connect(actions[name])
        self.parties = PartiesPanel(context, agreement_id, self.template, self)
        self.terms = TermsPanel(context, agreement_id, self.template, self)
        self.clauses = ClausesPanel(context, agreement_id, self.template, self)
        self.signing = SigningPanel(context, agreement_id, self)
        for panel in (self.parties, self.terms, self.clauses, self.signing):
            panel.saved.connect(self.schedule_refresh)
        self.tabs = QTabWidget(self)
        for panel in (self.parties, self.terms, self.clauses, self.signing):
            self.tabs.addTab(panel, "")
        self.language_label = QLabel(self)
        self.preview_language = QComboBox(self)
        self.language_label.setBuddy(self.preview_language)
        self.preview_language.currentIndexChanged.connect(lambda _index: self.refresh_preview())
        self.preview_language.activated.connect(lambda _index: self._language_chosen())
        self.preview = QTextBrowser(self)
        self.problems_title = QLabel(self)
        self.problem_list = QListWidget(self)
        self.problem_list.setStyleSheet(ERROR_STYLE)
        self.problem_list.setWordWrap(True)
        self.problem_list.itemActivated.connect(self._go_to_problem)
        self.problem_list.itemClicked.connect(self._go_to_problem)
        self.buttons = {name: QPushButton(self) for name in ("versions", "pdf", "print", "close")}
        self.buttons["versions"].clicked.connect(self.show_versions)
        self.buttons["pdf"].clicked.connect(lambda: self.save_pdf())
        self.buttons["print"].clicked.connect(lambda: self.print_pdf())
        self.buttons["close"].clicked.connect(self.close)
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS, timeout=self.refresh)
        self._build_layout()
        context.changed.connect(self._data_changed)
        fit_window(self, 1280, 800, "agreement_editor")
        self.retranslate()

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.title_field, 1)
        header.addWidget(self.status_label)
        for button in self.steps.values():
            header.addWidget(button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tabs)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        language_row = QHBoxLayout()
        language_row.addWidget(self.language_label)
        language_row.addWidget(self.preview_language, 1)
        right_layout.addLayout(language_row)
        right_layout.addWidget(self.preview, 1)
        right_layout.addWidget(self.problems_title)
        right_layout.addWidget(self.problem_list)
        printing = QHBoxLayout()
        printing.addStretch(1)
        printing.addWidget(self.buttons["pdf"])
        printing.addWidget(self.buttons["print"])
        right_layout.addLayout(printing)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([620, 660])
        footer = QHBoxLayout()
        footer.addWidget(self.buttons["versions"])
        footer.addStretch(1)
        footer.addWidget(self.buttons["close"])
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addLayout(footer)

    # Refreshing ------------------------------------------------------------------------------------
    def _data_changed(self, table: str) -> None:
        if table in ("agreements", "agreement_parties", "people", "organizations", "plans", "memberships",
                     "attachments", "bundles"):
            self.schedule_refresh()

    def schedule_refresh(self) -> None:
        self._timer.start()

    def refresh(self) -> None:
        """Read the agreement again and show it: fields, status, preview and problems."""
        self._timer.stop()
        row = self.context.repository.get("agreements", self.agreement_id)
        if row is None or row["deleted"]:
            self.close()
            return
        if row["language"] != getattr(self, "row", {}).get("language"):  # chosen here, or by a bundle
            self.preview_language.setCurrentIndex(max(self.preview_language.findData(row["language"]),
                                                      self.preview_language.currentIndex()))
        self.row = row
        self.draft = draft_of(self.context.repository, self.agreement_id)
        if not self.title_field.hasFocus():
            self.title_field.setText(row["title"] or "")
        self.terms.load(self.draft.parameters)
        self.terms.load_english(self.draft)
        self.clauses.load(self.draft)
        self.signing.load(row)
        self.parties.refresh()
        self._show_status()
        self.refresh_preview()

    def refresh_preview(self) -> None:
        """The text a PDF would print: the sealed one of a frozen version, else the draft as it stands."""
        if not hasattr(self, "draft"):
            return
        choice = self.preview_language.currentData() or "es"
        languages = ["es", "en"] if choice == "both" else [choice]
        frozen = frozen_documents(self.context.repository, self.row)
        if frozen is not None:
            self.preview.setHtml(document_html([frozen[0][language] for language in languages]))
            found = []
        else:
            self.preview.setHtml(document_html([assemble(self.draft, language) for language in languages]))
            found = problems(replace(self.draft, language=choice))
        self.problem_list.clear()
        for problem in found:
            item = QListWidgetItem(problem.message, self.problem_list)
            item.setData(Qt.ItemDataRole.UserRole, (*problem.target, problem.field))
        holes = any(problem.hole for problem in found)
        self.problems_title.setText(_("Ready to print: nothing is missing.") if not found else _(
            "Before it can be printed:") if holes else _("It prints as a draft only, until these are put right:"))
        self.problem_list.setVisible(bool(found))
        self.problem_list.setFixedHeight(min(120, 8 + 22 * len(found)))
        for name in ("pdf", "print"):
            self.buttons[name].setEnabled(not holes)
        self.steps["reviewed"].setEnabled(not found)

    def _show_status(self) -> None:
        status, version = self.row["status"], self.row["version"] or 1
        self.status_label.setText(_("{status} · version {version} · {folio}").format(
            status=label(STATUSES, status), version=version, folio=self.row["folio"]))
        self.steps["reviewed"].setVisible(status == "draft")
        self.steps["ready"].setVisible(status == "reviewed")
        self.steps["signed"].setVisible(status == "ready")
        self.steps["void"].setVisible(status != "void")
        closed = status in CLOSED_STATUSES
        if status == "signed":
            self.banner.setText(_("Signed in {place} on {date}. A signed agreement can no longer be changed; attach "
                                  "the scans of the signed pages under Signing.").format(
                place=self.row["signed_place"] or "", date=date(self.draft.signed_on, "long")))
        elif status == "void":
            self.banner.setText(_("This agreement is void and can no longer be changed."))
        elif status in FROZEN_STATUSES:
            self.banner.setText(_("Version {version} is frozen as reviewed. Any change starts version {next} as a "
                                  "draft; version {version} stays on record.").format(version=version, next=version + 1))
        else:
            self.banner.setText("")
        if status in FROZEN_STATUSES | CLOSED_STATUSES and self._drifted():
            self.banner.setText(self.banner.text() + " " + _(
                "The registry or the plan has changed since this version was reviewed: the PDF prints the text "
                "as reviewed."))
        self.banner.setVisible(bool(self.banner.text()))
        self.title_field.setReadOnly(closed)
        for panel in (self.parties, self.terms, self.clauses, self.signing):
            panel.set_read_only(closed)
        self.signing.attach_button.setEnabled(status != "void")
        self.setWindowTitle(_("Agreement: {title}").format(title=self.row["title"]))

    def _drifted(self) -> bool:
        """Whether assembling the agreement now would give another text than the one sealed."""
        try:
            return content_hash(documents_of(self.draft)) != (self.row.get("content_hash") or "")
        except ValueError:
            return True

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        kind, key, field = item.data(Qt.ItemDataRole.UserRole)
        if kind == "parameter":
            self.tabs.setCurrentWidget(self.terms)
            self.terms.focus(key)
        elif kind == "party":
            self.tabs.setCurrentWidget(self.parties)
            self.parties.select(key, field)
        elif kind == "english":
            self.tabs.setCurrentWidget(self.terms)
            self.terms.focus_english(key, field)
        elif kind == "clause":
            self.tabs.setCurrentWidget(self.clauses)
            self.clauses.focus(key)
        else:
            self.tabs.setCurrentWidget(self.parties)

    # Actions ---------------------------------------------------------------------------------------
    @reports_errors
    def _save_title(self) -> None:
        if self.title_field.text().strip() != (self.row.get("title") or ""):
            edit_agreement(self.context.repository, self.agreement_id, {"title": self.title_field.text()})

    def flush(self) -> None:
        self.terms.flush()
        self.signing.flush()
        if not self.title_field.isReadOnly() and self.title_field.text().strip():
            self._save_title()

    @reports_errors
    def mark_reviewed(self) -> None:
        self.flush()
        mark_reviewed(self.context.repository, self.agreement_id)
        self.refresh()

    @reports_errors
    def mark_ready(self) -> None:
        mark_ready(self.context.repository, self.agreement_id)
        self.refresh()

    def mark_signed(self) -> MarkSignedDialog:
        dialog = MarkSignedDialog(self.context, self.agreement_id, self)
        dialog.finished.connect(lambda result: self.refresh() if result == QDialog.DialogCode.Accepted else None)
        dialog.open()
        return dialog

    @reports_errors
    def mark_void(self) -> None:
        if confirm.destructive(self, _("Void the agreement"), _(
                "Void this agreement? It stays on record with its versions but can no longer be changed or signed."),
                _("Void the agreement")):
            mark_void(self.context.repository, self.agreement_id)
            self.refresh()

    def show_versions(self) -> VersionsDialog:
        self.flush()
        dialog = VersionsDialog(self.context, self.agreement_id, self)
        dialog.open()
        return dialog

    def save_pdf(self, out=None):
        self.flush()
        return save_agreement_pdf(self.context, self.agreement_id, self, self.print_language(), out)

    def print_pdf(self):
        self.flush()
        return print_agreement(self.context, self.agreement_id, self, self.print_language())

    def print_language(self) -> str:
        return self.preview_language.currentData() or "es"

    def _language_chosen(self) -> None:
        """Shown at once; kept with the agreement (a setting that opens no new version) where it can be.
        A signed or void agreement keeps its stored language, and this window prints the one chosen."""
        language = self.print_language()
        if getattr(self, "row", None) and self.row["language"] != language \
                and self.row["status"] not in CLOSED_STATUSES:
            try:
                edit_agreement(self.context.repository, self.agreement_id, {"language": language})
            except StoreError:
                pass

    def closeEvent(self, event) -> None:
        self.flush()
        super().closeEvent(event)

    def retranslate(self) -> None:
        texts = {"reviewed": _("Mark as reviewed"), "ready": _("Ready to sign"), "signed": _("Mark as signed…"),
                 "void": _("Void…")}
        for name, button in self.steps.items():
            button.setText(texts[name])
        for name, text in {"versions": _("Versions…"), "pdf": _("Save PDF…"), "print": _("Print…"),
                           "close": _("Close")}.items():
            self.buttons[name].setText(text)
        for index, text in enumerate((_("Parties"), _("Terms"), _("Clauses"), _("Signing and scans"))):
            self.tabs.setTabText(index, text)
        current = self.preview_language.currentData()
        self.preview_language.blockSignals(True)
        self.preview_language.clear()
        for code, text in LANGUAGE_CHOICES.items():
            self.preview_language.addItem(_(text), code)
        wanted = current or self.context.repository.get("agreements", self.agreement_id)["language"]
        self.preview_language.setCurrentIndex(max(self.preview_language.findData(wanted), 0))
        self.preview_language.blockSignals(False)
        self.language_label.setText(_("Language of the preview and the PDF:"))
        self.title_field.setPlaceholderText(_("Title of the agreement"))
        self.parties.retranslate()
        self.terms.retranslate()
        self.signing.retranslate()
        self.refresh()
