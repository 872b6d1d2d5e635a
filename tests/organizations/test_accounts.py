"""Logins managed in the app: an organisation's administrators create them, give and remove roles, deactivate,
force a password change; users change their own password or reset it by e-mail. Every change is journalled."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from organizations.enums import AccountAction, Role
from organizations.models import AccountEvent, AccountSettings, Membership
from tests.factories import PASSWORD, MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Mật-khẩu-mới-an-toàn-2027"


@pytest.fixture
def admin_user(org_tree):
    user = UserFactory(username="quantri")
    MembershipFactory(user=user, organization=org_tree["dept_a"], role=Role.ADMIN)
    PersonFactory(user=user, organization=org_tree["dept_a"], full_name="Trần Thị Quản Trị")
    return user


@pytest.fixture
def person(org_tree):
    return PersonFactory(organization=org_tree["ward_a"], full_name="Nguyễn Văn An", email="an@example.vn")


@pytest.fixture
def account(person):
    user = UserFactory(username="nvan", email=person.email)
    person.user = user
    person.save(update_fields=["user"])
    return user


def _create(client, person, username="nvan", password=NEW_PASSWORD):
    url = reverse("organizations:person-account-create", args=[person.pk])
    return client.post(url, {"username": username, "password1": password, "password2": password})


def test_admin_creates_a_login_that_must_change_its_password(client, admin_user, person):
    client.force_login(admin_user)
    response = _create(client, person)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.user.username == "nvan" and person.user.email == "an@example.vn"
    assert person.user.check_password(NEW_PASSWORD)
    assert AccountSettings.objects.get(user=person.user).must_change_password
    event = AccountEvent.objects.get(user=person.user)
    assert event.action == AccountAction.CREATED and event.actor == admin_user
    page = client.get(reverse("organizations:person-account", args=[person.pk])).content.decode()
    assert "Trần Thị Quản Trị" in page  # the journal names the person who did it


def test_create_refuses_taken_name_and_weak_password_keeping_input(client, admin_user, person, officer):
    client.force_login(admin_user)
    response = _create(client, person, username="officer")
    assert response.status_code == 200 and "officer" in response.content.decode()
    assert response.context["form"].errors["username"]
    response = _create(client, person, password="123")
    assert response.status_code == 200 and response.context["form"].errors
    person.refresh_from_db()
    assert person.user is None


def test_officer_may_not_manage_logins_and_other_trees_are_hidden(client, officer, other_officer, person):
    client.force_login(officer)
    assert _create(client, person).status_code == 403
    client.force_login(other_officer)
    assert _create(client, person).status_code == 404
    person.refresh_from_db()
    assert person.user is None


def test_person_page_links_the_account_actions_for_admins_only(client, admin_user, officer, person):
    client.force_login(admin_user)
    page = client.get(reverse("organizations:person-detail", args=[person.pk])).content.decode()
    assert reverse("organizations:person-account-create", args=[person.pk]) in page
    client.force_login(officer)
    page = client.get(reverse("organizations:person-detail", args=[person.pk])).content.decode()
    assert reverse("organizations:person-account-create", args=[person.pk]) not in page


def test_admin_gives_and_removes_a_role_within_reach(client, admin_user, account, person, org_tree):
    client.force_login(admin_user)
    url = reverse("organizations:person-role-add", args=[person.pk])
    response = client.post(url, {"role": Role.REVIEWER, "organization": org_tree["ward_a"].pk})
    assert response.status_code == 302
    membership = Membership.objects.get(user=account, role=Role.REVIEWER)
    # Outside the administrator's reach: refused by the form (not a choice).
    response = client.post(url, {"role": Role.OFFICER, "organization": org_tree["dept_b"].pk})
    assert response.status_code == 200 and response.context["role_form"].errors["organization"]
    assert not Membership.objects.filter(user=account, organization=org_tree["dept_b"]).exists()
    remove = reverse("organizations:person-role-remove", args=[person.pk, membership.pk])
    assert client.post(remove).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    actions = list(AccountEvent.objects.filter(user=account).values_list("action", "role", "organization"))
    assert actions == [
        (AccountAction.ROLE_REVOKED, Role.REVIEWER, org_tree["ward_a"].pk),
        (AccountAction.ROLE_GRANTED, Role.REVIEWER, org_tree["ward_a"].pk),
    ]


def test_role_outside_reach_cannot_be_removed(client, admin_user, account, person, org_tree):
    foreign = MembershipFactory(user=account, organization=org_tree["dept_b"], role=Role.OFFICER)
    client.force_login(admin_user)
    response = client.post(reverse("organizations:person-role-remove", args=[person.pk, foreign.pk]))
    assert response.status_code == 403
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_deactivated_login_cannot_log_in_and_is_reactivated(client, admin_user, account, person):
    client.force_login(admin_user)
    url = reverse("organizations:person-account-active", args=[person.pk])
    assert client.post(url, {"action": "deactivate"}).status_code == 302
    account.refresh_from_db()
    assert not account.is_active
    client.logout()
    response = client.post(reverse("login"), {"username": "nvan", "password": PASSWORD})
    assert "_auth_user_id" not in client.session and response.status_code == 200
    client.force_login(admin_user)
    client.post(url, {"action": "activate"})
    account.refresh_from_db()
    assert account.is_active
    assert [e.action for e in AccountEvent.objects.filter(user=account).order_by("pk")] == [
        AccountAction.DEACTIVATED,
        AccountAction.ACTIVATED,
    ]


def test_admin_cannot_deactivate_themself(client, admin_user):
    client.force_login(admin_user)
    url = reverse("organizations:person-account-active", args=[admin_user.person.pk])
    client.post(url, {"action": "deactivate"})
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_forced_password_change_holds_the_user_until_changed(client, admin_user, account, person):
    client.force_login(admin_user)
    client.post(reverse("organizations:person-account-password", args=[person.pk]))
    client.logout()
    client.post(reverse("login"), {"username": "nvan", "password": PASSWORD})
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("password_change")
    page = client.get(reverse("password_change")).content.decode()
    assert "password_change" not in page or "new_password1" in page
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert not AccountSettings.objects.get(user=account).must_change_password
    assert AccountEvent.objects.filter(user=account, action=AccountAction.PASSWORD_CHANGED, actor=account).exists()


def test_password_reset_by_email_end_to_end(client, account):
    login_page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in login_page
    response = client.post(reverse("password_reset"), {"email": "an@example.vn"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["an@example.vn"]
    assert "nvan" in message.body and message.alternatives  # text and HTML
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "new_password1" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_complete")
    assert get_user_model().objects.get(pk=account.pk).check_password(NEW_PASSWORD)
    assert AccountEvent.objects.filter(user=account, action=AccountAction.PASSWORD_RESET).exists()
    # The link works once.
    assert "new_password1" not in client.get(link, follow=True).content.decode()


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(client, account):
    response = client.post(reverse("password_reset"), {"email": "khong-co@example.vn"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_own_account_page_shows_password_form_and_roles(client, scorer_a):
    client.force_login(scorer_a)
    response = client.get(reverse("account"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "new_password1" in page and "Phường 1" in page
    assert client.get(reverse("account"), HTTP_ACCEPT="text/html").status_code == 200


def test_own_account_page_needs_login(client):
    response = client.get(reverse("account"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_admin_site_is_in_vietnamese(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:index")).content.decode()
    assert "Quản trị thi đua" in page
    assert "Django administration" not in page and "Trang quản trị cho Django" not in page
