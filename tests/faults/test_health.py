"""/healthz (no dependencies) and /readyz (database required; Redis down = degraded, not failed)."""

import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from tests.faults import support

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_to_anyone(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_refuses_post(client):
    response = client.post(reverse("healthz"))

    assert response.status_code == 405


def test_readyz_without_redis_configured_is_ok(client, settings):
    settings.REDIS_URL = ""

    response = client.get(reverse("readyz"))

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["checks"] == {"database": "ok", "redis": "not configured"}


def test_readyz_with_redis_down_is_degraded_not_failed(client, settings):
    settings.REDIS_URL = f"redis://127.0.0.1:{support.free_port()}/0"  # nothing listens there

    response = client.get(reverse("readyz"))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"] == {"database": "ok", "redis": "down"}
    assert body["outbox_unsent"] == 0


def test_readyz_with_redis_up_is_ok(client, settings, tmp_path):
    with support.private_redis(tmp_path) as redis:
        settings.REDIS_URL = redis.url

        response = client.get(reverse("readyz"))

    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "redis": "ok"}


READYZ_IN_A_FRESH_PROCESS = """
import django, json
django.setup()
from django.test import Client
response = Client().get("/readyz", headers={"host": "127.0.0.1"})
print(json.dumps({"status_code": response.status_code, "body": response.json()}))
"""


def test_readyz_with_the_database_down_is_503():
    # A process of its own whose database URL points at a port nobody listens on: a real connection failure.
    env = {
        **support.os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{support.free_port()}/nothing",
        "DJANGO_SETTINGS_MODULE": "emulation.settings",
        "REDIS_URL": "",
        "REDIS_CACHE_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", READYZ_IN_A_FRESH_PROCESS],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer == {
        "status_code": 503,
        "body": {"status": "failed", "checks": {"database": "down", "redis": "not configured"}},
    }
