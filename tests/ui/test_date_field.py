"""Dates typed as people write them, or picked on a calendar; stored ISO; impossible dates named."""

from __future__ import annotations

import pytest

from advisor_app.domain.records import InvalidValue, field_spec, problem, read_date
from advisor_app.i18n import set_language, speaking
from advisor_app.ui.common.fields import DateField


@pytest.mark.parametrize(("language", "typed", "iso"), [
    ("es", "21/03/1985", "1985-03-21"), ("es", "1/3/1985", "1985-03-01"), ("es", "21-03-1985", "1985-03-21"),
    ("en", "3/21/1985", "1985-03-21"), ("en", "1/3/1985", "1985-01-03"),
    ("es", "1985-03-21", "1985-03-21"), ("en", "1985-03-21", "1985-03-21"),
])
def test_a_date_is_read_as_the_language_writes_it(language, typed, iso):
    with speaking(language):
        assert read_date(typed).isoformat() == iso


@pytest.mark.parametrize(("language", "typed", "sentence"), [
    ("en", "31/02/1985", "31/02/1985 is not a real date: there is no month 31."),
    ("en", "2/30/1985", "2/30/1985 is not a real date: that month has 28 days."),
    ("en", "2/29/1984", None),
    ("en", "21/3/85", "Write the year with four figures, such as 1985."),
    ("en", "ayer", "Write a date as 3/21/1985 or 1985-03-21."),
    ("es", "31/02/1985", "31/02/1985 no es una fecha real: ese mes tiene 28 días."),
])
def test_an_impossible_date_is_named(language, typed, sentence):
    with speaking(language):
        if sentence is None:
            assert read_date(typed)
            return
        with pytest.raises(InvalidValue) as refused:
            read_date(typed)
        assert str(refused.value) == sentence


def test_a_stored_or_carried_date_is_iso_only():
    with speaking("en"):
        assert problem(field_spec("people", "birth_date"), "3/21/1985") == \
            "This is not a date (year-month-day, e.g. 1985-03-21)."
        assert problem(field_spec("people", "birth_date"), "1985-02-30") == \
            "1985-02-30 is not a real date: that month has 28 days."


def test_the_field_shows_the_languages_way_stores_iso_and_picks_on_a_calendar(qtbot):
    set_language("es")
    try:
        field = DateField()
        qtbot.addWidget(field)
        field.set_value("1985-03-21")
        assert field.text() == "21/03/1985" and field.value() == "1985-03-21"
        field.setText("5/1/2026")
        assert field.value() == "2026-01-05"
        set_language("en")
        field.retranslate()
        assert field.text() == "1/5/2026" and field.value() == "2026-01-05"
        assert field.placeholderText() == "mm/dd/yyyy"
        calendar = field.pick()
        from PySide6.QtCore import QDate

        assert calendar.selectedDate() == QDate(2026, 1, 5)
        calendar.clicked.emit(QDate(2027, 2, 14))
        assert field.value() == "2027-02-14" and field.text() == "2/14/2027"
        field.setText("2/30/2027")
        assert field.value() == "2/30/2027"   # as typed: the check beside the field names it
    finally:
        set_language("es")
