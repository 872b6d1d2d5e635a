import pytest
from django.urls import reverse

from organizations.enums import BlocRole, Gender, OrganizationKind
from organizations.models import BlocMember, Organization, OrganizationChange, Person
from tests.factories import BlocMemberFactory, EmulationBlocFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_anonymous_user_is_sent_to_login(client, org_tree):
    response = client.get(reverse("organizations:organization-list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_organization_list_shows_the_officers_tree_only(client, officer, org_tree):
    client.force_login(officer)
    response = client.get(reverse("organizations:organization-list"))
    content = response.content.decode()
    assert "Phường 1" in content and "Phòng B" in content
    assert "Tỉnh ủy khác" not in content


def test_organization_list_search_and_empty_state(client, officer, org_tree):
    client.force_login(officer)
    response = client.get(reverse("organizations:organization-list"), {"q": "phường 2"})
    assert list(response.context["object_list"]) == [org_tree["ward_b"]]
    response = client.get(reverse("organizations:organization-list"), {"q": "không tồn tại"})
    assert response.context["page_obj"].paginator.count == 0
    assert "alert-info" in response.content.decode()


def test_organization_list_is_paginated(client, officer, org_tree):
    for n in range(30):
        OrganizationFactory(parent=org_tree["ward_a"], name=f"Tổ {n}")
    client.force_login(officer)
    first = client.get(reverse("organizations:organization-list"))
    second = client.get(reverse("organizations:organization-list"), {"page": 2})
    assert len(first.context["object_list"]) == 25
    assert len(second.context["object_list"]) == 35 - 25  # root, 4 below it and 30 new units


def test_organization_list_query_count_is_constant(client, officer, org_tree, django_assert_num_queries):
    client.force_login(officer)
    url = reverse("organizations:organization-list")
    client.get(url)  # warm up session and caches
    with django_assert_num_queries(5):
        client.get(url)
    for n in range(20):
        PersonFactory(organization=OrganizationFactory(parent=org_tree["ward_b"], name=f"Tổ {n}"))
    with django_assert_num_queries(5):
        client.get(url)


def test_person_list_query_count_is_constant(client, officer, org_tree, django_assert_num_queries):
    client.force_login(officer)
    url = reverse("organizations:person-list")
    PersonFactory(organization=org_tree["ward_a"])
    client.get(url)
    with django_assert_num_queries(5):
        client.get(url)
    for _n in range(3):
        PersonFactory(organization=org_tree["ward_b"])
    with django_assert_num_queries(5):
        client.get(url)


def test_scorer_of_ward_a_gets_404_on_ward_b(client, scorer_a, org_tree):
    person_b = PersonFactory(organization=org_tree["ward_b"])
    client.force_login(scorer_a)
    assert client.get(reverse("organizations:organization-detail", args=[org_tree["ward_b"].pk])).status_code == 404
    assert client.get(reverse("organizations:person-detail", args=[person_b.pk])).status_code == 404
    assert client.get(reverse("organizations:organization-update", args=[org_tree["ward_b"].pk])).status_code == 404
    own = client.get(reverse("organizations:organization-detail", args=[org_tree["ward_a"].pk]))
    assert own.status_code == 200 and "Phường 1" in own.content.decode()


def test_scorer_cannot_edit_own_unit(client, scorer_a, org_tree):
    client.force_login(scorer_a)
    url = reverse("organizations:organization-update", args=[org_tree["ward_a"].pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"name": "Đổi tên", "code": "WA", "kind": "unit", "parent": org_tree["dept_a"].pk})
    assert response.status_code == 403
    assert Organization.objects.get(pk=org_tree["ward_a"].pk).name == "Phường 1"


def test_officer_of_another_organisation_gets_404(client, other_officer, org_tree):
    client.force_login(other_officer)
    assert client.get(reverse("organizations:organization-detail", args=[org_tree["root"].pk])).status_code == 404


def test_officer_creates_a_unit_below(client, officer, org_tree):
    client.force_login(officer)
    response = client.post(
        reverse("organizations:organization-create"),
        {"parent": org_tree["ward_a"].pk, "code": "to-1", "name": "Tổ dân phố 1", "short_name": "", "kind": "unit"},
    )
    created = Organization.objects.get(code="TO-1")
    assert response.status_code == 302 and response["Location"].endswith(f"/org/{created.pk}/")
    assert created.parent == org_tree["ward_a"] and created.path.startswith(org_tree["ward_a"].path)


def test_officer_cannot_create_under_organisation_outside_reach(client, officer, org_tree):
    client.force_login(officer)
    response = client.post(
        reverse("organizations:organization-create"),
        {"parent": org_tree["other"].pk, "code": "X1", "name": "Lấn quyền", "kind": "unit"},
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert not Organization.objects.filter(code="X1").exists()


def test_create_form_errors_keep_what_was_typed(client, officer, org_tree):
    client.force_login(officer)
    response = client.post(
        reverse("organizations:organization-create"),
        {"parent": org_tree["root"].pk, "code": "WA", "name": "Tên đã gõ vẫn còn", "kind": "unit"},
    )
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert 'value="Tên đã gõ vẫn còn"' in response.content.decode()


def test_scorer_cannot_open_create_pages(client, scorer_a):
    client.force_login(scorer_a)
    assert client.get(reverse("organizations:organization-create")).status_code == 403
    assert client.get(reverse("organizations:person-create")).status_code == 403


def test_officer_moves_and_renames_with_history(client, officer, org_tree):
    client.force_login(officer)
    ward = org_tree["ward_a"]
    response = client.post(
        reverse("organizations:organization-update", args=[ward.pk]),
        {
            "parent": org_tree["dept_b"].pk,
            "code": "WA",
            "name": "Phường Một",
            "short_name": "P1",
            "kind": OrganizationKind.COMMUNE,
            "is_active": "on",
            "note": "Sắp xếp lại",
        },
    )
    assert response.status_code == 302
    ward.refresh_from_db()
    assert ward.name == "Phường Một" and ward.parent == org_tree["dept_b"]
    change = OrganizationChange.objects.get(organization=ward)
    assert change.changed_by == officer and change.note == "Sắp xếp lại"
    detail = client.get(reverse("organizations:organization-detail", args=[ward.pk])).content.decode()
    assert "Sắp xếp lại" in detail and "Phường Một" in detail


def test_officer_cannot_move_unit_below_itself(client, officer, org_tree):
    client.force_login(officer)
    dept = org_tree["dept_a"]
    response = client.post(
        reverse("organizations:organization-update", args=[dept.pk]),
        {"parent": org_tree["ward_a"].pk, "code": "DA", "name": "Phòng A", "kind": "unit", "is_active": "on"},
    )
    assert response.status_code == 200 and response.context["form"].errors
    dept.refresh_from_db()
    assert dept.parent == org_tree["root"]


def test_officer_adds_and_edits_a_person(client, officer, org_tree):
    client.force_login(officer)
    data = {
        "code": "cb-1",
        "full_name": "Nguyễn Thị Ngọc Phượng",
        "gender": Gender.FEMALE,
        "date_of_birth": "1985-03-08",
        "position": "Chuyên viên",
        "organization": org_tree["ward_a"].pk,
        "email": "phuong@example.gov.vn",
        "phone": "",
    }
    response = client.post(reverse("organizations:person-create"), data)
    person = Person.objects.get(code="CB-1")
    assert response.status_code == 302 and person.full_name == "Nguyễn Thị Ngọc Phượng"
    response = client.post(reverse("organizations:person-update", args=[person.pk]), data | {"position": "Trưởng ban"})
    person.refresh_from_db()
    assert person.position == "Trưởng ban"


def test_person_form_rejects_bad_email_and_keeps_input(client, officer, org_tree):
    client.force_login(officer)
    response = client.post(
        reverse("organizations:person-create"),
        {
            "code": "CB-2",
            "full_name": "Lê Thanh Đào",
            "gender": Gender.FEMALE,
            "organization": org_tree["ward_a"].pk,
            "email": "không-phải-email",
        },
    )
    assert response.status_code == 200 and "email" in response.context["form"].errors
    assert "Lê Thanh Đào" in response.content.decode()
    assert not Person.objects.filter(code="CB-2").exists()


def test_person_organisation_outside_reach_is_refused(client, officer, org_tree):
    client.force_login(officer)
    response = client.post(
        reverse("organizations:person-create"),
        {"code": "CB-3", "full_name": "Trần Quốc Cường", "gender": Gender.MALE, "organization": org_tree["other"].pk},
    )
    assert "organization" in response.context["form"].errors
    assert not Person.objects.filter(code="CB-3").exists()


def test_bloc_visible_to_member_scorer_and_editable_by_organiser_officer(client, officer, scorer_a, scorer_b, org_tree):
    bloc = EmulationBlocFactory(organizer=org_tree["root"], name="Cụm thi đua các phường")
    BlocMemberFactory(bloc=bloc, organization=org_tree["ward_a"], role=BlocRole.LEADER)
    client.force_login(scorer_a)
    page = client.get(reverse("organizations:bloc-detail", args=[bloc.pk]))
    assert "Cụm thi đua các phường" in page.content.decode() and page.context["form"] is None
    assert (
        client.post(
            reverse("organizations:bloc-detail", args=[bloc.pk]),
            {"organization": org_tree["ward_b"].pk, "role": "member"},
        ).status_code
        == 403
    )
    client.force_login(officer)
    response = client.post(
        reverse("organizations:bloc-detail", args=[bloc.pk]),
        {"organization": org_tree["ward_b"].pk, "role": BlocRole.LEADER},
    )
    assert response.status_code == 302
    assert dict(BlocMember.objects.values_list("organization__code", "role")) == {"WA": "member", "WB": "leader"}
    client.post(
        reverse("organizations:bloc-detail", args=[bloc.pk]),
        {"organization": org_tree["ward_a"].pk, "role": "member", "remove": "on"},
    )
    assert list(BlocMember.objects.values_list("organization__code", flat=True)) == ["WB"]


def test_bloc_of_other_units_is_404_for_scorer(client, scorer_b, org_tree):
    bloc = EmulationBlocFactory(organizer=org_tree["other"])
    BlocMemberFactory(bloc=bloc, organization=org_tree["other"])
    client.force_login(scorer_b)
    assert client.get(reverse("organizations:bloc-detail", args=[bloc.pk])).status_code == 404
    assert client.get(reverse("organizations:bloc-list")).context["page_obj"].paginator.count == 0
