import importlib

import pytest
from django.apps import apps


@pytest.fixture
def seeded_catalogue(transactional_db):
    """The catalogue of migration 0003 again: a transactional test's database was flushed by an earlier one."""
    seed = importlib.import_module("awards.migrations.0003_seed_catalogue").seed
    seed(apps, None)
    importlib.import_module("awards.migrations.0007_deciding_authority").seed(apps, None)
