"""The English beside the Spanish of everything typed that prints: the terms typed as text (an English
field beside each Spanish one), and under "In English" the title, each authority's name and each
signatory's office. Saved as typed, like every field; what the app already knows in English (presidenta,
síndico, "Municipio de Jerez") shows as the field's placeholder and needs no typing."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from advisor_app.domain.agreements.assembly import Draft, Party, title_text
from advisor_app.domain.agreements.english import authority_in_english, office_in_english
from advisor_app.domain.agreements.library import Parameter
from advisor_app.i18n import _
from advisor_app.store.agreements import edit_agreement, edit_party, set_parameter_english
from advisor_app.ui.common.autosave import SaveTimer
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.user_errors import reports_errors


def _text(editor: QLineEdit | QPlainTextEdit) -> str:
    return (editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()).strip()


def _show(editor: QLineEdit | QPlainTextEdit, text: str) -> None:
    if editor.hasFocus() or _text(editor) == text:
        return
    if isinstance(editor, QPlainTextEdit):
        editor.setPlainText(text)
    else:
        editor.setText(text)


class EnglishTerms:
    """The English editor of each term typed as text, placed by ``TermsPanel`` beside the Spanish one."""

    def __init__(self, context: AppContext, agreement_id: str, parent: QWidget, saved):
        self.context, self.agreement_id, self._saved = context, agreement_id, saved
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.parameters: dict[str, Parameter] = {}
        self._pending: set[str] = set()
        self._filling = False
        self._timer = SaveTimer(self.flush, parent)

    def editor_for(self, parameter: Parameter, parent: QWidget) -> QLineEdit | QPlainTextEdit:
        if parameter.kind == "long_text":
            editor = QPlainTextEdit(parent)
            editor.setFixedHeight(90)
            editor.setTabChangesFocus(True)
            editor.textChanged.connect(lambda name=parameter.name: self._typed(name))
        else:
            editor = QLineEdit(parent)
            editor.textEdited.connect(lambda _text, name=parameter.name: self._typed(name))
            editor.editingFinished.connect(self.flush)
        self.editors[parameter.name], self.parameters[parameter.name] = editor, parameter
        return editor

    def load(self, draft: Draft) -> None:
        self._filling = True
        for name, editor in self.editors.items():
            if name not in self._pending:
                _show(editor, draft.parameters_en.get(name) or "")
        self._filling = False

    def _typed(self, name: str) -> None:
        if not self._filling:
            self._pending.add(name)
            self._timer.poke()

    def flush(self) -> None:
        self._timer.stop()
        pending, self._pending = self._pending, set()
        for name in sorted(pending):
            self._save(name)
        if pending:
            self._saved()

    @reports_errors
    def _save(self, name: str) -> bool:
        return set_parameter_english(self.context.repository, self.agreement_id, name, _text(self.editors[name]))

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.editors.values():
            editor.setReadOnly(read_only)

    def retranslate(self) -> None:
        for name, editor in self.editors.items():
            default = self.parameters[name].default_en
            editor.setPlaceholderText(_("In English") + (f" ({default})" if default else ""))
            editor.setAccessibleName(_("In English"))


class EnglishPanel(QGroupBox):
    """The title, the authorities' names and the signatories' offices: the Spanish, and its English."""

    def __init__(self, context: AppContext, agreement_id: str, saved, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.agreement_id, self._saved = context, agreement_id, saved
        self.form = QFormLayout(self)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.editors: dict[str, QLineEdit] = {}    # "title", "name:<party id>", "office:<party id>"
        self._labels: dict[str, QLabel] = {}
        self._shape: tuple = ()
        self._read_only = False
        self._draft: Draft | None = None

    def load(self, draft: Draft) -> None:
        self._draft = draft
        rows = self._rows(draft)
        shape = tuple((key, spanish) for key, spanish, _known, _english in rows)
        if shape != self._shape:
            self._rebuild(rows)
            self._shape = shape
        for key, spanish, known, english in rows:
            _show(self.editors[key], english)
            self.editors[key].setPlaceholderText(known or _("In English"))
        self.setVisible(bool(rows))

    def _rows(self, draft: Draft) -> list[tuple[str, str, str, str]]:
        """(key, Spanish shown, English the app knows, English typed) for each text that needs one."""
        # The template's own title has its English already: shown as the placeholder, nothing to type.
        english_title, known = title_text(replace(draft, title_en=""), "en")
        rows = [("title", draft.title.strip(), english_title if known else "", draft.title_en)] \
            if draft.title.strip() else []
        seen: set[tuple[str, str]] = set()
        for party in draft.parties:
            if party.removed or party.kind == "person":
                continue
            if party.kind == "authority" and party.name.strip() and (party.name, party.name_en) not in seen:
                seen.add((party.name, party.name_en))
                rows.append((f"name:{party.key}", party.name.strip(), authority_in_english(party.name),
                             party.name_en))
            if party.representative_title.strip():
                rows.append((f"office:{party.key}", self._office_label(party),
                             office_in_english(party.representative_title), party.representative_title_en))
        return rows

    @staticmethod
    def _office_label(party: Party) -> str:
        if not party.representative.strip():
            return f"{party.representative_title.strip()} ({party.name})"
        return _("{office} (who signs for {name}: {person})").format(
            office=party.representative_title.strip(), name=party.name, person=party.representative.strip())

    def _rebuild(self, rows) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors, self._labels = {}, {}
        for key, spanish, _known, _english in rows:
            label = QLabel(self)
            label.setWordWrap(True)
            editor = QLineEdit(self)
            editor.setReadOnly(self._read_only)
            editor.editingFinished.connect(lambda key=key: self._save(key))
            # Each on its own line, full width: a long name or office reads whole.
            self.form.addRow(label)
            self.form.addRow(editor)
            self.editors[key], self._labels[key] = editor, label
            label.setProperty("spanish", spanish)
        self.retranslate()

    @reports_errors
    def _save(self, key: str) -> None:
        if self._draft is None or self.editors[key].isReadOnly():
            return
        text = self.editors[key].text().strip()
        if key == "title":
            changed = text != self._draft.title_en and edit_agreement(
                self.context.repository, self.agreement_id, {"title_en": text})
        else:
            kind, party_id = key.split(":", 1)
            column = "authority_name_en" if kind == "name" else "representative_title_en"
            changed = self._save_party(party_id, column, text)
        if changed:
            self._saved()

    def _save_party(self, party_id: str, column: str, text: str) -> bool:
        """An authority that signs through several people has one row each: its name's English goes on all."""
        party = next((item for item in self._draft.parties if item.key == party_id), None)
        if party is None:
            return False
        targets = [item for item in self._draft.parties
                   if column == "authority_name_en" and item.kind == "authority" and item.name == party.name] or [party]
        changed = False
        for target in targets:
            changed = edit_party(self.context.repository, target.key, {column: text}) or changed
        return changed

    def flush(self) -> None:
        for key in list(self.editors):
            if self.editors[key].hasFocus():
                self._save(key)

    def focus(self, key: str) -> None:
        editor = self.editors.get(key) or next((item for name, item in self.editors.items()
                                                if name.startswith(key.split(":", 1)[0] + ":")), None)
        if editor is not None:
            editor.setFocus()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for editor in self.editors.values():
            editor.setReadOnly(read_only)

    def retranslate(self) -> None:
        self.setTitle(_("In English: the text typed in Spanish that prints in the English document"))
        for key, label in self._labels.items():
            spanish = label.property("spanish")
            label.setText(_("Title: {text}").format(text=spanish) if key == "title" else spanish)
            self.editors[key].setAccessibleName(_("In English"))


__all__ = ["EnglishPanel", "EnglishTerms"]
