"""Self-scoring through the HTTP client: answers per criterion and rule line, points and subtotals from the engine,
running total and predicted tier (or not classified), errors per criterion, submit lock, deadline, reopen, the
returned submission's reasons, and constant query counts on a 111-row table."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Criterion, Phase
from scoring.enums import SubmissionStatus
from scoring.models import Score, Submission, SubmissionEvent
from scoring.review import services as review_svc
from scoring.submissions import services as svc
from tests.factories import MembershipFactory, UserFactory
from tests.scoring.answers import launched_with_table, mixed_table_spec, rule_table_spec
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


def _save(client, score, value, note="", *, version=None, htmx=True, field="points", **answers):
    """Post one criterion's form: ``value`` into ``field`` (a manual criterion's points), more answers by name."""
    prefix = f"s{score.pk}"
    version = score.version if version is None else version
    data = {f"{prefix}-{field}": value, f"{prefix}-note": note, f"{prefix}-version": version}
    data |= {f"{prefix}-{name}": typed for name, typed in answers.items()}
    url = reverse("scoring:submission-score-save", args=[score.submission_id, score.pk])
    return client.post(url, data, headers=HTMX if htmx else {})


def _answers(client, score, answers: dict, *, htmx=True):
    """Post a criterion's answers by field name (``value``, ``count``, ``rule_A2.1``, ``part_B1a`` …)."""
    score.refresh_from_db()
    prefix = f"s{score.pk}"
    data = {f"{prefix}-note": "", f"{prefix}-version": score.version}
    data |= {f"{prefix}-{name}": typed for name, typed in answers.items()}
    url = reverse("scoring:submission-score-save", args=[score.submission_id, score.pk])
    return client.post(url, data, headers=HTMX if htmx else {})


def _detail(submission):
    return reverse("scoring:submission-detail", args=[submission.pk])


def _answer_all(submission, points=Decimal(1)):
    Score.objects.filter(submission=submission).update(
        self_inputs={"points": str(points)}, self_points=points, net=points
    )


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
        assert f'name="s{score.pk}-points"' in page.text
    assert "Tiêu chí 6" in page.text and 'id="running-total"' in page.text
    assert f'href="{reverse("scoring:submission-history", args=[submission.pk])}"' in page.text
    assert "<script" not in page.text.split("</main>")[0] and "style=" not in page.text


def test_htmx_save_stores_points_records_history_and_returns_running_total(client, submission, scorer_a):
    client.force_login(scorer_a)
    score = _score(submission, "6")
    response = _save(client, score, "35,5", "Đã tổ chức 12 buổi sinh hoạt chuyên đề")
    assert response.status_code == 200
    score.refresh_from_db()
    assert (score.self_inputs, score.self_points, score.self_note, score.version) == (
        {"points": "35.5"},
        Decimal("35.5"),
        "Đã tổ chức 12 buổi sinh hoạt chuyên đề",
        1,
    )
    submission.refresh_from_db()
    assert (submission.self_total, submission.total) == (Decimal("35.5"), Decimal("35.5"))  # stored at once
    assert f'id="score-{score.pk}-feedback"' in response.text
    assert 'id="running-total"' in response.text and 'hx-swap-oob="true"' in response.text
    assert "Điểm: <strong>35,50</strong>" in response.text
    assert "Tổng điểm tự chấm: 35,50 điểm" in response.text
    assert f'name="s{score.pk}-version" id="id_s{score.pk}-version" value="1"' in response.text
    assert 'name="s' + str(score.pk) + '-points"' not in response.text  # what is being typed is never replaced
    event = SubmissionEvent.objects.get(score=score, field="self_points")
    assert (event.action, event.old_value, event.new_value, event.actor) == ("self_score", "0", "35.50", scorer_a)


def test_reload_shows_exactly_what_was_typed(client, submission, scorer_a):
    client.force_login(scorer_a)
    score = _score(submission, "3")
    _save(client, score, "12.5", "Ghi chú: hoàn thành kế hoạch")
    page = client.get(_detail(submission)).text
    assert f'name="s{score.pk}-points" value="12.5"' in page
    assert "Ghi chú: hoàn thành kế hoạch</textarea>" in page


def test_running_total_and_predicted_tier_follow_the_answers(client, submission, scorer_a):
    client.force_login(scorer_a)
    for code, points in [("1", "5"), ("2", "5"), ("3", "15"), ("4", "5"), ("5", "5"), ("6", "40"), ("7", "10")]:
        response = _save(client, _score(submission, code), points)
    assert "85" in response.context["running"].total.total.to_eng_string()
    assert response.context["running"].tier == "Khá"
    assert "Khá" in response.text
    response = _save(client, _score(submission, "8"), "5")
    assert response.context["running"].tier == "Xuất sắc" and "Xuất sắc" in response.text


@pytest.mark.parametrize(
    ("typed", "message"),
    [("41", "Nhập điểm từ 0 đến 40."), ("abc", "Nhập một số"), ("-1", "Không được âm."), ("1e999", "Nhập một số")],
)
def test_invalid_value_shows_a_message_and_changes_nothing(client, submission, scorer_a, typed, message):
    client.force_login(scorer_a)
    score = _score(submission, "6")
    _save(client, score, "20", "giữ nguyên")
    score.refresh_from_db()
    response = _save(client, score, typed, "ghi chú mới")
    assert response.status_code == 200
    assert response.context["row"].form.errors["points"]
    assert f"Điểm: {message}" in response.text and response.context["saved"] is False
    score.refresh_from_db()
    assert (score.self_inputs, score.self_points, score.self_note) == ({"points": "20"}, Decimal(20), "giữ nguyên")
    assert score.version == 1


def test_invalid_value_without_htmx_keeps_what_was_typed(client, submission, scorer_a):
    client.force_login(scorer_a)
    score = _score(submission, "6")
    response = _save(client, score, "99", "ghi chú đang gõ", htmx=False)
    assert response.status_code == 400
    assert f'name="s{score.pk}-points" value="99"' in response.text and "ghi chú đang gõ" in response.text
    score.refresh_from_db()
    assert score.self_inputs == {} and score.self_note == ""


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
    assert (score.self_inputs, score.self_points, score.version) == ({}, Decimal(0), 2)
    assert "chưa trả lời" in client.get(_detail(submission)).text


def test_stale_version_is_a_conflict_and_keeps_the_other_save(client, submission, scorer_a):
    client.force_login(scorer_a)
    score = _score(submission, "1")
    _save(client, score, "4")
    response = _save(client, score, "2", version=0)
    assert response.status_code == 409 and response["HX-Refresh"] == "true"
    score.refresh_from_db()
    assert (score.self_points, score.version) == (Decimal(4), 1)


@pytest.fixture
def rule_submission(org_tree, officer):
    """A draft on the mixed rule-based table (tests/scoring/answers.py): every base method, rule kind and role."""
    campaign = launched_with_table(
        organization=org_tree["root"],
        officer=officer,
        participants=[org_tree["ward_a"]],
        spec=mixed_table_spec(),
        plan_number="11-KH/QUYTAC",
    )
    return _submission(campaign, org_tree["ward_a"])


RULE_ANSWERS = {
    "A1": {"value": "96", "rule_A1.1": "2"},  # band 95–98: 6,5 − 2 × 0,2
    "A2": {"rule_A2.2": "3"},  # 7, bonus 3 × 0,5 capped at 1
    "A3": {"value": "90"},  # 10, step bonus 10 × 0,1 capped at 0,5
    "B1": {"part_B1a": "yes", "part_B1b": "no"},  # 3
    "B2": {"count": "2", "rule_B2.1": "no"},  # 5 × 2/3 − 1
    "B4": {"points": "2"},  # bonus criterion
    "B5": {"points": "1,5"},  # penalty criterion
}


def test_rule_based_answers_give_points_per_rule_criterion_group_and_total(client, rule_submission, scorer_a):
    client.force_login(scorer_a)
    for code, answers in RULE_ANSWERS.items():
        response = _answers(client, _score(rule_submission, code), answers)
        assert response.status_code == 200 and response.context["saved"] is True, (code, response.text[:500])
    points = dict(Score.objects.filter(submission=rule_submission).values_list("criterion__code", "self_points"))
    assert points == {
        "A1": Decimal("6.10"),
        "A2": Decimal("8.00"),
        "A3": Decimal("10.50"),
        "B1": Decimal("3.00"),
        "B2": Decimal("2.33"),
        "B3": Decimal("3.00"),
        "B4": Decimal("2.00"),
        "B5": Decimal("1.50"),
    }
    assert _score(rule_submission, "A1").self_inputs == {"value": "96", "rules": {"A1.1": 2}}
    rule_submission.refresh_from_db()
    assert (rule_submission.self_total, rule_submission.total) == (Decimal("30.93"), Decimal("30.93"))
    running = response.context["running"]
    assert (running.result.total, running.result.bonus, running.result.penalty) == (
        Decimal("30.93"),
        Decimal(1),
        Decimal("1.5"),
    )
    assert running.tier == "Khá"
    page = client.get(_detail(rule_submission)).text
    a1 = page.split(f'id="score-{_score(rule_submission, "A1").pk}"')[1].split('class="list-group-item"')[0]
    assert "<code>A1.1</code>: −0,40" in a1  # the rule line's signed points
    assert "Điểm: <strong>6,10</strong>" in a1 and "(điểm gốc 6,50 − 0,40)" in a1  # base − deductions
    assert (
        "<code>A2.2</code>: +1</li>" in page
    )  # 3 × 0,5 within the rule's own cap of 1 and "Điểm phạt: <strong>−1,50</strong>" in page
    assert "Tổng điểm tự chấm: 30,93 điểm" in page and "Xếp loại dự kiến: <strong>Khá</strong>" in page
    groups = {g.code: g.pk for g in rule_submission.phase.campaign.scoring_tables.get().groups.all()}
    assert f'id="group-{groups["A"]}-subtotal">24,60</strong>' in page  # nested section
    assert f'id="group-{groups["I"]}-subtotal">24,60</strong>' in page  # and its standard
    assert f'id="group-{groups["II"]}-subtotal">8,83</strong>' in page


def test_a_gate_rule_shows_not_classified_with_its_reason(client, rule_submission, scorer_a):
    client.force_login(scorer_a)
    response = _answers(client, _score(rule_submission, "B3"), {"rule_B3.1": "yes"})
    assert response.context["running"].result.gated is True
    assert "Không xếp loại" in response.text and "Không gửi báo cáo tổng kết năm" in response.text
    assert f'id="group-{_score(rule_submission, "B3").criterion.group_id}-subtotal" hx-swap-oob="true"' in response.text
    rule_submission.refresh_from_db()
    assert rule_submission.is_gated is True


def test_every_problem_of_a_criterion_is_listed_and_what_was_typed_kept(client, rule_submission, scorer_a):
    client.force_login(scorer_a)
    score = _score(rule_submission, "B2")
    response = _answers(client, score, {"count": "2,5"})
    assert response.context["row"].form.error_lines() == ["Số buổi: Nhập một số nguyên."]
    response = _answers(client, score, {"count": "abc", "rule_B2.1": "maybe"})
    errors = response.context["row"].form.error_lines()
    assert len(errors) == 2 and errors[0].startswith("Số buổi: ") and errors[1].startswith("Có sơ kết giữa năm: ")
    assert errors[0] in response.text and response.context["saved"] is False
    page = _answers(client, score, {"count": "-2", "rule_B2.1": "yes"}, htmx=False)
    assert page.status_code == 400 and f'name="s{score.pk}-count" value="-2"' in page.text
    assert "Số buổi: Không được âm." in page.text
    score.refresh_from_db()
    assert score.self_inputs == {} and score.version == 0


def test_a_step_bonus_without_a_value_field_takes_the_value_in_its_own_field(client, rule_submission, scorer_a):
    client.force_login(scorer_a)
    score = _score(rule_submission, "A3")
    response = _answers(client, score, {"value": "85"})
    assert f"s{score.pk}-rule_A3.1" not in client.get(_detail(rule_submission)).text  # the typed value drives it
    assert response.context["row"].line.result.bonus == Decimal("0.5")


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
    assert f'name="s{score.pk}-points"' not in page


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
    assert f'name="s{score.pk}-points"' not in client.get(_detail(submission)).text


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
    assert score.self_inputs == {} and score.version == 0


def test_officer_of_the_launching_organisation_reads_only(client, submission, officer):
    client.force_login(officer)
    score = _score(submission, "1")
    page = client.get(_detail(submission))
    assert page.status_code == 200 and f'name="s{score.pk}-points"' not in page.text
    assert _save(client, score, "5").status_code == 403
    score.refresh_from_db()
    assert score.self_inputs == {} and score.version == 0


def test_anonymous_is_sent_to_login(client, submission):
    response = client.get(_detail(submission))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- returned submissions: the reasons where the unit looks -----------------------------------------------


@pytest.fixture
def returned(submission, scorer_a, org_tree):
    """Handed in, one criterion corrected by the reviewer with a reason, then returned with an overall reason."""
    reviewer = UserFactory(username="thamdinh")
    MembershipFactory(user=reviewer, organization=org_tree["root"], role="reviewer")
    _answer_all(submission, Decimal(4))
    svc.submission_submit(submission=submission, actor=scorer_a)
    score = _score(submission, "6")
    review_svc.score_verify(
        score=score,
        inputs={"points": "2,5"},
        review_note="Chỉ có 1 buổi có biên bản",
        expected_version=0,
        actor=reviewer,
    )
    review_svc.submission_return(submission=submission, reason="Bổ sung minh chứng tiêu chí 6", actor=reviewer)
    return submission


def test_the_units_page_shows_the_return_reason_and_each_change(client, returned, scorer_a):
    client.force_login(scorer_a)
    page = client.get(_detail(returned)).text
    note = page.split('id="return-note-')[1].split("</section>")[0]
    assert "Bổ sung minh chứng tiêu chí 6" in note
    assert "<strong>6</strong>" in note and "điểm 4 → 2,5" in note  # old → new points
    assert "Điểm: 4 → Điểm: 2,5" in note  # old → new answers
    assert "Chỉ có 1 buổi có biên bản" in note and "Cán bộ thẩm định của cơ quan phát động" in note  # why, level
    assert f'href="{reverse("scoring:submission-history", args=[returned.pk])}"' in note


def test_the_home_page_shows_returned_submissions_with_their_changes(client, returned, scorer_a, scorer_b):
    client.force_login(scorer_a)
    home = client.get(reverse("home"))
    assert [note.submission.pk for note in home.context["returned"]] == [returned.pk]
    assert "Bổ sung minh chứng tiêu chí 6" in home.text and "điểm 4 → 2,5" in home.text
    assert f'href="{_detail(returned)}"' in home.text
    client.force_login(scorer_b)
    assert client.get(reverse("home")).context["returned"] == []  # another unit's return is not shown


def test_answering_again_after_a_return_keeps_the_reasons_on_the_page(client, returned, scorer_a):
    client.force_login(scorer_a)
    score = _score(returned, "6")
    _save(client, score, "3")
    score.refresh_from_db()
    assert (score.verified_inputs, score.verified_points, score.self_points) == (None, None, Decimal(3))
    assert "điểm 4 → 2,5" in client.get(_detail(returned)).text  # from the history


# --- query count ----------------------------------------------------------------------------------------

# session, user, submission, memberships, scores, evidence, rule lines, table, groups, tiers
PAGE_QUERIES = 10
# session, user, submission, memberships, the score with its rule lines (2), savepoint, lock, update, totals
# (table, rows, update), history (answers, points, explanation), release, then the page's reads (scores, evidence,
# rule lines, table, groups, tiers)
SAVE_QUERIES = 22


def _large(org_tree, officer):
    campaign = launched_with_table(
        organization=org_tree["root"],
        officer=officer,
        participants=[org_tree["ward_a"]],
        spec=rule_table_spec(37),  # 37 criteria with 2 rule lines each: 111 rows in nested groups
        plan_number="2-KH",
    )
    return _submission(campaign, org_tree["ward_a"])


def test_scoring_page_runs_the_same_number_of_queries_for_3_and_111_rows(
    client, org_tree, officer, scorer_a, django_assert_num_queries
):
    small = _submission(_campaign(org_tree, officer, points=(40, 40, 20), plan_number="1-KH"), org_tree["ward_a"])
    large = _large(org_tree, officer)
    assert large.scores.count() == 37
    Criterion.objects.filter(table__campaign=large.phase.campaign, position__lte=1).update(evidence_required=True)
    client.force_login(scorer_a)
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(_detail(small)).status_code == 200
    with django_assert_num_queries(PAGE_QUERIES):
        page = client.get(_detail(large))
    assert page.text.count('class="list-group-item"') == 37 and page.text.count("td-rules") == 37


def test_saving_an_answer_runs_the_same_number_of_queries_for_3_and_111_rows(
    client, org_tree, officer, scorer_a, django_assert_num_queries
):
    small = _submission(_campaign(org_tree, officer, points=(40, 40, 20), plan_number="1-KH"), org_tree["ward_a"])
    large = _large(org_tree, officer)
    small_score, large_score = _score(small, "1"), _score(large, "C4")
    client.force_login(scorer_a)
    with django_assert_num_queries(SAVE_QUERIES):
        response = _save(client, small_score, "30", "ghi chú")
    assert response.context["saved"] is True
    with django_assert_num_queries(SAVE_QUERIES):
        response = _save(client, large_score, "2", "ghi chú", field="rule_C4a", rule_C4b="yes")
    assert response.context["saved"] is True and _score(large, "C4").self_points == Decimal("1.25")  # 2 − 1 + 0,25
