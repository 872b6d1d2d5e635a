"""Each organisation writes State or Party documents: defaulted from its kind, chosen by an administrator."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from organizations import services
from organizations.enums import DocumentStyle, OrganizationKind, Role
from organizations.models import Organization
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(org_tree):
    user = UserFactory(username="org_admin")
    MembershipFactory(user=user, organization=org_tree["root"], role=Role.ADMIN)
    return user


def test_party_bodies_default_to_party_documents_and_the_rest_to_state():
    party = services.organization_create(code="BTGTU", name="Ban Tuyên giáo Thành ủy", kind=OrganizationKind.PARTY_BODY)
    state = services.organization_create(code="SVH", name="Sở Văn hóa", kind=OrganizationKind.DEPARTMENT)
    chosen = services.organization_create(
        code="HND", name="Hội Nông dân", kind=OrganizationKind.MASS_ORGANIZATION, document_style=DocumentStyle.PARTY
    )
    assert (party.document_style, state.document_style, chosen.document_style) == ("party", "state", "party")


def test_the_data_migration_sets_existing_party_bodies_to_party():
    # Arrange: rows as they were before the field existed (every row has the column's default, State).
    party = OrganizationFactory(kind=OrganizationKind.PARTY_BODY)
    unit = OrganizationFactory(kind=OrganizationKind.UNIT)
    Organization.objects.update(document_style=DocumentStyle.STATE)
    migration = importlib.import_module("organizations.migrations.0002_document_style")

    # Act
    migration.party_bodies_write_party_documents(apps, None)

    # Assert
    party.refresh_from_db()
    unit.refresh_from_db()
    assert (party.document_style, unit.document_style) == ("party", "state")


def test_admin_changes_the_style_in_the_organisation_form(client, admin_user, org_tree):
    # Arrange
    ward = org_tree["ward_a"]
    client.force_login(admin_user)
    url = reverse("organizations:organization-update", args=[ward.pk])
    assert 'name="document_style"' in client.get(url).content.decode()

    # Act
    response = client.post(
        url,
        {
            "parent": org_tree["dept_a"].pk,
            "code": ward.code,
            "name": ward.name,
            "kind": ward.kind,
            "document_style": "party",
            "is_active": "on",
        },
    )

    # Assert
    assert response.status_code == 302
    ward.refresh_from_db()
    assert ward.document_style == "party"
    assert ward.changes.get().changes["document_style"] == ["state", "party"]
    page = client.get(reverse("organizations:organization-detail", args=[ward.pk])).content.decode()
    assert 'id="document-style"' in page


def test_officer_does_not_choose_the_style_and_a_forged_field_is_ignored(client, officer, org_tree):
    ward = org_tree["ward_a"]
    client.force_login(officer)
    url = reverse("organizations:organization-update", args=[ward.pk])
    assert 'name="document_style"' not in client.get(url).content.decode()

    response = client.post(
        url,
        {
            "parent": org_tree["dept_a"].pk,
            "code": ward.code,
            "name": ward.name,
            "kind": ward.kind,
            "document_style": "party",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    ward.refresh_from_db()
    assert ward.document_style == "state"


def test_admin_creates_with_the_style_of_the_kind_or_a_chosen_one(client, admin_user, org_tree):
    client.force_login(admin_user)
    url = reverse("organizations:organization-create")
    base = {"parent": org_tree["root"].pk, "name": "Đảng ủy phường", "kind": OrganizationKind.PARTY_BODY}

    client.post(url, {**base, "code": "DU-P1", "document_style": ""})
    client.post(url, {**base, "code": "DU-P2", "document_style": "state"})
    response = client.post(url, {**base, "code": "DU-P3", "document_style": "union"})

    styles = dict(Organization.objects.filter(code__startswith="DU-").values_list("code", "document_style"))
    assert styles == {"DU-P1": "party", "DU-P2": "state"}
    assert response.status_code == 200 and response.context["form"].errors["document_style"]
