"""File → Import from a spreadsheet…: the menu opens it; columns guessed, preview, the other rows imported."""

from __future__ import annotations

import datetime as dt

import openpyxl
from PySide6.QtCore import Qt

from advisor_app.store.demo import make_curp
from advisor_app.store.table_import import PROBLEM, UPDATE
from advisor_app.ui.common.background import wait_for
from advisor_app.ui.table_import import TableImportDialog

CURP = make_curp("Luis", "Pérez", "López", dt.date(1985, 3, 21), "H", "ZS")


def spreadsheet(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Portada"
    workbook.active.append(["Lista del club"])
    sheet = workbook.create_sheet("Socios")
    sheet.append(["Nombre(s)", "Apellido paterno", "Fecha de nacimiento", "CURP", "Celular", "Municipio", "Estado"])
    sheet.append(["Luis", "Pérez", dt.datetime(1985, 3, 21), CURP, "494 123 4567", "Jerez", "Zacatecas"])
    sheet.append(["Rosa", "Haro", dt.datetime(1975, 11, 22), "", "494 765 4321", "Jerez", "Zacatecas"])
    sheet.append(["Ana", "Ruiz", "30/02/1990", "", "", "Nowhere", ""])
    path = tmp_path / "socios.xlsx"
    workbook.save(path)
    return path


def finish(qtbot, job):
    assert job is not None
    assert wait_for(job, 30)
    qtbot.wait(10)


def read(qtbot, dialog):
    dialog._read_timer.stop()
    finish(qtbot, dialog.read_file())


def test_menu_opens_the_dialog_and_it_imports_the_rows_without_problems(qtbot, window, context, tmp_path):
    repository = context.repository
    rosa = repository.insert("people", {"given_names": "Rosa", "first_surname": "Haro", "birth_date": "1975-11-22"})
    window.table_import_action.trigger()
    dialog = window.findChild(TableImportDialog)
    assert dialog is not None and dialog.isVisible()
    assert window.table_import_action in window.file_menu.actions()
    dialog.file.setText(str(spreadsheet(tmp_path)))
    read(qtbot, dialog)
    # The first sheet holds no list: the second, which does, is read; the person may choose another.
    assert dialog.sheet.isVisibleTo(dialog) and dialog.sheet.count() == 2
    assert dialog.table.sheet == "Socios" and dialog.sheet.currentText() == "Socios"
    dialog.sheet.setCurrentText("Portada")
    dialog.sheet.activated.emit(0)
    finish(qtbot, dialog.job)
    assert dialog.status.text() == "socios.xlsx tiene nombres de columnas pero ninguna fila que importar."
    dialog.sheet.setCurrentText("Socios")
    dialog.sheet.activated.emit(1)
    finish(qtbot, dialog.job)
    assert dialog.table.sheet == "Socios"
    assert [dialog.columns.choice(index).currentData() for index in range(7)] == [
        "given_names", "first_surname", "birth_date", "curp", "phone", "municipality", "state"]
    assert not dialog.import_button.isEnabled()
    finish(qtbot, dialog.run_preview())
    assert dialog.pages.currentIndex() == 1
    statuses = [row.status for row in dialog.preview.rows]
    assert statuses == ["new", UPDATE, PROBLEM]
    assert "3 filas. Nuevas: 1; por actualizar: 1" in dialog.summary.text()
    # Rows with problems keep Import disabled until the person chooses to import the others.
    assert not dialog.import_button.isEnabled()
    model = dialog.model
    assert model.data(model.index(2, 0)) == "4"
    assert "Municipio: Nowhere no es un municipio" in model.data(model.index(2, 3))
    assert model.data(model.index(2, 1), Qt.ItemDataRole.BackgroundRole) is not None
    dialog.rows_view.setCurrentIndex(model.index(2, 3))
    assert dialog.row_details.text().startswith("Fila 4, columna Fecha de nacimiento: ")
    dialog.show_rows.setCurrentIndex(1)
    assert model.rowCount() == 1
    dialog.show_rows.setCurrentIndex(0)
    assert model.data(model.index(1, 1), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    dialog.skip_problems.setChecked(True)
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    finish(qtbot, dialog.job)
    assert "Importado. Nuevas: 1; actualizadas: 1; omitidas: 1." in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    luis = context.store.conn.execute("SELECT phone FROM people WHERE curp = ?", (CURP,)).fetchone()
    assert luis == ("494 123 4567",)
    assert repository.get("people", rosa)["phone"] == "494 765 4321"
    assert window.people_page.model.rowCount() == 2 if hasattr(window, "people_page") else True
    # The mapping is remembered for the next file of people.
    assert context.store.get_meta("table_import_mapping:people")


def test_a_match_left_unticked_is_skipped(qtbot, context, tmp_path):
    repository = context.repository
    rosa = repository.insert("people", {"given_names": "Rosa", "first_surname": "Haro", "birth_date": "1975-11-22"})
    dialog = TableImportDialog(context, None)
    qtbot.addWidget(dialog)
    path = tmp_path / "rosa.csv"
    path.write_text("Nombre,Apellido paterno,Fecha de nacimiento,Teléfono\nRosa,Haro,22/11/1975,494 765 4321\n",
                    encoding="utf-8")
    dialog.file.setText(str(path))
    read(qtbot, dialog)
    assert not dialog.sheet.isVisibleTo(dialog)
    finish(qtbot, dialog.run_preview())
    model = dialog.model
    assert model.setData(model.index(0, 1), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert model.data(model.index(0, 1)) == "Omitir"
    finish(qtbot, dialog.apply())
    assert repository.get("people", rosa)["phone"] is None


def test_a_damaged_file_is_one_sentence_and_the_mapping_names_what_is_missing(qtbot, context, tmp_path):
    dialog = TableImportDialog(context, None)
    qtbot.addWidget(dialog)
    damaged = tmp_path / "lista.xlsx"
    damaged.write_bytes(b"PK\x03\x04 broken")
    dialog.file.setText(str(damaged))
    read(qtbot, dialog)
    assert dialog.status.text() == "No se puede leer lista.xlsx como libro de Excel: está dañado o no es un libro."
    assert not dialog.preview_button.isEnabled()
    path = tmp_path / "orgs.csv"
    path.write_text("Tipo;Municipio\nCooperativa;Jerez\n", encoding="utf-8")
    dialog.file.setText(str(path))
    dialog.kind.setCurrentIndex(1)
    read(qtbot, dialog)
    assert dialog.status.text() == "Elija la columna que contiene Nombre."
    assert not dialog.preview_button.isEnabled()
    dialog.columns.choice(1).setCurrentIndex(dialog.columns.choice(1).findData("name"))
    assert dialog.preview_button.isEnabled()


def test_the_template_button_saves_the_columns_to_fill(qtbot, context, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "plantilla"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), "Libro de Excel (*.xlsx)"))
    dialog = TableImportDialog(context, None)
    qtbot.addWidget(dialog)
    dialog.template_button.click()
    saved = tmp_path / "plantilla.xlsx"
    headers = [cell.value for cell in openpyxl.load_workbook(saved).active[1]]
    assert headers[:3] == ["Nombre(s)", "Primer apellido", "Segundo apellido"]
    assert str(saved) in dialog.status.text()


def test_a_language_switch_keeps_the_choices_and_their_checks(qtbot, context, tmp_path):
    dialog = TableImportDialog(context, None)
    qtbot.addWidget(dialog)
    path = tmp_path / "orgs.csv"
    path.write_text("Organización,Tipo\nClub Jerezanos de Chicago,Club de migrantes\n", encoding="utf-8")
    dialog.file.setText(str(path))
    dialog.kind.setCurrentIndex(1)
    read(qtbot, dialog)
    assert dialog.preview_button.isEnabled()
    context.language.apply("en")
    assert dialog.windowTitle() == "Import from a spreadsheet"
    assert dialog.columns.choice(0).currentText() == "Name"
    dialog.columns.choice(0).setCurrentIndex(0)  # (do not import): the name is missing again
    assert dialog.status.text() == "Choose the column that holds Name."
    assert not dialog.preview_button.isEnabled()
