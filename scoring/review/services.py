"""Review of submissions: correct a score's answers (optimistic version), start, return and approve a submission.

Review runs through the campaign's levels (``scoring/levels.py``): approving at a level passes the submission to
the next level that applies, approving at the last level verifies it; returning sends it back to the unit from
any level (its next hand-in starts at the first level again). Every change is recorded with the level it was
made at, so each level sees what the levels before it changed and why.

Every write locks the submission row first, so a status change and a score change never interleave;
a score itself is only written by a conditional UPDATE on its ``version`` (two reviewers saving the
same score at once: one wins, the other gets a conflict error and nothing of theirs is written).
Every change is recorded with ``event_record``.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import points as pt
from campaigns.enums import CampaignStatus
from campaigns.tables.spec import criterion_spec_of
from scoring import levels, notices
from scoring.enums import SubmissionStatus
from scoring.history import event_record
from scoring.models import Score, Submission
from scoring.submissions import results
from scoring.submissions.services import _summary, input_problems

# States in which reviewers work on a submission.
REVIEWABLE_STATUSES = frozenset({SubmissionStatus.SUBMITTED, SubmissionStatus.UNDER_REVIEW})
# Campaign states in which results may still change.
CLOSED_CAMPAIGN_STATUSES = frozenset({CampaignStatus.FINALISED, CampaignStatus.ARCHIVED})


def _locked(submission: Submission) -> Submission:
    """The submission row, locked until the end of the transaction, with a reviewable status checked."""
    locked = (
        Submission.objects.select_for_update(of=("self",))  # the person join is nullable: lock the row only
        .select_related("phase__campaign", "participant__person")
        .get(pk=submission.pk)
    )
    if locked.phase.campaign.status in CLOSED_CAMPAIGN_STATUSES:
        raise ValidationError(_("This campaign is closed: its results can no longer change."), code="closed")
    if locked.status not in REVIEWABLE_STATUSES:
        raise ValidationError(
            _("This submission is “%(status)s”: it cannot be reviewed now.") % {"status": locked.get_status_display()},
            code="status",
        )
    return locked


def _start(submission: Submission, *, actor) -> bool:
    """Move a locked ``submitted`` submission to ``under_review`` (no-op otherwise); True when it moved."""
    if submission.status != SubmissionStatus.SUBMITTED:
        return False
    submission.status = SubmissionStatus.UNDER_REVIEW
    submission.save(update_fields=["status", "updated_at"])
    event_record(
        submission=submission,
        action="start_review",
        actor=actor,
        field="status",
        old=SubmissionStatus.SUBMITTED,
        new=SubmissionStatus.UNDER_REVIEW,
        review_level=levels.current_level(submission),
    )
    return True


STATE_FIELDS = (
    "status",
    "return_reason",
    "reviewed_by_id",
    "reviewed_at",
    "review_stage",
    "updated_at",
    *results.TOTAL_FIELDS,
)


def _copy_state(target: Submission, source: Submission) -> None:
    for name in STATE_FIELDS:
        setattr(target, name, getattr(source, name))


def submission_start_review(*, submission: Submission, actor) -> Submission:
    """submitted → under_review (idempotent: any other state is left as it is, without an error)."""
    if submission.status != SubmissionStatus.SUBMITTED:
        return submission
    with transaction.atomic():
        locked = Submission.objects.select_for_update().select_related("phase__campaign").get(pk=submission.pk)
        _start(locked, actor=actor)
    _copy_state(submission, locked)
    return submission


def score_verify(*, score: Score, inputs: dict, review_note: str, expected_version: int, actor) -> Score:
    """Correct a score's answers at the level the submission waits at (the reviewer corrects what the unit typed,
    never points: the criterion's rule turns the corrected answers into points). A reason is required when the
    answers differ from the unit's, or change what counted so far (an earlier level's correction).

    Writes only if the score still has ``expected_version`` (else a conflict error, nothing written), bumps the
    version, stores the result that counts and the submission's totals, starts the review of a ``submitted``
    submission and records the change with the level (old → new answers and points, with the reason).
    """
    review_note = (review_note or "").strip()
    try:
        scored = results.score_answers(criterion_spec_of(score.criterion), inputs)
    except pt.ScoringInputError as error:
        raise ValidationError({"inputs": input_problems(error)}, code="invalid") from error
    differs = scored.inputs != (score.self_inputs or {})
    with transaction.atomic():
        submission = _locked(score.submission)
        level = levels.current_level(submission)
        old = (
            Score.objects.filter(pk=score.pk)
            .values("verified_inputs", "verified_points", "review_note", "self_inputs", "self_points")
            .first()
        )
        counted = old["verified_inputs"] if old["verified_inputs"] is not None else (old["self_inputs"] or {})
        if (differs or scored.inputs != counted) and not review_note:
            raise ValidationError(
                {"review_note": _("Give a reason: the corrected answers differ from the unit's answers.")},
                code="reason_required",
            )
        fields = {
            "verified_inputs": scored.inputs if differs else None,
            "verified_points": scored.result.points,
            "review_note": review_note,
            **results.effective_fields(scored.result, scored.inputs),
        }
        updated = Score.objects.filter(pk=score.pk, version=expected_version).update(
            **fields, version=F("version") + 1, updated_at=timezone.now()
        )
        if updated != 1:
            raise ValidationError(
                _("Someone else saved this score meanwhile: reload to see their value."), code="conflict"
            )
        results.submission_totals_refresh(submission)
        _start(submission, actor=actor)
        _record_verify(submission, score, actor, old=old, counted=counted, fields=fields, level=level)
    for name, value in fields.items():
        setattr(score, name, value)
    score.version = expected_version + 1
    _copy_state(score.submission, submission)
    return score


def _record_verify(submission, score, actor, *, old: dict, counted: dict, fields: dict, level: str) -> None:
    """History of one correction: the answers and the points (old → new) with the reason, else the reason alone."""
    record = {"submission": submission, "score": score, "action": "verify", "actor": actor, "review_level": level}
    new_answers = fields["verified_inputs"] if fields["verified_inputs"] is not None else (old["self_inputs"] or {})
    reason = fields["review_note"]
    if old["verified_inputs"] != fields["verified_inputs"]:
        event_record(**record, field="verified_inputs", old=_summary(counted), new=_summary(new_answers), reason=reason)
    old_points = old["verified_points"] if old["verified_points"] is not None else old["self_points"]
    if old["verified_points"] != fields["verified_points"]:
        event_record(**record, field="verified_points", old=old_points, new=fields["verified_points"], reason=reason)
    elif old["review_note"] != reason:
        event_record(**record, field="review_note", old=old["review_note"], new=reason, reason=reason)


def submission_return(*, submission: Submission, reason: str, actor) -> Submission:
    """Send a submission back to its unit with a reason (required), from any level; the unit may then edit and
    resubmit, and the review starts again at the first level."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the unit needs to fix.")}, code="required")
    with transaction.atomic():
        locked = _locked(submission)
        old_status, level = locked.status, levels.current_level(locked)
        locked.status = SubmissionStatus.RETURNED
        locked.return_reason = reason
        locked.review_stage = 0
        locked.save(update_fields=["status", "return_reason", "review_stage", "updated_at"])
        event_record(
            submission=locked,
            action="return",
            actor=actor,
            field="status",
            old=old_status,
            new=SubmissionStatus.RETURNED,
            reason=reason,
            review_level=level,
        )
        notices.submission_returned(submission=locked)
    _copy_state(submission, locked)
    return submission


def submission_approve(*, submission: Submission, actor) -> Submission:
    """Approve the submission at the level it waits at: pass it to the next level that applies, or, at the last
    level, verify it (scores not corrected take the unit's own points, 0 if unanswered).

    Verifying is one set-based UPDATE (bumping each row's version so a concurrent save of the same score
    conflicts), one history entry per score changed, then the status becomes ``verified`` with reviewer and time.
    """
    with transaction.atomic():
        locked = _locked(submission)
        level = levels.current_level(locked)
        following = levels.next_stage(locked, after=levels.stage_of(locked))
        if following is None:
            _verify_all(locked, actor=actor, level=level)
            notices.submission_approved(submission=locked)
        else:
            _pass_on(locked, actor=actor, level=level, stage=following)
    _copy_state(submission, locked)
    return submission


def _pass_on(submission: Submission, *, actor, level: str, stage: int) -> None:
    """Approved at ``level``: the submission now waits at ``stage`` (its total at this level is recorded)."""
    _start(submission, actor=actor)
    submission.review_stage = stage
    submission.save(update_fields=["review_stage", "updated_at"])
    event_record(
        submission=submission,
        action="level_approve",
        actor=actor,
        field="total",
        old=submission.self_total,
        new=submission.total,
        review_level=level,
    )


def _verify_all(submission: Submission, *, actor, level: str) -> None:
    pending = list(Score.objects.filter(submission=submission, verified_points__isnull=True).only("pk", "self_points"))
    Score.objects.filter(pk__in=[s.pk for s in pending], verified_points__isnull=True).update(
        verified_points=Coalesce(F("self_points"), Value(Decimal(0))),
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    for score in pending:
        event_record(
            submission=submission,
            score=score,
            action="approve",
            actor=actor,
            field="verified_points",
            old=None,
            new=score.self_points or Decimal(0),
            review_level=level,
        )
    old_status = submission.status
    submission.status = SubmissionStatus.VERIFIED
    submission.reviewed_by = actor
    submission.reviewed_at = timezone.now()
    submission.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    event_record(
        submission=submission,
        action="approve",
        actor=actor,
        field="status",
        old=old_status,
        new=SubmissionStatus.VERIFIED,
        review_level=level,
    )
