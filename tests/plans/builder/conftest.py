import pytest

from plans.builder import Library
from tests.plans.builder.runners import shipped_library


@pytest.fixture(scope="session")
def library() -> Library:
    """The shipped library, read once from the content files: no database."""
    return shipped_library()
