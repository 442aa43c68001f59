"""The first start offers to protect the data file with a passphrase, ticked; declining warns."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard

from advisor_app.store import cipher
from advisor_app.store.recovery_key import decode_recovery_key

PASSPHRASE = "milpa y maguey 2026"


def _recovery_dialog(qapp):
    from advisor_app.ui.security.recovery_sheet_dialog import RecoveryKeyDialog

    shown = [widget for widget in qapp.topLevelWidgets() if isinstance(widget, RecoveryKeyDialog) and widget.isVisible()]
    assert len(shown) == 1
    return shown[0]


def _to_protect_page(qtbot, window):
    wizard = window.open_welcome()
    qtbot.addWidget(wizard)
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.protect_page
    return wizard


def test_protection_is_offered_ticked_and_finish_waits_for_two_matching_passphrases(qtbot, window):
    wizard = _to_protect_page(qtbot, window)
    page = wizard.protect_page
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert page.offer.isChecked()
    assert "nadie podrá recuperar los datos" in page.lost.text()
    assert not finish.isEnabled()
    qtbot.keyClicks(page.fields.passphrase, "corta")
    assert not finish.isEnabled()
    assert "al menos 8 caracteres" in page.fields.problem.text()
    page.fields.passphrase.clear()
    qtbot.keyClicks(page.fields.passphrase, PASSPHRASE)
    qtbot.keyClicks(page.fields.repeat, PASSPHRASE[:-1])
    assert page.fields.problem.text() == "Las dos contraseñas no son iguales."
    assert not finish.isEnabled()
    qtbot.keyClicks(page.fields.repeat, PASSPHRASE[-1])
    assert page.fields.problem.text() == ""
    assert finish.isEnabled()


def test_finishing_with_protection_encrypts_the_file_and_shows_the_recovery_key(qtbot, qapp, window, context):
    from advisor_app.ui.common.background import current_job, wait_for

    wizard = _to_protect_page(qtbot, window)
    wizard.demo.setChecked(True)
    qtbot.keyClicks(wizard.protect_page.fields.passphrase, PASSPHRASE)
    qtbot.keyClicks(wizard.protect_page.fields.repeat, PASSPHRASE)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    job = current_job()
    if job is not None:
        assert wait_for(job, 30)
    path = context.store.path
    assert cipher.is_encrypted(path)
    assert cipher.key_file_for(path).exists()
    assert context.store.protected
    assert context.store.get_meta("welcome_done") == "1"
    assert context.store.counts()["organizations"] == 6  # the demo went into the protected file
    assert not wizard.isVisible()

    dialog = _recovery_dialog(qapp)
    typed = dialog.key.text()
    key = decode_recovery_key(typed)
    assert key == context.store.key == cipher.data_key_for(path, PASSPHRASE)
    assert cipher.data_key_for(path, recovery_key=typed) == key
    # The key is kept nowhere: not in the file's settings.
    assert not context.store.conn.execute("SELECT count(*) FROM meta WHERE value LIKE ?",
                                          (f"%{typed[:10]}%",)).fetchone()[0]
    # The window reads the protected file.
    assert window.organizations.model.rowCount() == 6


def test_the_recovery_key_window_closes_only_once_the_key_is_kept(qtbot, context):
    from advisor_app.ui.security.recovery_sheet_dialog import RecoveryKeyDialog

    dialog = RecoveryKeyDialog(context, "1YGM1-C04EP-QQENR-G6DJ8-7AMZS-KT60J-FB1EN-PR2MG-TTF3D-K82TM-TRDXA-85C0M-6BYB6")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.close_button.isEnabled()
    dialog.reject()  # Escape
    assert dialog.isVisible()
    dialog.kept.click()
    assert dialog.close_button.isEnabled()
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_declining_warns_and_leaves_the_file_plain(qtbot, window, context):
    wizard = _to_protect_page(qtbot, window)
    page = wizard.protect_page
    assert not page.declined.isVisible()
    page.offer.click()
    assert page.declined.isVisible()
    assert page.declined.text() == "Sin contraseña, cualquiera que se lleve esta computadora puede leer todos sus datos."
    assert not page.fields.isEnabled()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled()
    finish.click()
    path = context.store.path
    assert not cipher.is_encrypted(path)
    assert not cipher.key_file_for(path).exists()
    assert context.store.get_meta("welcome_done") == "1"


@pytest.mark.parametrize("done", [True, False])
def test_the_offer_is_made_at_the_first_start_only(qtbot, window, context, done):
    if done:
        context.store.set_meta("welcome_done", "1")
    wizard = window.open_welcome()
    qtbot.addWidget(wizard)
    assert (wizard.protect_page is None) == done
    assert len(wizard.pageIds()) == (2 if done else 3)


def test_the_recovery_sheet_is_saved_from_the_key_window(qtbot, context, tmp_path, messages):
    from pypdf import PdfReader

    from advisor_app.ui.common.background import wait_for
    from advisor_app.ui.security.recovery_sheet_dialog import RecoveryKeyDialog

    context.store.set_meta("device_name", "Laptop Jerez")
    recovery = "1YGM1-C04EP-QQENR-G6DJ8-7AMZS-KT60J-FB1EN-PR2MG-TTF3D-K82TM-TRDXA-85C0M-6BYB6"
    dialog = RecoveryKeyDialog(context, recovery, None)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("both"))
    job = dialog.save_sheet(tmp_path / "sheet.pdf")
    assert wait_for(job, 30)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(str(tmp_path / "sheet.pdf")).pages).split())
    assert "Laptop Jerez" in text and "1YGM1" in text and "6BYB6" in text
    assert "Olvidé la contraseña" in text and "I forgot the passphrase" in text
    assert str(tmp_path / "sheet.pdf") in dialog.saved_label.text()
