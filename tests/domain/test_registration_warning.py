import datetime as dt

from advisor_app.domain.records import registration_warning

TODAY = dt.date(2026, 11, 25)


def test_expired_registration_is_named_with_its_date():
    message = registration_warning("migrant_club", "2026-10-31", TODAY)
    assert message and "toma de nota" in message and "31" in message


def test_registration_expiring_within_ninety_days_counts_the_days():
    message = registration_warning("migrant_club", "2026-12-31", TODAY)
    assert message and "36" in message


def test_no_warning_far_from_expiry_for_other_kinds_or_bad_dates():
    assert registration_warning("migrant_club", "2027-12-31", TODAY) is None
    assert registration_warning("cooperative", "2026-10-31", TODAY) is None
    assert registration_warning("federation", "not a date", TODAY) is None
    assert registration_warning("federation", None, TODAY) is None
