"""The home page's figure of clubs whose toma de nota expires within 90 days or has expired: counted in
SQL over live clubs and federations, at the 90-day boundary, and listed the soonest first."""

from __future__ import annotations

import datetime as dt

from advisor_app.store.registrations import count_due, list_due
from advisor_app.store.training import dashboard

TODAY = dt.date(2026, 12, 6)


def club(repository, name: str, valid_until, kind: str = "migrant_club") -> str:
    values = {"kind": kind, "name": name}
    if valid_until is not None:
        values["registration_valid_until"] = (TODAY + dt.timedelta(days=valid_until)).isoformat() \
            if isinstance(valid_until, int) else valid_until
    return repository.insert("organizations", values)


def test_the_boundary_is_ninety_days_and_expired_ones_count(repository):
    in_89 = club(repository, "Club 89", 89)
    in_90 = club(repository, "Federación 90", 90, kind="federation")
    club(repository, "Club 91", 91)
    expired = club(repository, "Club vencido", -400)
    today = club(repository, "Club de hoy", 0)
    club(repository, "Club sin fecha", None)
    club(repository, "Cooperativa vencida", -30, kind="cooperative")
    assert count_due(repository.store.conn, TODAY) == 4
    assert [row["id"] for row in list_due(repository.store.conn, TODAY)] == [expired, today, in_89, in_90]
    assert dashboard(repository.store, TODAY).registrations_due == 4


def test_a_deleted_club_is_not_counted_and_an_edit_moves_the_figure(repository):
    gone = club(repository, "Club eliminado", 10)
    renewed = club(repository, "Club renovado", -5)
    figures = dashboard(repository.store, TODAY)
    assert figures.registrations_due == 2
    repository.delete("organizations", gone)
    repository.update("organizations", renewed, {"registration_valid_until": "2028-12-06"})
    assert dashboard(repository.store, TODAY, previous=figures, edited={"organizations"}).registrations_due == 0
    # The next day the figure is read whole again: one that was 91 days away enters it.
    club(repository, "Club 91", 91)
    assert count_due(repository.store.conn, TODAY) == 0
    assert count_due(repository.store.conn, TODAY + dt.timedelta(days=1)) == 1
