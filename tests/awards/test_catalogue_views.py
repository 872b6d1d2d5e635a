"""Catalogue pages: list filters and N+1 guard, detail, create / edit / new version / prerequisites /
delete-or-deactivate, with who may manage national rows and an organisation's own rows."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from awards.enums import RecordSource
from awards.models import AwardPrerequisite, AwardRecord, AwardType
from organizations.enums import Role
from tests.awards.factories import award_type
from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"awards:{name}", args=args)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def org_admin(org_tree):
    user = UserFactory(username="org_admin")
    MembershipFactory(user=user, organization=org_tree["dept_a"], role=Role.ADMIN)
    return user


def _rule(**overrides):
    data = {
        "name": "Đoàn viên xuất sắc",
        "certificate_title": "GIẤY KHEN",
        "category": "emulation_title",
        "recipient_kind": "individual",
        "level": "organization",
        "legal_basis": "Điều lệ Đoàn",
        "valid_from": "2025-01-01",
        "valid_to": "",
        "minimum_points": "",
        "excludes_disciplinary_review": "on",
        "disclosure_days": "0",
        "threshold_percent": "50",
        "threshold_base": "all",
        "quorum_numerator": "2",
        "quorum_denominator": "3",
    }
    return data | overrides


def _own_award(owner, code="DVXS", **fields):
    values = {
        "name": "Đoàn viên xuất sắc",
        "certificate_title": "GIẤY KHEN",
        "category": "emulation_title",
        "recipient_kind": "individual",
        "level": "organization",
        "valid_from": date(2025, 1, 1),
    }
    return AwardType.objects.create(code=code, owner=owner, **(values | fields))


# --- reading ----------------------------------------------------------------------------------------------------


def test_catalogue_list_shows_seeded_rows_valid_today_to_any_user(client, scorer_a):
    client.force_login(scorer_a)
    response = client.get(_url("catalogue-list"))
    assert response.status_code == 200
    assert "Chiến sĩ thi đua cơ sở" in response.text
    assert "CSTD_TINH" in response.text


def test_catalogue_list_filters_by_kind_search_and_valid_date(client, scorer_a):
    client.force_login(scorer_a)
    collective = client.get(_url("catalogue-list"), {"recipient_kind": "collective"}).text
    assert "Tập thể lao động xuất sắc" in collective
    assert "Chiến sĩ thi đua cơ sở" not in collective
    searched = client.get(_url("catalogue-list"), {"q": "cstd_cs"}).text
    assert "Chiến sĩ thi đua cơ sở" in searched
    assert "Lao động tiên tiến" not in searched
    before_the_law = client.get(_url("catalogue-list"), {"valid_on": "2023-06-01"})
    assert before_the_law.context["page_obj"].paginator.count == 0
    assert 'class="alert alert-info"' in before_the_law.text


def test_catalogue_list_hides_closed_versions_unless_asked(client, scorer_a):
    old = award_type("LDTT")
    old.valid_to = date(2025, 12, 31)
    old.save(update_fields=["valid_to"])
    client.force_login(scorer_a)
    assert "<code>LDTT</code>" not in client.get(_url("catalogue-list"), {"q": "LDTT"}).text
    assert "<code>LDTT</code>" in client.get(_url("catalogue-list"), {"q": "LDTT", "include_closed": "on"}).text


def test_catalogue_list_query_count_is_constant(client, scorer_a, org_tree, django_assert_max_num_queries):
    client.force_login(scorer_a)
    client.get(_url("catalogue-list"), {"level": "organization"})  # warm the session
    _own_award(org_tree["root"], code="A1")
    with django_assert_max_num_queries(8) as small:
        client.get(_url("catalogue-list"), {"level": "organization"})
    for code in ("A2", "A3", "A4"):
        _own_award(org_tree["root"], code=code)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(_url("catalogue-list"), {"level": "organization"})
    assert response.text.count('href="/awards/catalogue/') >= 4


def test_catalogue_detail_shows_rule_prerequisites_and_versions(client, scorer_a):
    client.force_login(scorer_a)
    response = client.get(_url("catalogue-detail", award_type("CSTD_TINH").pk))
    assert response.status_code == 200
    assert "3 × <code>CSTD_CS</code> Chiến sĩ thi đua cơ sở" in response.text
    assert "90%" in response.text
    assert "Luật Thi đua, khen thưởng" in response.text
    assert 'id="versions"' in response.text
    assert _url("catalogue-update", award_type("CSTD_TINH").pk) not in response.text  # cannot manage


def test_catalogue_detail_unknown_is_404(client, scorer_a):
    client.force_login(scorer_a)
    assert client.get(_url("catalogue-detail", 999999)).status_code == 404


# --- who manages what -------------------------------------------------------------------------------------------


def test_officer_cannot_edit_a_national_row(client, officer):
    client.force_login(officer)
    pk = award_type("LDTT").pk
    assert client.get(_url("catalogue-update", pk)).status_code == 403
    assert client.post(_url("catalogue-update", pk), _rule(name="Đổi tên")).status_code == 403
    assert AwardType.objects.get(pk=pk).name == "Lao động tiên tiến"
    assert client.get(_url("catalogue-create")).status_code == 403


def test_superuser_edits_a_national_row(client, superuser):
    client.force_login(superuser)
    row = award_type("LDTT")
    data = _rule(
        name="Lao động tiên tiến",
        certificate_title="LAO ĐỘNG TIÊN TIẾN",
        category="emulation_title",
        level="grassroots",
        valid_from="2025-07-01",
        threshold_percent="60",
    )
    response = client.post(_url("catalogue-update", row.pk), data)
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.threshold_percent == Decimal(60)


def test_org_admin_creates_an_own_title_for_their_organisation(client, org_admin, org_tree):
    client.force_login(org_admin)
    response = client.post(_url("catalogue-create"), _rule(code="dvxs", owner=org_tree["ward_a"].pk))
    created = AwardType.objects.get(code="DVXS")
    assert response.status_code == 302 and response["Location"] == _url("catalogue-detail", created.pk)
    assert created.owner == org_tree["ward_a"]


def test_org_admin_cannot_create_a_national_or_foreign_row(client, org_admin, org_tree):
    client.force_login(org_admin)
    national = client.post(_url("catalogue-create"), _rule(code="X1", owner=""))
    foreign = client.post(_url("catalogue-create"), _rule(code="X2", owner=org_tree["dept_b"].pk))
    assert national.status_code == 200 and foreign.status_code == 200
    assert not AwardType.objects.filter(code__in=["X1", "X2"]).exists()


def test_org_admin_cannot_edit_another_organisations_row(client, org_admin, org_tree):
    row = _own_award(org_tree["dept_b"])
    client.force_login(org_admin)
    assert client.get(_url("catalogue-update", row.pk)).status_code == 403


def test_create_refuses_an_existing_code_and_bad_rule_keeping_input(client, superuser):
    client.force_login(superuser)
    taken = client.post(_url("catalogue-create"), _rule(code="LDTT", name="Tên gõ vào"))
    assert taken.status_code == 200
    assert "LDTT" in taken.text and "Tên gõ vào" in taken.text
    bad = client.post(
        _url("catalogue-create"),
        _rule(
            code="NEW", valid_from="2025-05-01", valid_to="2025-01-01", threshold_percent="120", quorum_numerator="4"
        ),
    )
    assert bad.status_code == 200
    assert not AwardType.objects.filter(code="NEW").exists()
    assert bad.context["form"].errors.keys() >= {"valid_to", "threshold_percent", "quorum_numerator"}


# --- versions ---------------------------------------------------------------------------------------------------


def test_new_version_closes_the_current_row_and_copies_prerequisites(client, superuser):
    client.force_login(superuser)
    current = award_type("CSTD_TINH")
    data = _rule(
        name=current.name,
        certificate_title=current.certificate_title,
        level=current.level,
        valid_from="2026-07-01",
        threshold_percent="80",
    )
    response = client.post(_url("catalogue-version", current.pk), data)
    new = AwardType.objects.get(code="CSTD_TINH", valid_from=date(2026, 7, 1))
    assert response["Location"] == _url("catalogue-detail", new.pk)
    current.refresh_from_db()
    assert current.valid_to == date(2026, 6, 30)
    assert new.valid_to is None and new.threshold_percent == Decimal(80)
    assert list(new.prerequisites.values_list("required_code", "times")) == [("CSTD_CS", 3)]


def test_new_version_must_start_after_the_current_one(client, superuser):
    client.force_login(superuser)
    current = award_type("LDTT")
    response = client.post(_url("catalogue-version", current.pk), _rule(valid_from="2023-01-01"))
    assert response.status_code == 200
    assert "valid_from" in response.context["form"].errors
    assert AwardType.objects.filter(code="LDTT").count() == 2  # the seeded 98/2023 and 152/2025 versions only


# --- prerequisites ----------------------------------------------------------------------------------------------


def test_prerequisite_add_and_remove_with_confirmation(client, org_admin, org_tree):
    row = _own_award(org_tree["dept_a"])
    client.force_login(org_admin)
    added = client.post(
        _url("catalogue-prerequisite-add", row.pk), {"required_code": "ldtt", "times": "2", "scope": "consecutive"}
    )
    assert added.status_code == 302
    prerequisite = AwardPrerequisite.objects.get(award_type=row)
    assert (prerequisite.required_code, prerequisite.times) == ("LDTT", 2)
    confirm = client.get(_url("catalogue-prerequisite-remove", row.pk, prerequisite.pk))
    assert confirm.status_code == 200 and AwardPrerequisite.objects.filter(pk=prerequisite.pk).exists()
    client.post(_url("catalogue-prerequisite-remove", row.pk, prerequisite.pk))
    assert not AwardPrerequisite.objects.filter(pk=prerequisite.pk).exists()


def test_prerequisite_with_unknown_code_is_refused(client, org_admin, org_tree):
    row = _own_award(org_tree["dept_a"])
    client.force_login(org_admin)
    response = client.post(
        _url("catalogue-prerequisite-add", row.pk), {"required_code": "NOPE", "times": "1", "scope": "any"}
    )
    assert response.status_code == 200 and "NOPE" in response.text
    assert not row.prerequisites.exists()


def test_prerequisite_add_forbidden_on_national_row(client, officer):
    client.force_login(officer)
    row = award_type("LDTT")
    response = client.post(
        _url("catalogue-prerequisite-add", row.pk), {"required_code": "GK_CN", "times": "1", "scope": "any"}
    )
    assert response.status_code == 403


# --- delete or deactivate ---------------------------------------------------------------------------------------


def test_unused_row_is_deleted_after_confirmation(client, org_admin, org_tree):
    row = _own_award(org_tree["dept_a"])
    client.force_login(org_admin)
    assert client.get(_url("catalogue-delete", row.pk)).status_code == 200
    assert AwardType.objects.filter(pk=row.pk).exists()
    response = client.post(_url("catalogue-delete", row.pk))
    assert response["Location"] == _url("catalogue-list")
    assert not AwardType.objects.filter(pk=row.pk).exists()


def test_used_row_is_deactivated_instead_and_can_be_reactivated(client, org_admin, org_tree):
    row = _own_award(org_tree["dept_a"])
    person = PersonFactory(organization=org_tree["ward_a"])
    AwardRecord.objects.create(
        person=person, award_type=row, award_code=row.code, award_name=row.name, year=2025, source=RecordSource.MANUAL
    )
    client.force_login(org_admin)
    client.post(_url("catalogue-delete", row.pk))
    row.refresh_from_db()
    assert row.is_active is False
    client.post(_url("catalogue-activate", row.pk))
    row.refresh_from_db()
    assert row.is_active is True


def test_form_pages_render_with_the_current_values(client, superuser):
    client.force_login(superuser)
    row = award_type("CSTD_TINH")
    create = client.get(_url("catalogue-create"))
    assert 'name="code"' in create.text and 'name="owner"' in create.text
    update = client.get(_url("catalogue-update", row.pk))
    assert 'name="code"' not in update.text and 'value="90.00"' in update.text
    version = client.get(_url("catalogue-version", row.pk))
    assert 'name="valid_from"' in version.text and 'value="2024-01-01"' not in version.text


def test_edit_cannot_make_two_versions_overlap(client, superuser):
    client.force_login(superuser)
    first = award_type("LDTT")
    second = AwardType.objects.create(
        code="LDTT",
        name=first.name,
        certificate_title=first.certificate_title,
        category=first.category,
        recipient_kind=first.recipient_kind,
        level=first.level,
        valid_from=date(2027, 1, 1),
    )
    first.valid_to = date(2026, 12, 31)
    first.save(update_fields=["valid_to"])
    data = _rule(name=first.name, level="grassroots", valid_from="2024-01-01", valid_to="")
    response = client.post(_url("catalogue-update", first.pk), data)
    assert response.status_code == 200 and "valid_from" in response.context["form"].errors
    first.refresh_from_db()
    assert first.valid_to == date(2026, 12, 31) and second.valid_from == date(2027, 1, 1)
