"""organizations/reach.py ``Reach.below_q``: the one filter for "organisations at or below mine"."""

import pytest
from django.contrib.auth.models import AnonymousUser

from organizations.enums import Role
from organizations.models import Organization, Person
from organizations.reach import Reach, reach_for, reach_forget
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


@pytest.fixture
def tree(org_tree):
    """org_tree plus a grandchild under ward_a (two levels below dept_a)."""
    org_tree["ward_a_1"] = OrganizationFactory(code="WA1", parent=org_tree["ward_a"])
    return org_tree


def _user(*grants):
    user = UserFactory()
    for role, organization in grants:
        MembershipFactory(user=user, organization=organization, role=role)
    return user


def test_superuser_reaches_everything(tree):
    user = UserFactory(username="root_admin", is_superuser=True)
    assert _codes(Organization.objects.filter(reach_for(user).below_q(Role.OFFICER))) == _codes(Organization.objects)


def test_a_role_reaches_its_organisation_and_everything_below(tree):
    reach = reach_for(_user((Role.OFFICER, tree["dept_a"])))
    assert _codes(Organization.objects.filter(reach.below_q(Role.OFFICER))) == {"DA", "WA", "WA1"}


def test_only_the_roles_asked_for_count(tree):
    reach = reach_for(_user((Role.OFFICER, tree["dept_a"]), (Role.REVIEWER, tree["dept_b"])))
    assert _codes(Organization.objects.filter(reach.below_q(Role.OFFICER))) == {"DA", "WA", "WA1"}
    assert _codes(Organization.objects.filter(reach.below_q(Role.REVIEWER))) == {"DB", "WB"}
    assert _codes(Organization.objects.filter(reach.below_q(Role.OFFICER, Role.REVIEWER))) == {
        "DA",
        "WA",
        "WA1",
        "DB",
        "WB",
    }
    assert _codes(Organization.objects.filter(reach.below_q(Role.SIGNER))) == set()


def test_overlapping_grants_are_one_subtree(tree):
    reach = reach_for(_user((Role.OFFICER, tree["root"]), (Role.OFFICER, tree["ward_a"])))
    assert _codes(Organization.objects.filter(reach.below_q(Role.OFFICER))) == {
        "ROOT",
        "DA",
        "DB",
        "WA",
        "WB",
        "WA1",
    }


def test_a_user_without_roles_and_an_anonymous_user_reach_nothing(tree):
    assert not Organization.objects.filter(reach_for(_user()).below_q(Role.OFFICER)).exists()
    assert not Organization.objects.filter(reach_for(AnonymousUser()).below_q(Role.OFFICER)).exists()
    assert reach_for(None) == Reach()


def test_prefix_filters_a_related_model_through_its_organisation(tree):
    for code in ("DA", "WA1", "WB", "OTHER"):
        PersonFactory(code=f"P-{code}", organization=Organization.objects.get(code=code))
    reach = reach_for(_user((Role.OFFICER, tree["dept_a"])))

    people = Person.objects.filter(reach.below_q(Role.OFFICER, prefix="organization__"))

    assert _codes(people) == {"P-DA", "P-WA1"}


def test_prefix_for_a_superuser_is_everything_too(tree):
    PersonFactory(code="P-OTHER", organization=tree["other"])
    user = UserFactory(username="root_admin", is_superuser=True)
    assert _codes(Person.objects.filter(reach_for(user).below_q(prefix="organization__"))) == {"P-OTHER"}


def test_the_reach_is_read_once_per_user_until_forgotten(tree, django_assert_num_queries):
    user = _user((Role.OFFICER, tree["dept_a"]))
    with django_assert_num_queries(1):
        first = reach_for(user)
        assert reach_for(user) is first
    MembershipFactory(user=user, organization=tree["dept_b"], role=Role.OFFICER)
    reach_forget(user)
    assert _codes(Organization.objects.filter(reach_for(user).below_q(Role.OFFICER))) == {
        "DA",
        "WA",
        "WA1",
        "DB",
        "WB",
    }
