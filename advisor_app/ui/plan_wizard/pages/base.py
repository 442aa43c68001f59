"""What every wizard page shares: the title and hint, the error label, the question forms and the
model pages that edit the plan's lists through tables."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from advisor_app.domain.finance import Results, load_schemes, model_from_dict, model_to_dict
from advisor_app.domain.finance.schemes import SchemeCatalog, SchemeFileError
from advisor_app.domain.plans import Page
from advisor_app.i18n import N_, _
from advisor_app.ui.common.fields import NotesField
from advisor_app.ui.common.record_form import ERROR_STYLE
from advisor_app.ui.plan_wizard.line_table import LineColumn, LineTable
from advisor_app.ui.plan_wizard.session import PlanSession

HINT_STYLE = "background: #eef4fb; border: 1px solid #c5d7ec; border-radius: 4px; padding: 8px;"
VERDICT_STYLES = {"green": "background: #e6f4ea; border: 1px solid #2e7d32;",
                  "amber": "background: #fff4e0; border: 1px solid #ef8f00;",
                  "red": "background: #fde7e4; border: 1px solid #c62828;"}
VERDICT_WORDS = {"green": N_("Viable"), "amber": N_("Viable with care"), "red": N_("Not viable as it stands")}


@lru_cache(maxsize=1)
def schemes() -> SchemeCatalog | None:
    try:
        return load_schemes()
    except SchemeFileError:
        return None



class PlanPage(QWidget):
    """A page: its title, the advisor's hint, then its own fields in a scrolling area."""

    go_to_page = Signal(int)

    def __init__(self, page: Page, session: PlanSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.page, self.session = page, session
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.body = QWidget(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(scroll, 1)

    def load(self) -> None:
        """Show the plan's values (at opening, and after a page of another kind changed them)."""

    def show_results(self, results: Results) -> None:
        """The figures changed; pages that show them update."""

    def show_field_problems(self, problems: dict[str, str]) -> None:
        """The store refused some values (column → sentence)."""

    def retranslate(self) -> None:
        self.title.setText(_(self.page.title))
        self.hint.setText(_(self.page.hint))


class ErrorLabel(QLabel):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


class NarrativeForm:
    """Question → text box pairs saved through the session (shared by several pages)."""

    def __init__(self, page: PlanPage, layout: QVBoxLayout, questions):
        self.page, self.questions = page, questions
        self.labels: list[QLabel] = []
        self.boxes: dict[str, NotesField] = {}
        for question in questions:
            label = QLabel(page.body)
            label.setWordWrap(True)
            label.setStyleSheet("font-weight: bold;")
            box = NotesField(page.body)
            box.edited.connect(lambda column=question.column, box=box: page.session.set_field(column, box.value()))
            layout.addWidget(label)
            layout.addWidget(box)
            self.labels.append(label)
            self.boxes[question.column] = box

    def load(self) -> None:
        for column, box in self.boxes.items():
            box.set_value(self.page.session.value(column))

    def retranslate(self) -> None:
        for label, question in zip(self.labels, self.questions):
            label.setText(_(question.label))
        for question in self.questions:
            self.boxes[question.column].setPlaceholderText(_(question.placeholder) if question.placeholder else "")




class ModelPage(PlanPage):
    """A page that edits one or more of the model's lists through ``LineTable``s."""

    def __init__(self, page: Page, session: PlanSession, parent: QWidget | None = None):
        super().__init__(page, session, parent)
        self.tables: list[LineTable] = []

    def _table(self, path: str, columns: list[LineColumn], add_label: str) -> LineTable:
        table = LineTable(path, columns, add_label, self.body)
        table.setMinimumHeight(200)
        table.edited.connect(self._tables_edited)
        self.tables.append(table)
        return table

    def _tables_edited(self) -> None:
        data = model_to_dict(self.session.model)
        for table in self.tables:
            data[table.path] = table.rows()
        self.session.set_model(model_from_dict(data))

    def _set_setting(self, name: str, value: Any) -> None:
        data = model_to_dict(self.session.model)
        data[name] = value
        self.session.set_model(model_from_dict(data))

    def load(self) -> None:
        data = model_to_dict(self.session.model)
        for table in self.tables:
            table.set_rows(data[table.path])
        self.show_results(self.session.results)

    def show_results(self, results: Results) -> None:
        for table in self.tables:
            table.show_problems(results.problems)

    def retranslate(self) -> None:
        super().retranslate()
        for table in self.tables:
            table.retranslate()
