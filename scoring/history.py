"""Recording the history of submissions and scores (who, when, old → new, why) in one place."""

from __future__ import annotations

from decimal import Decimal

from organizations.audit import audit_record
from scoring.models import Score, Submission, SubmissionEvent

# Self-scoring autosaves stay in the submission's own history only; every other step also goes to the audit log.
NOT_AUDITED = {"self_score"}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    return str(value)[:100]


def event_record(
    *,
    submission: Submission,
    action: str,
    actor=None,
    score: Score | None = None,
    field: str = "",
    old=None,
    new=None,
    reason: str = "",
    review_level: str = "",
) -> SubmissionEvent:
    """Append one entry to the submission's history (never updated or deleted afterwards) and, for a step other
    than a self-scoring autosave, a line to the audit log (the participant's unit is its organisation)."""
    if action not in NOT_AUDITED:
        participant = submission.participant
        audit_record(
            actor=actor,
            action=f"submission.{action}",
            obj=submission,
            organization=participant.organization if participant.organization_id else participant.person.organization,
            object_label=f"{participant} – {submission.phase}",
            before={field: _text(old)} if field else None,
            after={field: _text(new)} if field else None,
            reason=reason,
        )
    return SubmissionEvent.objects.create(
        submission=submission,
        score=score,
        action=action,
        field=field,
        old_value=_text(old),
        new_value=_text(new),
        reason=reason,
        review_level=review_level,
        actor=actor,
    )
