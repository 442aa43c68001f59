"""A list shows each value as its column's kind says, in the window's language: amounts with their currency,
dates and numbers in the language's conventions, codes as their labels; text typed where a number goes is
shown as typed."""

from __future__ import annotations

from advisor_app.i18n import N_, speaking
from advisor_app.store.list_source import CODE, DATE, MONEY, NUMBER, PERCENT, PLACE, Column
from advisor_app.ui.common.table_model import cell_text


def test_cells_follow_their_kind_in_both_languages():
    money, count = Column("amount", kind=MONEY), Column("count", kind=NUMBER)
    code = Column("country", kind=CODE, labels={"MX": N_("Mexico")})
    with speaking("es"):
        assert cell_text(money, 1500, "USD") == "US$1,500.00" and cell_text(money, "1500.5", None) == "$1,500.50"
        assert cell_text(Column("day", kind=DATE), "2026-03-21") == "21 mar 2026"
        assert cell_text(code, "MX") == "México" and cell_text(code, "ZZ") == "ZZ"
        assert cell_text(Column("place", kind=PLACE), "32020") == "Jerez, Zacatecas"
    with speaking("en"):
        assert cell_text(Column("day", kind=DATE), "2026-03-21") == "Mar 21, 2026"
        assert cell_text(code, "MX") == "Mexico"
    assert cell_text(count, 12) == "12" and cell_text(Column("share", kind=PERCENT), "40").startswith("40")
    assert cell_text(money, "mil pesos", "MXN") == "mil pesos" and cell_text(money, None) == ""
