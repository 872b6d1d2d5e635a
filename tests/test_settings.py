"""Settings fail loudly on bad values, pass Django's deploy checks, and keep the safe defaults."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from emulation import settings as project_settings
from emulation.celery import app as celery_app
from emulation.settings import INSECURE_DEFAULT_KEY

PRODUCTION_HOST = "thidua.example.gov.vn"


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run ``manage.py`` in a fresh process with only ``env`` set (nothing inherited from this run)."""
    clean_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _production_env(**overrides: str) -> dict[str, str]:
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(60)[:60],
        "ALLOWED_HOSTS": PRODUCTION_HOST,
        "SITE_URL": f"https://{PRODUCTION_HOST}",
        **overrides,
    }


def test_check_deploy_passes_with_production_environment():
    # Act
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **_production_env())

    # Assert
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output
    assert "WARNINGS" not in output, output


@pytest.mark.parametrize(
    "secret_key",
    [None, INSECURE_DEFAULT_KEY, "too-short-but-not-empty"],
    ids=["unset", "insecure-default", "short"],
)
def test_debug_off_refuses_weak_secret_key(secret_key):
    # Arrange
    env = _production_env()
    if secret_key is None:
        del env["SECRET_KEY"]
    else:
        env["SECRET_KEY"] = secret_key

    # Act
    result = _manage("check", **env)

    # Assert
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set to a random value of at least 50 characters" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be a boolean (1/0, true/false), got 'maybe'"),
        ("BEHIND_TLS_PROXY", "sometimes", "BEHIND_TLS_PROXY must be a boolean"),
        ("LOGIN_FAILURE_LIMIT", "five", "LOGIN_FAILURE_LIMIT must be an integer, got 'five'"),
        ("UPLOAD_MAX_BYTES", "10MB", "UPLOAD_MAX_BYTES must be an integer"),
    ],
)
def test_bad_value_stops_start_up_with_clear_message(name, value, message):
    # Act
    result = _manage("check", **{name: value})

    # Assert
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_malformed_database_url_is_refused():
    result = _manage("check", DATABASE_URL="not a url")

    assert result.returncode != 0
    assert "DATABASE_URL is not a valid database URL" in result.stderr


@pytest.mark.argon2  # conftest swaps in a fast hasher for every other test
@pytest.mark.argon2
@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2():
    # Act
    user = get_user_model().objects.create_user(username="hasher", password="Mật-khẩu-rất-dài-2026")

    # Assert
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert settings.PASSWORD_HASHERS == project_settings.PASSWORD_HASHERS
    assert user.password.startswith("argon2")
    assert user.check_password("Mật-khẩu-rất-dài-2026")


def test_vietnamese_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True
    assert [code for code, _name in settings.LANGUAGES] == ["vi", "en"]


def test_celery_is_configured_for_safe_redelivery():
    conf = celery_app.conf

    # A task acknowledged only after it finishes is redelivered if the worker dies mid-way.
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    # JSON only: no pickle from the broker.
    assert conf.task_serializer == "json"
    assert conf.result_serializer == "json"
    assert list(conf.accept_content) == ["json"]
    # Time limits: the soft one fires first so the task can clean up.
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit
    assert conf.broker_transport_options["visibility_timeout"] > conf.task_time_limit
    assert conf.timezone == "Asia/Ho_Chi_Minh"
