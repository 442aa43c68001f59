import gettext

import pytest

import advisor_app.i18n as i18n


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Messages in the source language, whatever catalogs exist; no language listeners are called."""
    monkeypatch.setattr(i18n, "_translation", gettext.NullTranslations())


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "advisor.sqlite3"
