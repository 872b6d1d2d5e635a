"""The permission world, built with the services inside the test's transaction (rolled back afterwards)."""

import pytest

from tests.permissions.world import build_world


@pytest.fixture
def world(org_tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world(org_tree)
