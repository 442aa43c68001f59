"""Qt's own dialogs and menus speak the app's Mexican Spanish: "archivo", not "fichero"; "Ctrl+Z", not
"Control+Z"; and chart figures are short as the locale writes them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication, QFileInfo, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QFileIconProvider,
    QHeaderView,
    QLabel,
    QWidget,
)

from advisor_app import i18n
from advisor_app.i18n.formatting import compact
from advisor_app.ui.common.language import mexican

ENGLISH_OF_THE_FILE_DIALOG = ("Look in", "File name", "Files of type", "Folder", "Cancel", "Save", "Open",
                              "Back", "Detail View", "Name", "Size", "Date Modified")


def _texts(dialog: QWidget) -> list[str]:
    texts = []
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, (QAbstractButton, QLabel)) and widget.text():
            texts.append(widget.text().replace("&", ""))
        if widget.toolTip():
            texts.append(widget.toolTip())
        if isinstance(widget, QHeaderView):
            model = widget.model()
            texts += [str(model.headerData(column, widget.orientation())) for column in range(model.columnCount())]
    return texts


@pytest.mark.parametrize("mode", [QFileDialog.AcceptMode.AcceptSave, QFileDialog.AcceptMode.AcceptOpen])
def test_the_file_dialog_speaks_mexican_spanish_and_follows_a_switch(qtbot, context, tmp_path, mode):
    (tmp_path / "carpeta").mkdir()
    dialog = QFileDialog(None, "t", str(tmp_path), "PDF (*.pdf)")
    qtbot.addWidget(dialog)
    dialog.setAcceptMode(mode)
    dialog.show()
    spanish = _texts(dialog)
    assert QFileIconProvider().type(QFileInfo(str(tmp_path / "carpeta"))) == "Carpeta"  # the Type column
    assert "Nombre de archivo:" in spanish and "Tipo de archivo:" in spanish and "Buscar en:" in spanish
    assert not [text for text in spanish if "fichero" in text.lower()]
    assert not [text for text in spanish if text.rstrip(":") in ENGLISH_OF_THE_FILE_DIALOG]

    context.language.apply("en")
    assert "File name:" in _texts(dialog)


def test_the_app_uses_qt_own_file_dialog_which_follows_the_app_language(context):
    assert QApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)


def test_qt_messages_say_archivo_and_eliminar(context):
    replace = QCoreApplication.translate("QFileDialog", "%1 already exists.\nDo you want to replace it?")
    assert replace == "El archivo %1 ya existe.\n¿Desea reemplazarlo?"
    assert mexican("QFileDialog", "x", "¿Está seguro de que quiere borrar «%1»?") == \
        "¿Está seguro de que quiere eliminar “%1”?"
    assert mexican("QFileDialog", "x", "%1 es un directorio.") == "%1 es una carpeta."


def test_shortcuts_read_as_the_platform_writes_them(qtbot, window, context):
    assert QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText) == "Ctrl+Z"
    assert window.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) == "Ctrl+Z"
    assert "Control" not in QKeySequence("Ctrl+Shift+N").toString(QKeySequence.SequenceFormat.NativeText)
    context.language.apply("en")
    assert QKeySequence("Ctrl+Shift+N").toString(QKeySequence.SequenceFormat.NativeText) == "Ctrl+Shift+N"


@pytest.mark.parametrize(("language", "value", "shown"), [
    ("es", 146_000, "146\u00a0mil"), ("es", 8_100_000, "8.1\u00a0M"), ("es", -40_000, "-40\u00a0mil"),
    ("es", 950, "950"),
    ("en", 146_000, "146K"), ("en", 8_100_000, "8.1M"), ("en", -40_000, "-40K"), ("en", Decimal("950"), "950"),
])
def test_chart_figures_are_short_as_the_locale_writes_them(language, value, shown):
    with i18n.speaking(language):
        assert compact(value) == shown


def test_a_large_bar_on_the_home_page_is_short_and_a_small_one_exact():
    from advisor_app.ui.home.dashboard_charts import figure

    assert figure(1234) == "1,234"
    assert figure(146_000) == "146\u00a0mil"
