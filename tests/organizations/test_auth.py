import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from organizations.enums import Role
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_with_right_password_goes_home(client, officer):
    response = _login(client, "officer", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert "_auth_user_id" in client.session


def test_wrong_password_shows_error_and_keeps_username(client, officer):
    response = _login(client, "officer", "sai-mật-khẩu")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'value="officer"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_is_throttled_after_repeated_failures(client, officer, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "officer", "sai-mật-khẩu")
    locked = _login(client, "officer", PASSWORD)  # even the right password is refused while locked
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_throttling_of_one_user_does_not_lock_another(client, officer, scorer_a, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "officer", "sai-mật-khẩu")
    response = _login(client, "scorer_a", PASSWORD)
    assert response.status_code == 302


def test_logout_requires_post_and_ends_session(client, officer):
    client.force_login(officer)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.argon2
def test_password_change_stores_argon2_hash(client, officer):
    client.force_login(officer)
    new_password = "Mật-khẩu-mới-an-toàn-2027"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(pk=officer.pk)
    assert user.check_password(new_password) and user.password.startswith("argon2")


def test_home_shows_the_tasks_of_each_role(client, org_tree):
    user = UserFactory(username="multi")
    MembershipFactory(user=user, organization=org_tree["ward_a"], role=Role.SCORER)
    MembershipFactory(user=user, organization=org_tree["root"], role=Role.REVIEWER)
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.context["is_scorer"] and response.context["is_reviewer"]
    assert not response.context["is_officer"] and not response.context["is_signer"]
    assert response.context["scorer_units"] == [org_tree["ward_a"]]
    assert reverse("organizations:organization-detail", args=[org_tree["ward_a"].pk]) in response.content.decode()


def test_home_for_officer_counts_reach(client, officer, org_tree):
    client.force_login(officer)
    response = client.get(reverse("home"))
    assert response.context["is_officer"] and response.context["organization_count"] == 5
    assert reverse("organizations:import-create") in response.content.decode()


def test_home_for_user_without_role_explains_what_to_do(client, db):
    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    assert response.status_code == 200 and "alert-warning" in response.content.decode()


def test_pages_are_vietnamese_by_default_and_english_on_request(client, officer):
    client.force_login(officer)
    vi = client.get(reverse("organizations:organization-list")).content.decode()
    assert '<html lang="vi">' in vi and "Tổ chức" in vi
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    en = client.get(reverse("organizations:organization-list")).content.decode()
    assert '<html lang="en">' in en and "Organisations" in en


def test_security_headers_present(client, officer):
    client.force_login(officer)
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_browser_language_does_not_override_vietnamese_default(client, officer):
    client.force_login(officer)
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in page and "Việc của tôi" in page


def test_logged_in_pages_are_never_stored(client, officer):
    client.force_login(officer)
    for name in ("home", "organizations:organization-list", "campaigns:campaign-list"):
        assert "no-store" in client.get(reverse(name))["Cache-Control"]


def test_sessions_end_with_the_browser_and_last_at_most_a_working_day(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
