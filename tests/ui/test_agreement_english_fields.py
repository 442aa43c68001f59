"""The English beside the Spanish in the Terms tab: a missing English named before an English or
bilingual print and not a Spanish one, a click on it leading to its field, typing it saved at once; the
person window's form of address saved and used by the agreement."""

from __future__ import annotations

import json

from test_agreement_editor import open_editor, preview_text, signing_details

from advisor_app.store import agreements
from advisor_app.store.demo import demo_id
from advisor_app.ui.registry.editors import PersonEditor


def choose_language(window, code):
    window.preview_language.setCurrentIndex(window.preview_language.findData(code))
    window.preview_language.activated.emit(window.preview_language.currentIndex())
    window.refresh()


def english_targets(window):
    return [window.problem_list.item(row).data(0x0100)[:2] for row in range(window.problem_list.count())
            if window.problem_list.item(row).data(0x0100)[0] == "english"]


def test_missing_english_is_named_for_english_and_both_and_typing_it_saves(qtbot, demo_context):
    repository = demo_context.repository
    agreement_id = agreements.create_agreement(repository, "partnership", demo_id("org:investors"),
                                               demo_id("plan:investors"))
    signing_details(repository, agreement_id)
    agreements.set_parameter(repository, agreement_id, "loan_lender", "Caja Solidaria Jerez")
    window = open_editor(qtbot, demo_context, agreement_id)
    choose_language(window, "es")
    assert english_targets(window) == [] and window.buttons["pdf"].isEnabled()

    choose_language(window, "both")
    assert repository.get("agreements", agreement_id)["language"] == "both"
    targets = english_targets(window)
    assert ("english", "parameter:business_name") in targets and ("english", "parameter:decision_rules") in targets
    assert window.buttons["pdf"].isEnabled()   # a draft still prints, watermarked
    assert "[in Spanish, not translated: Planta de chile seco" in preview_text(window)

    row = next(row for row in range(window.problem_list.count())
               if window.problem_list.item(row).data(0x0100)[1] == "parameter:business_name")
    window.problem_list.itemClicked.emit(window.problem_list.item(row))
    assert window.tabs.currentWidget() is window.terms
    english = window.terms.english.editors["business_name"]
    qtbot.keyClicks(english, "El Cargadero dried chile plant")
    window.terms.flush()
    window.refresh()
    stored = json.loads(repository.get("agreements", agreement_id)["parameters_en"])
    assert stored == {"business_name": "El Cargadero dried chile plant"}
    assert ("english", "parameter:business_name") not in english_targets(window)
    assert "El Cargadero dried chile plant" in preview_text(window)

    choose_language(window, "en")
    assert ("english", "parameter:decision_rules") in english_targets(window)


def test_a_typed_title_gets_its_english_under_in_english(qtbot, demo_context):
    repository = demo_context.repository
    agreement_id = agreements.create_agreement(repository, "partnership", demo_id("org:investors"),
                                               demo_id("plan:investors"))
    agreements.edit_agreement(repository, agreement_id, {"title": "Contrato de la planta de chile",
                                                         "language": "en"})
    window = open_editor(qtbot, demo_context, agreement_id)
    assert ("english", "title") in english_targets(window)
    title = window.terms.english_panel.editors["title"]
    qtbot.keyClicks(title, "Agreement of the chile plant")
    title.editingFinished.emit()
    window.refresh()
    assert repository.get("agreements", agreement_id)["title_en"] == "Agreement of the chile plant"
    assert ("english", "title") not in english_targets(window)
    assert "Agreement of the chile plant" in preview_text(window)


def test_the_person_window_keeps_the_form_of_address_and_the_agreement_uses_it(qtbot, demo_context):
    repository = demo_context.repository
    agreement_id = agreements.create_agreement(repository, "partnership", demo_id("org:investors"),
                                               demo_id("plan:investors"))
    woman = next(party for party in agreements.draft_of(repository, agreement_id).parties if party.form == "feminine")
    person_id = next(row["person_id"] for row in agreements.party_rows(repository.conn, agreement_id)
                     if row["id"] == woman.key)
    editor = PersonEditor(demo_context, person_id)
    qtbot.addWidget(editor)
    combo = editor.form.editors["grammatical_form"]
    assert combo.currentData() is None and combo.currentText() == "Según su CURP"
    combo.setCurrentIndex(combo.findData("neutral"))
    editor.form.flush()
    assert repository.get("people", person_id)["grammatical_form"] == "neutral"
    party = next(party for party in agreements.draft_of(repository, agreement_id).parties if party.key == woman.key)
    assert party.form == "neutral"
    combo.setCurrentIndex(0)
    editor.form.flush()
    assert repository.get("people", person_id)["grammatical_form"] is None
