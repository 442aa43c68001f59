"""The agreement's terms (the template's parameters), its optional clauses, and the signing details.

A term is saved 300 ms after the last keystroke and at once when the field is left, like every other
field of the app; the check of each value is shown beside it as it is typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from advisor_app.domain.agreements.assembly import Draft, condition_holds, condition_text, parse_value, switched_on
from advisor_app.domain.agreements.library import Template, in_language
from advisor_app.domain.entities import CURRENCIES
from advisor_app.i18n import _, current_language
from advisor_app.i18n.formatting import plain_number
from advisor_app.store.agreements import edit_agreement, set_parameter, switch_clause
from advisor_app.store.attachments import attach_file, attachments_of
from advisor_app.store.errors import StoreError
from advisor_app.store.viewer_copies import viewer_copy
from advisor_app.ui.agreement_editor.english_fields import EnglishPanel, EnglishTerms
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.autosave import SaveTimer
from advisor_app.ui.common.fields import NumberField
from advisor_app.ui.common.record_form import ERROR_STYLE
from advisor_app.ui.common.save_pdf import show_in_viewer
from advisor_app.ui.common.user_errors import reports_errors

NUMBER_KINDS = ("money", "percent", "integer")
_PLACEHOLDERS = {"money": "150000", "percent": "25", "integer": "5", "date": "2026-11-25"}


class TermsPanel(QScrollArea):
    """One field per parameter of the template, in the template's order."""

    saved = Signal()

    def __init__(self, context: AppContext, agreement_id: str, template: Template, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.agreement_id, self.template = context, agreement_id, template
        self.setWidgetResizable(True)
        body = QWidget(self)
        self.form = QFormLayout(body)
        # Labels are questions of a few words: above their field they read in full at any width.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self._pending: set[str] = set()
        self._timer = SaveTimer(self.flush, self)
        self.english = EnglishTerms(context, agreement_id, body, self.saved.emit)
        self.english_panel = EnglishPanel(context, agreement_id, self.saved.emit, body)
        self.form.addRow(self.english_panel)
        for parameter in template.parameters:
            editor = (QComboBox(body) if parameter.kind == "choice" else
                      QPlainTextEdit(body) if parameter.kind == "long_text" else
                      NumberField(money=parameter.kind == "money", parent=body) if parameter.kind in NUMBER_KINDS
                      else QLineEdit(body))
            if isinstance(editor, QComboBox):
                # A choice is saved as soon as it is made.
                editor.activated.connect(lambda _index, name=parameter.name: (self._typed(name), self.flush()))
            elif isinstance(editor, QPlainTextEdit):
                editor.setFixedHeight(90)
                editor.setTabChangesFocus(True)
                editor.textChanged.connect(lambda name=parameter.name: self._typed(name))
            else:
                editor.textEdited.connect(lambda _text, name=parameter.name: self._typed(name))
                editor.editingFinished.connect(self.flush)
            error = QLabel(body)
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            column = QVBoxLayout()
            column.setSpacing(2)
            if parameter.translated:  # the English beside the Spanish, as wide as it
                beside = QHBoxLayout()
                beside.addWidget(editor, 1)
                beside.addWidget(self.english.editor_for(parameter, body), 1)
                column.addLayout(beside)
            else:
                column.addWidget(editor)
            column.addWidget(error)
            self.labels[parameter.name] = QLabel(body)
            self.form.addRow(self.labels[parameter.name], column)
            self.editors[parameter.name], self.errors[parameter.name] = editor, error
        self.setWidget(body)
        self._filling = False
        self.retranslate()

    @staticmethod
    def _text(editor) -> str:
        if isinstance(editor, QComboBox):
            return editor.currentData() or ""
        return editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()

    def load(self, values: dict[str, str]) -> None:
        """Show the stored values, leaving alone a field whose typing is not saved yet."""
        self._filling = True
        for name, editor in self.editors.items():
            # The field being typed in keeps its text and cursor: what it shows is what will be saved.
            if name in self._pending or editor.hasFocus() or self._text(editor).strip() == (values.get(name) or ""):
                continue
            if isinstance(editor, QComboBox):
                chosen = values.get(name) or self.template.parameter(name).default
                editor.setCurrentIndex(max(editor.findData(chosen), 0))
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText(values.get(name) or "")
            elif isinstance(editor, NumberField):  # "580,000.00", as every money field shows it
                editor.set_value(values.get(name) or "")
            else:
                editor.setText(values.get(name) or "")
            self._check(name)
        self._filling = False

    def load_english(self, draft: Draft) -> None:
        self.english.load(draft)
        self.english_panel.load(draft)

    def focus_english(self, key: str, field: str = "") -> None:
        """Where a missing English is written: the title's or a party's under "In English", a term's beside it."""
        if key.startswith("parameter:"):
            editor = self.english.editors.get(key.split(":", 1)[1])
            if editor is not None:
                self.ensureWidgetVisible(editor)
                editor.setFocus()
            return
        if key.startswith("party:"):
            key = ("name:" if field == "authority_name_en" else "office:") + key.split(":", 1)[1]
        self.ensureWidgetVisible(self.english_panel)
        self.english_panel.focus(key)

    def set_read_only(self, read_only: bool) -> None:
        self.english.set_read_only(read_only)
        self.english_panel.set_read_only(read_only)
        for editor in self.editors.values():
            if isinstance(editor, QComboBox):
                editor.setEnabled(not read_only)
            else:
                editor.setReadOnly(read_only)

    def _typed(self, name: str) -> None:
        if self._filling:
            return
        self._pending.add(name)
        self._check(name)
        self._timer.poke()

    def _plain_text(self, name: str) -> str:
        """What the field holds for the checks: a number as the language shows it ("$150,000.00") in
        plain digits, other text as typed."""
        text = self._text(self.editors[name]).strip()
        return plain_number(text) if self.template.parameter(name).kind in NUMBER_KINDS else text

    def _check(self, name: str) -> None:
        parameter = self.template.parameter(name)
        if parameter.kind == "choice":
            return
        trouble = parse_value(parameter.kind, self._plain_text(name))[1]
        self.errors[name].setText(trouble[:1].upper() + trouble[1:] + "." if trouble else "")
        self.errors[name].setVisible(bool(trouble))

    def flush(self) -> None:
        """Save every field typed since the last save (each one its own logged edit)."""
        self._timer.stop()
        pending, self._pending = self._pending, set()
        for name in sorted(pending):
            self._save(name)
        if pending:
            self.saved.emit()
        self.english.flush()
        self.english_panel.flush()

    @reports_errors
    def _save(self, name: str) -> bool:
        return set_parameter(self.context.repository, self.agreement_id, name, self._plain_text(name))

    def focus(self, name: str) -> None:
        editor = self.editors.get(name)
        if editor is not None:
            self.ensureWidgetVisible(editor)
            editor.setFocus()

    def retranslate(self) -> None:
        language = current_language()
        self.english.retranslate()
        self.english_panel.retranslate()
        for parameter in self.template.parameters:
            self.labels[parameter.name].setText(in_language(parameter.label, language))
            editor = self.editors[parameter.name]
            editor.setToolTip(in_language(parameter.hint, language))
            if isinstance(editor, QComboBox):
                chosen = editor.currentData() or parameter.default
                editor.clear()
                for option in parameter.options:
                    editor.addItem(in_language(option.label, language), option.value)
                editor.setCurrentIndex(max(editor.findData(chosen), 0))
            example = _PLACEHOLDERS.get(parameter.kind)
            if example and isinstance(editor, QLineEdit):
                editor.setPlaceholderText(_("e.g. {example}").format(example=example))
            self._check(parameter.name)


class ClausesPanel(QListWidget):
    """Every clause of the template: the fixed ones ticked for good, the optional ones to switch on or off,
    and those whose condition does not hold greyed with the reason."""

    saved = Signal()

    def __init__(self, context: AppContext, agreement_id: str, template: Template, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.agreement_id, self.template = context, agreement_id, template
        self.itemChanged.connect(self._changed)
        self._filling = False
        self._read_only = False
        self._draft: Draft | None = None

    def load(self, draft: Draft) -> None:
        self._draft = draft
        self._filling = True
        self.clear()
        language = current_language()
        for clause in self.template.clauses:
            text = in_language(clause.heading, language)
            notes = []
            if not clause.optional:
                notes.append(_("always included"))
            if clause.condition:
                holds = condition_holds(draft, clause.condition)
                notes.append(condition_text(clause.condition) + ("" if holds else " — " + _("does not apply now")))
            item = QListWidgetItem(f"{text}  ({'; '.join(notes)})" if notes else text, self)
            item.setData(Qt.ItemDataRole.UserRole, clause.id)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if clause.optional and not self._read_only:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Checked if switched_on(draft, clause) else Qt.CheckState.Unchecked)
            item.setToolTip(in_language(clause.text, language)[:600])
            if clause.condition and not condition_holds(draft, clause.condition):
                item.setForeground(Qt.GlobalColor.gray)
        self._filling = False

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        if self._draft is not None:
            self.load(self._draft)

    def _changed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        self._switch(item.data(Qt.ItemDataRole.UserRole), item.checkState() == Qt.CheckState.Checked)
        self.saved.emit()

    @reports_errors
    def _switch(self, clause_id: str, on: bool) -> None:
        switch_clause(self.context.repository, self.agreement_id, clause_id, on)

    def focus(self, clause_id: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == clause_id:
                self.setCurrentRow(row)


class SigningPanel(QWidget):
    """The currency, where and when it is to be signed, notes, and the signed scans. The language it prints
    in is chosen beside the preview, where it shows, and nowhere else."""

    saved = Signal()

    def __init__(self, context: AppContext, agreement_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.agreement_id = context, agreement_id
        self.currency = QComboBox(self)
        self.place, self.date = QLineEdit(self), QLineEdit(self)
        self.date.setPlaceholderText("2026-11-25")
        self.notes = QPlainTextEdit(self)
        self.notes.setFixedHeight(70)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.scans = QListWidget(self)
        self.scans.itemDoubleClicked.connect(lambda _item: self.open_scan())
        self.attach_button, self.open_button = QPushButton(self), QPushButton(self)
        self.attach_button.clicked.connect(lambda: self.attach())
        self.open_button.clicked.connect(lambda: self.open_scan())
        self.currency.activated.connect(lambda _index: self._save({"currency": self.currency.currentData()}))
        self.place.editingFinished.connect(lambda: self._save({"signed_place": self.place.text()}))
        self.date.editingFinished.connect(lambda: self._save({"signed_on": self.date.text()}))
        self._notes_timer = SaveTimer(lambda: self._save({"notes": self.notes.toPlainText()}), self)
        self.notes.textChanged.connect(lambda: None if self._filling else self._notes_timer.poke())
        self.form = QFormLayout()
        self.labels = [QLabel(self) for _index in range(5)]
        for label_widget, editor in zip(self.labels, (self.currency, self.place, self.date,
                                                      self.notes)):
            self.form.addRow(label_widget, editor)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.labels[4])
        layout.addWidget(self.scans, 1)
        layout.addLayout(buttons)
        self._filling = False
        self._row: dict = {}
        self.retranslate()

    def load(self, row: dict) -> None:
        self._row = row
        self._filling = True
        self.currency.setCurrentIndex(max(self.currency.findData(row.get("currency")), 0))
        for editor, column in ((self.place, "signed_place"), (self.date, "signed_on")):
            if not editor.hasFocus():
                editor.setText(row.get(column) or "")
        if not self.notes.hasFocus() and self.notes.toPlainText() != (row.get("notes") or ""):
            self.notes.setPlainText(row.get("notes") or "")
        self.scans.clear()
        for scan in attachments_of(self.context.store.conn, self.agreement_id):
            item = QListWidgetItem(f"{scan['file_name']} ({scan['size'] // 1024 + 1} KB)", self.scans)
            item.setData(Qt.ItemDataRole.UserRole, scan["sha256"])
        self._filling = False

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.currency,):
            widget.setEnabled(not read_only)
        for widget in (self.place, self.date, self.notes):
            widget.setReadOnly(read_only)

    def flush(self) -> None:
        """Save what is typed and not yet saved (the window is closing, or the app quitting)."""
        if self._notes_timer.isActive():
            self._notes_timer.stop()
            self._save({"notes": self.notes.toPlainText()})
        if not self.place.isReadOnly():
            self._save({"signed_place": self.place.text()})
            self._save({"signed_on": self.date.text()})

    def _save(self, values: dict) -> None:
        if self._filling or all((self._row.get(key) or "") == (value or "") for key, value in values.items()):
            return
        try:
            edit_agreement(self.context.repository, self.agreement_id, values)
            self.error.setText("")
        except StoreError as error:
            self.error.setText(str(error))
            return
        self.saved.emit()

    @reports_errors
    def attach(self, files: list[str] | None = None) -> int:
        """Attach scanned pages (any status: a signed agreement gets its scans after the signing too)."""
        if files is None:
            files, _filter = QFileDialog.getOpenFileNames(self, _("Attach the scanned pages"), "",
                                                          _("Scans and photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"))
        for path in files:
            attach_file(self.context.repository, "agreements", self.agreement_id, path)
        if files:
            self.load(self._row)
        return len(files)

    @reports_errors
    def open_scan(self) -> None:
        """The viewer gets a private plaintext copy of the scan, checked against its name first: never another
        file, and never the sealed file itself (store/viewer_copies.py)."""
        item = self.scans.currentItem()
        if item is not None:
            show_in_viewer(viewer_copy(self.context.store, item.data(Qt.ItemDataRole.UserRole)))

    def retranslate(self) -> None:
        for widget, text in zip(self.labels, (_("Currency"), _("Place of signing"),
                                              _("Date of signing"), _("Notes"), _("Scans of the signed pages"))):
            widget.setText(text)
        self.currency.clear()
        for code, name in CURRENCIES.items():
            self.currency.addItem(_(name), code)
        self.attach_button.setText(_("Attach scan…"))
        self.open_button.setText(_("Open"))
        self.place.setPlaceholderText(_("Leave empty to write it by hand at the signing"))
        if self._row:
            self.load(self._row)


__all__ = ["ClausesPanel", "SigningPanel", "TermsPanel"]
