"""Review levels through HTTP: cross-checking by another member of the bloc, the bloc's leader, the launching
organisation's reviewer, approval by its head; returning from a level; skipped levels; the queue and the home page
per level; the campaign form's field."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from campaigns.enums import ReviewLevel
from campaigns.models import Campaign, Participant
from organizations.enums import BlocRole, Role
from organizations.models import BlocMember
from scoring import levels
from scoring.enums import SubmissionStatus
from scoring.models import Evidence, Score, SubmissionEvent
from scoring.submissions import services as self_svc
from tests.factories import EmulationBlocFactory, MembershipFactory, OrganizationFactory, UserFactory
from tests.scoring.answers import half_points, scored_submission
from tests.scoring.factories import launched_campaign

pytestmark = pytest.mark.django_db
ALL_LEVELS = [ReviewLevel.BLOC_MEMBER, ReviewLevel.BLOC_LEADER, ReviewLevel.REVIEWER, ReviewLevel.HEAD]
HTMX = {"HX-Request": "true"}


def _user(username, role, organization):
    user = UserFactory(username=username)
    MembershipFactory(user=user, organization=organization, role=role)
    return user


@pytest.fixture
def world(org_tree, officer, scorer_a, scorer_b):
    """Wards 1 and 2 and a leading ward 3 in one bloc; a campaign of the root with all four levels, open today."""
    ward_c = OrganizationFactory(code="WC", name="Phường 3", parent=org_tree["dept_a"])
    bloc = EmulationBlocFactory(organizer=org_tree["root"], name="Khối các phường")
    for ward, role in (
        (org_tree["ward_a"], BlocRole.MEMBER),
        (org_tree["ward_b"], BlocRole.MEMBER),
        (ward_c, BlocRole.LEADER),
    ):
        BlocMember.objects.create(bloc=bloc, organization=ward, role=role)
    today = timezone.localdate()
    campaign = launched_campaign(
        organization=org_tree["root"],
        officer=officer,
        participants=[org_tree["ward_a"], org_tree["ward_b"], ward_c],
        start=today - timedelta(days=10),
        end=today + timedelta(days=30),
    )
    Campaign.objects.filter(pk=campaign.pk).update(review_levels=[level.value for level in ALL_LEVELS])
    users = {
        "unit": scorer_a,
        "member": scorer_b,
        "leader": _user("truong_khoi", Role.SCORER, ward_c),
        "reviewer": _user("thamdinh", Role.REVIEWER, org_tree["root"]),
        "head": _user("thu_truong", Role.SIGNER, org_tree["root"]),
    }
    return {"campaign": campaign, "ward_c": ward_c, "bloc": bloc, "users": users, "org_tree": org_tree}


def _handed_in(world, organization=None):
    """A draft answered with half points, then submitted by its unit (the service starts it at its first level)."""
    campaign = world["campaign"]
    organization = organization or world["org_tree"]["ward_a"]
    participant = Participant.objects.get(campaign=campaign, organization=organization)
    draft = scored_submission(participant, campaign.phases.get(), status=SubmissionStatus.DRAFT, default=half_points)
    return self_svc.submission_submit(submission=draft, actor=None)


def _url(name, *args):
    return reverse(f"scoring:{name}", args=args)


def _score(submission, code):
    return Score.objects.get(submission=submission, criterion__code=code)


def _correct(client, score, points, reason):
    score.refresh_from_db()
    prefix = f"s{score.pk}"
    data = {f"{prefix}-points": str(points), f"{prefix}-note": reason, f"{prefix}-version": score.version}
    return client.post(_url("score-verify", score.submission_id, score.pk), data, headers=HTMX)


def test_a_submission_goes_through_every_level_in_order(client, world):
    users = world["users"]
    submission = _handed_in(world)
    assert submission.review_stage == 0

    # Level 1, cross-checking: another member of the bloc. The launching organisation's reviewer may read, not act.
    client.force_login(users["reviewer"])
    queue = client.get(_url("review-queue"))
    assert [(s.pk, s.is_waiting) for s in queue.context["object_list"]] == [(submission.pk, False)]
    page = client.get(_url("submission-review", submission.pk))
    assert page.status_code == 200 and page.context["can_review"] is False
    assert "Chấm chéo bởi đơn vị khác trong khối" in page.text and "không phải cấp của bạn" in page.text
    assert _correct(client, _score(submission, "3"), 1, "x").status_code == 403
    assert client.post(_url("submission-approve", submission.pk)).status_code == 403
    client.force_login(users["member"])
    assert [(s.pk, s.is_waiting) for s in client.get(_url("review-queue")).context["object_list"]] == [
        (submission.pk, True)
    ]
    assert client.get(reverse("home")).context["review_waiting"] == 1
    assert client.get(_url("submission-review", submission.pk)).context["can_review"] is True
    response = _correct(client, _score(submission, "3"), 5, "Chỉ có 5 buổi có biên bản")
    assert response.context["row"].saved is True and "Đã lưu." in response.text
    assert client.post(_url("submission-approve", submission.pk)).status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.review_stage) == (SubmissionStatus.UNDER_REVIEW, 1)
    assert client.post(_url("submission-approve", submission.pk)).status_code == 403  # not the next level's holder

    # Level 2: the bloc's leader sees what the level before it changed, and why.
    client.force_login(users["leader"])
    page = client.get(_url("submission-review", submission.pk))
    earlier = page.text.split('id="earlier-levels"')[1].split("</section>")[0]
    assert "Chấm chéo bởi đơn vị khác trong khối" in earlier
    assert "7,5 → 5: Chỉ có 5 buổi có biên bản" in earlier
    assert "Tổng điểm được tính (dùng để xếp hạng)" in page.text and page.context["submission"].total == Decimal(
        "47.50"
    )
    assert client.post(_url("submission-approve", submission.pk)).status_code == 302

    # Level 3: the launching organisation's reviewer corrects too, then the head approves: verified.
    client.force_login(users["reviewer"])
    assert client.get(_url("submission-review", submission.pk)).context["can_review"] is True
    _correct(client, _score(submission, "6"), 18, "Thiếu minh chứng quý IV")
    client.post(_url("submission-approve", submission.pk))
    submission.refresh_from_db()
    assert (submission.status, submission.review_stage) == (SubmissionStatus.UNDER_REVIEW, 3)
    client.force_login(users["head"])
    page = client.get(_url("submission-review", submission.pk))
    assert page.context["is_last_level"] is True and page.context["steps"][0].label == ReviewLevel.BLOC_MEMBER.label
    assert [step.level for step in page.context["steps"]] == ["bloc_member", "bloc_leader", "reviewer"]
    client.post(_url("submission-approve", submission.pk))
    submission.refresh_from_db()
    assert (submission.status, submission.reviewed_by) == (SubmissionStatus.VERIFIED, users["head"])
    assert submission.total == Decimal("45.50")  # 50 − 2,5 (criterion 3) − 2 (criterion 6)
    passed = SubmissionEvent.objects.filter(submission=submission, action="level_approve").order_by("pk")
    assert [(e.review_level, e.actor) for e in passed] == [
        ("bloc_member", users["member"]),
        ("bloc_leader", users["leader"]),
        ("reviewer", users["reviewer"]),
    ]
    corrections = SubmissionEvent.objects.filter(submission=submission, action="verify", field="verified_points")
    assert sorted(e.review_level for e in corrections) == ["bloc_member", "reviewer"]


def test_the_unit_never_reviews_itself_and_others_see_nothing(client, world, other_officer):
    submission = _handed_in(world)
    for user in (world["users"]["unit"], other_officer):
        client.force_login(user)
        assert client.get(_url("submission-review", submission.pk)).status_code == 404
        assert client.post(_url("submission-approve", submission.pk)).status_code == 404
        assert list(client.get(_url("review-queue")).context["object_list"]) == []
    submission.refresh_from_db()
    assert (submission.status, submission.review_stage) == (SubmissionStatus.SUBMITTED, 0)


def test_returning_from_a_level_shows_the_unit_why_and_starts_again_at_the_first_level(client, world):
    users = world["users"]
    submission = _handed_in(world)
    client.force_login(users["member"])
    _correct(client, _score(submission, "3"), 5, "Chỉ có 5 buổi có biên bản")
    client.post(_url("submission-approve", submission.pk))
    client.force_login(users["leader"])
    response = client.post(_url("submission-return", submission.pk), {"reason": "Bổ sung biên bản sinh hoạt"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.review_stage) == (SubmissionStatus.RETURNED, 0)
    assert SubmissionEvent.objects.get(action="return").review_level == "bloc_leader"

    client.force_login(users["unit"])
    for page in (client.get(reverse("scoring:submission-detail", args=[submission.pk])), client.get(reverse("home"))):
        assert "Bổ sung biên bản sinh hoạt" in page.text and "Chấm chéo bởi đơn vị trưởng khối" in page.text
        assert "điểm 7,5 → 5" in page.text and "Chỉ có 5 buổi có biên bản" in page.text
        assert "Chấm chéo bởi đơn vị khác trong khối" in page.text  # the level that changed it
    history = client.get(_url("submission-history", submission.pk))
    assert history.status_code == 200 and "Chấm chéo bởi đơn vị trưởng khối" in history.text
    self_svc.submission_submit(submission=submission, actor=users["unit"])
    submission.refresh_from_db()
    assert (submission.status, submission.review_stage) == (SubmissionStatus.SUBMITTED, 0)


def test_bloc_levels_are_skipped_for_a_unit_in_no_bloc(client, world, officer):
    lone = OrganizationFactory(code="WD", name="Phường 4", parent=world["org_tree"]["dept_b"])
    campaign = world["campaign"]
    Participant.objects.create(campaign=campaign, organization=lone)
    submission = _handed_in(world, lone)
    assert (submission.review_stage, levels.current_level(submission)) == (2, "reviewer")
    client.force_login(world["users"]["member"])
    assert client.get(_url("submission-review", submission.pk)).status_code == 404
    client.force_login(world["users"]["reviewer"])
    assert client.get(_url("submission-review", submission.pk)).context["can_review"] is True


def test_when_no_level_applies_the_launching_organisations_reviewer_holds_it(client, world):
    Campaign.objects.filter(pk=world["campaign"].pk).update(review_levels=["bloc_member"])
    lone = OrganizationFactory(code="WD", name="Phường 4", parent=world["org_tree"]["dept_b"])
    Participant.objects.create(campaign=world["campaign"], organization=lone)
    submission = _handed_in(world, lone)
    assert submission.review_stage == 0
    client.force_login(world["users"]["reviewer"])
    assert client.get(reverse("home")).context["review_waiting"] == 0  # the queue counts by level held…
    assert client.get(_url("submission-review", submission.pk)).context["can_review"] is True  # …the page can act
    client.post(_url("submission-approve", submission.pk))
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.VERIFIED


def test_the_deputy_holds_the_leader_level_for_the_leaders_own_submission(world):
    deputy_ward = world["org_tree"]["ward_b"]
    BlocMember.objects.filter(bloc=world["bloc"], organization=deputy_ward).update(role=BlocRole.DEPUTY)
    submission = _handed_in(world, world["ward_c"])
    users = world["users"]
    assert levels.holds_level(users["member"], submission, ReviewLevel.BLOC_LEADER) is True  # the deputy's scorer
    assert levels.holds_level(users["leader"], submission, ReviewLevel.BLOC_LEADER) is False  # never itself
    assert levels.holds_level(users["unit"], submission, ReviewLevel.BLOC_LEADER) is False
    assert levels.bloc_scope_for(users["member"]).as_leader == frozenset({world["ward_c"].pk})


def test_the_default_single_level_is_the_launching_organisations_reviewer(world):
    Campaign.objects.filter(pk=world["campaign"].pk).update(review_levels=["reviewer"])
    submission = _handed_in(world)
    users = world["users"]
    assert submission.review_stage == 0
    assert [levels.holds_level(users[k], submission, "reviewer") for k in ("reviewer", "member", "head")] == [
        True,
        False,
        False,
    ]


# the queue of a scorer who cross-checks: session, user, memberships, bloc seats, page count, page (they review no
# campaign as a whole: the filter's lists need no query).
MEMBER_QUEUE_QUERIES = 6


def test_the_queue_of_a_cross_checking_scorer_has_a_constant_query_count(client, world, django_assert_num_queries):
    client.force_login(world["users"]["member"])
    _handed_in(world)
    with django_assert_num_queries(MEMBER_QUEUE_QUERIES):
        assert len(client.get(_url("review-queue")).context["object_list"]) == 1
    ward_d = OrganizationFactory(code="WD", name="Phường 4", parent=world["org_tree"]["dept_a"])
    ward_e = OrganizationFactory(code="WE", name="Phường 5", parent=world["org_tree"]["dept_a"])
    for ward in (ward_d, ward_e):
        BlocMember.objects.create(bloc=world["bloc"], organization=ward)
        Participant.objects.create(campaign=world["campaign"], organization=ward)
        _handed_in(world, ward)
    _handed_in(world, world["ward_c"])
    with django_assert_num_queries(MEMBER_QUEUE_QUERIES):
        response = client.get(_url("review-queue"))
    assert len(response.context["object_list"]) == 4 and all(s.is_waiting for s in response.context["object_list"])


# --- the campaign form ----------------------------------------------------------------------------------------


def _campaign_form(campaign, **levels_typed):
    data = {
        "kind": campaign.kind,
        "plan_number": campaign.plan_number,
        "plan_date": campaign.plan_date.isoformat(),
        "signer_name": campaign.signer_name,
        "signer_title": campaign.signer_title,
        "name": campaign.name,
        "start_date": campaign.start_date.isoformat(),
        "end_date": campaign.end_date.isoformat(),
        "participant_scope": campaign.participant_scope,
        "phase_combination": campaign.phase_combination,
        "min_products_per_unit": campaign.min_products_per_unit,
        "note": "Thêm cấp chấm chéo",
    }
    return data | levels_typed


def test_the_officer_sets_the_levels_in_order_on_the_campaign_form(client, world, officer):
    campaign = world["campaign"]
    client.force_login(officer)
    url = reverse("campaigns:campaign-update", args=[campaign.pk])
    page = client.get(url)
    assert 'name="review_levels_0"' in page.text and "Các cấp thẩm định, theo thứ tự" in page.text
    response = client.post(url, _campaign_form(campaign, review_levels_0="bloc_leader", review_levels_1="head"))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.review_levels == ["bloc_leader", "head"]
    response = client.post(url, _campaign_form(campaign, review_levels_0="head", review_levels_2="head"))
    assert response.status_code == 400 and "Mỗi cấp thẩm định chỉ được chọn một lần." in response.text
    assert '<option value="head" selected>' in response.text  # what was chosen is kept
    client.post(url, _campaign_form(campaign))  # nothing chosen: the default
    campaign.refresh_from_db()
    assert campaign.review_levels == ["reviewer"]


def test_a_cross_checking_member_opens_the_evidence_but_never_a_draft(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    submission = _handed_in(world)
    score = _score(submission, "3")
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    evidence = Evidence.objects.create(
        score=score, file=pdf, original_name="Biên bản.pdf", file_type="pdf", size=44, sha256="0" * 64
    )
    draft = scored_submission(
        Participant.objects.get(campaign=world["campaign"], organization=world["ward_c"]),
        world["campaign"].phases.get(),
        status=SubmissionStatus.DRAFT,
    )
    client.force_login(world["users"]["member"])
    page = client.get(_url("submission-review", submission.pk)).text
    download = reverse("scoring:evidence-download", args=[submission.pk, evidence.pk])
    assert f'href="{download}"' in page
    response = client.get(download)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert client.get(reverse("scoring:submission-detail", args=[draft.pk])).status_code == 404
    assert client.get(_url("submission-review", draft.pk)).status_code == 404
