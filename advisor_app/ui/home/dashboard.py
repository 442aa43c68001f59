"""The home page: the figures an advisor looks at first, each one a way into the list behind it.

Every card, bar and workshop calls ``navigate(target, value)``; the main window decides what that
opens. Every saved edit emits ``context.changed``, so the figures are read again at most once per
``REFRESH_DELAY_MS`` of edits, and only while the page is on screen; a hidden page catches up when
it is shown (or when the day has changed since it last looked).
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from advisor_app.domain import entities
from advisor_app.domain.plans import PLAN_STATUSES
from advisor_app.domain.records import RENEWAL_NOTICE_DAYS
from advisor_app.domain.training import CompetencyFileError, competencies, competency_name
from advisor_app.i18n import _
from advisor_app.i18n.formatting import date, number
from advisor_app.store.training import UPCOMING_DAYS, Dashboard, dashboard
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.home.dashboard_charts import Bar, BarChart

REFRESH_DELAY_MS = 200
WIDE_PAGE = 1000  # px: room for four cards in a row

STATUS_COLOURS = {"draft": "#90a4ae", "in_review": "#f9a825", "approved": "#1e88e5", "funded": "#00897b",
                  "operating": "#2e7d32", "closed": "#546e7a"}
COMPETENCY_COLOUR = "#7e57c2"
NEUTRAL, ALERT, WARNING, INFO = "#1565c0", "#c62828", "#e65100", "#00838f"

STYLE = """
QWidget#dashboard { background: #f4f6f9; }
QFrame#panel { background: white; border: 1px solid #dde2e8; border-radius: 8px; }
QLabel#heading { font-size: 20px; font-weight: 600; color: #1f2933; }
QLabel#today, QLabel#muted { color: #6b7280; }
QLabel#panelTitle { font-size: 14px; font-weight: 600; color: #1f2933; }
QPushButton#card { background: white; border: 1px solid #dde2e8; border-radius: 8px; text-align: left; }
QPushButton#card:hover { background: #f2f6fb; border-color: #90b4e0; }
QPushButton#card:focus { border-color: #1565c0; }
QPushButton#workshop { background: transparent; border: none; border-radius: 6px; text-align: left; }
QPushButton#workshop:hover { background: #f2f6fb; }
QPushButton#workshop:focus { border: 1px dotted #1565c0; }
QPushButton#link { border: none; background: transparent; color: #1565c0; text-align: left; padding: 2px; }
QPushButton#link:hover { text-decoration: underline; }
"""

Navigate = Callable[[str, "str | None"], None]


def _label(parent: QWidget, name: str = "", wrap: bool = False) -> QLabel:
    label = QLabel(parent)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label


class FigureCard(QPushButton):
    """A large figure over its caption, beside a strip of the card's colour; the figure takes that
    colour too when it asks for attention (something overdue, something to sign)."""

    def __init__(self, target: str, value: str | None, colour: str, parent: QWidget):
        super().__init__(parent)
        self.target, self.value, self.colour = target, value, colour
        self.setObjectName("card")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(140, 84)
        strip = QFrame(self)
        strip.setFixedWidth(4)
        strip.setStyleSheet(f"background: {colour}; border: none; border-radius: 2px;")
        strip.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.figure = _label(self)
        self.caption = _label(self, "muted", wrap=True)
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.figure)
        text.addWidget(self.caption)
        text.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(12)
        layout.addWidget(strip)
        layout.addLayout(text, 1)

    def show_figure(self, count: int, caption: str, alert: bool = False) -> None:
        self.figure.setText(number(count))
        self.figure.setStyleSheet(f"font-size: 28px; font-weight: 700; color: {self.colour if alert else '#1f2933'};")
        self.caption.setText(caption)
        self.setAccessibleName(f"{caption}: {count}")


class WorkshopRow(QPushButton):
    """One upcoming workshop: its date, then the title over the place."""

    def __init__(self, workshop: dict, parent: QWidget):
        super().__init__(parent)
        self.workshop_id = workshop["id"]
        self.setObjectName("workshop")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        held_on = dt.date.fromisoformat(workshop["held_on"]) if workshop.get("held_on") else None
        self.when = _label(self)
        self.when.setText(date(held_on) if held_on else "")
        self.when.setStyleSheet("font-weight: 600; color: #1565c0;")
        self.when.setMinimumWidth(96)
        self.title = _label(self, wrap=True)
        self.title.setText(workshop.get("title") or "")
        self.title.setStyleSheet("font-weight: 600; color: #1f2933;")
        self.place = _label(self, "muted", wrap=True)
        self.place.setText(workshop.get("place") or "")
        self.place.setVisible(bool(workshop.get("place")))
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.title)
        text.addWidget(self.place)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.when, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        self.setAccessibleName(" — ".join(part for part in (self.when.text(), self.title.text(),
                                                           self.place.text()) if part))

    def sizeHint(self):
        return self.layout().sizeHint()

    def minimumSizeHint(self):
        return self.layout().minimumSize()


def _panel(parent: QWidget) -> tuple[QFrame, QLabel, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName("panel")
    title = _label(frame, "panelTitle")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 10, 14, 10)
    layout.setSpacing(6)
    layout.addWidget(title)
    return frame, title, layout


class DashboardPage(QWidget):
    def __init__(self, context: AppContext, navigate: Navigate, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.navigate = navigate
        self.today: dt.date | None = None  # None: the laptop's local date; tests set a day
        self.figures: Dashboard | None = None
        self._stale = True
        self._day: dt.date | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._edited: set[str] = set()  # tables edited since the figures were read
        self._moved: set[str] = set()  # tables whose records came or went since then
        context.rows_moved.connect(self._rows_moved)
        context.changed.connect(self._data_changed)

        content = QWidget(self)
        content.setObjectName("dashboard")
        content.setStyleSheet(STYLE)
        self.heading = _label(content, "heading")
        self.date_label = _label(content, "today")
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.date_label, 0, Qt.AlignmentFlag.AlignBottom)

        self.cards = {
            "organizations": FigureCard("organizations", None, NEUTRAL, content),
            "people": FigureCard("people", None, NEUTRAL, content),
            "agreements": FigureCard("agreements", "ready", WARNING, content),
            "actions": FigureCard("actions", "overdue", ALERT, content),
            "sync": FigureCard("sync", None, INFO, content),
            "workshops": FigureCard("workshops", "held", COMPETENCY_COLOUR, content),
            "registrations": FigureCard("registrations", "due", WARNING, content),
        }
        self.card_grid = QGridLayout()
        self.card_grid.setSpacing(12)
        self._card_columns = 0
        for card in self.cards.values():
            card.clicked.connect(lambda _checked=False, card=card: self.navigate(card.target, card.value))
        self._place_cards(4)

        plans_panel, self.plans_title, plans_layout = _panel(content)
        self.plans_chart = BarChart(parent=plans_panel)
        self.plans_chart.activated.connect(lambda status: self.navigate("plans", status))
        plans_layout.addWidget(self.plans_chart)
        plans_layout.addStretch(1)
        competency_panel, self.competency_title, competency_layout = _panel(content)
        self.competency_chart = BarChart(clickable=False, parent=competency_panel)
        competency_layout.addWidget(self.competency_chart)
        competency_layout.addStretch(1)
        upcoming_panel, self.upcoming_title, upcoming_layout = _panel(content)
        self.upcoming_panel = upcoming_panel
        self.upcoming_list = QVBoxLayout()
        self.upcoming_list.setSpacing(2)
        self.upcoming_empty = _label(upcoming_panel, "muted", wrap=True)
        self.all_upcoming = QPushButton(upcoming_panel)
        self.all_upcoming.setObjectName("link")
        self.all_upcoming.setCursor(Qt.CursorShape.PointingHandCursor)
        self.all_upcoming.clicked.connect(lambda: self.navigate("workshops", "upcoming"))
        upcoming_layout.addLayout(self.upcoming_list)
        upcoming_layout.addWidget(self.upcoming_empty)
        upcoming_layout.addStretch(1)
        upcoming_layout.addWidget(self.all_upcoming, 0, Qt.AlignmentFlag.AlignLeft)
        self.workshop_rows: list[WorkshopRow] = []

        panels = QGridLayout()
        panels.setSpacing(12)
        panels.addWidget(plans_panel, 0, 0)
        panels.addWidget(competency_panel, 1, 0)
        panels.addWidget(upcoming_panel, 0, 1, 2, 1)
        panels.setColumnStretch(0, 3)
        panels.setColumnStretch(1, 2)

        layout = QVBoxLayout(content)
        layout.setContentsMargins(18, 12, 18, 14)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addLayout(self.card_grid)
        layout.addLayout(panels, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.retranslate()

    def _place_cards(self, columns: int) -> None:
        """Two rows of four cards on a wide page, three rows of three on a narrow one."""
        if columns == self._card_columns:
            return
        self._card_columns = columns
        for index, card in enumerate(self.cards.values()):
            self.card_grid.addWidget(card, index // columns, index % columns)
        for column in range(len(self.cards)):
            self.card_grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_cards(4 if event.size().width() >= WIDE_PAGE else 3)

    # Reading the figures ---------------------------------------------------------------------------
    def current_day(self) -> dt.date:
        return self.today or dt.date.today()

    def _rows_moved(self, table: str) -> None:
        self._moved.add(table)

    def _data_changed(self, table: str) -> None:
        if table == "bundles" and self.context.unexported is not None and self.figures is not None:
            # The change log was counted again (after the first paint, an export or an import): only
            # the unsent figure moves, and the context already holds it.
            self.figures.unsent_changes = self.context.unexported
            self._show_figures()
            return
        self._edited.add(table)
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.figures is None:
            # The first time, the window paints before the figures are read: start-up shows at once.
            QTimer.singleShot(0, self, self._first_refresh)
        elif self._stale or self._day != self.current_day():
            self.refresh()

    def _first_refresh(self) -> None:
        if self.figures is None and self.isVisible():
            self.refresh()

    def hideEvent(self, event) -> None:
        self._timer.stop()  # stale stays set: the figures are read when the page is shown again
        super().hideEvent(event)

    def refresh(self) -> None:
        self._timer.stop()
        self._stale = False
        day = self.current_day()
        # The same day's figures are read again only where an edit can have moved them.
        previous = self.figures if day == self._day else None
        self._day = day
        self.figures = dashboard(self.context.store, day, self.context.unexported, previous,
                                 edited=self._edited, moved=self._moved)
        self._edited.clear()
        self._moved.clear()
        self._show_figures()

    # Showing them ---------------------------------------------------------------------------------
    def _show_figures(self) -> None:
        figures = self.figures or Dashboard()
        captions = {
            "organizations": (figures.organizations, _("Organizations"), False),
            "people": (figures.people, _("People"), False),
            "agreements": (figures.agreements_to_sign, _("Agreements to sign"),
                           figures.agreements_to_sign > 0),
            "actions": (figures.overdue_actions, _("Overdue actions"), figures.overdue_actions > 0),
            "sync": (figures.unsent_changes, _("Unsent changes"), figures.unsent_changes > 0),
            "workshops": (figures.workshops_held, _("Workshops held"), False),
            "registrations": (figures.registrations_due,
                              _("Clubs whose toma de nota expires within {days} days or has expired").format(
                                  days=RENEWAL_NOTICE_DAYS), figures.registrations_due > 0),
        }
        for name, (count, caption, alert) in captions.items():
            self.cards[name].show_figure(count, caption, alert)
        self.date_label.setText(date(self.current_day(), "full"))
        self.plans_chart.set_bars(
            [Bar(status, entities.label(PLAN_STATUSES, status), figures.plans_by_status.get(status, 0),
                 STATUS_COLOURS.get(status, NEUTRAL)) for status in PLAN_STATUSES],
            _("No business plans yet."))
        try:
            known = list(competencies())
        except CompetencyFileError:  # an office's broken file: the chart shows the ids it has
            known = []
        order = known + sorted(topic for topic in figures.workshops_by_competency if topic not in known)
        self.competency_chart.set_bars(
            [Bar(topic, competency_name(topic), figures.workshops_by_competency.get(topic, 0), COMPETENCY_COLOUR)
             for topic in order], _("No workshops held yet."))
        self._show_upcoming(figures.upcoming_workshops)

    def _show_upcoming(self, workshops: list[dict]) -> None:
        for row in self.workshop_rows:
            self.upcoming_list.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.workshop_rows = []
        for workshop in workshops:
            row = WorkshopRow(workshop, self.upcoming_panel)
            row.clicked.connect(lambda _checked=False, key=row.workshop_id: self.navigate("workshops", key))
            self.upcoming_list.addWidget(row)
            self.workshop_rows.append(row)
        self.upcoming_empty.setVisible(not workshops)
        self.upcoming_empty.setText(_("No workshops planned for the next {days} days.").format(days=UPCOMING_DAYS))

    def retranslate(self) -> None:
        self.heading.setText(_("At a glance"))
        self.plans_title.setText(_("Business plans by status"))
        self.plans_chart.setAccessibleName(self.plans_title.text())
        self.competency_title.setText(_("Workshops held by competency"))
        self.competency_chart.setAccessibleName(self.competency_title.text())
        self.upcoming_title.setText(_("Workshops in the next {days} days").format(days=UPCOMING_DAYS))
        self.all_upcoming.setText(_("All upcoming workshops →"))
        self._show_figures()
