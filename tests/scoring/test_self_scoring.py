"""Self-scoring through the HTTP client: drafts per criterion, running total, submit lock, deadline, reopen."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Criterion, Phase
from scoring.enums import SubmissionStatus
from scoring.models import Score, Submission, SubmissionEvent
from scoring.submissions import services as svc
from tests.scoring.factories import launched_campaign

pytestmark = [pytest.mark.django_db]
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _campaign(org_tree, officer, points=None, plan_number="05-KH/BTGTU"):
    today = timezone.localdate()
    extra = {"points": points} if points else {}
    return launched_campaign(
        organization=org_tree["root"],
        officer=officer,
        participants=[org_tree["ward_a"], org_tree["ward_b"]],
        start=today - timedelta(days=10),
        end=today + timedelta(days=30),
        plan_number=plan_number,
        **extra,
    )


@pytest.fixture
def campaign(org_tree, officer):
    return _campaign(org_tree, officer)


def _submission(campaign, organization):
    participant = campaign.participants.get(organization=organization)
    return svc.submission_get_or_create(participant=participant, phase=campaign.phases.get())


@pytest.fixture
def submission(campaign, org_tree):
    return _submission(campaign, org_tree["ward_a"])


def _score(submission, code):
    return Score.objects.get(submission=submission, criterion__code=code)


def _save(client, score, value, note="", *, version=None, htmx=True):
    prefix = f"s{score.pk}"
    version = score.version if version is None else version
    data = {f"{prefix}-value": value, f"{prefix}-note": note, f"{prefix}-version": version}
    url = reverse("scoring:submission-score-save", args=[score.submission_id, score.pk])
    return client.post(url, data, headers=HTMX if htmx else {})


def _detail(submission):
    return reverse("scoring:submission-detail", args=[submission.pk])


def _answer_all(submission, points=Decimal(1)):
    for score in Score.objects.filter(submission=submission):
        Score.objects.filter(pk=score.pk).update(value=points, self_points=points)


def _end_phase(campaign):
    yesterday = timezone.localdate() - timedelta(days=1)
    Phase.objects.filter(campaign=campaign).update(start_date=yesterday - timedelta(days=20), end_date=yesterday)


# --- creating submissions ------------------------------------------------------------------------------


def test_submission_get_or_create_copies_max_points_and_is_idempotent(campaign, org_tree):
    first = _submission(campaign, org_tree["ward_a"])
    again = _submission(campaign, org_tree["ward_a"])
    assert first.pk == again.pk and Submission.objects.count() == 1
    scores = Score.objects.filter(submission=first).order_by("criterion__position")
    assert [s.max_points for s in scores] == [Decimal(p) for p in (5, 5, 15, 5, 5, 40, 10, 5, 2, 8)]


def test_my_submissions_lists_open_phases_and_starts_a_submission(client, campaign, scorer_a, org_tree):
    client.force_login(scorer_a)
    page = client.get(reverse("scoring:submission-list"))
    assert page.status_code == 200 and "Phường 1" in page.text and "Phường 2" not in page.text
    participant = campaign.participants.get(organization=org_tree["ward_a"])
    phase = campaign.phases.get()
    response = client.post(reverse("scoring:submission-start", args=[participant.pk, phase.pk]))
    submission = Submission.objects.get(participant=participant, phase=phase)
    assert response.status_code == 302 and response.url == _detail(submission)
    assert submission.scores.count() == 10
    assert f'href="{_detail(submission)}"' in client.get(reverse("scoring:submission-list")).text


def test_starting_another_wards_submission_is_404(client, campaign, scorer_b, org_tree):
    client.force_login(scorer_b)
    participant = campaign.participants.get(organization=org_tree["ward_a"])
    response = client.post(reverse("scoring:submission-start", args=[participant.pk, campaign.phases.get().pk]))
    assert response.status_code == 404 and not Submission.objects.exists()


def test_starting_after_the_phase_ended_is_refused(client, campaign, scorer_a, org_tree):
    _end_phase(campaign)
    client.force_login(scorer_a)
    participant = campaign.participants.get(organization=org_tree["ward_a"])
    response = client.post(reverse("scoring:submission-start", args=[participant.pk, campaign.phases.get().pk]))
    assert response.status_code == 403 and not Submission.objects.exists()
    assert "Phường 1" not in client.get(reverse("scoring:submission-list")).text


# --- the scoring page and drafts ------------------------------------------------------------------------


def test_scoring_page_shows_every_criterion_with_max_points(client, submission, scorer_a):
    client.force_login(scorer_a)
    page = client.get(_detail(submission))
    assert page.status_code == 200
    for score in Score.objects.filter(submission=submission):
        assert f'name="s{score.pk}-value"' in page.text
    assert "Tiêu chí 6" in page.text and 'id="running-total"' in page.text
    assert "<script" not in page.text.split("</main>")[0] and "style=" not in page.text


def test_htmx_save_stores_points_records_history_and_returns_running_total(client, submission, scorer_a):
    client.force_login(scorer_a)
    score = _score(submission, "6")
    response = _save(client, score, "35,5", "Đã tổ chức 12 buổi sinh hoạt chuyên đề")
    assert response.status_code == 200
    score.refresh_from_db()
    assert (score.value, score.self_points, score.self_note, score.version) == (
        Decimal("35.5"),
        Decimal("35.5"),
        "Đã tổ chức 12 buổi sinh hoạt chuyên đề",
        1,
    )
    assert f'id="score-{score.pk}-feedback"' in response.text
    assert 'id="running-total"' in response.text and 'hx-swap-oob="true"' in response.text
    assert "35,5" in response.text or "35.5" in response.text
    assert f'name="s{score.pk}-version" id="id_s{score.pk}-version" value="1"' in response.text
    assert 'name="s' + str(score.pk) + '-value"' not in response.text  # what is being typed is never replaced
    event = SubmissionEvent.objects.get(score=score, field="self_points")
    assert (event.action, event.old_value, event.new_value, event.actor) == ("self_score", "", "35.50", scorer_a)


def test_reload_shows_exactly_what_was_typed(client, submission, scorer_a):
    client.force_login(scorer_a)
    score = _score(submission, "3")
    _save(client, score, "12.5", "Ghi chú: hoàn thành kế hoạch")
    page = client.get(_detail(submission)).text
    assert f'name="s{score.pk}-value" value="12.5"' in page
    assert "Ghi chú: hoàn thành kế hoạch</textarea>" in page


def test_running_total_and_predicted_tier_follow_the_answers(client, submission, scorer_a):
    client.force_login(scorer_a)
    for code, points in [("1", "5"), ("2", "5"), ("3", "15"), ("4", "5"), ("5", "5"), ("6", "40"), ("7", "10")]:
        response = _save(client, _score(submission, code), points)
    assert "85" in response.context["running"].total.total.to_eng_string()
    assert response.context["running"].tier.name == "Khá"
    assert "Khá" in response.text
    response = _save(client, _score(submission, "8"), "5")
    assert response.context["running"].tier.name == "Xuất sắc" and "Xuất sắc" in response.text


@pytest.mark.parametrize("typed", ["41", "abc", "-1", "1e999"])
def test_invalid_value_shows_a_message_and_changes_nothing(client, submission, scorer_a, typed):
    client.force_login(scorer_a)
    score = _score(submission, "6")
    _save(client, score, "20", "giữ nguyên")
    score.refresh_from_db()
    response = _save(client, score, typed, "ghi chú mới")
    assert response.status_code == 200
    assert response.context["row"].form.errors["value"]
    assert "text-danger" in response.text and response.context["saved"] is False
    score.refresh_from_db()
    assert (score.value, score.self_points, score.self_note) == (Decimal(20), Decimal(20), "giữ nguyên")
    assert score.version == 1


def test_invalid_value_without_htmx_keeps_what_was_typed(client, submission, scorer_a):
    client.force_login(scorer_a)
    score = _score(submission, "6")
    response = _save(client, score, "99", "ghi chú đang gõ", htmx=False)
    assert response.status_code == 400
    assert f'name="s{score.pk}-value" value="99"' in response.text and "ghi chú đang gõ" in response.text
    score.refresh_from_db()
    assert score.self_points is None and score.self_note == ""


def test_save_without_htmx_redirects_back_to_the_criterion(client, submission, scorer_a):
    client.force_login(scorer_a)
    score = _score(submission, "1")
    response = _save(client, score, "4", htmx=False)
    assert response.status_code == 302 and response.url == f"{_detail(submission)}#score-{score.pk}"
    score.refresh_from_db()
    assert score.self_points == Decimal(4)


def test_clearing_a_value_clears_the_answer(client, submission, scorer_a):
    client.force_login(scorer_a)
    score = _score(submission, "1")
    _save(client, score, "4")
    score.refresh_from_db()
    _save(client, score, "")
    score.refresh_from_db()
    assert (score.value, score.self_points, score.version) == (None, None, 2)


def test_stale_version_is_a_conflict_and_keeps_the_other_save(client, submission, scorer_a):
    client.force_login(scorer_a)
    score = _score(submission, "1")
    _save(client, score, "4")
    response = _save(client, score, "2", version=0)
    assert response.status_code == 409 and response["HX-Refresh"] == "true"
    score.refresh_from_db()
    assert (score.self_points, score.version) == (Decimal(4), 1)


def test_other_methods_turn_input_into_points(client, submission, scorer_a):
    Criterion.objects.filter(code="6").update(method="target", target_value=Decimal(200), target_unit="buổi")
    Criterion.objects.filter(code="7").update(method="boolean")
    Criterion.objects.filter(code="8").update(method="count", count_minimum=4, count_partial=True)
    client.force_login(scorer_a)
    _save(client, _score(submission, "6"), "150")
    _save(client, _score(submission, "7"), "yes")
    _save(client, _score(submission, "8"), "3")
    target, boolean, count = (_score(submission, c) for c in ("6", "7", "8"))
    assert (target.value, target.self_points) == (Decimal(150), Decimal(30))
    assert (boolean.value, boolean.self_points) == (Decimal(1), Decimal(10))
    assert (count.value, count.self_points) == (Decimal(3), Decimal("3.75"))
    assert _save(client, count, "2.5").context["row"].form.errors["value"]
    assert _save(client, boolean, "maybe").context["row"].form.errors["value"]
    page = client.get(_detail(submission)).text
    assert '<option value="yes" selected>' in page


# --- submit and the lock --------------------------------------------------------------------------------


def test_submit_is_blocked_until_every_criterion_is_answered(client, submission, scorer_a):
    client.force_login(scorer_a)
    _save(client, _score(submission, "1"), "5")
    response = client.post(reverse("scoring:submission-submit", args=[submission.pk]))
    assert response.status_code == 400 and len(response.context["problems"]) == 9
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DRAFT and submission.submitted_at is None


def test_submit_locks_the_submission(client, submission, scorer_a):
    _answer_all(submission)
    client.force_login(scorer_a)
    response = client.post(reverse("scoring:submission-submit", args=[submission.pk]))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.submitted_by) == (SubmissionStatus.SUBMITTED, scorer_a)
    assert submission.submitted_at is not None
    assert SubmissionEvent.objects.filter(submission=submission, action="submit").count() == 1
    score = _score(submission, "1")
    response = _save(client, score, "5", htmx=False)
    assert response.status_code == 403 and response.context["error"]
    response = _save(client, score, "5")
    assert response.status_code == 403 and response["HX-Refresh"] == "true"
    score.refresh_from_db()
    assert score.self_points == Decimal(1)
    assert client.post(reverse("scoring:submission-submit", args=[submission.pk])).status_code == 403
    page = client.get(_detail(submission)).text
    assert f'name="s{score.pk}-value"' not in page


# --- deadline and reopening -----------------------------------------------------------------------------


def test_after_the_phase_ends_the_unit_can_neither_save_nor_submit(client, campaign, submission, scorer_a):
    _answer_all(submission)
    _end_phase(campaign)
    client.force_login(scorer_a)
    score = _score(submission, "1")
    assert _save(client, score, "3", htmx=False).status_code == 403
    assert client.post(reverse("scoring:submission-submit", args=[submission.pk])).status_code == 403
    score.refresh_from_db()
    submission.refresh_from_db()
    assert score.self_points == Decimal(1) and submission.status == SubmissionStatus.DRAFT
    assert f'name="s{score.pk}-value"' not in client.get(_detail(submission)).text


def test_officer_reopens_for_one_unit_and_it_is_recorded(client, campaign, submission, scorer_a, officer):
    _answer_all(submission)
    _end_phase(campaign)
    until = timezone.localdate() + timedelta(days=3)
    client.force_login(officer)
    response = client.post(
        reverse("scoring:submission-reopen", args=[submission.pk]), {"until": until.isoformat(), "reason": "Mất điện"}
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.reopened_until == until and submission.status == SubmissionStatus.DRAFT
    event = SubmissionEvent.objects.get(submission=submission, action="reopen")
    assert (event.actor, event.new_value, event.reason) == (officer, until.isoformat(), "Mất điện")
    client.force_login(scorer_a)
    assert _save(client, _score(submission, "1"), "3").status_code == 200
    assert client.post(reverse("scoring:submission-submit", args=[submission.pk])).status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_reopening_a_submitted_submission_returns_it_for_changes(client, submission, officer):
    _answer_all(submission)
    svc.submission_submit(submission=submission, actor=None)
    client.force_login(officer)
    until = timezone.localdate() + timedelta(days=1)
    client.post(reverse("scoring:submission-reopen", args=[submission.pk]), {"until": until.isoformat()})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED


def test_reopen_rejects_a_past_date_and_a_scorer(client, campaign, submission, officer, scorer_a):
    _end_phase(campaign)
    url = reverse("scoring:submission-reopen", args=[submission.pk])
    client.force_login(officer)
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(url, {"until": past})
    assert response.status_code == 400 and response.context["reopen_form"].errors["until"]
    client.force_login(scorer_a)
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert client.post(url, {"until": future}).status_code == 403
    submission.refresh_from_db()
    assert submission.reopened_until is None and not SubmissionEvent.objects.filter(action="reopen").exists()


# --- permissions ----------------------------------------------------------------------------------------


def test_another_ward_cannot_see_or_change_the_draft(client, submission, scorer_a, scorer_b, other_officer):
    score = _score(submission, "1")
    for user in (scorer_b, other_officer):
        client.force_login(user)
        assert client.get(_detail(submission)).status_code == 404
        assert _save(client, score, "5").status_code == 404
        assert client.post(reverse("scoring:submission-submit", args=[submission.pk])).status_code == 404
    score.refresh_from_db()
    assert score.self_points is None


def test_officer_of_the_launching_organisation_reads_only(client, submission, officer):
    client.force_login(officer)
    score = _score(submission, "1")
    page = client.get(_detail(submission))
    assert page.status_code == 200 and f'name="s{score.pk}-value"' not in page.text
    assert _save(client, score, "5").status_code == 403
    score.refresh_from_db()
    assert score.self_points is None


def test_anonymous_is_sent_to_login(client, submission):
    response = client.get(_detail(submission))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- query count ----------------------------------------------------------------------------------------


def test_scoring_page_runs_the_same_number_of_queries_for_3_and_40_criteria(
    client, org_tree, officer, scorer_a, django_assert_num_queries
):
    small = _submission(_campaign(org_tree, officer, points=(40, 40, 20), plan_number="1-KH"), org_tree["ward_a"])
    large_campaign = _campaign(org_tree, officer, points=(2.5,) * 40, plan_number="2-KH")
    large = _submission(large_campaign, org_tree["ward_a"])
    assert large.scores.count() == 40
    Criterion.objects.filter(table__campaign=large_campaign, position__lte=5).update(evidence_required=True)
    client.force_login(scorer_a)
    # session, user, memberships, submission, scores, evidence, table, tiers
    with django_assert_num_queries(8):
        assert client.get(_detail(small)).status_code == 200
    with django_assert_num_queries(8):
        assert client.get(_detail(large)).status_code == 200
