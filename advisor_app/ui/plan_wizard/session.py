"""One open plan: what the wizard shows, saved as it is typed, and its figures recomputed live.

Every page edits the plan through ``set_field`` (a narrative answer, a setting) or ``set_model`` (the
financial tables). Values are held here and written a moment after the last keystroke, at least once a
second while typing goes on (``autosave``), and at once when the page changes or the window closes, so
a crash loses at most that second. The figures are
recomputed from the values in memory on every change (``compute`` is a pure function, a few ms), and
again after a language switch: the verdict's reasons and the notes in place of undefined figures are
sentences made in the language of the moment they were computed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from advisor_app.domain.finance import FinancialModel, Results, compute
from advisor_app.domain.plans import model_columns, model_of
from advisor_app.i18n import _, current_language
from advisor_app.store.errors import StoreError, ValidationError
from advisor_app.store.plans import partners
from advisor_app.ui.common.autosave import SaveTimer
from advisor_app.ui.common.context import AppContext



class PlanSession(QObject):
    results_changed = Signal(object)  # Results
    plan_changed = Signal()  # any saved value, for the review and the title
    save_failed = Signal(str)  # one sentence
    field_problems = Signal(dict)  # column → sentence, from the store's checks

    def __init__(self, context: AppContext, plan_id: str, parent: QObject | None = None):
        super().__init__(parent)
        self.context, self.plan_id = context, plan_id
        row = context.repository.get("plans", plan_id)
        if row is None:
            raise StoreError(_("This plan no longer exists."))
        self.row: dict[str, Any] = row
        self.model: FinancialModel = model_of(row)
        self._results: Results = compute(self.model)
        self._results_language = current_language()
        self._pending: dict[str, Any] = {}
        self._timer = SaveTimer(self.flush, self)

    # Reading ------------------------------------------------------------------------
    @property
    def results(self) -> Results:
        if self._results_language != current_language():
            self._results, self._results_language = compute(self.model), current_language()
        return self._results

    def value(self, column: str) -> Any:
        return self._pending.get(column, self.row.get(column))

    def view(self) -> dict[str, Any]:
        """The plan as it stands, unsaved keystrokes included."""
        return {**self.row, **self._pending}

    def partners(self) -> list[dict]:
        return partners(self.context.store.conn, self.plan_id)

    # Editing ------------------------------------------------------------------------
    def set_field(self, column: str, value: Any) -> None:
        if isinstance(value, str) and not value.strip():
            value = None
        self._pending[column] = value
        self._timer.poke()
        self.plan_changed.emit()

    def set_model(self, model: FinancialModel) -> None:
        self.model = model
        for column, text in model_columns(model).items():
            if text != self.row.get(column):
                self._pending[column] = text
            else:
                self._pending.pop(column, None)
        self._timer.poke()
        self._results, self._results_language = compute(model), current_language()
        self.results_changed.emit(self._results)
        self.plan_changed.emit()

    def flush(self) -> bool:
        """Write what is pending now; False (and ``save_failed``) when the store refused it."""
        self._timer.stop()
        if not self._pending:
            return True
        pending, self._pending = self._pending, {}
        try:
            self.context.repository.update("plans", self.plan_id, pending)
        except ValidationError as error:
            # Keep the refused values on screen and out of the store; save the rest.
            accepted = {column: value for column, value in pending.items() if column not in error.problems}
            self._pending = {column: value for column, value in pending.items() if column in error.problems}
            self.field_problems.emit(dict(error.problems))
            if accepted:
                try:
                    self.context.repository.update("plans", self.plan_id, accepted)
                except StoreError as again:
                    self._pending.update(accepted)
                    self.save_failed.emit(str(again))
                    return False
                self.row.update(self.context.repository.get("plans", self.plan_id) or {})
            return False
        except StoreError as error:
            self._pending = {**pending, **self._pending}
            self.save_failed.emit(str(error))
            return False
        self.row = self.context.repository.get("plans", self.plan_id) or self.row
        self.field_problems.emit({})
        return True

    def has_unsaved(self) -> bool:
        return bool(self._pending)

    # Participants are rows of their own, written at once --------------------------------
    def add_partner(self, organization_id: str) -> None:
        self.flush()
        self.context.repository.insert("plan_organizations", {"plan_id": self.plan_id,
                                                              "organization_id": organization_id})
        self.plan_changed.emit()

    def remove_partner(self, row_id: str) -> None:
        self.context.repository.delete("plan_organizations", row_id)
        self.plan_changed.emit()
