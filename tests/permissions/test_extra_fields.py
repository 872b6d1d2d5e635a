"""Forbidden extra POST fields are ignored: a legitimate user posts a valid form plus fields they must not control
(states, verified points, other units' or decisions' ids, another council seat), and the protected values stay as
the service sets them.

Each case posts through the real view as the user who may use the form, then reads the rows back. Where the
outcome is computed (a nomination's eligibility, rank and total), the same form is first posted without the extra
fields inside a rolled-back transaction and the two outcomes are compared. Prints "extra fields: N forms,
F forbidden fields, D taken" (run with -s); D must be 0.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from awards.enums import NominationStatus
from awards.models import AgendaItem, BallotCast, CouncilMember, DecisionRecipient, Nomination
from campaigns.models import Registration
from scoring.enums import SubmissionStatus
from scoring.models import Score
from tests.permissions.routes import client_for

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _post(user, url: str, data: dict, **extra):
    response = client_for(user).post(url, data, **extra)
    assert response.status_code in (200, 302), (url, response.status_code, response.content[:500])
    return response


def _with_prefixed(prefix: str, extras: dict) -> dict:
    """The extra fields both bare and with the form's prefix (``s12-status``), as a tampered page would send."""
    return extras | {f"{prefix}-{key}": value for key, value in extras.items()}


def _rolled_back(action):
    """What ``action()`` returns, with everything it wrote undone."""
    with transaction.atomic():
        result = action()
        transaction.set_rollback(True)
    return result


# --- the cases: each returns (number of forbidden fields sent, problems) --------------------------------------------


def _self_score(world, users) -> tuple[int, list[str]]:
    ours, theirs = world.ours, world.theirs
    score, submission = ours.draft_score, ours.draft_submission
    other_score = ours.submitted_score
    prefix = f"s{score.pk}"
    extras = {
        "status": SubmissionStatus.VERIFIED,
        "verified_points": "1",
        "verified_inputs": '{"points": "1"}',
        "net": "99",
        "total": "99",
        "max_points": "999",
        "submission": ours.submitted_submission.pk,
        "participant": ours.participant_b.pk,
        "review_note": "tự duyệt",
        "version": "0",
    }
    data = _with_prefixed(prefix, extras) | {
        f"{prefix}-points": "30",
        f"{prefix}-note": "Đã làm đủ",
        f"{prefix}-version": str(score.version),
    }
    before_other = Score.objects.filter(pk=other_score.pk).values().get()
    url = reverse("scoring:submission-score-save", args=[submission.pk, score.pk])
    _post(users["scorer_a"], url, data, headers=HTMX)
    score.refresh_from_db()
    submission.refresh_from_db()
    problems = []
    if score.self_note != "Đã làm đủ" or score.self_inputs != {"points": "30"}:
        problems.append(f"self-score: the legitimate input was not saved ({score.self_inputs}, {score.self_note!r})")
    if score.net != Decimal(30) or submission.total > Decimal(100):
        problems.append(f"self-score: stored result taken ({score.net}, total {submission.total})")
    if score.verified_points is not None or score.verified_inputs is not None or score.review_note:
        problems.append(f"self-score: verified points / reason taken ({score.verified_points}, {score.review_note!r})")
    if score.max_points != ours.criterion.max_points:
        problems.append(f"self-score: max_points taken ({score.max_points})")
    if score.submission_id != submission.pk or submission.participant_id != ours.participant.pk:
        problems.append("self-score: moved to another submission or participant")
    if submission.status != SubmissionStatus.DRAFT:
        problems.append(f"self-score: submission status taken ({submission.status})")
    if Score.objects.filter(pk=other_score.pk).values().get() != before_other:
        problems.append("self-score: the other submission's score changed")
    if theirs.draft_submission.scores.filter(self_note="Đã làm đủ").exists():
        problems.append("self-score: written into another organisation's submission")
    return len(extras) * 2, problems


def _submit(world, users) -> tuple[int, list[str]]:
    submission = world.ours.draft_submission
    extras = {
        "status": SubmissionStatus.VERIFIED,
        "reviewed_by": users["reviewer"].pk,
        "reviewed_at": "2020-01-01T00:00",
        "submitted_by": users["officer"].pk,
        "return_reason": "x",
    }
    _post(users["scorer_a"], reverse("scoring:submission-submit", args=[submission.pk]), extras)
    submission.refresh_from_db()
    problems = []
    if submission.status != SubmissionStatus.SUBMITTED:
        problems.append(f"submit: status is {submission.status}, expected submitted")
    if submission.reviewed_by_id is not None or submission.reviewed_at is not None:
        problems.append("submit: reviewed_by / reviewed_at taken")
    if submission.submitted_by_id != users["scorer_a"].pk or submission.return_reason:
        problems.append("submit: submitted_by / return_reason taken")
    return len(extras), problems


def _registration(world, users) -> tuple[int, list[str]]:
    ours, theirs = world.ours, world.theirs
    extras = {
        "participant": ours.participant.pk,
        "campaign": theirs.campaign.pk,
        "status": "approved",
        "registered_by": users["officer"].pk,
    }
    data = extras | {
        "commitment": "Cam kết của phường 2",
        "products-TOTAL_FORMS": "1",
        "products-INITIAL_FORMS": "0",
        "products-0-title": "Sản phẩm phường 2",
        "products-0-product_type": "other",
        "products-0-participant": ours.participant.pk,
    }
    before_a = Registration.objects.filter(participant=ours.participant).values().get()
    url = reverse("campaigns:registration-detail", args=[ours.campaign.pk, ours.participant_b.pk])
    _post(users["scorer_b"], url, data)
    problems = []
    mine = Registration.objects.filter(participant=ours.participant_b).first()
    if mine is None or mine.registered_by_id != users["scorer_b"].pk or mine.commitment != "Cam kết của phường 2":
        problems.append("registration: unit B's registration was not recorded as its own")
    if Registration.objects.filter(participant=ours.participant).values().get() != before_a:
        problems.append("registration: unit A's registration changed")
    if Registration.objects.filter(participant__campaign=theirs.campaign, commitment__contains="phường 2").exists():
        problems.append("registration: recorded in another organisation's campaign")
    if mine is not None and list(mine.products.values_list("title", flat=True)) != ["Sản phẩm phường 2"]:
        problems.append("registration: products not as posted")
    return len(extras) + 1, problems


NOMINATION_FIELDS = ("status", "is_eligible", "rank", "total", "tier_name", "source", "participant_id", "created_by_id")


def _nomination(world, users) -> tuple[int, list[str]]:
    ours = world.ours
    url = reverse("awards:nomination-add", args=[ours.campaign.pk])
    data = {"plan": ours.plan.pk, "participant": ours.participant_b.pk}
    extras = {"is_eligible": "on", "status": NominationStatus.APPROVED, "rank": "1", "total": "100", "source": "x"}

    def add(body):
        def action():
            _post(users["officer"], url, body)
            row = Nomination.objects.filter(plan=ours.plan, participant=ours.participant_b).values(*NOMINATION_FIELDS)
            return row.get()

        return action

    clean = _rolled_back(add(data))
    tampered = add(data | extras)()
    problems = []
    if tampered != clean:
        problems.append(f"nomination: {tampered} differs from the clean POST's {clean}")
    if tampered["status"] != NominationStatus.PROPOSED or tampered["rank"] == 1 or tampered["total"] == 100:
        problems.append(f"nomination: protected values taken {tampered}")
    return len(extras), problems


def _recipient(world, users) -> tuple[int, list[str]]:
    ours, theirs = world.ours, world.theirs
    draft, line = ours.decisions.draft, ours.decisions.draft_line
    others = [theirs.decisions.draft, ours.decisions.issued]
    counts = {d.pk: d.recipients.count() for d in others}
    extras = {"decision": theirs.decisions.draft.pk}
    fields = {
        "award_type": line.award_type_id,
        "recipient_name": "Phường 1 (đã sửa)",
        "recipient_detail": "",
        "achievement": "Hoàn thành xuất sắc nhiệm vụ",
        "position": "1",
    }
    _post(users["officer"], reverse("awards:recipient-update", args=[draft.pk, line.pk]), fields | extras)
    create = fields | {"organization": ours.unit_b.pk, "recipient_name": "Phường 2", "position": "2"}
    _post(users["officer"], reverse("awards:recipient-create", args=[draft.pk]), create | extras)
    line.refresh_from_db()
    problems = []
    if line.decision_id != draft.pk or line.recipient_name != "Phường 1 (đã sửa)":
        problems.append(f"recipient: the edited line is on decision {line.decision_id}")
    if not DecisionRecipient.objects.filter(decision=draft, recipient_name="Phường 2").exists():
        problems.append("recipient: the new line is not on the draft")
    if {d.pk: d.recipients.count() for d in others} != counts:
        problems.append("recipient: a line went to another decision")
    return len(extras) * 2, problems


def _ballot(world, users) -> tuple[int, list[str]]:
    session = world.ours.sessions.voting
    seats = {seat.user.username: seat for seat in CouncilMember.objects.filter(council=session.council)}
    member, chair = seats["member"], seats["Achair"]
    items = list(AgendaItem.objects.filter(session=session))
    choices = {f"item_{item.pk}": "approve" for item in items}
    url = reverse("awards:session-ballot", args=[session.pk])
    extras = {"member": chair.pk, "member_id": chair.pk, "user": chair.user_id}
    _post(users["member"], url, choices | extras | {"confirm": "1"})
    problems = []
    voted = set(BallotCast.objects.filter(session=session).values_list("member_id", flat=True))
    if voted != {member.pk}:
        problems.append(f"ballot: counted for seats {voted}, expected only the logged-in member {member.pk}")
    _post(chair.user, url, choices | {"confirm": "1"})
    voted = set(BallotCast.objects.filter(session=session).values_list("member_id", flat=True))
    if voted != {member.pk, chair.pk}:
        problems.append(f"ballot: the other member could not vote afterwards ({voted})")
    tallies = set(AgendaItem.objects.filter(session=session).values_list("approve_count", flat=True))
    if tallies != {2}:
        problems.append(f"ballot: approve tallies {tallies}, expected 2 each")
    return len(extras), problems


def _verify(world, users) -> tuple[int, list[str]]:
    ours = world.ours
    submission, score = ours.submitted_submission, ours.submitted_score
    unit_fields = ("self_points", "self_inputs", "self_note", "max_points")
    before = Score.objects.filter(pk=score.pk).values(*unit_fields).get()
    prefix = f"s{score.pk}"
    extras = {
        "self_points": "0",
        "self_inputs": '{"points": "0"}',
        "value": "0",
        "self_note": "sửa hộ",
        "max_points": "999",
        "verified_points": "60",
        "status": SubmissionStatus.VERIFIED,
        "submission": ours.draft_submission.pk,
    }
    data = _with_prefixed(prefix, extras) | {
        f"{prefix}-points": "35",
        f"{prefix}-note": "Thiếu minh chứng",
        f"{prefix}-version": str(score.version),
    }
    _post(users["reviewer"], reverse("scoring:score-verify", args=[submission.pk, score.pk]), data)
    after = Score.objects.filter(pk=score.pk).values(*unit_fields).get()
    score.refresh_from_db()
    submission.refresh_from_db()
    problems = []
    if score.verified_points != Decimal(35):
        problems.append(f"verify: the legitimate verified points were not saved ({score.verified_points})")
    if after != before:
        problems.append(f"verify: the unit's values changed {before} → {after}")
    if score.submission_id != submission.pk or submission.status == SubmissionStatus.VERIFIED:
        problems.append(f"verify: moved or verified the whole submission ({submission.status})")
    if score.verified_inputs != {"points": "35"}:
        problems.append(f"verify: the corrected answer was not kept ({score.verified_inputs})")
    return len(extras) * 2, problems


CASES = {
    "self-score autosave": _self_score,
    "submission submit": _submit,
    "registration": _registration,
    "nomination add": _nomination,
    "decision recipient line": _recipient,
    "council ballot": _ballot,
    "score verify": _verify,
}


def test_forbidden_extra_post_fields_are_ignored(world):
    users = world.users
    fields, problems = 0, []
    for name, case in CASES.items():
        sent, found = case(world, users)
        fields += sent
        problems += found
        assert sent, name
    print(f"\nextra fields: {len(CASES)} forms, {fields} forbidden fields, {len(problems)} taken")
    assert not problems, "\n".join(problems)
