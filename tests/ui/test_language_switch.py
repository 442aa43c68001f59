"""Switching language re-translates every open window at once, Qt's own buttons included."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWizard


def test_open_windows_follow_the_language(qtbot, window, context):
    from advisor_app.ui.shell.welcome import WelcomeWizard

    editor = window.open_organization(None)
    qtbot.addWidget(editor)
    wizard = WelcomeWizard(context, window)
    qtbot.addWidget(wizard)
    wizard.show()
    assert window.new_person_action.text() == "Nueva &persona"
    assert editor.windowTitle() == "Nueva organización"
    close = editor.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close.text().replace("&", "") == "Cerrar"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Siguiente >"

    window.english_action.trigger()

    assert window.new_person_action.text() == "New &person"
    assert window.tabs.tabText(window.tabs.indexOf(window.organizations)).startswith("Organizations")
    assert editor.windowTitle() == "New organization"
    assert editor.form._labels["name"].text() == "Name *"
    assert close.text().replace("&", "") == "Close"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Next >"
    assert context.store.get_meta("language") == "en"

    window.spanish_action.trigger()
    assert editor.form._labels["name"].text() == "Nombre *"
    assert window.people.model.headerData(0, Qt.Orientation.Horizontal) == "Nombre"


def test_money_follows_the_language(qtbot, context):
    from decimal import Decimal

    from advisor_app.i18n import formatting

    context.language.apply("en")
    english = formatting.money(Decimal("1234.5"), "MXN")
    context.language.apply("es")
    spanish = formatting.money(Decimal("1234.5"), "MXN")
    assert english == "MX$1,234.50"
    assert spanish == "$1,234.50"
    assert formatting.money(Decimal("1234.5"), "USD") == "US$1,234.50"  # as Mexico writes dollars
