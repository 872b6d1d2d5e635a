"""Lock-out that protects without locking people out (issue 16): a name is locked only from the address that
failed, an address that tries many names is locked across them, the client address is read behind the configured
proxies only, and administrators unlock from a page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from organizations.enums import Role
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def test_a_name_is_locked_from_the_failing_address_only(client, officer, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "officer", "sai", REMOTE_ADDR="10.0.0.66")

    assert _login(client, "officer", PASSWORD, REMOTE_ADDR="10.0.0.66").status_code == 429
    elsewhere = _login(client, "officer", PASSWORD, REMOTE_ADDR="10.0.0.7")
    assert elsewhere.status_code == 302 and "_auth_user_id" in client.session


def test_an_address_trying_many_names_is_locked_across_names(client, officer, settings):
    settings.LOGIN_IP_FAILURE_LIMIT = 6
    for number in range(6):  # one or two tries per name: never the per-name limit
        _login(client, f"ten-{number}", "sai", REMOTE_ADDR="10.0.0.99")

    assert _login(client, "officer", PASSWORD, REMOTE_ADDR="10.0.0.99").status_code == 429
    assert _login(client, "officer", PASSWORD, REMOTE_ADDR="10.0.0.8").status_code == 302


def test_behind_the_proxy_each_client_is_counted_apart_and_cannot_choose_its_address(client, officer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "192.168.1.1"}  # nginx appends the address it saw; the client wrote a forged one first
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "officer", "sai", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5", **proxy)

    assert _login(client, "officer", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy).status_code == 429
    other = _login(client, "officer", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5, 203.0.113.77", **proxy)
    assert other.status_code == 302


def test_without_a_trusted_proxy_a_forged_forwarded_header_is_ignored(client, officer, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "officer", "sai", REMOTE_ADDR="10.0.0.50", HTTP_X_FORWARDED_FOR=f"198.51.100.{_attempt}")

    assert _login(client, "officer", PASSWORD, REMOTE_ADDR="10.0.0.50").status_code == 429


def test_an_administrator_sees_and_unlocks_a_person_in_reach(client, officer, org_tree, settings):
    admin = UserFactory(username="quantri")
    MembershipFactory(user=admin, organization=org_tree["root"], role=Role.ADMIN)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "officer", "sai", REMOTE_ADDR="10.0.0.66")
    client.force_login(admin)

    page = client.get(reverse("organizations:lockout-list")).content.decode()
    assert "officer" in page and "10.0.0.66" in page
    response = client.post(reverse("organizations:lockout-unlock"), {"username": "officer"})

    assert response.status_code == 302
    client.logout()
    assert _login(client, "officer", PASSWORD, REMOTE_ADDR="10.0.0.66").status_code == 302


def test_others_cannot_see_or_unlock(client, officer, scorer_a, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "officer", "sai", REMOTE_ADDR="10.0.0.66")
    client.force_login(scorer_a)

    assert client.get(reverse("organizations:lockout-list")).status_code == 404
    assert client.post(reverse("organizations:lockout-unlock"), {"username": "officer"}).status_code == 404
    client.logout()
    assert _login(client, "officer", PASSWORD, REMOTE_ADDR="10.0.0.66").status_code == 429


def test_an_administrator_elsewhere_cannot_unlock_someone_outside_reach(client, officer, org_tree, settings):
    admin = UserFactory(username="quantri_khac")
    MembershipFactory(user=admin, organization=org_tree["other"], role=Role.ADMIN)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "officer", "sai", REMOTE_ADDR="10.0.0.66")
    client.force_login(admin)

    assert "10.0.0.66" not in client.get(reverse("organizations:lockout-list")).content.decode()
    assert client.post(reverse("organizations:lockout-unlock"), {"username": "officer"}).status_code == 403
