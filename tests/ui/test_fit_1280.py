"""Nothing is cut at 1280×720 in either language: every tab and every window of the demo data (the scenes
``make screenshots`` draws, with a bundle exchanged so the sync and conflict lists have rows), page by page,
shows its column headers, choices, buttons and labels whole, and no list scrolls sideways."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
        QWidget,
)



def _scrolls_by_design(view: QAbstractItemView) -> bool:
    """The agreement's parties are edited in a grid of nine columns beside the preview: narrowing them to
    the panel would cut every name, so the grid keeps readable columns and scrolls sideways."""
    from advisor_app.ui.agreement_editor.parties import PartiesPanel

    return isinstance(view.parentWidget(), PartiesPanel)


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisible() and widget.window() is window and widget.width() > 0


def _plain(text: str) -> str:
    """The text as drawn: an accelerator's & is not, a doubled && is one &."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _header_problems(view: QAbstractItemView, where: str) -> list[str]:
    header = view.horizontalHeader() if hasattr(view, "horizontalHeader") else None
    if header is None or not header.isVisible():
        return []
    problems = []
    # Qt sizes a header section for its text in bold (the look of a highlighted section), as here.
    font = QFont(header.font())
    font.setBold(True)
    metrics = QFontMetrics(font)
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    model = view.model()
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        text = str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        need = max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0) + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
            need += header.height() + margin  # the sort arrow, as Qt makes room for it
        if header.sectionSize(column) < need:
            problems.append(f"{where}: header “{text}” is {header.sectionSize(column)} px, needs {need}")
    right_edge = max((header.sectionViewportPosition(column) + header.sectionSize(column)
                      for column in range(header.count()) if not header.isSectionHidden(column)), default=0)
    if right_edge > view.viewport().width() and not view.horizontalScrollBar().isVisible():
        problems.append(f"{where}: {type(view).__name__} ({', '.join(_headers(view))}) ends past its right edge")
    if view.horizontalScrollBar().isVisible() and not _scrolls_by_design(view):
        problems.append(f"{where}: {type(view).__name__} ({', '.join(_headers(view))}) scrolls sideways")
    return problems


def _headers(view) -> list[str]:
    model = view.model()
    return [str(model.headerData(column, Qt.Orientation.Horizontal) or "") for column in range(model.columnCount())]


def _combo_problems(combo: QComboBox, where: str) -> list[str]:
    if combo.count() == 0:
        return []
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    metrics = combo.fontMetrics()
    longest = max((combo.itemText(index) for index in range(combo.count())), key=metrics.horizontalAdvance)
    need = metrics.horizontalAdvance(longest)
    icon = combo.iconSize().width() + 4 if any(not combo.itemIcon(i).isNull() for i in range(combo.count())) else 0
    if field.width() < need + icon:
        return [f"{where}: choice “{longest}” needs {need + icon} px, its box shows {field.width()}"]
    return []


def _button_problems(button: QAbstractButton, where: str) -> list[str]:
    text = _plain(button.text())
    if not text:
        return []
    if isinstance(button, (QCheckBox, QRadioButton)):
        need = button.sizeHint().width()  # indicator, spacing and text, nothing more
    else:
        metrics = button.fontMetrics()
        style = button.style()
        need = metrics.horizontalAdvance(text) + 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button)
        if not button.icon().isNull():
            need += button.iconSize().width() + 4
        need = min(need, button.sizeHint().width())
    if button.width() < need:
        return [f"{where}: button “{text}” is {button.width()} px, needs {need}"]
    return []


def _label_problems(label: QLabel, where: str) -> list[str]:
    if not label.text() or label.sizePolicy().horizontalPolicy() == label.sizePolicy().Policy.Ignored:
        return []  # an Ignored label is shortened on purpose, with the whole text as its tooltip
    if label.wordWrap():
        if label.hasHeightForWidth() and label.height() < label.heightForWidth(label.width()):
            return [f"{where}: label “{label.text()[:60]}” is cut at the bottom"]
        return []
    need = label.minimumSizeHint().width()
    if label.width() < need:
        return [f"{where}: label “{label.text()[:60]}” is {label.width()} px, needs {need}"]
    return []


def cut_text(window: QWidget, where: str) -> list[str]:
    """Every header narrower than its text, choice box narrower than its longest choice, button or label
    narrower than its text, and list that scrolls sideways, among the widgets showing in ``window``."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QApplication.processEvents()
    problems = []
    for view in window.findChildren(QAbstractItemView):
        if _shown(view, window) and not isinstance(view.parentWidget(), QComboBox):
            problems += _header_problems(view, where)
    for combo in window.findChildren(QComboBox):
        if _shown(combo, window):
            problems += _combo_problems(combo, where)
    for button in window.findChildren(QAbstractButton):
        if _shown(button, window) and not isinstance(button.parentWidget(), QHeaderView):
            problems += _button_problems(button, where)
    for label in window.findChildren(QLabel):
        if _shown(label, window):
            problems += _label_problems(label, where)
    for area in window.findChildren(QScrollArea):
        if _shown(area, window) and area.horizontalScrollBar().isVisible():
            problems.append(f"{where}: the page scrolls sideways ({area.widget().minimumSizeHint().width()} px "
                            f"in {area.viewport().width()})")
    return problems


def test_the_scenes_show_every_window_and_every_page():
    """What is checked below is what ``make screenshots`` shows: every kind of window is among its scenes."""
    import inspect

    from advisor_app.ui.shell import screenshots

    source = inspect.getsource(screenshots.scenes)
    for maker in ("MembershipDialog", "WorkshopWindow", "SessionWindow", "CompetencyMapDialog", "NewSessionDialog",
                  "NewPlanDialog", "CompareDialog", "SeasonDialog", "NewAgreementDialog", "VersionsDialog",
                  "MarkSignedDialog", "AddPartyDialog", "open_export", "open_import", "AgreementWindow", "PlanWizard",
                  "WelcomeWizard", "open_organization", "open_person", "conflicts_page", "sync_page"):
        assert maker in source, maker


@pytest.mark.parametrize("language", ["es", "en"])
def test_nothing_is_cut_at_1280_by_720(qtbot, small_screen, demo_context, tmp_path, language):
    from advisor_app.ui.shell.screenshots import exchange_with_a_colleague, scenes

    bundle = exchange_with_a_colleague(demo_context, tmp_path)
    demo_context.language.apply(language)
    problems, seen = [], []
    for name, window in scenes(demo_context, bundle):
        seen.append(name)
        problems += cut_text(window, f"{language}/{name}")
    assert len(seen) > 50 and "conflicts" in seen and "plan-results" in seen
    assert not problems, "\n".join(problems)
