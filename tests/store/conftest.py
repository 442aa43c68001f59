import pytest

from advisor_app.store.database import Store
from advisor_app.store.demo import load_demo
from advisor_app.store.repository import Repository


@pytest.fixture(autouse=True)
def source_language(english):
    """These tests compare messages with their English source."""


@pytest.fixture
def repo(repository):
    return repository


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
