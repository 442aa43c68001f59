"""A form that saves as it is typed: each field is checked at once, its error shown beside it, and
valid values are written a moment after the typing stops, at least once a second while it goes on
(``autosave``), and at once when the form closes. The status line says "Saving…" until the commit.

A new record is created the first time every required field is valid; until then the status line
says what is missing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from advisor_app.domain.records import DEFAULTS, RECORDS, person_cross_checks, problem, validate, warning
from advisor_app.i18n import _, ngettext
from advisor_app.store.errors import StoreError, ValidationError
from advisor_app.ui.common.autosave import SaveTimer
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.locality_picker import LocalityField

# Fields checked against each other: editing one re-checks both (a CURP holds the birth date).
CROSS_CHECKED = {"people": ("curp", "birth_date")}
ERROR_STYLE = "color: #b3261e;"
WARNING_STYLE = "color: #8a5a00;"


class RecordForm(QWidget):
    created = Signal(str)

    def __init__(self, context: AppContext, table: str, editors: dict[str, QWidget],
                 row_id: str | None = None, fixed: dict[str, Any] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.table, self.row_id = context, table, row_id
        self.editors = editors
        self.fixed = fixed or {}
        self.specs = {spec.name: spec for spec in RECORDS[table]}
        self._pending: set[str] = set()
        self._errors: dict[str, str] = {}
        self._labels: dict[str, QLabel] = {}
        self._error_labels: dict[str, QLabel] = {}
        self._boxes: dict[str, QWidget] = {}
        self._timer = SaveTimer(self.flush, self)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.layout_form = QFormLayout()
        self.layout_form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        outer.addLayout(self.layout_form)
        for name, editor in editors.items():
            label = QLabel(self)
            error = QLabel(self)
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            box = QWidget(self)
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(editor)
            column.addWidget(error)
            self.layout_form.addRow(label, box)
            self._labels[name], self._error_labels[name] = label, error
            self._boxes[name] = box
            editor.edited.connect(lambda name=name: self._on_edited(name))
            if self.specs.get(name) and self.specs[name].upper and hasattr(editor, "editingFinished"):
                # CURP and RFC are stored in capitals; show them so once typed.
                editor.editingFinished.connect(lambda editor=editor: editor.setText(editor.text().upper()))
        self.status = QLabel(self)
        outer.addStretch(1)
        outer.addWidget(self.status)
        if row_id:
            self.load()
        else:
            for name, default in DEFAULTS.get(table, {}).items():
                if name in editors and name not in self.fixed:
                    editors[name].set_value(default)
        self.retranslate()

    # Values ------------------------------------------------------------------
    def load(self) -> None:
        row = self.context.repository.get(self.table, self.row_id) or {}
        for name, editor in self.editors.items():
            if isinstance(editor, LocalityField):
                from advisor_app.store.listing import locality_of

                editor.set_value(locality_of(self.context.store.conn, row.get(name)))
            else:
                editor.set_value(row.get(name))

    def _raw(self, name: str) -> Any:
        return self.editors[name].value()

    def _field_problem(self, name: str) -> str | None:
        editor = self.editors[name]
        if isinstance(editor, LocalityField):
            if editor.typed_something() and editor.value() is None:
                return _("Choose a municipality from the list.")
            return None
        message = problem(self.specs[name], self._raw(name))
        if message is None and name in CROSS_CHECKED.get(self.table, ()):
            together = {other: self._raw(other) for other in CROSS_CHECKED[self.table] if other in self.editors}
            message = next(iter(person_cross_checks(together).values()), None)
        return message

    def _storable_value(self, name: str) -> Any:
        editor = self.editors[name]
        if isinstance(editor, LocalityField):
            picked = editor.value()
            return self.context.repository.ensure_locality(*picked) if picked else None
        return self._raw(name)

    # Saving ------------------------------------------------------------------
    def _on_edited(self, name: str) -> None:
        self._pending.add(name)
        partners = CROSS_CHECKED.get(self.table, ())
        for checked in (partners if name in partners else (name,)):
            if checked in self.editors:
                self._show_error(checked, self._field_problem(checked))
                if checked != name and checked not in self._errors:
                    self._pending.add(checked)
        self._timer.poke()
        if self.row_id is not None and name not in self._errors:
            self.status.setText(_("Saving…"))

    def discard_pending(self) -> None:
        """Forget what was typed but not yet written (the record is being abandoned)."""
        self._timer.stop()
        self._pending.clear()

    def save_all(self) -> None:
        """Write every field now (a record whose required values are already filled in)."""
        self._pending.update(self.editors)
        self.flush()

    def flush(self) -> None:
        """Write every pending valid value now."""
        self._timer.stop()
        if not self._pending:
            return
        valid = [name for name in self._pending if not self._field_problem(name)]
        try:
            if self.row_id is None:
                self._create()
            elif valid:
                self.context.repository.update(self.table, self.row_id,
                                               {name: self._storable_value(name) for name in valid})
                self._pending -= set(valid)
                for name in valid:  # a rule that refused it before (e.g. with another field) is met now
                    self._show_error(name, None)
        except ValidationError as error:
            for name, message in error.problems.items():
                self._show_error(name, message)
            # A rule over the record refused these; the other fields typed meanwhile are saved all the same.
            others = [name for name in valid if name not in error.problems]
            if self.row_id is not None and others and len(others) < len(valid):
                try:
                    self.context.repository.update(self.table, self.row_id,
                                                   {name: self._storable_value(name) for name in others})
                    self._pending -= set(others)
                except StoreError:
                    pass
        except StoreError as error:
            self.status.setText(str(error))
            return
        self._update_status()

    def _create(self) -> None:
        problems = {name: message for name in self.editors if (message := self._field_problem(name))}
        values = {name: self._raw(name) for name in self.editors
                  if not isinstance(self.editors[name], LocalityField)}
        missing = validate(self.table, {**values, **self.fixed}, creating=True)
        problems.update({name: message for name, message in missing.items() if name in self.editors})
        for name in self._pending:
            self._show_error(name, problems.get(name))
        if problems:
            return
        values = {name: self._storable_value(name) for name in self.editors}
        self.row_id = self.context.repository.insert(self.table, {**values, **self.fixed})
        self._pending.clear()
        self.created.emit(self.row_id)

    def _show_error(self, name: str, message: str | None) -> None:
        label = self._error_labels.get(name)
        if message:
            self._errors[name] = message
        else:
            self._errors.pop(name, None)
        if label is not None:
            # A warning (an RFC SAT may have issued with an odd last character) is shown, the value saved.
            note = None if message or name not in self.specs else warning(self.specs[name], self._raw(name))
            label.setStyleSheet(ERROR_STYLE if message else WARNING_STYLE)
            label.setText(message or note or "")
            label.setVisible(bool(message or note))

    def _update_status(self) -> None:
        waiting = len(self._errors)
        unplaced = [message for name, message in self._errors.items() if name not in self._error_labels]
        if unplaced:  # a rule about the record as a whole (e.g. already a member): said in the status line
            self.status.setText(unplaced[0])
        elif self.row_id is None and waiting:
            self.status.setText(_("Not saved yet: correct the fields marked in red."))
        elif self.row_id is None:
            self.status.setText(_("Not saved yet: fill in the fields marked with *."))
        elif waiting:
            self.status.setText(ngettext("Saved, except {count} field that needs correcting.",
                                         "Saved, except {count} fields that need correcting.", waiting)
                                .format(count=waiting))
        else:
            self.status.setText(_("All changes saved."))

    def set_field_visible(self, name: str, visible: bool) -> None:
        self.layout_form.setRowVisible(self._boxes[name], visible)

    def has_unsaved_problems(self) -> bool:
        return bool(self._errors)

    def has_typed_something(self) -> bool:
        return bool(self._pending)

    def retranslate(self) -> None:
        for name, label in self._labels.items():
            spec = self.specs[name]
            label.setText(_(spec.label) + (" *" if spec.required else ""))
        for name in list(self._errors):
            self._show_error(name, self._field_problem(name) or self._errors.get(name))
        self._update_status()
