"""``check --deploy`` warns when SITE_URL (printed in every certificate's QR code) is a loopback address."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from common.checks import check_site_url, is_loopback_url


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://127.1.2.3", True),
        ("http://localhost:8000", True),
        ("https://app.localhost", True),
        ("http://[::1]:8000", True),
        ("", True),
        ("https://thidua.example.gov.vn", False),
        ("https://10.0.0.5", False),
        ("http://192.168.1.20:8000", False),
    ],
)
def test_is_loopback_url(url, loopback):
    assert is_loopback_url(url) is loopback


def test_loopback_site_url_without_debug_is_a_warning(settings):
    settings.DEBUG, settings.SITE_URL = False, "http://127.0.0.1:8000"

    warnings = check_site_url()

    assert [w.id for w in warnings] == ["common.W001"]
    assert "127.0.0.1" in warnings[0].msg and "QR" in warnings[0].hint


@pytest.mark.parametrize(("debug", "url"), [(True, "http://127.0.0.1:8000"), (False, "https://thidua.example.gov.vn")])
def test_no_warning_in_debug_or_with_a_public_site_url(settings, debug, url):
    settings.DEBUG, settings.SITE_URL = debug, url

    assert check_site_url() == []


def test_check_deploy_reports_it(settings):
    settings.DEBUG, settings.SITE_URL = False, "http://localhost:8000"

    with pytest.raises(SystemCheckError, match="common.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")
