"""The suite runs on the services it claims to: CI must not silently fall back to SQLite or eager tasks."""

import os
import uuid

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from emulation.celery import app as celery_app

# Set by `.ci/run`: a test that needs PostgreSQL or Redis fails instead of skipping.
SERVICES_REQUIRED = os.environ.get("CI_REQUIRE_SERVICES") == "1"


def _skip_or_fail(reason: str) -> None:
    if SERVICES_REQUIRED:
        pytest.fail(f"CI_REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


@pytest.mark.django_db
def test_services_are_postgresql_and_redis_when_ci_requires_them(record_property):
    # Arrange / Act
    vendor = connection.vendor
    record_property("database_vendor", vendor)
    print(f"database vendor: {vendor}; broker: {settings.CELERY_BROKER_URL.split('@')[-1]}")

    # Assert: without the variable this only records what ran (a local SQLite run is fine).
    if not SERVICES_REQUIRED:
        return
    assert vendor == "postgresql", "DATABASE_URL is not a PostgreSQL URL: the suite fell back to SQLite"
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "REDIS_URL is not set: Celery uses memory://"
    assert celery_app.conf.broker_url.startswith("redis://")
    assert settings.CELERY_TASK_ALWAYS_EAGER is False, "CELERY_TASK_ALWAYS_EAGER is on: tasks never reach Redis"


def test_redis_cache_stores_values_in_redis():
    # Arrange
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        _skip_or_fail("REDIS_URL is not set, so the cache is local memory")
    assert settings.CACHES["default"]["BACKEND"] == "common.cache.FailSoftRedisCache"  # Redis, failing soft
    key = f"infra-check-{uuid.uuid4().hex}"

    # Act
    cache.set(key, {"tên": "thi đua"}, timeout=30)
    cache.set(f"{key}-n", 1, timeout=30)
    cache.incr(f"{key}-n")

    # Assert: the value round-trips, and it really lives in Redis (shared by every web machine).
    assert cache.get(key) == {"tên": "thi đua"}
    assert cache.get(f"{key}-n") == 2
    client = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])  # REDIS_CACHE_URL, else REDIS_URL
    try:
        assert client.exists(cache.make_and_validate_key(key)) == 1
        assert 0 < client.ttl(cache.make_and_validate_key(key)) <= 30
    finally:
        client.close()
    cache.delete(key)
    assert cache.get(key) is None
