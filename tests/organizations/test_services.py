import pytest
from django.core.exceptions import ValidationError

from organizations import services
from organizations.enums import BlocRole
from organizations.models import BlocMember, Organization, OrganizationChange, Person
from tests.factories import EmulationBlocFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _seg(org) -> str:
    return f"{org.pk:010d}/"


def test_organization_create_sets_path_and_depth(org_tree):
    ward_a = org_tree["ward_a"]
    root, dept_a = org_tree["root"], org_tree["dept_a"]
    assert root.path == f"/{_seg(root)}"
    assert ward_a.path == f"/{_seg(root)}{_seg(dept_a)}{_seg(ward_a)}"
    assert ward_a.ancestor_ids() == [root.pk, dept_a.pk, ward_a.pk]
    assert (root.depth, dept_a.depth, ward_a.depth) == (0, 1, 2)


def test_organization_update_moves_whole_subtree_and_records_history(org_tree, officer):
    dept_a, dept_b, ward_a = org_tree["dept_a"], org_tree["dept_b"], org_tree["ward_a"]
    deep = OrganizationFactory(code="DEEP", parent=ward_a)

    services.organization_update(organization=ward_a, parent=dept_b, changed_by=officer, note="Sáp nhập")

    ward_a.refresh_from_db()
    deep.refresh_from_db()
    assert ward_a.path == f"{dept_b.path}{_seg(ward_a)}"
    assert deep.path == f"{dept_b.path}{_seg(ward_a)}{_seg(deep)}"
    assert deep.depth == 3
    change = OrganizationChange.objects.get(organization=ward_a)
    assert change.changes == {"parent": [dept_a.code, dept_b.code]}
    assert change.changed_by == officer and change.note == "Sáp nhập"


def test_organization_update_rename_keeps_history(org_tree):
    ward = org_tree["ward_a"]
    services.organization_update(organization=ward, name="Phường Một")
    assert Organization.objects.get(pk=ward.pk).name == "Phường Một"
    assert OrganizationChange.objects.get(organization=ward).changes == {"name": ["Phường 1", "Phường Một"]}


def test_organization_update_without_changes_records_nothing(org_tree):
    services.organization_update(organization=org_tree["ward_a"], name="Phường 1")
    assert not OrganizationChange.objects.exists()


def test_organization_cannot_move_under_its_own_descendant(org_tree):
    with pytest.raises(ValidationError):
        services.organization_update(organization=org_tree["dept_a"], parent=org_tree["ward_a"])
    org_tree["dept_a"].refresh_from_db()
    assert org_tree["dept_a"].parent == org_tree["root"]


def test_organization_create_rejects_duplicate_code(org_tree):
    with pytest.raises(ValidationError):
        services.organization_create(code="WA", name="Trùng mã", kind="unit", parent=org_tree["root"])


def test_organization_merge_moves_people_and_deactivates(org_tree):
    person = PersonFactory(organization=org_tree["ward_a"])
    services.organization_merge(source=org_tree["ward_a"], target=org_tree["ward_b"])
    source = Organization.objects.get(pk=org_tree["ward_a"].pk)
    assert not source.is_active and source.merged_into == org_tree["ward_b"]
    assert Person.objects.get(pk=person.pk).organization == org_tree["ward_b"]


def test_bloc_new_leader_demotes_previous_one(org_tree):
    bloc = EmulationBlocFactory(organizer=org_tree["root"])
    services.bloc_member_set(bloc=bloc, organization=org_tree["ward_a"], role=BlocRole.LEADER)
    services.bloc_member_set(bloc=bloc, organization=org_tree["ward_b"], role=BlocRole.LEADER)
    roles = dict(BlocMember.objects.filter(bloc=bloc).values_list("organization__code", "role"))
    assert roles == {"WA": BlocRole.MEMBER, "WB": BlocRole.LEADER}


def test_tree_order_puts_siblings_in_creation_order_past_nine(org_tree):
    wards = [OrganizationFactory(parent=org_tree["dept_a"], name=f"Phường {n}") for n in range(1, 13)]
    ordered = list(Organization.objects.filter(parent=org_tree["dept_a"]).exclude(code="WA").order_by("path"))
    assert ordered == wards
