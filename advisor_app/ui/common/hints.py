"""One line of "what this means" for the words a rural group does not use every day (VPN, TIR, the
discount rate, debt-service coverage, payback, break-even, the security code of a laptop's key).

A tooltip alone is invisible on a touch screen and to someone who never hovers: each place that shows
such a word also shows the line, either in small grey text under it or behind a "?" that shows it
when pressed.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QToolButton, QToolTip, QWidget

from advisor_app.i18n import N_, _

HINTS = {
    "npv": N_("What the project earns, in today's money, after paying back the investment."),
    "mirr": N_("The yearly return if what the business earns is reinvested at the discount rate, not at the "
               "IRR itself; more cautious than the IRR."),
    "discounted_payback": N_("The payback counting future money at the discount rate: how long until the "
                             "investment is recovered in today's money."),
    "group": N_("The same figures on the partners' own money: what they put in, and the business's cash "
                "they can take out each year; grants and loans stay as they are."),
    "roi": N_("The net profit of all the plan's years over the whole investment, grants included; it is not "
              "a yearly rate like the IRR."),
    "irr": N_("The yearly return the project gives on the money put in; compare it with the interest of a loan."),
    "discount_rate": N_("What the group's money could earn elsewhere in a year, above inflation (a real rate): "
                        "prices and costs are in today's money."),
    "coverage": N_("How many times the business's cash covers the loan payments; lenders ask for at least 1.2."),
    "payback": N_("How long the business takes to give back the money invested, counted month by month from "
                  "the cash each month brings."),
    "break_even": N_("The sales a month at which the business neither wins nor loses."),
    "fingerprint": N_("A code that belongs to one laptop: read it aloud or by phone with the person who uses "
                      "it; if both say the same, the bundle really comes from that laptop."),
    "tax_rate": N_("The income tax (ISR) the business pays on its profits."),
    "horizon": N_("How many years the plan looks ahead."),
}
HINT_STYLE = "color: #555555; font-size: small;"


def hint(key: str) -> str:
    """The line for ``key`` in the current language."""
    return _(HINTS[key])


def explained_cell(label: str, key: str | None) -> str:
    """A rich-text table cell: the label, and under it its line in small grey text."""
    if key is None:
        return html.escape(label, quote=False)
    line = html.escape(hint(key), quote=False)
    return f"{html.escape(label, quote=False)}<br><span style='{HINT_STYLE}'>{line}</span>"


class HintLabel(QLabel):
    """The line itself, small and grey, shown beside or under a field."""

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setWordWrap(True)
        self.setStyleSheet(HINT_STYLE)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(hint(self.key))
        self.setToolTip(hint(self.key))


class HelpMark(QToolButton):
    """A "?" beside a word: its tooltip on hover, the same line at once when pressed (touch, keyboard)."""

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setText("?")
        self.setAutoRaise(True)
        self.clicked.connect(self.show_hint)
        self.retranslate()

    def show_hint(self) -> None:
        QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), hint(self.key), self)

    def retranslate(self) -> None:
        self.setToolTip(hint(self.key))
        self.setAccessibleName(hint(self.key))
