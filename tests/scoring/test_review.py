"""Review of submissions: side by side, verify with a reason, return, approve, history, permissions,
the optimistic version (conflicts), and N+1 guards on the queue and the review page."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, connections
from django.urls import reverse

from campaigns.models import Participant
from organizations.enums import Role
from scoring.enums import SubmissionStatus
from scoring.models import Evidence, RankingEntry, Score, SubmissionEvent
from scoring.ranking.services import ranking_compute, ranking_request
from scoring.review import services as svc
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.scoring.answers import half_points, launched_with_table, mixed_table_spec, rule_table_spec, scored_submission
from tests.scoring.factories import launched_campaign

pytestmark = pytest.mark.django_db


# --- arrange helpers -------------------------------------------------------------------------------------------


@pytest.fixture
def reviewer(org_tree):
    user = UserFactory(username="reviewer")
    MembershipFactory(user=user, organization=org_tree["root"], role=Role.REVIEWER)
    return user


@pytest.fixture
def campaign(org_tree, officer):
    return launched_campaign(
        organization=org_tree["root"], officer=officer, participants=[org_tree["ward_a"], org_tree["ward_b"]]
    )


def _submission(campaign, organization, *, status=SubmissionStatus.SUBMITTED):
    """A handed-in submission with one score per (manual) criterion, each answered with half its points."""
    participant = Participant.objects.get(campaign=campaign, organization=organization)
    notes = {c.code: f"Giải trình {c.code}" for c in campaign.scoring_tables.get().criteria.all()}
    return scored_submission(participant, campaign.phases.get(), status=status, default=half_points, notes=notes)


@pytest.fixture
def submission(campaign, org_tree):
    return _submission(campaign, org_tree["ward_a"])


def _score(submission, code="3"):
    return Score.objects.get(submission=submission, criterion__code=code)  # max 15, self 7.5


def _url(name, *args):
    return reverse(f"scoring:{name}", args=args)


def _verify(client, score, points, note="", *, version=None, htmx=True):
    """The reviewer corrects the answer of a manual criterion (the points typed) with a reason."""
    prefix = f"s{score.pk}"
    data = {
        f"{prefix}-points": str(points),
        f"{prefix}-note": note,
        f"{prefix}-version": score.version if version is None else version,
    }
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(_url("score-verify", score.submission_id, score.pk), data, headers=headers)


def _row(response, score):
    return next(row for row in response.context["rows"] if row.score.pk == score.pk)


def _inputs(points) -> dict:
    return {"points": str(points)}


# --- the review page --------------------------------------------------------------------------------------------


def test_review_page_shows_the_units_answers_beside_points_with_evidence(
    client, reviewer, submission, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    score = _score(submission)
    Evidence.objects.create(
        score=score,
        file=ContentFile(b"%PDF-1.4 test", name="bien-ban.pdf"),
        original_name="Biên bản họp chi bộ.pdf",
        file_type="pdf",
        size=13,
        sha256="0" * 64,
    )
    client.force_login(reviewer)

    response = client.get(_url("submission-review", submission.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="score-row-{score.pk}"' in html
    assert "Điểm: <strong>7,50</strong>" in html  # the unit's points, Vietnamese decimal comma
    assert "Điểm: 7,5" in html  # the unit's answer, in words
    assert f'name="s{score.pk}-points" value="7.5"' in html  # the correction starts from the unit's answer
    assert "Giải trình 3" in html
    assert "Biên bản họp chi bộ.pdf" in html
    assert [row.score.self_points for row in response.context["rows"]][:3] == [
        Decimal("2.50"),
        Decimal("2.50"),
        Decimal("7.50"),
    ]


def test_opening_a_submitted_submission_starts_its_review(client, reviewer, submission):
    client.force_login(reviewer)

    client.get(_url("submission-review", submission.pk))

    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.UNDER_REVIEW
    event = SubmissionEvent.objects.get(submission=submission, action="start_review")
    assert (event.old_value, event.new_value, event.actor) == ("submitted", "under_review", reviewer)


def test_officer_of_the_launching_organisation_may_review(client, officer, submission):
    client.force_login(officer)

    assert client.get(_url("submission-review", submission.pk)).status_code == 200


@pytest.mark.parametrize("who", ["scorer_a", "scorer_b", "other_officer", "dept_reviewer"])
def test_review_pages_are_404_for_others(client, request, org_tree, submission, who):
    if who == "dept_reviewer":  # a reviewer below the launching organisation does not review its campaigns
        user = UserFactory(username="dept_reviewer")
        MembershipFactory(user=user, organization=org_tree["dept_a"], role=Role.REVIEWER)
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    score = _score(submission)

    assert client.get(_url("submission-review", submission.pk)).status_code == 404
    assert _verify(client, score, 7).status_code == 404
    assert client.post(_url("submission-return", submission.pk), {"reason": "x"}).status_code == 404
    assert client.post(_url("submission-approve", submission.pk)).status_code == 404
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert _score(submission).verified_points is None


def test_draft_submissions_are_not_reviewable(client, reviewer, campaign, org_tree):
    draft = _submission(campaign, org_tree["ward_b"], status=SubmissionStatus.DRAFT)
    client.force_login(reviewer)

    assert client.get(_url("submission-review", draft.pk)).status_code == 404


# --- verifying one score ----------------------------------------------------------------------------------------


def test_verify_equal_to_self_needs_no_reason(client, reviewer, submission):
    client.force_login(reviewer)
    score = _score(submission)

    response = _verify(client, score, "7,5")

    assert response.status_code == 200
    score.refresh_from_db()
    assert (score.verified_points, score.verified_inputs, score.review_note, score.version) == (
        Decimal("7.50"),
        None,
        "",
        1,
    )
    assert response.context["row"].saved is True
    assert response.context["row"].form["version"].value() == 1  # the row comes back at the new version
    assert 'id="review-totals" class="card card-body mb-3" aria-live="polite" hx-swap-oob="true"' in response.text


def test_verify_different_without_reason_is_refused(client, reviewer, submission):
    client.force_login(reviewer)
    score = _score(submission)

    response = _verify(client, score, 5)

    assert "note" in response.context["row"].form.errors
    assert f'name="s{score.pk}-points"' not in response.text.split(f'id="score-row-{score.pk}"')[0]
    score.refresh_from_db()
    assert (score.verified_points, score.verified_inputs, score.version) == (None, None, 0)
    assert not SubmissionEvent.objects.filter(action="verify").exists()


def test_verify_different_with_reason_is_saved_with_history(client, reviewer, scorer_a, submission):
    client.force_login(reviewer)
    score = _score(submission)

    _verify(client, score, 5, "Thiếu biên bản quý II")

    score.refresh_from_db()
    assert (score.verified_points, score.review_note, score.version) == (Decimal("5.00"), "Thiếu biên bản quý II", 1)
    assert score.verified_inputs == {"points": "5"} and score.self_inputs == {"points": "7.5"}
    event = SubmissionEvent.objects.get(action="verify", field="verified_points")
    assert (event.score, event.old_value, event.new_value, event.review_level) == (score, "7.50", "5", "reviewer")
    assert (event.reason, event.actor) == ("Thiếu biên bản quý II", reviewer)
    answers = SubmissionEvent.objects.get(action="verify", field="verified_inputs")
    assert (answers.old_value, answers.new_value) == ('{"points":"7.5"}', '{"points":"5"}')

    _verify(client, score, 4, "Chỉ 4 buổi sinh hoạt")  # a second change: old → new

    second = SubmissionEvent.objects.filter(action="verify", field="verified_points").first()
    assert (second.old_value, second.new_value, second.reason) == ("5", "4", "Chỉ 4 buổi sinh hoạt")
    client.force_login(scorer_a)
    html = client.get(_url("submission-history", submission.pk)).content.decode()
    assert "Chỉ 4 buổi sinh hoạt" in html and "Thiếu biên bản quý II" in html


@pytest.mark.parametrize(
    ("points", "message"), [("15,01", "từ 0 đến 15"), ("-1", "âm"), ("100", "từ 0 đến 15"), ("x", "số")]
)
def test_verify_out_of_range_is_refused(client, reviewer, submission, points, message):
    client.force_login(reviewer)
    score = _score(submission)

    response = _verify(client, score, points, "Lý do")

    assert "points" in response.context["row"].form.errors
    assert message in response.text and f'value="{points}"' in response.text  # what was typed is kept
    score.refresh_from_db()
    assert (score.verified_points, score.version) == (None, 0)


def test_verify_without_htmx_redirects_back(client, reviewer, submission):
    client.force_login(reviewer)
    score = _score(submission)

    response = _verify(client, score, 15, "Đạt tối đa", htmx=False)
    refused = _verify(client, _score(submission, "6"), 99, "Quá điểm", htmx=False)

    assert refused.status_code == 302 and _score(submission, "6").verified_points is None
    assert response.status_code == 302
    assert response["Location"] == _url("submission-review", submission.pk)
    score.refresh_from_db()
    assert score.verified_points == Decimal("15.00")


def test_verify_is_refused_once_approved(reviewer, submission):
    svc.submission_approve(submission=submission, actor=reviewer)
    score = _score(submission)

    with pytest.raises(ValidationError):
        svc.score_verify(score=score, inputs=_inputs(1), review_note="x", expected_version=1, actor=reviewer)

    score.refresh_from_db()
    assert score.verified_points == Decimal("7.50")


# --- conflicts (optimistic version) -----------------------------------------------------------------------------


def test_two_saves_from_the_same_version_one_wins_one_conflicts(client, reviewer, officer, submission):
    score = _score(submission)
    client.force_login(reviewer)
    first = _verify(client, score, 6, "Người thứ nhất", version=0)
    client.force_login(officer)

    second = _verify(client, score, 3, "Người thứ hai", version=0)

    assert first.context["row"].saved is True
    assert second.context["row"].saved is False
    assert second.context["row"].conflict  # the clear conflict message, shown inline
    assert second.context["row"].form["points"].value() == "6"  # the winner's answer
    score.refresh_from_db()
    assert (score.verified_points, score.review_note, score.version) == (Decimal("6.00"), "Người thứ nhất", 1)
    assert SubmissionEvent.objects.filter(action="verify", field="verified_points").count() == 1


def test_conflict_error_from_the_service(reviewer, submission):
    score = _score(submission)
    stale = _score(submission)
    svc.score_verify(score=score, inputs=_inputs(6), review_note="a", expected_version=0, actor=reviewer)

    with pytest.raises(ValidationError) as caught:
        svc.score_verify(score=stale, inputs=_inputs(2), review_note="b", expected_version=0, actor=reviewer)

    assert caught.value.code == "conflict"
    assert _score(submission).verified_points == Decimal("6.00")


def test_approve_bumps_versions_so_a_stale_save_conflicts(reviewer, officer, campaign, submission):
    score = _score(submission)
    other = _submission(campaign, campaign.participants.exclude(pk=submission.participant_id).get().organization)
    svc.submission_approve(submission=other, actor=officer)  # unrelated, must not touch this submission
    svc.submission_approve(submission=submission, actor=officer)

    with pytest.raises(ValidationError):
        svc.score_verify(score=score, inputs=_inputs(1), review_note="x", expected_version=0, actor=reviewer)

    assert _score(submission).version == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_on_postgresql_one_wins(reviewer, officer, submission):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent transactions need PostgreSQL")
    score = _score(submission)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def save(actor, points):
        try:
            barrier.wait(timeout=10)
            svc.score_verify(
                score=Score.objects.get(pk=score.pk),
                inputs=_inputs(points),
                review_note=f"bởi {actor.username}",
                expected_version=0,
                actor=actor,
            )
            outcomes[actor.username] = "saved"
        except ValidationError as error:
            outcomes[actor.username] = error.code
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=save, args=(reviewer, 6)), threading.Thread(target=save, args=(officer, 3))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    score.refresh_from_db()
    assert score.version == 1
    assert score.verified_points == Decimal(6 if winner == "reviewer" else 3)
    assert SubmissionEvent.objects.filter(action="verify", field="verified_points").count() == 1


# --- return and approve -----------------------------------------------------------------------------------------


def test_return_with_reason_the_unit_sees_it(client, reviewer, scorer_a, submission):
    client.force_login(reviewer)

    response = client.post(_url("submission-return", submission.pk), {"reason": "Bổ sung minh chứng tiêu chí 6"})

    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.return_reason) == (SubmissionStatus.RETURNED, "Bổ sung minh chứng tiêu chí 6")
    event = SubmissionEvent.objects.get(action="return")
    assert (event.old_value, event.new_value, event.reason) == (
        "submitted",
        "returned",
        "Bổ sung minh chứng tiêu chí 6",
    )
    client.force_login(scorer_a)
    history = client.get(_url("submission-history", submission.pk))
    assert history.status_code == 200
    assert "Bổ sung minh chứng tiêu chí 6" in history.content.decode()


def test_return_without_reason_is_refused(client, reviewer, submission):
    client.force_login(reviewer)

    response = client.post(_url("submission-return", submission.pk), {"reason": "  "})

    assert response.status_code == 200
    assert "reason" in response.context["return_form"].errors
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert not SubmissionEvent.objects.filter(action="return").exists()


def test_returned_submission_cannot_be_verified_or_approved(client, reviewer, submission):
    svc.submission_return(submission=submission, reason="Sửa lại", actor=reviewer)
    client.force_login(reviewer)

    _verify(client, _score(submission), "7.50")
    client.post(_url("submission-approve", submission.pk))

    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED
    assert not Score.objects.filter(submission=submission, verified_points__isnull=False).exists()


def test_approve_verifies_every_score(client, reviewer, submission):
    client.force_login(reviewer)
    adjusted = _score(submission, "6")  # max 40, self 20
    _verify(client, adjusted, 18, "Trừ 2 điểm")
    unanswered = _score(submission, "9")
    Score.objects.filter(pk=unanswered.pk).update(self_points=None, self_inputs={}, net=0)

    response = client.post(_url("submission-approve", submission.pk))

    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.reviewed_by) == (SubmissionStatus.VERIFIED, reviewer)
    assert submission.reviewed_at is not None
    points = dict(Score.objects.filter(submission=submission).values_list("criterion__code", "verified_points"))
    assert points["6"] == Decimal("18.00")  # the reviewer's value is kept
    assert points["3"] == Decimal("7.50")  # the rest take the self-points
    assert points["9"] == Decimal("0.00")  # nothing claimed, nothing verified
    assert None not in points.values()
    assert SubmissionEvent.objects.filter(action="approve", field="verified_points").count() == 9
    assert SubmissionEvent.objects.filter(action="approve", field="status", review_level="reviewer").count() == 1


# --- history ----------------------------------------------------------------------------------------------------


def test_history_is_readable_by_unit_officer_and_reviewer_only(client, request, submission):
    svc.submission_return(submission=submission, reason="Sửa lại tiêu chí 2", actor=request.getfixturevalue("reviewer"))
    for who, expected in [
        ("scorer_a", 200),
        ("officer", 200),
        ("reviewer", 200),
        ("scorer_b", 404),
        ("other_officer", 404),
    ]:
        client.force_login(request.getfixturevalue(who))
        response = client.get(_url("submission-history", submission.pk))
        assert response.status_code == expected, who
        if expected == 200:
            assert "Sửa lại tiêu chí 2" in response.content.decode()


# --- the queue --------------------------------------------------------------------------------------------------


def test_queue_lists_handed_in_submissions_with_filters(client, reviewer, campaign, org_tree, submission):
    _submission(campaign, org_tree["ward_b"], status=SubmissionStatus.DRAFT)
    other_org = OrganizationFactory(code="WC", name="Phường 3", parent=org_tree["dept_b"])
    other = launched_campaign(
        organization=org_tree["dept_b"], officer=UserFactory(), participants=[other_org], plan_number="01-KH"
    )
    other_submission = _submission(other, other_org, status=SubmissionStatus.VERIFIED)
    client.force_login(reviewer)

    everything = client.get(_url("review-queue"))
    by_campaign = client.get(_url("review-queue"), {"campaign": campaign.pk})
    by_status = client.get(_url("review-queue"), {"status": SubmissionStatus.VERIFIED})

    assert [s.pk for s in everything.context["object_list"]] == [submission.pk, other_submission.pk]
    assert [s.pk for s in by_campaign.context["object_list"]] == [submission.pk]
    assert [s.pk for s in by_status.context["object_list"]] == [other_submission.pk]


def test_queue_is_empty_for_a_unit_scorer(client, scorer_a, submission):
    client.force_login(scorer_a)

    response = client.get(_url("review-queue"))

    assert response.status_code == 200
    assert list(response.context["object_list"]) == []


# --- N+1 guards -------------------------------------------------------------------------------------------------

# session, user, memberships (reach; a reviewer scores for no unit: no bloc seats to read), campaigns and phases for
# the filter, page count, page.
QUEUE_QUERIES = 7
# session, user, submission (with participant, phase, campaign), memberships, scores with criteria, evidence,
# rule lines, table, groups, tiers, this round's history.
REVIEW_PAGE_QUERIES = 11


def test_queue_query_count_does_not_grow(client, reviewer, org_tree, officer, django_assert_num_queries):
    wards = [org_tree["ward_a"], org_tree["ward_b"], OrganizationFactory(code="WC", parent=org_tree["dept_a"])]
    campaign = launched_campaign(organization=org_tree["root"], officer=officer, participants=wards)
    _submission(campaign, wards[0])
    client.force_login(reviewer)
    with django_assert_num_queries(QUEUE_QUERIES):
        client.get(_url("review-queue"))
    for ward in wards[1:]:
        _submission(campaign, ward)

    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(_url("review-queue"))

    assert len(response.context["object_list"]) == 3
    assert [s.total for s in response.context["object_list"]] == [Decimal(50)] * 3  # the stored totals


def _review_page_queries(client, submission, django_assert_num_queries):
    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        response = client.get(_url("submission-review", submission.pk))
    return len(response.context["rows"])


def test_review_page_query_count_same_for_3_and_111_rows(
    client, reviewer, org_tree, officer, settings, tmp_path, django_assert_num_queries
):
    settings.MEDIA_ROOT = tmp_path
    small = launched_campaign(
        organization=org_tree["root"], officer=officer, participants=[org_tree["ward_a"]], points=(40, 30, 30)
    )
    large = launched_with_table(
        organization=org_tree["root"],
        officer=officer,
        participants=[org_tree["ward_a"]],
        spec=rule_table_spec(37),  # 37 criteria with 2 rule lines each: 111 rows, nested groups
        plan_number="06-KH/BTGTU",
    )
    answers = {f"C{n}": {"rules": {f"C{n}a": 1, f"C{n}b": True}} for n in range(1, 38)}
    submissions = [
        _submission(small, org_tree["ward_a"], status=SubmissionStatus.UNDER_REVIEW),
        scored_submission(large.participants.get(), large.phases.get(), answers, status=SubmissionStatus.UNDER_REVIEW),
    ]
    for score in Score.objects.filter(submission=submissions[1])[:5]:
        Evidence.objects.create(
            score=score, file=ContentFile(b"x", name="a.pdf"), original_name="a.pdf", file_type="pdf", size=1, sha256=""
        )
    client.force_login(reviewer)

    rows = [_review_page_queries(client, s, django_assert_num_queries) for s in submissions]

    assert rows == [3, 37]


# session, user, submission, memberships, the score with its rule lines (2), lock, old values, update, totals (table,
# rows, update), start of the review (update, history), history (2), then the page's reads (scores, evidence, rule
# lines, table, groups, tiers, history), plus the audit log: the participant's unit and three lines (start of the
# review, the corrected answers and points).
VERIFY_QUERIES = 29


def test_correcting_an_answer_runs_the_same_number_of_queries_for_3_and_111_rows(
    client, reviewer, org_tree, officer, django_assert_num_queries
):
    small = launched_campaign(
        organization=org_tree["root"], officer=officer, participants=[org_tree["ward_a"]], points=(40, 30, 30)
    )
    large = launched_with_table(
        organization=org_tree["root"],
        officer=officer,
        participants=[org_tree["ward_a"]],
        spec=rule_table_spec(37),
        plan_number="07-KH/BTGTU",
    )
    small_submission = _submission(small, org_tree["ward_a"])
    large_submission = scored_submission(large.participants.get(), large.phases.get())
    client.force_login(reviewer)
    for submission, field, typed in ((small_submission, "points", "10"), (large_submission, "rule_C2a", "2")):
        score = Score.objects.filter(submission=submission).order_by("criterion__position", "pk")[1]
        data = {f"s{score.pk}-{field}": typed, f"s{score.pk}-note": "Thiếu biên bản", f"s{score.pk}-version": 0}
        with django_assert_num_queries(VERIFY_QUERIES):
            response = client.post(_url("score-verify", submission.pk, score.pk), data, headers={"HX-Request": "true"})
        assert response.context["row"].saved is True


# --- totals on the review page are the ranking's (caps and signs) -----------------------------------------------

MIXED_ANSWERS = {
    "A1": {"value": "96", "rules": {"A1.1": 2}},  # 6,5 − 0,4
    "A2": {"rules": {"A2.2": 3}},  # 7, bonus 1 (the rule's cap; only without deductions)
    "A3": {"value": "90"},  # 10, bonus 0,5
    "B1": {"parts": {"B1a": True, "B1b": False}},  # 3
    "B2": {"count": 2, "rules": {"B2.1": False}},  # 3,33 − 1
    "B4": {"points": "2"},  # a bonus criterion
    "B5": {"points": "1.5"},  # a penalty criterion
}


def test_review_totals_with_bonus_and_penalty_equal_the_ranking(client, reviewer, org_tree, officer):
    campaign = launched_with_table(
        organization=org_tree["root"],
        officer=officer,
        participants=[org_tree["ward_a"]],
        spec=mixed_table_spec(),
        plan_number="12-KH/QUYTAC",
    )
    participant = campaign.participants.get()
    submission = scored_submission(participant, campaign.phases.get(), MIXED_ANSWERS)
    client.force_login(reviewer)

    page = client.get(_url("submission-review", submission.pk)).text

    # 31,43 of criteria + bonuses 3,5 capped at 1 − penalty 1,5 (the old page added penalties and ignored caps)
    assert '<div class="fs-5 fw-semibold" id="counted-total">30,93</div>' in page
    assert "tiêu chí 31,43 + điểm cộng 1 − điểm trừ 1,50" in page and "điểm cộng 3,50, tính tối đa 1" in page
    assert "Điểm phạt: <strong>−1,50</strong>" in page
    a2 = Score.objects.get(submission=submission, criterion__code="A2")
    assert "Mỗi lần được biểu dương: 3" in page  # the unit's answers, in the officer's words

    # One report was late: A2 loses 0,5 and its bonus (only without deductions); bonuses 2,5 still capped at 1.
    prefix = f"s{a2.pk}"
    data = {f"{prefix}-rule_A2.1": "1", f"{prefix}-rule_A2.2": "3", f"{prefix}-note": "Báo cáo quý III gửi trễ"}
    response = client.post(
        _url("score-verify", submission.pk, a2.pk), data | {f"{prefix}-version": 0}, headers={"HX-Request": "true"}
    )
    assert response.context["row"].saved is True, response.context["row"].form.error_lines()
    assert '<div class="fs-5 fw-semibold" id="counted-total">30,43</div>' in response.text  # out of band
    a2.refresh_from_db()
    assert (a2.verified_points, a2.net, a2.bonus) == (Decimal("6.50"), Decimal("6.50"), Decimal(0))
    client.post(_url("submission-approve", submission.pk))
    submission.refresh_from_db()
    assert (submission.status, submission.total, submission.self_total) == (
        SubmissionStatus.VERIFIED,
        Decimal("30.43"),
        Decimal("30.93"),
    )
    page = client.get(_url("submission-review", submission.pk))
    assert page.context["counted"].result.total == submission.total
    queue = client.get(_url("review-queue")).text
    assert (
        '<td class="text-end td-total">30,43</td>' in queue and '<td class="text-end td-self-total">30,93</td>' in queue
    )

    run = ranking_request(campaign=campaign, phase=None, actor=reviewer)
    ranking_compute(run_id=run.pk)
    entry = RankingEntry.objects.get(run=run, participant=participant)
    assert entry.total == submission.total == Decimal("30.43")
    assert (entry.regular, entry.bonus, entry.penalty) == (Decimal("30.93"), Decimal(1), Decimal("1.50"))
