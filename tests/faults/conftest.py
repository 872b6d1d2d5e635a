import pytest
from django.db import connection

from tests.test_worker import SERVICES_REQUIRED


@pytest.fixture
def postgresql():
    """Skip (or, with CI_REQUIRE_SERVICES=1, fail) unless the test database is PostgreSQL (other processes use it)."""
    if connection.vendor != "postgresql":
        reason = f"needs PostgreSQL (the database is {connection.vendor})"
        if SERVICES_REQUIRED:
            pytest.fail(f"CI_REQUIRE_SERVICES=1 but this test {reason}")
        pytest.skip(reason)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT
