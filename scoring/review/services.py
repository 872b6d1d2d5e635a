"""Review of submissions: verify a score (optimistic version), start, return and approve a submission.

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

from campaigns.enums import CampaignStatus
from scoring.enums import SubmissionStatus
from scoring.history import event_record
from scoring.models import Score, Submission

# States in which reviewers work on a submission.
REVIEWABLE_STATUSES = frozenset({SubmissionStatus.SUBMITTED, SubmissionStatus.UNDER_REVIEW})
# Campaign states in which results may still change.
CLOSED_CAMPAIGN_STATUSES = frozenset({CampaignStatus.FINALISED, CampaignStatus.ARCHIVED})


def _locked(submission: Submission) -> Submission:
    """The submission row, locked until the end of the transaction, with a reviewable status checked."""
    locked = Submission.objects.select_for_update().select_related("phase__campaign").get(pk=submission.pk)
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
    )
    return True


def _copy_state(target: Submission, source: Submission) -> None:
    for name in ("status", "return_reason", "reviewed_by_id", "reviewed_at", "updated_at"):
        setattr(target, name, getattr(source, name))


def submission_start_review(*, submission: Submission, actor) -> Submission:
    """submitted → under_review (idempotent: any other state is left as it is, without an error)."""
    if submission.status != SubmissionStatus.SUBMITTED:
        return submission
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        _start(locked, actor=actor)
    _copy_state(submission, locked)
    return submission


def _checked_points(score: Score, verified_points: Decimal | None, review_note: str) -> None:
    if verified_points is None:
        raise ValidationError({"verified_points": _("Enter the verified points.")}, code="required")
    if not 0 <= verified_points <= score.max_points:
        raise ValidationError(
            {"verified_points": _("Points must be between 0 and %(max)s.") % {"max": score.max_points}},
            code="out_of_range",
        )
    if verified_points != score.self_points and not review_note:
        raise ValidationError(
            {"review_note": _("Give a reason: the verified points differ from the self-assessed points.")},
            code="reason_required",
        )


def score_verify(
    *, score: Score, verified_points: Decimal | None, review_note: str, expected_version: int, actor
) -> Score:
    """Set a score's verified points (a reason is required when they differ from the self-points).

    Writes only if the score still has ``expected_version`` (else a conflict error, nothing written),
    bumps the version, starts the review of a ``submitted`` submission and records the change.
    """
    review_note = (review_note or "").strip()
    _checked_points(score, verified_points, review_note)
    with transaction.atomic():
        submission = _locked(score.submission)
        old = Score.objects.filter(pk=score.pk).values("verified_points", "review_note").first()
        updated = Score.objects.filter(pk=score.pk, version=expected_version).update(
            verified_points=verified_points,
            review_note=review_note,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        if updated != 1:
            raise ValidationError(
                _("Someone else saved this score meanwhile: reload to see their value."), code="conflict"
            )
        _start(submission, actor=actor)
        if old["verified_points"] != verified_points:
            event_record(
                submission=submission,
                score=score,
                action="verify",
                actor=actor,
                field="verified_points",
                old=old["verified_points"],
                new=verified_points,
                reason=review_note,
            )
        elif old["review_note"] != review_note:
            event_record(
                submission=submission,
                score=score,
                action="verify",
                actor=actor,
                field="review_note",
                old=old["review_note"],
                new=review_note,
                reason=review_note,
            )
    score.verified_points, score.review_note, score.version = verified_points, review_note, expected_version + 1
    _copy_state(score.submission, submission)
    return score


def submission_return(*, submission: Submission, reason: str, actor) -> Submission:
    """Send a submission back to its unit with a reason (required); the unit may then edit and resubmit."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the unit needs to fix.")}, code="required")
    with transaction.atomic():
        locked = _locked(submission)
        old_status = locked.status
        locked.status = SubmissionStatus.RETURNED
        locked.return_reason = reason
        locked.save(update_fields=["status", "return_reason", "updated_at"])
        event_record(
            submission=locked,
            action="return",
            actor=actor,
            field="status",
            old=old_status,
            new=SubmissionStatus.RETURNED,
            reason=reason,
        )
    _copy_state(submission, locked)
    return submission


def submission_approve(*, submission: Submission, actor) -> Submission:
    """Verify the whole submission: scores not verified yet take their self-points (0 if unanswered).

    One set-based UPDATE (bumping each row's version so a concurrent save of the same score conflicts),
    one history entry per score changed, then the status becomes ``verified`` with reviewer and time.
    """
    with transaction.atomic():
        locked = _locked(submission)
        pending = list(Score.objects.filter(submission=locked, verified_points__isnull=True).only("pk", "self_points"))
        Score.objects.filter(pk__in=[s.pk for s in pending], verified_points__isnull=True).update(
            verified_points=Coalesce(F("self_points"), Value(Decimal(0))),
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        for score in pending:
            event_record(
                submission=locked,
                score=score,
                action="approve",
                actor=actor,
                field="verified_points",
                old=None,
                new=score.self_points or Decimal(0),
            )
        old_status = locked.status
        locked.status = SubmissionStatus.VERIFIED
        locked.reviewed_by = actor
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
        event_record(
            submission=locked,
            action="approve",
            actor=actor,
            field="status",
            old=old_status,
            new=SubmissionStatus.VERIFIED,
        )
    _copy_state(submission, locked)
    return submission
