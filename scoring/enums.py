from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    RETURNED = "returned", _("Returned for changes")
    VERIFIED = "verified", _("Verified")


# States in which the unit may still change its self-scores.
EDITABLE_STATUSES = frozenset({SubmissionStatus.DRAFT, SubmissionStatus.RETURNED})


class RankingStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Computing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class TieBreak(models.TextChoices):
    """How equal totals are ordered for display; equal totals always share a rank (1, 2, 2, 4)."""

    SHARED = "shared", _("Equal totals share a rank")
    VERIFIED_FIRST = "verified_first", _("Equal totals share a rank; fully verified results listed first")


class EntryStatus(models.TextChoices):
    """A participant's place in a ranking run."""

    RANKED = "ranked", _("Ranked")
    NOT_CLASSIFIED = "not_classified", _("Not classified")
    NOT_SUBMITTED = "not_submitted", _("Not submitted")
