import gettext

import pytest

import advisor_app.i18n as i18n
from advisor_app.store.database import Store
from advisor_app.store.demo import load_demo
from advisor_app.store.repository import Repository


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Messages in the source language, whatever catalogs exist; no language listeners are called."""
    monkeypatch.setattr(i18n, "_translation", gettext.NullTranslations())


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "advisor.sqlite3"


@pytest.fixture
def store(db_path):
    opened = Store.open(db_path)
    yield opened
    opened.close()


@pytest.fixture
def repo(store):
    return Repository(store)


@pytest.fixture
def demo_repo(repo):
    load_demo(repo)
    return repo


@pytest.fixture
def make_file(tmp_path):
    """A closed data file with the demo data, as a laptop would leave it."""

    def make(name="made.sqlite3", demo=True):
        path = tmp_path / name
        made = Store.open(path)
        try:
            if demo:
                load_demo(Repository(made))
        finally:
            made.close()
        return path

    return make
