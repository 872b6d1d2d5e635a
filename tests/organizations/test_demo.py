import re
import unicodedata
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import HttpRequest

from organizations import demo
from organizations.enums import BlocKind, BlocRole, OrganizationKind, Role
from organizations.models import BlocMember, EmulationBloc, Membership, Organization, OrganizationChange, Person

pytestmark = pytest.mark.django_db

EXPECTED_LOGINS = [
    ("canbo", Role.OFFICER, "BTGTU-ST"),
    ("chamdiem", Role.SCORER, "BTG-ST-P1"),
    ("chamdiem2", Role.SCORER, "BTG-ST-P2"),
    ("thamdinh", Role.REVIEWER, "BTGTU-ST"),
    ("hoidong", Role.COUNCIL_MEMBER, "BTGTU-ST"),
    ("thuky", Role.COUNCIL_SECRETARY, "BTGTU-ST"),
    ("nguoiky", Role.SIGNER, "BTGTU-ST"),
    ("quantri", Role.ADMIN, "TU-ST"),
    ("canbo_tw", Role.OFFICER, "BTGTW"),
    ("canbo_dt", Role.OFFICER, "BTGTU-DT"),
    # The worked example (issue 11) and its State-style documents (issue 12).
    ("canbo_mh", Role.OFFICER, "SVH-MH"),
    ("thamdinh_mh", Role.REVIEWER, "SVH-MH"),
    ("nguoiky_mh", Role.SIGNER, "SVH-MH"),
    ("thuky_mh", Role.COUNCIL_SECRETARY, "SVH-MH"),
    ("chamdiem_mh1", Role.SCORER, "MH-X1"),
    ("chamdiem_mh2", Role.SCORER, "MH-X2"),
    ("chamdiem_mh3", Role.SCORER, "MH-X3"),
]


def _load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_output(db):
    return _load_demo()


def _snapshot() -> dict:
    counts = {model._meta.label: model.objects.count() for model in apps.get_models()}
    return {
        "counts": counts,
        "paths": dict(Organization.objects.values_list("code", "path")),
        "org_updated": dict(Organization.objects.values_list("code", "updated_at")),
        "people_updated": dict(Person.objects.values_list("code", "updated_at")),
        "passwords": dict(get_user_model().objects.values_list("username", "password")),
    }


def test_load_demo_puts_ten_wards_under_the_city_board(demo_output):
    board = Organization.objects.get(code="BTGTU-ST")
    wards = Organization.objects.filter(parent=board)

    assert board.parent.name == "Thành ủy Sóc Trăng"
    assert wards.count() == 10
    assert set(wards.values_list("kind", flat=True)) == {OrganizationKind.COMMUNE}
    assert {w.name for w in wards} == {f"Ban Tuyên giáo Đảng ủy Phường {n}" for n in range(1, 11)}


def test_load_demo_keeps_vietnamese_diacritics(demo_output):
    assert Organization.objects.get(code="BTG-ST-P1").name == "Ban Tuyên giáo Đảng ủy Phường 1"
    assert Organization.objects.filter(name="Ủy ban Kiểm tra Trung ương").exists()
    assert Person.objects.get(code="CB-ST-03").full_name == "Nguyễn Thị Ngọc Phượng"
    texts = [*Organization.objects.values_list("name", flat=True), *Person.objects.values_list("full_name", flat=True)]
    assert all(unicodedata.is_normalized("NFC", text) for text in texts)


def test_load_demo_builds_the_bloc_of_central_party_agencies(demo_output):
    bloc = EmulationBloc.objects.get(code="KTD-CQD-TW", year=2020)
    roles = list(bloc.memberships.values_list("role", flat=True))

    assert bloc.kind == BlocKind.BLOC and bloc.organizer.code == "DUK-CCQTW"
    assert len(roles) == 14
    assert roles.count(BlocRole.LEADER) == 1 and roles.count(BlocRole.DEPUTY) == 1
    # The Central Propaganda Department of seed 000 is the same organisation, not a copy.
    propaganda = Organization.objects.get(name="Ban Tuyên giáo Trung ương")
    assert bloc.members.filter(pk=propaganda.pk).exists()
    assert propaganda.children.filter(name="Vụ Tuyên truyền").exists()
    assert Organization.objects.get(code="BTCTW-DTN").parent.name == "Ban Tổ chức Trung ương"


def test_load_demo_builds_the_soc_trang_ward_cluster(demo_output):
    cluster = EmulationBloc.objects.get(code="CTD-BTG-ST", year=2023)
    members = BlocMember.objects.filter(bloc=cluster)

    assert cluster.kind == BlocKind.CLUSTER and cluster.organizer.code == "BTGTU-ST"
    assert members.count() == 10
    assert set(members.values_list("organization__parent__code", flat=True)) == {"BTGTU-ST"}
    assert members.filter(role=BlocRole.LEADER).count() == 1
    assert members.filter(role=BlocRole.DEPUTY).count() == 1


def test_load_demo_gives_every_ward_a_propaganda_officer(demo_output):
    for n in range(1, 11):
        staff = Person.objects.filter(organization__code=f"BTG-ST-P{n}")
        assert staff.count() >= 2
        assert staff.filter(position="Cán bộ phụ trách công tác tuyên giáo").count() == 1


def test_load_demo_uses_the_public_names_from_the_seeds(demo_output):
    phuong = Person.objects.get(full_name="Võ Văn Phuông")
    hung = Person.objects.get(full_name="Nguyễn Mạnh Hùng")

    assert phuong.organization.code == "BTGTW" and phuong.position == "Phó Trưởng Ban Tuyên giáo Trung ương"
    assert hung.organization.name == "Bộ Thông tin và Truyền thông" and hung.position.startswith("Bộ trưởng")


@pytest.mark.parametrize(("username", "role", "org_code"), EXPECTED_LOGINS)
def test_load_demo_creates_one_login_per_role(demo_output, username, role, org_code):
    user = get_user_model().objects.get(username=username)

    assert user.is_active
    assert list(user.memberships.values_list("role", "organization__code")) == [(role, org_code)]
    assert Person.objects.get(user=user).full_name == user.get_full_name()


def test_load_demo_covers_every_role_and_only_the_admin_is_staff(demo_output):
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    staff = get_user_model().objects.filter(is_staff=True)
    assert list(staff.values_list("username", "is_superuser")) == [("quantri", True)]


def test_load_demo_twice_changes_nothing(demo_output):
    before = _snapshot()

    second_output = _load_demo()

    assert _snapshot() == before
    summary_lines = second_output.split("Demo logins:")[0].splitlines()[1:]
    assert len(summary_lines) >= 6  # one line per section; later apps add their own sections
    assert all(re.search(r" 0 created, 0 updated, [1-9]\d* unchanged$", line) for line in summary_lines)


def test_load_demo_repairs_what_was_changed_by_hand(demo_output):
    ward = Organization.objects.get(code="BTG-ST-P3")
    Organization.objects.filter(pk=ward.pk).update(name="Phường Ba")
    Person.objects.filter(code="CB-ST-P3-01").update(position="Khác")
    get_user_model().objects.filter(username="chamdiem").update(is_active=False)

    summary = demo.load_all()

    assert Organization.objects.get(pk=ward.pk).name == "Ban Tuyên giáo Đảng ủy Phường 3"
    assert OrganizationChange.objects.filter(organization=ward).count() == 1  # the repair is in the history
    assert Person.objects.get(code="CB-ST-P3-01").position == "Cán bộ phụ trách công tác tuyên giáo"
    assert get_user_model().objects.get(username="chamdiem").is_active
    assert (summary["organizations"]["updated"], summary["people"]["updated"], summary["users"]["updated"]) == (1, 1, 1)


def test_demo_password_logs_in(demo_output, client):
    # axes needs the request to throttle by, hence the explicit (empty) one.
    assert client.login(request=HttpRequest(), username="canbo", password=demo.DEMO_PASSWORD)
    assert not client.login(request=HttpRequest(), username="canbo", password="sai-mật-khẩu")


def test_demo_tree_paths_are_consistent(demo_output):
    for organization in Organization.objects.select_related("parent"):
        segment = f"{organization.pk:010d}/"
        if organization.parent is None:
            assert (organization.path, organization.depth) == (f"/{segment}", 0)
        else:
            assert organization.path.startswith(organization.parent.path)
            assert organization.path == organization.parent.path + segment
            assert organization.depth == organization.parent.depth + 1


def test_load_demo_prints_summary_and_logins_table(demo_output):
    assert re.search(rf"organizations +{len(demo.ORGANIZATIONS)} created", demo_output)
    login_lines = [line for line in demo_output.splitlines() if demo.DEMO_PASSWORD in line]
    assert len(login_lines) == len(EXPECTED_LOGINS)
    assert any(
        "canbo " in line and "Cán bộ thi đua" in line and "Ban Tuyên giáo Thành ủy Sóc Trăng" in line
        for line in login_lines
    )
