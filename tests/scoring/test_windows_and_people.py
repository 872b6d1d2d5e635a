"""Phases and people through HTTP: submission windows (hạn nộp), late launch, extensions per unit, individuals
scored by someone else, and registration before scoring."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import CampaignEvent, Phase
from campaigns.participants import services as ps
from organizations.enums import Role
from scoring.enums import EntryStatus, SubmissionStatus
from scoring.models import RankingEntry, Submission, SubmissionEvent
from scoring.ranking.services import ranking_compute, ranking_request
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.scoring.phases_world import build_campaign, days, save, score_and_submit, start

pytestmark = pytest.mark.django_db


def _campaign(org_tree, officer, phases, **kwargs):
    kwargs.setdefault("organizations", [org_tree["ward_a"], org_tree["ward_b"]])
    return build_campaign(organization=org_tree["root"], officer=officer, phases=phases, **kwargs)


def _participant(campaign, organization):
    return campaign.participants.get(organization=organization)


def _late_world(org_tree, officer, *, launch):
    """Phase 1 ended a month ago, phase 2 runs now."""
    phases = [("Đợt 1", days(-60), days(-31)), ("Đợt 2", days(-30), days(30))]
    return _campaign(org_tree, officer, phases, launch=launch)


# --- the submission window -------------------------------------------------------------------------------------------


def test_a_deadline_after_the_phase_keeps_it_open_for_scoring(client, org_tree, officer, scorer_a):
    campaign = _campaign(org_tree, officer, [("Quý I", days(-40), days(-1))])
    phase = campaign.phases.get()
    client.force_login(scorer_a)
    participant = _participant(campaign, org_tree["ward_a"])
    assert start(client, participant, phase).status_code == 403
    Phase.objects.filter(pk=phase.pk).update(submission_deadline=days(5))
    page = client.get(reverse("scoring:submission-list")).text
    assert "Quý I" in page and days(5).strftime("%d/%m/%Y") in page
    assert start(client, participant, phase).status_code == 302
    submission = Submission.objects.get(participant=participant, phase=phase)
    assert save(client, submission, "1", "55").status_code == 302
    assert submission.scores.get(criterion__code="1").self_points == Decimal(55)


def test_a_window_opening_later_keeps_the_phase_closed_until_then(client, org_tree, officer, scorer_a):
    campaign = _campaign(org_tree, officer, [("Quý II", days(-10), days(20))])
    phase = campaign.phases.get()
    Phase.objects.filter(pk=phase.pk).update(submission_opens=days(15))
    client.force_login(scorer_a)
    assert "Quý II" not in client.get(reverse("scoring:submission-list")).text
    assert start(client, _participant(campaign, org_tree["ward_a"]), phase).status_code == 403
    assert not Submission.objects.exists()


# --- late launch --------------------------------------------------------------------------------------------------


def test_late_launch_warns_and_opens_a_window_for_past_phases(client, org_tree, officer, scorer_a):
    campaign = _late_world(org_tree, officer, launch=False)
    first, second = campaign.phases.order_by("position")
    client.force_login(officer)
    url = reverse("campaigns:campaign-transition", args=[campaign.pk, "launch"])
    page = client.get(url).text
    assert 'id="past-phases"' in page and "Đợt 1" in page and "đã kết thúc" in page
    response = client.post(url, {"note": "", "window_until": ""})  # nothing ticked: launched as it is
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == "launched"

    client.force_login(scorer_a)
    ward_a = _participant(campaign, org_tree["ward_a"])
    assert start(client, ward_a, first).status_code == 403


def test_launching_with_past_phases_ticked_lets_units_score_them(client, org_tree, officer, scorer_a):
    campaign = _late_world(org_tree, officer, launch=False)
    first, second = campaign.phases.order_by("position")
    client.force_login(officer)
    url = reverse("campaigns:campaign-transition", args=[campaign.pk, "launch"])
    refused = client.post(url, {"open_phases": [first.pk], "window_until": ""})
    assert refused.status_code == 400 and "Chọn ngày cuối cùng" in refused.text
    campaign.refresh_from_db()
    assert campaign.status == "draft"
    response = client.post(url, {"open_phases": [first.pk], "window_until": days(7).isoformat()})
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.submission_opens, first.submission_deadline) == (timezone.localdate(), days(7))
    assert CampaignEvent.objects.filter(campaign=campaign, action="submission_window").exists()

    client.force_login(scorer_a)
    submission = score_and_submit(client, _participant(campaign, org_tree["ward_a"]), first, 50, 30)
    assert submission.status == SubmissionStatus.SUBMITTED and submission.total == Decimal(80)


def test_late_launch_opened_afterwards_no_longer_ranks_the_past_phase_as_zero(
    client, org_tree, officer, scorer_a, scorer_b
):
    campaign = _late_world(org_tree, officer, launch=True)
    first, second = campaign.phases.order_by("position")
    ward_a, ward_b = _participant(campaign, org_tree["ward_a"]), _participant(campaign, org_tree["ward_b"])
    for user, participant, points in ((scorer_a, ward_a, (50, 40)), (scorer_b, ward_b, (40, 30))):
        client.force_login(user)
        assert start(client, participant, first).status_code == 403
        score_and_submit(client, participant, second, *points)

    def overall():
        run = ranking_request(campaign=campaign, phase=None, actor=officer)
        ranking_compute(run_id=run.pk)
        return {e.participant_id: e for e in RankingEntry.objects.filter(run=run)}

    before = overall()
    assert before[ward_a.pk].total == Decimal(45) and before[ward_b.pk].total == Decimal(35)  # phase 1 as zero

    client.force_login(officer)
    window = reverse("campaigns:phase-window", args=[campaign.pk])
    assert "Đợt 1" in client.get(window).text
    assert client.post(window, {"open_phases": [first.pk], "window_until": ""}).status_code == 400
    response = client.post(window, {"open_phases": [first.pk], "window_until": days(3).isoformat(), "note": "Muộn"})
    assert response.status_code == 302
    for user, participant, points in ((scorer_a, ward_a, (60, 40)), (scorer_b, ward_b, (50, 40))):
        client.force_login(user)
        score_and_submit(client, participant, first, *points)

    after = overall()
    assert after[ward_a.pk].total == Decimal(95) and after[ward_b.pk].total == Decimal(80)
    assert {e.status for e in after.values()} == {EntryStatus.RANKED}
    assert (after[ward_a.pk].rank, after[ward_b.pk].rank) == (1, 2)


def test_the_window_page_is_for_the_campaign_officers(client, org_tree, officer, other_officer, scorer_a):
    campaign = _late_world(org_tree, officer, launch=True)
    url = reverse("campaigns:phase-window", args=[campaign.pk])
    client.force_login(other_officer)
    assert client.get(url).status_code == 404
    client.force_login(scorer_a)
    assert client.post(url, {"open_phases": [campaign.phases.first().pk], "window_until": days(3)}).status_code == 403
    assert not Phase.objects.filter(submission_deadline__isnull=False).exists()


# --- extensions per unit -------------------------------------------------------------------------------------------


def _ended(org_tree, officer):
    return _campaign(org_tree, officer, [("Cả năm", days(-100), days(-1))])


def test_an_extension_lets_a_unit_that_never_started_hand_in(client, org_tree, officer, scorer_a, scorer_b):
    campaign = _ended(org_tree, officer)
    phase = campaign.phases.get()
    ward_a = _participant(campaign, org_tree["ward_a"])
    client.force_login(officer)
    listing = client.get(reverse("campaigns:participant-list", args=[campaign.pk])).text
    url = reverse("scoring:extension-grant", args=[ward_a.pk])
    assert url in listing
    assert "Gia hạn" in client.get(url).text
    data = {"phase": phase.pk, "until": days(4).isoformat(), "reason": "Đơn vị mới sáp nhập"}
    assert client.post(url, data).status_code == 302

    submission = Submission.objects.get(participant=ward_a, phase=phase)
    assert submission.status == SubmissionStatus.DRAFT and submission.reopened_until == days(4)
    event = SubmissionEvent.objects.get(submission=submission, action="reopen")
    assert event.reason == "Đơn vị mới sáp nhập" and event.actor == officer
    recorded = CampaignEvent.objects.get(campaign=campaign, action="extension")
    assert recorded.note == "Đơn vị mới sáp nhập" and "Phường 1" in recorded.changes["participant"][1]

    client.force_login(scorer_a)
    page = client.get(reverse("scoring:submission-list")).text
    assert "Cả năm" in page and days(4).strftime("%d/%m/%Y") in page and "gia hạn" in page
    assert score_and_submit(client, ward_a, phase, 50, 40).status == SubmissionStatus.SUBMITTED

    client.force_login(scorer_b)
    assert "Cả năm" not in client.get(reverse("scoring:submission-list")).text
    assert start(client, _participant(campaign, org_tree["ward_b"]), phase).status_code == 403


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"until": 4, "reason": ""}, "Trường này là bắt buộc"),
        ({"until": -1, "reason": "Muộn"}, "Hãy chọn ngày hôm nay hoặc một ngày sau đó"),
    ],
)
def test_an_extension_needs_a_reason_and_a_future_date(client, org_tree, officer, data, message):
    campaign = _ended(org_tree, officer)
    ward_a = _participant(campaign, org_tree["ward_a"])
    client.force_login(officer)
    payload = {"phase": campaign.phases.get().pk, "until": days(data["until"]).isoformat(), "reason": data["reason"]}
    response = client.post(reverse("scoring:extension-grant", args=[ward_a.pk]), payload)
    assert response.status_code == 400 and message in response.text
    assert not Submission.objects.exists() and not CampaignEvent.objects.filter(action="extension").exists()


def test_only_the_campaign_officers_grant_extensions(client, org_tree, officer, other_officer, scorer_a):
    campaign = _ended(org_tree, officer)
    ward_a = _participant(campaign, org_tree["ward_a"])
    url = reverse("scoring:extension-grant", args=[ward_a.pk])
    payload = {"phase": campaign.phases.get().pk, "until": days(3).isoformat(), "reason": "x"}
    for user in (scorer_a, other_officer):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, payload).status_code == 404
    assert not Submission.objects.exists()


def test_reopening_a_submitted_submission_is_an_extension_too(client, org_tree, officer, scorer_a):
    campaign = _campaign(org_tree, officer, [("Cả năm", days(-100), days(10))])
    phase = campaign.phases.get()
    ward_a = _participant(campaign, org_tree["ward_a"])
    client.force_login(scorer_a)
    submission = score_and_submit(client, ward_a, phase, 50, 40)
    Phase.objects.filter(pk=phase.pk).update(end_date=days(-1))
    client.force_login(officer)
    url = reverse("scoring:extension-grant", args=[ward_a.pk])
    assert client.post(url, {"phase": phase.pk, "until": days(2), "reason": "Bổ sung minh chứng"}).status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED and submission.reopened_until == days(2)


# --- individuals ---------------------------------------------------------------------------------------------------


@pytest.fixture
def people(org_tree):
    own_login = UserFactory(username="chiensi")
    return {
        "own": PersonFactory(full_name="Trần Thị Tự Chấm", organization=org_tree["dept_a"], user=own_login),
        "org": PersonFactory(full_name="Lê Văn Phường Một", organization=org_tree["ward_a"]),
        "none": PersonFactory(full_name="Phạm Thị Không Ai", organization=org_tree["dept_b"]),
    }


def _individuals(org_tree, officer, people):
    return _campaign(
        org_tree,
        officer,
        [("Cả năm", days(-10), days(30))],
        organizations=(),
        people=list(people.values()),
        scope="individual",
    )


def test_an_individual_is_scored_by_a_scorer_of_their_organisation(client, org_tree, officer, scorer_a, people):
    campaign = _individuals(org_tree, officer, people)
    participant = campaign.participants.get(person=people["org"])
    client.force_login(scorer_a)
    page = client.get(reverse("scoring:submission-list")).text
    assert "Lê Văn Phường Một" in page and "Trần Thị Tự Chấm" not in page
    submission = score_and_submit(client, participant, campaign.phases.get(), 50, 35)
    assert submission.total == Decimal(85) and submission.submitted_by == scorer_a
    other = campaign.participants.get(person=people["own"])
    assert start(client, other, campaign.phases.get()).status_code == 404


def test_a_person_scores_themself_with_their_own_login(client, org_tree, officer, people):
    campaign = _individuals(org_tree, officer, people)
    client.force_login(people["own"].user)
    participant = campaign.participants.get(person=people["own"])
    assert score_and_submit(client, participant, campaign.phases.get(), 60, 40).total == Decimal(100)


def test_the_list_warns_about_an_individual_nobody_can_score_and_an_assigned_scorer_fixes_it(
    client, org_tree, officer, scorer_a, people
):
    campaign = _individuals(org_tree, officer, people)
    stranded = campaign.participants.get(person=people["none"])
    helper = UserFactory(username="trogiup")
    MembershipFactory(user=helper, organization=org_tree["dept_b"], role=Role.REVIEWER)  # not a scorer there
    client.force_login(helper)
    assert start(client, stranded, campaign.phases.get()).status_code == 404

    client.force_login(officer)
    listing = client.get(reverse("campaigns:participant-list", args=[campaign.pk])).text
    assert 'id="scorer-warning"' in listing and "Không ai chấm được 1 cá nhân" in listing
    url = reverse("campaigns:participant-scorer", args=[campaign.pk, stranded.pk])
    assert url in listing
    assert client.post(url, {"scorer": helper.pk}).status_code == 302
    stranded.refresh_from_db()
    assert stranded.scorer == helper
    assert CampaignEvent.objects.filter(campaign=campaign, action="scorer_assigned").exists()
    assert 'id="scorer-warning"' not in client.get(reverse("campaigns:participant-list", args=[campaign.pk])).text

    client.force_login(helper)
    assert "Phạm Thị Không Ai" in client.get(reverse("scoring:submission-list")).text
    submission = score_and_submit(client, stranded, campaign.phases.get(), 45, 40)
    assert submission.total == Decimal(85)
    history = client.get(reverse("scoring:submission-history", args=[submission.pk]))
    assert history.status_code == 200 and "Phạm Thị Không Ai" in history.text


# --- registration before scoring -------------------------------------------------------------------------------------


def test_scoring_waits_for_registration_when_the_campaign_requires_it(client, org_tree, officer, scorer_a):
    campaign = _campaign(org_tree, officer, [("Cả năm", days(-10), days(30))], registration_required=True)
    phase, ward_a = campaign.phases.get(), _participant(campaign, org_tree["ward_a"])
    register = reverse("campaigns:registration-detail", args=[campaign.pk, ward_a.pk])
    client.force_login(scorer_a)
    page = client.get(reverse("scoring:submission-list")).text
    assert register in page and "Đăng ký trước" in page
    response = start(client, ward_a, phase)
    assert response.status_code == 302 and response.url == register
    assert not Submission.objects.exists()
    assert "phải đăng ký" in client.get(register).text
    ps.registration_submit(participant=ward_a, user=scorer_a, commitment="", products=[])
    assert score_and_submit(client, ward_a, phase, 50, 40).status == SubmissionStatus.SUBMITTED


def test_an_unregistered_unit_with_an_extension_still_cannot_save(client, org_tree, officer, scorer_a):
    campaign = _campaign(org_tree, officer, [("Cả năm", days(-30), days(-1))], registration_required=True)
    ward_a = _participant(campaign, org_tree["ward_a"])
    client.force_login(officer)
    url = reverse("scoring:extension-grant", args=[ward_a.pk])
    client.post(url, {"phase": campaign.phases.get().pk, "until": days(3), "reason": "Muộn"})
    submission = Submission.objects.get(participant=ward_a)
    client.force_login(scorer_a)
    response = save(client, submission, "1", "50")
    assert response.status_code == 403 and "phải đăng ký" in response.text
    assert submission.scores.get(criterion__code="1").self_inputs == {}


def test_a_verified_submission_is_not_listed_as_open_through_an_old_extension(client, org_tree, officer, scorer_a):
    campaign = _ended(org_tree, officer)
    ward_a = _participant(campaign, org_tree["ward_a"])
    client.force_login(officer)
    url = reverse("scoring:extension-grant", args=[ward_a.pk])
    client.post(url, {"phase": campaign.phases.get().pk, "until": days(3), "reason": "Muộn"})
    Submission.objects.filter(participant=ward_a).update(status=SubmissionStatus.VERIFIED)
    client.force_login(scorer_a)
    page = client.get(reverse("scoring:submission-list")).text
    assert "Hiện không có đợt nào đang mở cho bạn." in page and 'id="past-submissions"' in page
