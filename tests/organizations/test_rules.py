import pytest

from organizations import rules as org_rules
from organizations import selectors
from organizations.enums import Role
from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_officer_reaches_own_organisation_and_everything_below(org_tree, officer):
    for key in ["root", "dept_a", "dept_b", "ward_a", "ward_b"]:
        assert org_rules.is_officer_of(officer, org_tree[key]), key
    assert not org_rules.is_officer_of(officer, org_tree["other"])


def test_officer_of_a_department_does_not_reach_its_sibling_or_parent(org_tree):
    user = UserFactory()
    MembershipFactory(user=user, organization=org_tree["dept_a"], role=Role.OFFICER)
    assert org_rules.is_officer_of(user, org_tree["ward_a"])
    assert not org_rules.is_officer_of(user, org_tree["ward_b"])
    assert not org_rules.is_officer_of(user, org_tree["root"])


def test_scorer_acts_only_on_own_unit(org_tree, scorer_a):
    assert org_rules.is_scorer_of(scorer_a, org_tree["ward_a"])
    assert not org_rules.is_scorer_of(scorer_a, org_tree["ward_b"])
    assert not org_rules.is_scorer_of(scorer_a, org_tree["dept_a"])
    assert not org_rules.is_officer_of(scorer_a, org_tree["ward_a"])


def test_scorer_sees_only_own_unit_and_its_people(org_tree, scorer_a):
    PersonFactory(organization=org_tree["ward_a"], full_name="Trần Thị A")
    PersonFactory(organization=org_tree["ward_b"], full_name="Lê Văn B")
    assert list(selectors.organization_list_for_user(scorer_a)) == [org_tree["ward_a"]]
    assert [p.full_name for p in selectors.person_list_for_user(scorer_a)] == ["Trần Thị A"]


def test_has_perm_uses_object_rules(org_tree, officer, scorer_a):
    assert officer.has_perm("organizations.change_organization", org_tree["ward_b"])
    assert not scorer_a.has_perm("organizations.change_organization", org_tree["ward_a"])
    assert scorer_a.has_perm("organizations.view_organization", org_tree["ward_a"])
    assert not scorer_a.has_perm("organizations.view_organization", org_tree["ward_b"])


def test_user_without_membership_reaches_nothing(org_tree):
    user = UserFactory()
    assert not selectors.organization_list_for_user(user).exists()
    assert not org_rules.can_see_organization(user, org_tree["root"])


def test_superuser_reaches_everything(org_tree):
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert selectors.organization_list_for_user(admin).count() == 6
    assert org_rules.is_officer_of(admin, org_tree["other"])


def test_inactive_organisation_membership_grants_nothing(org_tree, scorer_a):
    from organizations.models import Organization

    Organization.objects.filter(pk=org_tree["ward_a"].pk).update(is_active=False)
    fresh = type(scorer_a).objects.get(pk=scorer_a.pk)
    assert not org_rules.is_scorer_of(fresh, org_tree["ward_a"])
