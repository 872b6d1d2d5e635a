"""Council pages: councils and members, sessions, the agenda, opening and attendance."""

import pytest
from django.urls import reverse

from awards.enums import CouncilRole, SessionStatus
from awards.models import AgendaItem, Council, CouncilMember, SessionAttendance
from organizations.enums import Role
from tests.awards.council_factories import (
    campaign_with_nominations,
    council_with_members,
    custom_award,
    session_in_preparation,
)
from tests.awards.factories import CouncilFactory, NominationFactory
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def en_client(client, settings):
    """The English interface: assertions read the msgids, whatever the Vietnamese catalogue says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def council5(org_tree):
    return council_with_members(org_tree["root"], 5)


@pytest.fixture
def majority(db):
    return custom_award("QUA_BAN", percent=50, base="all", inclusive=False)


def _url(name, *args):
    return reverse(f"awards:{name}", args=args)


# --- councils ------------------------------------------------------------------------------------------------------


def test_council_list_shows_managed_and_own_councils_only(en_client, org_tree, officer, other_officer, council5):
    council, members = council5
    foreign = CouncilFactory(organization=org_tree["other"], name="Hội đồng tỉnh khác")

    en_client.force_login(officer)
    assert council.name in en_client.get(_url("council-list")).content.decode()
    en_client.force_login(members[3].user)
    html = en_client.get(_url("council-list")).content.decode()
    assert council.name in html and foreign.name not in html
    en_client.force_login(other_officer)
    html = en_client.get(_url("council-list")).content.decode()
    assert foreign.name in html and council.name not in html
    assert "No council matches your search." in en_client.get(_url("council-list") + "?q=zzz").content.decode()


def test_council_list_runs_a_constant_number_of_queries(en_client, org_tree, officer, django_assert_max_num_queries):
    en_client.force_login(officer)
    CouncilFactory(organization=org_tree["root"])
    with django_assert_max_num_queries(9) as small:
        en_client.get(_url("council-list"))
    for unit in ("dept_a", "dept_b", "ward_a"):
        CouncilFactory(organization=org_tree[unit])
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = en_client.get(_url("council-list"))
    assert response.content.decode().count('href="/awards/councils/') >= 4


def test_officer_creates_and_renames_a_council(en_client, org_tree, officer):
    en_client.force_login(officer)

    invalid = en_client.post(_url("council-create"), {"organization": org_tree["dept_a"].pk, "name": ""})
    assert invalid.status_code == 200 and f'value="{org_tree["dept_a"].pk}" selected' in invalid.content.decode()
    response = en_client.post(
        _url("council-create"),
        {"organization": org_tree["dept_a"].pk, "name": "Hội đồng Thi đua - Khen thưởng Phòng A"},
    )

    council = Council.objects.get()
    assert response.url == _url("council-detail", council.pk) and council.organization == org_tree["dept_a"]
    en_client.post(_url("council-update", council.pk), {"name": "Hội đồng TĐKT Phòng A", "is_active": "on"})
    council.refresh_from_db()
    assert council.name == "Hội đồng TĐKT Phòng A" and council.is_active


def test_only_officers_manage_a_council(en_client, org_tree, scorer_a, other_officer, council5):
    council, members = council5
    en_client.force_login(scorer_a)
    assert en_client.get(_url("council-create")).status_code == 403
    en_client.force_login(members[2].user)  # a member sees the council but does not manage it
    assert en_client.get(_url("council-detail", council.pk)).status_code == 200
    assert en_client.post(_url("council-update", council.pk), {"name": "X"}).status_code == 403
    assert en_client.get(_url("member-create", council.pk)).status_code == 403
    en_client.force_login(other_officer)
    assert en_client.get(_url("council-detail", council.pk)).status_code == 404
    council.refresh_from_db()
    assert council.name != "X"


# --- members ---------------------------------------------------------------------------------------------------------


def test_officer_adds_a_member_from_the_organisation_tree(en_client, org_tree, officer, council5):
    council, _members = council5
    user = UserFactory(username="ward_staff")
    MembershipFactory(user=user, organization=org_tree["ward_a"], role=Role.SCORER)
    en_client.force_login(officer)

    response = en_client.post(
        _url("member-create", council.pk), {"user": user.pk, "full_name": "", "title": "Trưởng ban", "role": "member"}
    )

    assert response.status_code == 302
    seat = CouncilMember.objects.get(council=council, user=user)
    assert (seat.full_name, seat.title, seat.role, seat.is_active) == ("ward_staff", "Trưởng ban", "member", True)


def test_member_outside_the_tree_or_a_second_chair_is_refused(en_client, org_tree, officer, council5):
    council, _members = council5
    outsider = UserFactory(username="outsider")
    MembershipFactory(user=outsider, organization=org_tree["other"], role=Role.OFFICER)
    insider = UserFactory(username="insider")
    MembershipFactory(user=insider, organization=org_tree["dept_b"], role=Role.SCORER)
    en_client.force_login(officer)

    foreign = en_client.post(_url("member-create", council.pk), {"user": outsider.pk, "role": "member"})
    chair = en_client.post(
        _url("member-create", council.pk), {"user": insider.pk, "full_name": "Phan Văn Hai", "role": "chair"}
    )

    assert "Select a valid choice" in foreign.content.decode()
    html = chair.content.decode()
    assert "This council already has an active chair" in html and 'value="Phan Văn Hai"' in html
    assert not CouncilMember.objects.filter(user__in=[outsider, insider]).exists()


def test_deactivating_a_member_asks_first_and_hides_the_council(en_client, officer, council5):
    council, members = council5
    url = _url("member-deactivate", council.pk, members[4].pk)
    en_client.force_login(officer)

    assert members[4].full_name in en_client.get(url).content.decode()
    members[4].refresh_from_db()
    assert members[4].is_active
    en_client.post(url)

    members[4].refresh_from_db()
    assert not members[4].is_active
    en_client.force_login(members[4].user)
    assert en_client.get(_url("council-detail", council.pk)).status_code == 404


def test_officer_edits_a_member(en_client, officer, council5):
    council, members = council5
    en_client.force_login(officer)

    en_client.post(
        _url("member-update", council.pk, members[3].pk),
        {"full_name": "Nguyễn Hoàng Phúc", "title": "Phó Trưởng ban", "role": CouncilRole.VICE_CHAIR},
    )

    members[3].refresh_from_db()
    assert (members[3].title, members[3].role) == ("Phó Trưởng ban", CouncilRole.VICE_CHAIR)


# --- sessions and the agenda ------------------------------------------------------------------------------------------


def test_officer_plans_a_session_a_plain_member_cannot(en_client, officer, council5):
    council, members = council5
    data = {
        "title": "Phiên họp tổng kết 2023",
        "scheduled_at": "2023-12-20T08:30",
        "place_name": "Sóc Trăng",
        "place": "Phòng họp số 1",
    }
    en_client.force_login(members[3].user)
    assert en_client.post(_url("session-create", council.pk), data).status_code == 403

    en_client.force_login(officer)
    invalid = en_client.post(_url("session-create", council.pk), data | {"scheduled_at": "not a date"})
    no_place = en_client.post(_url("session-create", council.pk), data | {"place_name": ""})
    response = en_client.post(_url("session-create", council.pk), data)

    assert 'value="Phiên họp tổng kết 2023"' in invalid.content.decode()
    assert no_place.status_code == 200 and no_place.context["form"].errors["place_name"]
    session = council.sessions.get()
    assert response.url == _url("session-detail", session.pk)
    assert (session.status, session.place_name, session.place) == (SessionStatus.DRAFT, "Sóc Trăng", "Phòng họp số 1")


def test_agenda_takes_proposed_eligible_nominations_only(en_client, org_tree, officer, council5, majority):
    council, _members = council5
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=majority, count=2)
    ineligible = NominationFactory(plan=nominations[0].plan, organization=org_tree["ward_b"], is_eligible=False)
    session = session_in_preparation(council, [])
    en_client.force_login(officer)

    page = en_client.get(_url("session-detail", session.pk)).content.decode()
    assert "Ban Tuyên giáo Phường 1" in page and "<td>Phường 2</td>" not in page  # the ineligible one
    en_client.post(_url("agenda-add", session.pk), {"nomination": nominations[0].pk})
    refused = en_client.post(_url("agenda-add", session.pk), {"nomination": ineligible.pk}, follow=True)

    assert "it is not a proposed, eligible nomination" in refused.content.decode()
    assert list(session.agenda.values_list("nomination_id", flat=True)) == [nominations[0].pk]
    item = session.agenda.get()
    en_client.post(_url("agenda-remove", session.pk, item.pk))
    assert not session.agenda.exists()


def test_a_nomination_is_on_one_running_agenda_at_a_time(en_client, org_tree, officer, council5, majority):
    council, _members = council5
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=majority, count=1)
    session_in_preparation(council, nominations)
    second = session_in_preparation(council, [], title="Phiên họp thứ hai")
    en_client.force_login(officer)

    en_client.post(_url("agenda-add", second.pk), {"nomination": nominations[0].pk})

    assert not second.agenda.exists()
    assert AgendaItem.objects.count() == 1


def test_session_page_runs_a_constant_number_of_queries(
    en_client, org_tree, officer, council5, majority, django_assert_max_num_queries
):
    council, _members = council5
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=majority, count=4)
    session = session_in_preparation(council, nominations[:1])
    en_client.force_login(officer)
    with django_assert_max_num_queries(25) as small:
        en_client.get(_url("session-detail", session.pk))
    for nomination in nominations[1:3]:
        AgendaItem.objects.create(session=session, nomination=nomination, position=nomination.position + 1)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = en_client.get(_url("session-detail", session.pk))
    html = response.content.decode()
    assert all(f"Ban Tuyên giáo Phường {n}" in html for n in (1, 2, 3, 4))


# --- opening and attendance -------------------------------------------------------------------------------------------


def test_secretary_opens_the_session_after_confirming(en_client, org_tree, officer, council5, majority):
    council, members = council5
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=majority, count=1)
    session = session_in_preparation(council, nominations)
    url = _url("session-open", session.pk)

    en_client.force_login(officer)  # officers prepare sessions; the secretary runs them
    assert en_client.post(url).status_code == 403
    en_client.force_login(members[1].user)
    assert "Open the session" in en_client.get(url).content.decode()
    session.refresh_from_db()
    assert session.status == SessionStatus.DRAFT
    en_client.post(url)

    session.refresh_from_db()
    assert (session.status, session.members_total, session.present_count) == (SessionStatus.OPEN, 5, 0)
    assert session.secretary == members[1].user
    assert SessionAttendance.objects.filter(session=session, is_present=False).count() == 5
    blocked = en_client.post(_url("agenda-add", session.pk), {"nomination": nominations[0].pk}, follow=True)
    assert "only change while the session is in preparation" in blocked.content.decode()


def test_secretary_records_attendance_and_sees_the_quorum(en_client, org_tree, officer, council5, majority):
    council, members = council5
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=majority, count=1)
    session = session_in_preparation(council, nominations)
    en_client.force_login(members[1].user)
    en_client.post(_url("session-open", session.pk))

    en_client.post(_url("session-attendance", session.pk), {"present": [m.pk for m in members[:4]]})

    session.refresh_from_db()
    assert session.present_count == 4
    present = set(SessionAttendance.objects.filter(session=session, is_present=True).values_list("member", flat=True))
    assert present == {m.pk for m in members[:4]}
    html = en_client.get(_url("session-detail", session.pk)).content.decode()
    assert "4 of 5 members are present; the quorum is 4." in html and "Quorum met." in html
    en_client.force_login(members[3].user)
    assert en_client.post(_url("session-attendance", session.pk), {"present": []}).status_code == 403


def test_opening_needs_an_agenda(en_client, org_tree, council5):
    council, members = council5
    session = session_in_preparation(council, [])
    en_client.force_login(members[1].user)

    response = en_client.post(_url("session-open", session.pk), follow=True)

    assert "Put at least one nomination on the agenda first." in response.content.decode()
    session.refresh_from_db()
    assert session.status == SessionStatus.DRAFT


def test_other_organisations_councils_cannot_be_reached(en_client, org_tree, other_officer, council5):
    council, _members = council5
    session = session_in_preparation(council, [])
    en_client.force_login(other_officer)
    assert en_client.get(_url("session-detail", session.pk)).status_code == 404
    assert en_client.post(_url("session-create", council.pk), {"title": "x"}).status_code == 404


def test_a_nomination_waiting_for_its_public_disclosure_cannot_join_the_agenda(en_client, org_tree, officer, council5):
    council, _members = council5
    award = custom_award("CONG_KHAI", percent=90, base="all", inclusive=True)
    award.requires_disclosure, award.disclosure_days = True, 5
    award.save(update_fields=["requires_disclosure", "disclosure_days"])
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=award, count=1)
    session = session_in_preparation(council, [])
    en_client.force_login(officer)

    response = en_client.post(_url("agenda-add", session.pk), {"nomination": nominations[0].pk}, follow=True)

    assert "requires a public disclosure before voting" in response.content.decode()
    assert not session.agenda.exists()


def test_agenda_add_does_not_tell_whether_another_organisations_nomination_exists(
    en_client, org_tree, officer, other_officer, council5, majority
):
    council, _members = council5
    _campaign, theirs = campaign_with_nominations(
        {**org_tree, "root": org_tree["other"]}, other_officer, award=majority, count=1
    )
    session = session_in_preparation(council, [])
    en_client.force_login(officer)

    existing = en_client.post(_url("agenda-add", session.pk), {"nomination": theirs[0].pk})
    missing = en_client.post(_url("agenda-add", session.pk), {"nomination": theirs[0].pk + 1000})

    assert existing.status_code == missing.status_code == 404
    assert not session.agenda.exists()
