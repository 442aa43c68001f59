"""Help → Guide (F1) opens a guide shipped with the app in the screen's language, and follows a switch;
the menus take accelerators in both languages; the words a group does not use every day have one
visible line saying what they mean."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel

from advisor_app import i18n
from advisor_app.domain.plans import PAGE_KEYS
from advisor_app.store.demo import demo_id
from advisor_app.ui.shell.help_window import HelpWindow, guide_path
from advisor_app.ui.common.hints import HINTS, HintLabel, hint

SECTIONS = ("first", "group", "plan", "agreement", "bundles", "conflicts")
# Labels the guide names, as the app shows them: the guide must say them the same way.
NAMED_IN_THE_GUIDE = ["&File", "A&dvisor and laptop…", "&Remove demo data…", "&Language", "Home", "&Edit",
                      "&Undo delete", "Add member…", "Business plans", "New plan", "Results", "Review",
                      "Print the plan (PDF)…", "Duplicate as scenario", "Compare scenarios", "New agreement",
                      "Draft agreement…", "Parties", "Terms", "Clauses", "Mark as reviewed", "Mark as signed…",
                      "Save PDF…", "&Export a bundle…", "&Import a bundle…", "Import", "Sync", "Conflicts",
                      "Restore the other value", "Delete", "New organization"]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.anchors: set[str] = set()

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        self.anchors.update(value for name, value in attrs if name in ("id", "name"))


def _read(language: str) -> _Text:
    parser = _Text()
    parser.feed(guide_path(language).read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_guide_has_every_section_and_names_what_the_app_shows(language):
    guide = _read(language)
    assert guide_path(language).parent.name == language
    assert set(SECTIONS) <= guide.anchors
    text = " ".join(" ".join(guide.parts).split())
    with i18n.speaking(language):
        missing = [label for label in NAMED_IN_THE_GUIDE if i18n._(label).replace("&", "") not in text]
    assert not missing, missing


def test_f1_opens_the_guide_in_the_screen_language_and_it_follows_a_switch(qtbot, window, context):
    assert window.guide_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    window.guide_action.trigger()
    guide = window.findChild(HelpWindow)
    assert guide is not None and guide.isVisible()
    assert "Primeros pasos" in guide.browser.toPlainText()
    assert guide.windowTitle() == "Guía — Asesor Comunitario"
    guide.show_section("bundles")
    window.english_action.trigger()
    assert "First steps" in guide.browser.toPlainText() and "Primeros pasos" not in guide.browser.toPlainText()
    assert guide.browser.source().fragment() == "bundles"
    window.open_guide()
    assert len(window.findChildren(HelpWindow)) == 1
    guide.grab().save("/tmp/guide-en.png")


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_main_menu_item_has_its_own_accelerator(qtbot, window, context, language):
    context.language.apply(language)
    for menu in (window.file_menu, window.edit_menu, window.language_menu, window.help_menu):
        assert "&" in menu.title()
        letters = []
        for action in menu.actions():
            if action.isSeparator():
                continue
            found = re.search(r"&(\w)", action.text())
            assert found, (language, action.text())
            letters.append(found[1].lower())
        assert len(letters) == len(set(letters)), (language, menu.title(), letters)


def test_toolbar_tooltips_name_their_shortcut_as_the_platform_writes_it(qtbot, window, context):
    assert window.new_organization_action.toolTip() == "Nueva organización (Ctrl+N)"
    context.language.apply("en")
    assert window.new_organization_action.toolTip() == "New organization (Ctrl+N)"


def test_the_results_show_what_npv_irr_and_coverage_mean(qtbot, demo_context, window):
    from advisor_app.ui.plan_wizard import PlanWizard

    wizard = PlanWizard(demo_context, demo_id("plan:investors"), window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_to(PAGE_KEYS.index("results"))
    figures = wizard.pages[PAGE_KEYS.index("results")].figures.text()
    assert "en pesos de hoy, después de recuperar la inversión" in figures
    for key in ("irr", "coverage", "payback", "break_even"):
        assert hint(key) in figures
    demo_context.language.apply("en")
    figures = wizard.pages[PAGE_KEYS.index("results")].figures.text()
    assert "in today's money" in figures and "en pesos de hoy" not in figures


def test_the_discount_rate_field_shows_its_meaning_in_view(qtbot, demo_context, window):
    from advisor_app.ui.plan_wizard import PlanWizard

    wizard = PlanWizard(demo_context, demo_id("plan:investors"), window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_to(PAGE_KEYS.index("sales_costs"))
    shown = [label for label in wizard.findChildren(HintLabel) if label.isVisible()]
    assert {label.key for label in shown} >= {"discount_rate", "tax_rate", "horizon"}
    assert all(label.toolTip() == label.text() for label in shown)


def test_the_sync_tab_says_what_the_security_code_is(qtbot, window, context):
    window.tabs.setCurrentWidget(window._sync_tab)
    texts = [label.text() for label in window.sync_page.findChildren(QLabel) if label.isVisible()]
    assert any("Código de seguridad:" in text for text in texts)
    assert _catalog_line("fingerprint") in texts


def _catalog_line(key: str) -> str:
    return i18n._(HINTS[key])


def test_every_hint_is_one_line_in_both_languages():
    for language in ("es", "en"):
        with i18n.speaking(language):
            for key in HINTS:
                assert "\n" not in hint(key) and len(hint(key)) < 200, (language, key)
    assert Qt  # keeps the import used by the module's readers
