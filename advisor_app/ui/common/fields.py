"""Editors for one field each, with the same small interface: ``value()``, ``set_value()``,
``edited`` (emitted as the user types or picks) and ``retranslate()``.
"""

from __future__ import annotations

import json
from typing import Callable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStyle,
    QWidget,
)

from advisor_app.i18n import _
from advisor_app.i18n.formatting import number_for_editing, plain_number, read_number


class TextField(QLineEdit):
    edited = Signal()

    def __init__(self, placeholder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._placeholder = placeholder  # English, marked with N_ where defined
        self.textEdited.connect(lambda _text: self.edited.emit())
        self.retranslate()

    def value(self) -> str:
        return self.text()

    def set_value(self, value) -> None:
        self.setText("" if value is None else str(value))

    def retranslate(self) -> None:
        self.setPlaceholderText(_(self._placeholder) if self._placeholder else "")


class NumberField(TextField):
    """A number typed as the language shows it ("$15,000.00", "15 000", "15,000"): ``value()`` hands the
    checks plain digits, or the text as typed when it cannot be read (the checks then say so); once the
    field is left, a readable number is shown grouped, with two decimals for money."""

    def __init__(self, placeholder: str = "", money: bool = False, parent: QWidget | None = None):
        super().__init__(placeholder, parent)
        self._money = money
        self.editingFinished.connect(self._show_formatted)

    def value(self) -> str:
        return plain_number(self.text())

    def set_value(self, value) -> None:
        self.setText(number_for_editing(value, self._money))

    def _show_formatted(self) -> None:
        if read_number(self.text()) is not None:
            self.setText(number_for_editing(self.value(), self._money))


class NotesField(QPlainTextEdit):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumHeight(60)
        self.setMaximumHeight(110)
        self.textChanged.connect(self._on_change)
        self._loading = False

    def _on_change(self) -> None:
        if not self._loading:
            self.edited.emit()

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, value) -> None:
        self._loading = True
        self.setPlainText(value or "")
        self._loading = False

    def retranslate(self) -> None:
        pass


def vocabulary_options(vocabulary: dict[str, str]) -> Callable[[], list[tuple[str, str]]]:
    """A ``ChoiceField``'s options from one of the fixed vocabularies (code → English label)."""
    return lambda: list(vocabulary.items())


class ChoiceField(QComboBox):
    """A closed list. ``options`` gives (code, English label to translate) pairs, or already-shown
    names when ``translate`` is False (federations, US states). ``blank`` adds a "none" entry, worded by
    ``blank_label`` (an English source string) where "none" is not what an empty value means."""

    edited = Signal()

    def __init__(self, options: Callable[[], list[tuple[str, str]]], blank: bool = False,
                 translate: bool = True, parent: QWidget | None = None, blank_label: str = ""):
        super().__init__(parent)
        self._options, self._blank, self._translate = options, blank, translate
        self._blank_label = blank_label
        self._loading = False
        self.currentIndexChanged.connect(self._on_change)
        self.reload()

    def _on_change(self, _index: int) -> None:
        if not self._loading:
            self.edited.emit()

    def reload(self) -> None:
        """Refill the list (after a language switch, or when a new federation exists)."""
        current = self.value()
        self._loading = True
        self.clear()
        if self._blank:
            self.addItem(_(self._blank_label) if self._blank_label else _("(none)"), None)
        for code, text in self._options():
            self.addItem(_(text) if self._translate else text, code)
        self._loading = False
        self.set_value(current)

    def value(self):
        return self.currentData()

    def set_value(self, value) -> None:
        self._loading = True
        index = self.findData(value)
        if index < 0 and value is not None:
            self.addItem(str(value), value)  # a code from a newer laptop still shows
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0) if (index >= 0 or not self._blank) else 0)
        self._loading = False

    def retranslate(self) -> None:
        self.reload()


def attach_suggestions(line_edit: QLineEdit, on_pick) -> QStringListModel:
    """A drop-down of suggestions the caller refills as the user types (all shown, not re-filtered by
    Qt, since the caller's search already ignores accents); ``on_pick(text)`` when one is chosen."""
    model = QStringListModel(line_edit)
    completer = QCompleter(model, line_edit)
    completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.activated[str].connect(on_pick)
    line_edit.setCompleter(completer)
    return model


class ChecklistField(QListWidget):
    """Several codes ticked from a list (a workshop's competencies); the value is the list of codes."""

    edited = Signal()

    def __init__(self, options: Callable[[], list[tuple[str, str]]], parent: QWidget | None = None):
        super().__init__(parent)
        self._options = options
        self._loading = False
        self._unknown: list[str] = []
        self.setMaximumHeight(130)
        self.itemChanged.connect(lambda _item: None if self._loading else self.edited.emit())
        self.retranslate()

    def value(self) -> list[str]:
        ticked = [self.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.count())
                  if self.item(row).checkState() == Qt.CheckState.Checked]
        return ticked + [code for code in self._unknown if code not in ticked]

    def set_value(self, value) -> None:
        if isinstance(value, str):
            try:
                value = json.loads(value) if value else []
            except ValueError:
                value = []
        chosen = {item for item in value if isinstance(item, str)} if isinstance(value, list) else set()
        listed = {self.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.count())}
        # Codes this laptop does not list (another office's) are kept, not dropped on the next save.
        self._unknown = sorted(chosen - listed)
        self._loading = True
        for row in range(self.count()):
            item = self.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen
                               else Qt.CheckState.Unchecked)
        self._loading = False

    def retranslate(self) -> None:
        chosen = self.value() if self.count() else list(self._unknown)
        self._loading = True
        self.clear()
        try:
            options = self._options()
        except ValueError as error:  # an office's broken list: say so in place of the choices
            options = []
            QListWidgetItem(str(error), self).setFlags(Qt.ItemFlag.NoItemFlags)
        for code, text in options:
            item = QListWidgetItem(text, self)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
        self._loading = False


class DateField(TextField):
    """A date typed as people write it (21/03/1985 in Spanish, 3/21/1985 in English, or 1985-03-21), or
    picked from a calendar: ``value()`` hands the checks the ISO date, or the text as typed when it is
    no date (the checks then say what is wrong); shown in the language's way once the field is left."""

    def __init__(self, parent: QWidget | None = None):
        from advisor_app.i18n import current_language

        self._language = current_language()
        super().__init__("", parent)
        self.calendar_action = self.addAction(self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView),
                                              QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.triggered.connect(self.pick)
        self.calendar: QCalendarWidget | None = None
        self.editingFinished.connect(self._show_formatted)
        self.retranslate()

    def value(self) -> str:
        """Read in the language the text was written in (the screen's may have just switched)."""
        from advisor_app.domain.records import InvalidValue, read_date
        from advisor_app.i18n import speaking

        text = self.text().strip()
        try:
            with speaking(self._language):
                return read_date(text).isoformat() if text else ""
        except InvalidValue:
            return text

    def set_value(self, value) -> None:
        self.setText(shown_date(value))

    def _show_formatted(self) -> None:
        value = self.value()
        if value != self.text().strip():
            self.setText(shown_date(value))

    def pick(self) -> QCalendarWidget:
        """The calendar under the field; a day clicked fills the field as if typed."""
        import datetime as dt

        from PySide6.QtCore import QDate

        self.calendar = QCalendarWidget(self)
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        try:
            chosen = dt.date.fromisoformat(self.value())
            self.calendar.setSelectedDate(QDate(chosen.year, chosen.month, chosen.day))
        except ValueError:
            pass
        self.calendar.clicked.connect(self._picked)
        self.calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.show()
        return self.calendar

    def _picked(self, day) -> None:
        import datetime as dt

        self.setText(shown_date(dt.date(day.year(), day.month(), day.day())))
        if self.calendar is not None:
            self.calendar.close()
        self.edited.emit()
        self.editingFinished.emit()

    def retranslate(self) -> None:
        from advisor_app.i18n import current_language

        if not hasattr(self, "calendar_action"):
            return  # called by TextField's constructor, before this field is built
        written = self.value()
        self._language = current_language()
        self.setPlaceholderText(_("mm/dd/yyyy") if self._language == "en" else _("dd/mm/yyyy"))
        self.calendar_action.setToolTip(_("Choose the date on a calendar"))
        if written:
            self.setText(shown_date(written))


def shown_date(value) -> str:
    """An ISO date as the language writes it by hand ("21/03/1985", "3/21/1985"); other text as it is."""
    import datetime as dt

    from advisor_app.i18n import current_language

    text = "" if value is None else str(value)
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(text)
    except ValueError:
        return text
    return f"{day.month}/{day.day}/{day.year}" if current_language() == "en" else f"{day.day:02d}/{day.month:02d}/{day.year}"
