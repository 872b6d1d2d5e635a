"""The permission world, built with the services inside the test's transaction (rolled back afterwards)."""

import pytest

from tests.permissions.world import build_world


@pytest.fixture
def world(org_tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Every role's requests come from one address: the public pages' per-IP limits would answer 429.
    settings.PUBLIC_RATE_LIMIT_PER_MINUTE = settings.PUBLIC_COMMENTS_PER_HOUR = 1_000_000
    return build_world(org_tree)
