import pytest
from sync_helpers import Device, small_registry


@pytest.fixture(autouse=True)
def messages_in_english(english):
    """Refusals and previews are checked in the source language (the root conftest's ``english``)."""


@pytest.fixture
def device(tmp_path):
    """Makes laptops: ``device("A")`` is an independent data file in its own folder under tmp_path."""
    made: list[Device] = []

    def make(name: str = "", advisor: str = "") -> Device:
        name = name or "ABCDEFGH"[len(made)]
        folder = tmp_path / f"laptop-{name}"
        folder.mkdir()
        laptop = Device(folder, name, advisor)
        made.append(laptop)
        return laptop

    yield make
    for laptop in made:
        laptop.close()


@pytest.fixture
def pair(device):
    return device("A"), device("B")


@pytest.fixture
def trio(device):
    return device("A"), device("B"), device("C")


@pytest.fixture
def laptops(device):
    """A (the sender, with a registry), B (the receiver, with some data of its own), C (a third key)."""
    a, b, c = device("A"), device("B"), device("C")
    small_registry(a)
    b.repo.insert("people", {"given_names": "Teresa", "first_surname": "Valdez"})
    return a, b, c
