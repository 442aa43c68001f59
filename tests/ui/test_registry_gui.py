"""Drive the real windows as an advisor would: type, pick, search, delete, undo."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from advisor_app.store.demo import load_demo


def _type(qtbot, widget, text):
    """Type like a keyboard; QTest cannot click non-ASCII keys, so those are sent as key events."""
    widget.setFocus()
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char))


def test_create_organization_and_member_from_its_window(qtbot, window, context):
    editor = window.open_organization(None)
    qtbot.addWidget(editor)
    editor.kind.set_value("cooperative")
    _type(qtbot, editor.form.editors["name"], "Cooperativa La Esperanza")
    locality = editor.form.editors["origin_locality_id"]
    _type(qtbot, locality.municipality, "jerez")
    locality._picked("Jerez, Zacatecas")
    _type(qtbot, locality.locality, "El Cargadero")
    editor.form.flush()
    organization_id = editor.record_id()
    assert organization_id
    saved = context.repository.get("organizations", organization_id)
    assert saved["name"] == "Cooperativa La Esperanza" and saved["kind"] == "cooperative"
    assert saved["origin_locality_id"]

    # A new person, added as a member from the organization's window.
    from advisor_app.ui.registry.editors import MembershipDialog, PersonEditor

    person = PersonEditor(context)
    qtbot.addWidget(person)
    _type(qtbot, person.form.editors["given_names"], "Gloria")
    _type(qtbot, person.form.editors["first_surname"], "Hernández")
    _type(qtbot, person.form.editors["curp"], "HEGG560427MVZRRL04")
    person.form.flush()
    assert person.record_id()

    dialog = MembershipDialog(context, organization_id=organization_id)
    qtbot.addWidget(dialog)
    _type(qtbot, dialog.picker, "glor")
    dialog._picked(person.record_id())
    _type(qtbot, dialog.form.editors["share_pct"], "40")
    dialog.close()
    members = editor.members._rows
    assert [row["name"] for row in members] == ["Gloria Hernández"]
    assert members[0]["share_pct"] == "40"
    assert "40" in editor.members.total.text()


def test_errors_show_beside_the_field_and_nothing_is_saved(qtbot, window, context):
    editor = window.open_person(None)
    qtbot.addWidget(editor)
    _type(qtbot, editor.form.editors["given_names"], "Ana")
    _type(qtbot, editor.form.editors["first_surname"], "Robles")
    _type(qtbot, editor.form.editors["curp"], "HEGG560427MVZRRL05")
    editor.form.flush()
    error = editor.form._error_labels["curp"]
    assert error.isVisibleTo(editor) and "CURP" in error.text()
    assert editor.record_id() is None
    assert context.store.counts()["people"] == 0
    editor.form.editors["curp"].clear()
    _type(qtbot, editor.form.editors["curp"], "HEGG560427MVZRRL04")
    editor.form.flush()
    assert editor.record_id() is not None
    assert not error.isVisibleTo(editor)


def test_shares_above_one_hundred_are_refused_at_the_field(qtbot, context):
    load_demo(context.repository)
    from advisor_app.store.demo import demo_id
    from advisor_app.ui.registry.editors import MembershipDialog

    membership = demo_id("membership:investors:p11")
    dialog = MembershipDialog(context, membership)
    qtbot.addWidget(dialog)
    share = dialog.form.editors["share_pct"]
    share.selectAll()
    _type(qtbot, share, "60")
    dialog.form.flush()
    assert "135%" in dialog.form._error_labels["share_pct"].text()
    assert context.repository.get("memberships", membership)["share_pct"] == "25"


def test_search_finds_organizations_and_people_as_you_type(qtbot, window, context):
    load_demo(context.repository)
    window.organizations.refresh()
    window.people.refresh()
    _type(qtbot, window.search, "ruval")
    assert window.people.model.rowCount() == 2
    assert window.tabs.currentWidget() is window.people
    window.search.clear()
    _type(qtbot, window.search, "jerez")
    assert window.organizations.model.rowCount() == 1
    assert window.organizations.model.data(window.organizations.model.index(0, 0)) == "Club Jerezanos de Lynwood"


def test_delete_with_confirmation_then_undo(qtbot, window, context, yes_to_questions):
    load_demo(context.repository)
    window.organizations.refresh()
    before = window.organizations.model.rowCount()
    window.organizations.table_view.selectRow(0)
    name = window.organizations.model.data(window.organizations.model.index(0, 0))
    window.organizations._delete_current()
    assert window.organizations.model.rowCount() == before - 1
    assert window.undo_button.isVisibleTo(window)
    assert name in window.undo_button.text()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert window.organizations.model.rowCount() == before
    assert context.store.counts()["organizations"] == before


def test_status_bar_shows_file_and_unexported_changes(qtbot, window, context):
    assert str(context.store.path) in window.file_label.text()
    context.repository.insert("organizations", {"kind": "other", "name": "Grupo X"})
    assert window.changes_label.text().startswith("1 ")


def test_closing_an_editor_saves_what_was_typed(qtbot, window, context):
    editor = window.open_organization(None)
    _type(qtbot, editor.form.editors["name"], "Club Nuevo")
    editor.close()  # before the autosave timer fired
    assert [row[1] for row in context.store.conn.execute("SELECT id, name FROM organizations")] == ["Club Nuevo"]


def test_typing_a_registered_person_again_offers_the_registered_record(qtbot, window, context):
    load_demo(context.repository)
    from advisor_app.store.demo import demo_id

    editor = window.open_person(None)
    _type(qtbot, editor.form.editors["given_names"], "Pedro")
    _type(qtbot, editor.form.editors["first_surname"], "Ruvalcaba")
    _type(qtbot, editor.form.editors["second_surname"], "Sanchez")  # typed without the accent
    editor.form.flush()
    assert editor.record_id() is not None and not editor.twin_banner.isVisibleTo(editor)
    _type(qtbot, editor.form.editors["birth_date"], "1958-06-05")
    assert editor.twin_banner.isVisibleTo(editor)
    assert "Pedro Ruvalcaba Sánchez" in editor.twin_text.text()
    duplicate = editor.record_id()
    people_before = context.store.counts()["people"]
    editor.use_twin()
    assert context.repository.get("people", duplicate)["deleted"] == 1
    assert context.store.counts()["people"] == people_before - 1
    opened = [widget for widget in window.findChildren(type(editor)) if widget.record_id() == demo_id("person:p09")]
    assert opened


def test_a_registered_curp_is_named_beside_the_field(qtbot, window, context):
    load_demo(context.repository)
    editor = window.open_person(None)
    from advisor_app.store.demo import demo_id

    curp = context.repository.get("people", demo_id("person:p01"))["curp"]
    _type(qtbot, editor.form.editors["curp"], curp)
    assert editor.twin_banner.isVisibleTo(editor)
    assert "María Guadalupe Ruvalcaba Márquez" in editor.twin_text.text()


def test_welcome_saves_names_as_typed_and_loads_demo_on_finish(qtbot, window, context):
    wizard = window.open_welcome()
    _type(qtbot, wizard.advisor, "Laura Méndez")
    _type(qtbot, wizard.laptop, "Oficina Jerez")
    assert context.store.get_meta("advisor_name") == "Laura Méndez"
    assert context.store.get_meta("device_name") == "Oficina Jerez"
    wizard.english.click()
    assert window.new_person_action.text() == "New &person"
    wizard.demo.setChecked(True)
    wizard.protect_page.offer.setChecked(False)
    wizard.accept()
    assert context.store.get_meta("welcome_done") == "1"
    assert context.store.counts()["organizations"] == 6
    assert window.organizations.model.rowCount() == 6


def test_closing_with_an_uncorrected_field_asks_before_losing_it(qtbot, window, context, monkeypatch):
    from advisor_app.ui.common import confirm

    asked = []
    monkeypatch.setattr(confirm, "destructive", lambda *args, **kwargs: asked.append(args[2]) or False)
    editor = window.open_person(None)
    _type(qtbot, editor.form.editors["given_names"], "Ana")
    editor.close()
    assert asked and editor.isVisible()  # kept open: the first surname is still missing
    _type(qtbot, editor.form.editors["first_surname"], "Robles")
    window.close()  # closing the main window closes (and saves) the open editor first
    assert context.store.counts()["people"] == 1


def test_a_new_membership_starts_as_member_in_pesos(qtbot, context):
    load_demo(context.repository)
    from advisor_app.store.demo import demo_id
    from advisor_app.ui.registry.editors import MembershipDialog

    dialog = MembershipDialog(context, organization_id=demo_id("org:committee"))
    qtbot.addWidget(dialog)
    dialog._picked(demo_id("person:p13"))
    membership = context.repository.get("memberships", dialog.record_id())
    assert (membership["role"], membership["currency"]) == ("member", "MXN")
    again = MembershipDialog(context, organization_id=demo_id("org:committee"))
    qtbot.addWidget(again)
    again._picked(demo_id("person:p13"))  # the same person twice: refused, and said so
    assert again.record_id() is None
    assert again.form.status.text() == "Esta persona ya es integrante de esta organización."
