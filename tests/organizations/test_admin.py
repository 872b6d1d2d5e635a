import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from organizations.models import Organization
from tests.factories import BlocMemberFactory, MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["organizations", "campaigns", "scoring", "awards"]
# Who has voted, and in which order, is the ballot's secret: not in the admin at all (issue #16).
NOT_IN_ADMIN = {"BallotCast"}


def _models(app_label):
    return [m for m in apps.get_app_config(app_label).get_models() if m.__name__ not in NOT_IN_ADMIN]


def test_every_project_model_is_registered_with_search():
    for app_label in PROJECT_APPS:
        for model in _models(app_label):
            model_admin = admin.site._registry.get(model)
            assert model_admin is not None, f"{model.__name__} is not in the admin"
            assert model_admin.search_fields, f"{model.__name__} admin has no search"


def test_admin_changelists_render_with_search_and_filters(client, org_tree):
    PersonFactory(organization=org_tree["ward_a"])
    MembershipFactory(organization=org_tree["ward_a"])
    BlocMemberFactory(organization=org_tree["ward_b"])
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    for app_label in PROJECT_APPS:
        for model in _models(app_label):
            url = reverse(f"admin:{app_label}_{model._meta.model_name}_changelist")
            response = client.get(url, {"q": "Phường"})
            assert response.status_code == 200, url


def test_admin_creates_organisation_through_service(client, org_tree):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:organizations_organization_add"),
        {
            "code": "NEW",
            "name": "Đơn vị mới",
            "short_name": "",
            "kind": "unit",
            "parent": org_tree["ward_a"].pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    created = Organization.objects.get(code="NEW")
    assert created.path == f"{org_tree['ward_a'].path}{created.pk:010d}/"
