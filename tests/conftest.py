"""Every test runs headless and gets its own data file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

from advisor_app import i18n  # noqa: E402

# CI runs the same examples every time (a red build must be reproducible, not a roll of dice) and
# without per-example deadlines, which a busy machine would miss; local runs explore new examples.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def spanish_by_default():
    """The app starts in Spanish; leave it so for the next test whatever a test switched to."""
    i18n.set_language("es")
    yield
    i18n.set_language("es")


@pytest.fixture
def english():
    """Messages in the source language whatever catalogs exist; no language listeners are called."""
    import gettext

    token = i18n._speaking.set((i18n.current_language(), gettext.NullTranslations()))
    yield
    i18n._speaking.reset(token)


@pytest.fixture(scope="session", autouse=True)
def no_personal_data_in_any_log(tmp_path_factory):
    """After the whole run (the UI tests log beside their data files as the app does), no log written
    under the session's temporary folders holds a CURP, name or phone number of the demo."""
    yield
    from advisor_app.logs import LOG_NAME

    base = tmp_path_factory.getbasetemp()
    if not any(base.rglob(f"{LOG_NAME}*")):
        return
    from log_privacy import demo_personal_data, personal_data_in_logs

    personal = demo_personal_data(tmp_path_factory.mktemp("demo-personal-data"))
    found = personal_data_in_logs(base, personal)
    assert not found, "personal data in the logs:\n" + "\n".join(found)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "advisor.sqlite3"


@pytest.fixture
def store(db_path):
    from advisor_app.store.database import Store

    opened = Store.open(db_path)
    yield opened
    opened.close()


@pytest.fixture
def repository(store):
    from advisor_app.store.repository import Repository

    return Repository(store)
