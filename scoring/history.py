"""Recording the history of submissions and scores (who, when, old → new, why) in one place."""

from __future__ import annotations

from decimal import Decimal

from scoring.models import Score, Submission, SubmissionEvent


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
    """Append one entry to the submission's history (never updated or deleted afterwards)."""
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
