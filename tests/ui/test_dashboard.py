"""The home page: the demo's figures, where each card, bar and workshop leads, refresh after edits
(debounced, and only while the page is shown), and the language switch."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def demo(context):
    from advisor_app.store.demo import load_demo

    load_demo(context.repository, today=TODAY)
    return context


@pytest.fixture
def page(qtbot, demo):
    from advisor_app.ui.home.dashboard import DashboardPage

    calls: list[tuple[str, str | None]] = []
    dashboard = DashboardPage(demo, lambda target, value: calls.append((target, value)))
    dashboard.today = TODAY
    dashboard.calls = calls
    qtbot.addWidget(dashboard)
    dashboard.resize(1160, 620)
    dashboard.show()
    qtbot.waitExposed(dashboard)
    qtbot.waitUntil(lambda: dashboard.figures is not None)  # read just after the first paint
    return dashboard


def figure(page, name: str) -> str:
    return page.cards[name].figure.text()


def bars(chart) -> dict[str, int]:
    return {bar.key: bar.value for bar in chart.bars}


def click_bar(qtbot, chart, key: str) -> None:
    row = [bar.key for bar in chart.bars].index(key)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.bar_rect(row).center().toPoint())


def test_the_figures_are_the_demos(page, demo):
    from advisor_app.domain.plans import PLAN_STATUSES
    from advisor_app.store.demo import demo_id

    assert figure(page, "organizations") == "6"
    assert figure(page, "people") == "25"
    assert figure(page, "agreements") == "1"
    assert figure(page, "actions") == "1"
    assert figure(page, "workshops") == "2"
    assert figure(page, "registrations") == "0"  # in March 2026 every demo club's toma de nota is good for long
    assert figure(page, "sync") == str(demo.store.unexported_changes())
    assert [bar.key for bar in page.plans_chart.bars] == list(PLAN_STATUSES)
    assert bars(page.plans_chart) == {"draft": 1, "in_review": 1, "approved": 0, "funded": 0, "operating": 0,
                                      "closed": 0}
    assert bars(page.competency_chart) == {"business": 1, "finance": 1, "agreements": 1, "market": 0,
                                           "leadership": 1, "negotiation": 0}
    assert [row.workshop_id for row in page.workshop_rows] == [demo_id("workshop:market")]
    row = page.workshop_rows[0]
    assert row.title.text() == "Vender fuera de la comunidad: mercado y precios"
    assert row.place.text() == "Casa de la cultura de Juchipila"
    assert row.when.text() == "20 mar 2026"
    assert not page.upcoming_empty.isVisible()


def test_every_card_bar_and_workshop_leads_to_its_list(qtbot, page):
    from advisor_app.store.demo import demo_id

    for name in ("organizations", "people", "agreements", "actions", "sync", "workshops", "registrations"):
        qtbot.mouseClick(page.cards[name], Qt.MouseButton.LeftButton)
    click_bar(qtbot, page.plans_chart, "in_review")
    click_bar(qtbot, page.plans_chart, "closed")
    qtbot.mouseClick(page.workshop_rows[0], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.all_upcoming, Qt.MouseButton.LeftButton)
    assert page.calls == [("organizations", None), ("people", None), ("agreements", "ready"),
                          ("actions", "overdue"), ("sync", None), ("workshops", "held"), ("registrations", "due"),
                          ("plans", "in_review"),
                          ("plans", "closed"), ("workshops", demo_id("workshop:market")),
                          ("workshops", "upcoming")]


def test_a_bar_opens_with_the_keyboard_and_the_competency_chart_is_not_a_link(qtbot, page):
    page.plans_chart.setFocus()
    qtbot.keyClick(page.plans_chart, Qt.Key.Key_Down)
    qtbot.keyClick(page.plans_chart, Qt.Key.Key_Return)
    click_bar(qtbot, page.competency_chart, "business")
    assert page.calls == [("plans", "in_review")]


def test_a_new_overdue_action_and_a_new_agreement_ready_show_after_the_refresh(qtbot, page, demo):
    from advisor_app.store import agreements
    from advisor_app.store.demo import DEMO_TODAY, demo_id

    demo.repository.insert("session_actions", {
        "session_id": demo_id("session:investors"), "description": "Llevar el acta a la notaría",
        "responsible_id": demo_id("person:p12"), "due_on": TODAY - dt.timedelta(days=2)})
    assert figure(page, "actions") == "1"  # debounced: not read again on the very edit
    qtbot.waitUntil(lambda: figure(page, "actions") == "2", timeout=2000)

    agreement_id = agreements.create_agreement(demo.repository, "partnership", demo_id("org:investors"),
                                               demo_id("plan:investors"), today=DEMO_TODAY)
    agreements.set_parameter(demo.repository, agreement_id, "loan_lender", "Caja Solidaria Jerez, S.C. de A.P.")
    agreements.set_parameter(demo.repository, agreement_id, "managing_partner", "Gerardo Félix Román")
    for number, party in enumerate(agreements.party_rows(demo.repository.conn, agreement_id), 1):
        agreements.edit_party(demo.repository, party["id"], {"id_number": f"INE {1000000000000 + number}"})
    agreements.mark_reviewed(demo.repository, agreement_id)
    agreements.mark_ready(demo.repository, agreement_id)
    qtbot.waitUntil(lambda: figure(page, "agreements") == "2", timeout=2000)
    assert figure(page, "sync") == str(demo.store.unexported_changes())


def test_a_burst_of_edits_is_read_once_and_a_hidden_page_waits_until_shown(qtbot, page, demo, monkeypatch):
    from advisor_app.store.demo import demo_id
    from advisor_app.ui.home import dashboard as module

    reads = []
    real = module.dashboard
    monkeypatch.setattr(module, "dashboard", lambda store, today, unsent=None, *args, **kwargs: reads.append(
        today) or real(store, today, unsent, *args, **kwargs))
    for index in range(5):
        demo.repository.update("people", demo_id("person:p11"), {"phone": f"+52 494 100 000{index}"})
    qtbot.waitUntil(lambda: len(reads) == 1, timeout=2000)
    qtbot.wait(300)
    assert reads == [TODAY]

    page.hide()
    demo.repository.update("session_actions", demo_id("session:investors:action0"), {"done_on": TODAY})
    qtbot.wait(300)
    assert len(reads) == 1 and figure(page, "actions") == "1"
    page.show()
    assert len(reads) == 2 and figure(page, "actions") == "0"


def test_a_recount_of_the_change_log_moves_only_the_unsent_figure(qtbot, page, demo, monkeypatch):
    from advisor_app.ui.home import dashboard as module

    monkeypatch.setattr(module, "dashboard", lambda *args, **kwargs: pytest.fail("no need to read every figure"))
    demo.store.set_meta("exported_through_seq", str(10 ** 9))  # as an export leaves it
    demo.count_unexported()
    qtbot.wait(300)
    assert figure(page, "sync") == "0" and figure(page, "people") == "25"


def test_a_new_day_is_read_when_the_page_is_shown_again(qtbot, page):
    page.hide()
    page.today = TODAY + dt.timedelta(days=20)  # the market workshop is past, the cooperative's action overdue
    page.show()
    assert figure(page, "actions") == "2"
    assert page.workshop_rows == [] and page.upcoming_empty.isVisible()


def test_the_language_switch_relabels_everything(qtbot, page, demo):
    from advisor_app.i18n import _

    assert page.heading.text() == "En resumen"
    assert page.cards["people"].caption.text() == _("People")
    assert [bar.label for bar in page.plans_chart.bars][:2] == ["Borrador", "En revisión"]
    assert page.competency_chart.bars[0].label == "Plan de negocio y administración"
    assert page.date_label.text() == "martes, 10 de marzo de 2026"

    demo.language.apply("en")
    assert page.heading.text() == "At a glance"
    assert [page.cards[name].caption.text() for name in page.cards] == [
        "Organizations", "People", "Agreements to sign", "Overdue actions", "Unsent changes", "Workshops held",
        "Clubs whose toma de nota expires within 90 days or has expired"]
    assert [bar.label for bar in page.plans_chart.bars] == ["Draft", "In review", "Approved", "Funded", "Operating",
                                                           "Closed"]
    assert page.competency_chart.bars[0].label == "Business planning and management"
    assert page.plans_title.text() == "Business plans by status"
    assert page.upcoming_title.text() == "Workshops in the next 30 days"
    assert page.date_label.text() == "Tuesday, March 10, 2026"
    assert page.workshop_rows[0].when.text() == "Mar 20, 2026"

    demo.language.apply("es")
    assert page.heading.text() == "En resumen"
    assert page.plans_chart.bars[0].label == "Borrador"
    assert page.workshop_rows[0].when.text() == "20 mar 2026"


def test_an_empty_data_file_says_so(qtbot, context):
    from advisor_app.ui.home.dashboard import DashboardPage

    page = DashboardPage(context, lambda target, value: None)
    qtbot.addWidget(page)
    page.show()
    assert [card.figure.text() for card in page.cards.values()] == ["0"] * 7
    assert page.workshop_rows == [] and page.upcoming_empty.isVisible()
    assert page.plans_chart.empty_text and page.competency_chart.empty_text
    page.grab()  # paints the empty charts' sentences


def test_a_club_whose_toma_de_nota_runs_out_shows_and_opens_the_list_of_them(qtbot, page, demo, monkeypatch):
    from advisor_app.store.demo import demo_id
    from advisor_app.ui.home.registrations_dialog import RegistrationsDialog

    club = demo_id("org:club_jerez")
    demo.repository.update("organizations", club, {"registration_valid_until": "2026-06-08"})  # 90 days on
    qtbot.waitUntil(lambda: figure(page, "registrations") == "1", timeout=2000)
    assert page.cards["registrations"].figure.styleSheet().count("#e65100") == 1  # it asks for attention
    opened: list[str] = []
    dialog = RegistrationsDialog(demo, TODAY, opened.append)
    qtbot.addWidget(dialog)
    assert dialog.ids() == [club]
    assert [dialog.table.item(0, column).text() for column in (0, 3)] == ["Club Jerezanos de Lynwood",
                                                                         "Vence en 90 días"]
    dialog.table.cellDoubleClicked.emit(0, 0)
    assert opened == [club]
