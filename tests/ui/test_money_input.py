"""Money is read as the app shows it, in both languages, and shown that way once a cell or field is left.

"$50,000.00" (what the app itself displays), "50 000" and "50,000" are all fifty thousand; what cannot
be read unambiguously ("12,34,5", "abc", "1.2.3") stays as typed with one clear sentence beside it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from advisor_app.domain.plans import PAGE_KEYS
from advisor_app.store.demo import demo_id
from advisor_app.ui.plan_wizard import PlanWizard

READABLE = [("$50,000.00", "50,000.00"), ("50 000", "50,000.00"), ("50,000", "50,000.00"),
            ("50000", "50,000.00"), ("US$50,000.00", "50,000.00"), ("MX$50,000", "50,000.00"),
            ("$ 50,000.00", "50,000.00"), ("50000 MXN", "50,000.00")]
UNREADABLE = ["12,34,5", "abc", "1.2.3", "1,5"]
NOT_A_NUMBER = {"es": "Esto no es un número.", "en": "This is not a number."}


@pytest.fixture(params=["es", "en"])
def language(request, context):
    context.language.apply(request.param)
    return request.param


def type_into_cell(qtbot, line_table, row, key, text):
    """Double-click-free editing as a person does it: the cell's editor opens, the text is typed over
    what was there, and Enter ends the edit."""
    table = line_table.table
    column = [column.key for column in line_table.columns].index(key)
    table.setFocus()
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and table.isAncestorOf(editor)
    editor.selectAll()
    for char in text:
        qtbot.keyClick(editor, char)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)  # the edit ends from the event loop
    return table.item(row, column)


@pytest.fixture
def investment(qtbot, demo_context, window):
    wizard = PlanWizard(demo_context, demo_id("plan:investors"), window)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.go_to(PAGE_KEYS.index("investment"))
    yield wizard, wizard.current_page().items
    wizard.close()


@pytest.mark.parametrize("typed, shown", READABLE)
def test_an_amount_is_read_as_displayed(qtbot, language, investment, typed, shown):
    wizard, items = investment
    cell = type_into_cell(qtbot, items, 0, "amount", typed)
    assert wizard.session.model.investments[0].amount == Decimal(50000)
    assert cell.text() == shown
    assert not any(path.startswith("investments[0]") for path in wizard.session.results.problems)


@pytest.mark.parametrize("typed", UNREADABLE)
def test_an_unreadable_amount_stays_as_typed_with_one_sentence(qtbot, language, investment, typed):
    wizard, items = investment
    cell = type_into_cell(qtbot, items, 0, "amount", typed)
    assert cell.text() == typed
    assert wizard.session.results.problems["investments[0].amount"] == NOT_A_NUMBER[language]
    assert NOT_A_NUMBER[language] in items.problems.text()
    assert "Traceback" not in items.problems.text() and items.problems.text().count("\n") == 0


def test_cells_show_money_as_the_rest_of_the_window_does(qtbot, investment):
    wizard, items = investment
    amounts = [items.table.item(row, 2).text() for row in range(items.table.rowCount())]
    assert amounts and all("," in amount and amount.endswith((".00",)) for amount in amounts if len(amount) > 6)
    first = wizard.session.model.investments[0].amount
    assert amounts[0] == f"{first:,.2f}"
    assert f"{first:,.2f}" in "".join(amounts)


@pytest.mark.parametrize("typed, stored", [("$15,000.00", Decimal(15000)), ("15 000", Decimal(15000)),
                                           ("15,000", Decimal(15000))])
def test_a_members_contribution_is_read_as_displayed(qtbot, language, demo_context, typed, stored):
    from advisor_app.ui.registry.editors import MembershipDialog

    membership = demo_context.store.conn.execute(
        "SELECT id FROM memberships WHERE deleted = 0 AND contribution IS NOT NULL LIMIT 1").fetchone()[0]
    dialog = MembershipDialog(demo_context, membership)
    dialog.show()
    field = dialog.form.editors["contribution"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Return)  # the edit ends (as leaving the field does)
    dialog.form.flush()
    assert Decimal(demo_context.repository.get("memberships", membership)["contribution"]) == stored
    assert field.text() == "15,000.00"
    assert not dialog.form._error_labels["contribution"].isVisibleTo(dialog)
    dialog.close()


@pytest.mark.parametrize("typed", UNREADABLE)
def test_an_unreadable_contribution_is_one_sentence_beside_the_field(qtbot, language, demo_context, typed):
    from advisor_app.ui.registry.editors import MembershipDialog

    membership = demo_context.store.conn.execute(
        "SELECT id FROM memberships WHERE deleted = 0 AND contribution IS NOT NULL LIMIT 1").fetchone()[0]
    before = demo_context.repository.get("memberships", membership)["contribution"]
    dialog = MembershipDialog(demo_context, membership)
    dialog.show()
    field = dialog.form.editors["contribution"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Return)  # the edit ends (as leaving the field does)
    dialog.form.flush()
    assert field.text() == typed
    assert dialog.form._error_labels["contribution"].text() == NOT_A_NUMBER[language]
    assert demo_context.repository.get("memberships", membership)["contribution"] == before
    dialog.form.discard_pending()
    dialog.form._errors.clear()
    dialog.close()
