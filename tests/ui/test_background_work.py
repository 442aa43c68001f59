"""Long work runs in the background: export and import through their windows finish as before, report
their steps and counts, and Cancel leaves nothing half done; an error says one sentence; one job at a time;
the main window waits for a job before it closes; the worker keeps the language it started in."""

from __future__ import annotations

import hashlib
import threading

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from advisor_app.i18n import N_, _
from advisor_app.logs import LOG_NAME
from advisor_app.store.attachments import attachment_path
from advisor_app.store.database import Store
from advisor_app.store.demo import load_demo
from advisor_app.store.repository import Repository
from advisor_app.sync import export as export_module
from advisor_app.sync import importer as importer_module
from advisor_app.sync.export import export_bundle
from advisor_app.sync.importer import run_import
from advisor_app.ui.common import background
from advisor_app.ui.common.background import CANCELLED, FAILED, SUCCEEDED, run_in_background, wait_for
from ui_helpers import finished

PASSPHRASE = "clave del club 2026"


class Gate:
    """Holds the worker at one point until the test lets it go on."""

    def __init__(self):
        self.reached, self.go_on = threading.Event(), threading.Event()

    def wait_here(self):
        self.reached.set()
        assert self.go_on.wait(30)


def _export_dialog(window, target, encrypt=True):
    dialog = window.sync_page.open_export()
    dialog.target.edit.setText(str(target))
    dialog.encrypt.setChecked(encrypt)
    if encrypt:
        dialog.passphrase.setText(PASSPHRASE)
        dialog.repeat.setText(PASSPHRASE)
    return dialog


def _other_laptop_bundle(tmp_path, with_scan=False):
    (tmp_path / "juchipila").mkdir()  # its scans in a folder of their own
    other = Store.open(tmp_path / "juchipila" / "other.sqlite3")
    other.set_meta("device_name", "Laptop Juchipila")
    repository = Repository(other)
    load_demo(repository)
    scan = b"%PDF-1.4 acta de la asamblea"
    sha256 = hashlib.sha256(scan).hexdigest()
    if with_scan:
        organization = repository.insert("organizations", {"kind": "cooperative", "name": "Cooperativa El Mezquite"})
        repository.insert("attachments", {"sha256": sha256, "file_name": "acta.pdf", "size": len(scan),
                                          "table_name": "organizations", "record_id": organization})
        stored = attachment_path(other, sha256)
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_bytes(scan)
    bundle = tmp_path / "de-juchipila.advbundle"
    export_bundle(other, bundle, passphrase=PASSPHRASE)
    other.close()
    return bundle, sha256


def test_export_runs_in_the_background_reports_its_steps_and_writes_the_same_bundle(qtbot, window, context,
                                                                                     tmp_path):
    load_demo(context.repository)
    target = tmp_path / "para-juchipila.advbundle"
    dialog = _export_dialog(window, target)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    job = dialog.job
    assert job.is_running()  # the click came back before the bundle was written: the window is free
    assert job._thread is not threading.current_thread()
    seen = []
    job.progressed.connect(lambda step, done, total: seen.append((step, done, total)))
    finished(qtbot, job)
    assert job.state == SUCCEEDED and not dialog.isVisible()
    steps = [step for step, _done, _total in seen]
    assert "Writing the changes" in steps
    writing = [(done, total) for step, done, total in seen if step == "Writing the changes"]
    assert writing[-1][0] == writing[-1][1] > 100  # the count reached its total
    assert target.read_bytes().startswith(b"ADVBENC1")
    assert window.statusBar().currentMessage() == dialog.result_message
    assert window.changes_label.text().startswith("0 ")  # the window's connection sees the worker's writes
    other = Store.open(tmp_path / "other.sqlite3")
    assert run_import(other, target, PASSPHRASE, dry_run=False, trust=True).stats.new_records == 104
    other.close()


def test_the_progress_window_shows_the_step_and_the_count_in_the_windows_language(qtbot, window, context,
                                                                                  tmp_path, monkeypatch):
    load_demo(context.repository)
    gate = Gate()
    real_sync = export_module._sync_to_disk
    monkeypatch.setattr(export_module, "_sync_to_disk", lambda path: (gate.wait_here(), real_sync(path)))
    dialog = _export_dialog(window, tmp_path / "b.advbundle", encrypt=False)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    job = dialog.job
    assert gate.reached.wait(30)
    qtbot.waitUntil(lambda: job.window.isVisible() and job.step == "Saving the file")
    progress = job.window
    assert progress.heading.text() == "Exportar un paquete de cambios"
    assert progress.step.text() == "Guardando el archivo"
    assert progress.cancel_button.text() == "Cancelar"
    context.language.apply("en")  # the window follows a switch while the work goes on
    assert progress.heading.text() == "Exporting a bundle" and progress.step.text() == "Saving the file"
    gate.go_on.set()
    finished(qtbot, job)
    assert not progress.isVisible()


def test_cancel_mid_export_leaves_no_file_and_no_partial_copy(qtbot, window, context, tmp_path, monkeypatch):
    load_demo(context.repository)
    gate = Gate()
    real_sync = export_module._sync_to_disk
    monkeypatch.setattr(export_module, "_sync_to_disk", lambda path: (gate.wait_here(), real_sync(path)))
    folder = tmp_path / "usb"
    folder.mkdir()
    target = folder / "para-juchipila.advbundle"
    dialog = _export_dialog(window, target)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    job = dialog.job
    assert gate.reached.wait(30)  # the whole bundle is written, not yet under its name
    assert [path.name for path in folder.iterdir()][0].endswith(".partial")
    qtbot.waitUntil(job.window.isVisible)
    job.window.cancel_button.click()
    assert job.window.cancel_button.text() == "Cancelando…" and not job.window.cancel_button.isEnabled()
    gate.go_on.set()
    assert finished(qtbot, job) is None and job.state == CANCELLED
    assert list(folder.iterdir()) == []
    assert dialog.isVisible() and dialog.problem.text() == "Se canceló la exportación; no se guardó ningún archivo."
    assert context.store.conn.execute("SELECT count(*) FROM bundle_history").fetchone()[0] == 0
    assert dialog.buttons.isEnabled()


def test_import_runs_in_the_background_and_the_window_sees_what_it_brought(qtbot, window, context, tmp_path):
    bundle, _sha = _other_laptop_bundle(tmp_path)
    dialog = window.sync_page.open_import(bundle)
    qtbot.waitUntil(lambda: dialog.job is None)  # the first reading, without a passphrase
    dialog.passphrase.setText(PASSPHRASE)
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.job is None, timeout=30_000)
    assert "104 nuevos" in dialog.preview_text.text()
    assert context.store.counts()["people"] == 0  # the preview changed nothing
    dialog.trust.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Apply).click()
    job = dialog.job
    assert job.is_running()
    steps = []
    job.progressed.connect(lambda step, done, total: steps.append(step))
    finished(qtbot, job)
    assert dialog.imported and "Importado." in dialog.preview_text.text()
    assert {"Applying the changes", "Saving the changes"} <= set(steps)
    assert context.store.counts()["people"] == 25 and window.people.model.rowCount() == 25
    newest = context.store.conn.execute("SELECT value FROM meta WHERE key = 'newest_received_stamp'").fetchone()[0]
    assert context.store.clock.now() > newest  # the window's clock moved past what arrived


def test_cancel_mid_import_commits_nothing_and_removes_the_scans_it_copied(qtbot, window, context, tmp_path,
                                                                          monkeypatch):
    bundle, sha256 = _other_laptop_bundle(tmp_path, with_scan=True)
    assert not attachment_path(context.store, sha256).exists()
    dialog = window.sync_page.open_import(bundle)
    qtbot.waitUntil(lambda: dialog.job is None)  # the first reading, without a passphrase
    dialog.passphrase.setText(PASSPHRASE)
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.job is None, timeout=30_000)
    dialog.trust.setChecked(True)
    gate = Gate()
    real_remember = importer_module._remember_sender

    def remember_then_wait(*args):  # inside the transaction: every change applied, the scan copied
        real_remember(*args)
        gate.wait_here()

    monkeypatch.setattr(importer_module, "_remember_sender", remember_then_wait)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Apply).click()
    job = dialog.job
    assert gate.reached.wait(30)
    assert attachment_path(context.store, sha256).exists()
    assert context.store.counts()["people"] == 0  # not committed: the window's connection does not see it
    qtbot.waitUntil(job.window.isVisible)
    job.window.cancel_button.click()
    gate.go_on.set()
    assert finished(qtbot, job) is None and job.state == CANCELLED
    assert context.store.counts()["people"] == 0 and context.store.counts()["organizations"] == 0
    for table in ("peers", "bundle_history", "conflicts"):
        assert context.store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    assert not attachment_path(context.store, sha256).exists()
    assert not dialog.imported
    assert dialog.preview_text.text().endswith("Se canceló la importación; no cambió nada.")
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Apply).isEnabled()  # it can be tried again
    dialog.buttons.button(QDialogButtonBox.StandardButton.Apply).click()
    monkeypatch.setattr(importer_module, "_remember_sender", real_remember)
    gate.go_on.set()
    finished(qtbot, dialog.job)
    assert context.store.counts()["people"] == 25 and attachment_path(context.store, sha256).exists()


def test_an_unexpected_error_in_the_worker_is_one_translated_sentence(qtbot, window, context, tmp_path,
                                                                      monkeypatch):
    from advisor_app.ui.sync import export_dialog

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *rest: shown.append(text))
    monkeypatch.setattr(export_dialog, "export_bundle",
                        lambda *args, **kwargs: (_ for _ in ()).throw(RuntimeError("disk said no at 0x7f")))
    dialog = _export_dialog(window, tmp_path / "b.advbundle")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    job = dialog.job
    qtbot.waitUntil(lambda: not job.is_running(), timeout=30_000)
    assert job.state == FAILED and len(shown) == 1
    assert shown[0].startswith(_("Something unexpected went wrong. Everything saved so far is safe; the details "
                                 "were written to {log}.").split("{log}")[0])
    sentence = shown[0].replace(str(tmp_path / LOG_NAME), "the log")  # the log beside the test's data file
    assert "Traceback" not in sentence and "0x7f" not in sentence and sentence.count(".") <= 2
    assert dialog.buttons.isEnabled() and dialog.isVisible()


def test_a_refused_bundle_is_its_own_sentence(qtbot, window, context, tmp_path):
    bundle, _sha = _other_laptop_bundle(tmp_path)
    dialog = window.sync_page.open_import(bundle)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30_000)  # the first reading, without a passphrase
    assert dialog.preview_text.text() == _("This bundle is protected with a passphrase; enter it to open the bundle.") \
        or "contraseña" in dialog.preview_text.text()
    dialog.passphrase.setText("no es la contraseña")  # typing may itself start a reading, after a pause
    job = dialog.preview() or dialog.job
    reading = _("Reading the bundle…")

    def settled():
        return (dialog.job is None and not dialog._preview_timer.isActive()
                and dialog.preview_text.text() != reading)

    qtbot.waitUntil(settled, timeout=60_000)  # scrypt on a loaded machine takes its time
    text = dialog.preview_text.text()
    assert job.state == FAILED and "\n" not in text and "Traceback" not in text
    assert "contraseña" in text  # Spanish, and about the passphrase


def test_one_job_at_a_time_and_the_window_closes_only_when_it_stopped(qtbot, window, context, messages):
    gate = Gate()
    progressed = threading.Event()

    def work(progress):
        progress(N_("Writing the PDF"), 1, 3)
        progressed.set()
        gate.wait_here()
        progress(N_("Writing the PDF"), 2, 3)  # Cancel takes effect here
        return "complete"

    job = run_in_background(window, N_("Saving a PDF"), work)
    assert progressed.wait(30)
    assert run_in_background(window, N_("Exporting a bundle"), lambda progress: None) is None
    assert messages == ["Espere a que termine “Guardar un PDF” o cancélelo.".replace("“", '"').replace("”", '"')]
    assert window.close() is False and window.isVisible()  # asked (yes), cancelled, waits for the work to stop
    assert job.cancel_requested()
    gate.go_on.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    assert job.state == CANCELLED
    assert background.current_job() is None


def test_the_worker_keeps_the_language_it_started_in(qtbot, window, context):
    gate = Gate()

    def work(progress):
        gate.wait_here()
        return _("Cancel")

    job = run_in_background(window, N_("Saving a PDF"), work)
    assert gate.reached.wait(30)
    context.language.apply("en")  # the person switches while the work runs
    gate.go_on.set()
    assert finished(qtbot, job) == "Cancelar"
    assert _("Cancel") == "Cancel"


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_progress_window_at_1280_by_720(qtbot, window, context, language):
    """A look at it in both languages (saved beside the other screenshots of the test run)."""
    import os

    context.language.apply(language)
    window.resize(1280, 720)
    gate = Gate()

    def work(progress):
        progress(N_("Applying the changes"), 41_250, 100_000)
        gate.wait_here()

    job = run_in_background(window, N_("Importing a bundle"), work)
    qtbot.waitUntil(lambda: job.window.isVisible() and job.done == 41_250)
    assert job.window.count.text() == ("41,250 of 100,000" if language == "en" else "41,250 de 100,000")
    assert job.window.width() <= 1280 and job.window.height() <= 720
    os.makedirs("/tmp/shots", exist_ok=True)
    from PySide6.QtGui import QPainter

    picture = window.grab()  # the main window with the progress window where it opened over it
    painter = QPainter(picture)
    painter.drawPixmap(job.window.geometry().topLeft() - window.geometry().topLeft(), job.window.grab())
    painter.end()
    picture.save(f"/tmp/shots/progress_{language}.png")
    gate.go_on.set()
    wait_for(job, 30)
