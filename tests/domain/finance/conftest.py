import pytest


@pytest.fixture(autouse=True)
def source_language(english):
    """These tests compare messages with their English source."""
