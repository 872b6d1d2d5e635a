"""Submissions (one per participant and phase), scores with evidence and full history, and rankings."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Criterion, Participant, Phase
from common.db import TimeStampedModel, choices_check
from organizations.models import EmulationBloc
from scoring.enums import RankingStatus, SubmissionStatus, TieBreak

POINTS = {"max_digits": 9, "decimal_places": 2}


class Submission(TimeStampedModel):
    """A participant's self-scoring for one phase: draft → submitted → under review → returned → verified."""

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), related_name="submissions", on_delete=models.PROTECT
    )
    phase = models.ForeignKey(Phase, verbose_name=_("phase"), related_name="submissions", on_delete=models.PROTECT)
    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    reopened_until = models.DateField(_("reopened for this unit until"), null=True, blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["phase", "participant"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "phase"], name="scoring_submission_one_per_phase"),
            choices_check("status", SubmissionStatus, "scoring_submission_status_valid"),
        ]
        indexes = [
            # submission lists for reviewers: a phase's submissions by status.
            models.Index(fields=["phase", "status"], name="submission_phase_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.phase}"


class Score(TimeStampedModel):
    """One criterion of a submission: the unit's input and self-points, the reviewer's verified points.

    ``max_points`` is copied from the criterion when the row is created (tables are frozen at launch)
    so that the database itself enforces 0 ≤ points ≤ max. ``version`` is the optimistic lock that
    turns two simultaneous saves into one success and one clear conflict.
    """

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), related_name="scores", on_delete=models.CASCADE
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), related_name="scores", on_delete=models.PROTECT
    )
    max_points = models.DecimalField(_("maximum points"), **POINTS)
    value = models.DecimalField(_("value entered"), max_digits=14, decimal_places=2, null=True, blank=True)
    self_points = models.DecimalField(_("self-assessed points"), **POINTS, null=True, blank=True)
    self_note = models.TextField(_("explanation"), blank=True)
    verified_points = models.DecimalField(_("verified points"), **POINTS, null=True, blank=True)
    review_note = models.TextField(_("reviewer's reason"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["submission", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "criterion"], name="scoring_score_one_per_criterion"),
            models.CheckConstraint(
                condition=Q(self_points__isnull=True) | Q(self_points__gte=0, self_points__lte=F("max_points")),
                name="scoring_score_self_points_in_range",
                violation_error_message=_("Points must be between 0 and the criterion's maximum."),
            ),
            models.CheckConstraint(
                condition=Q(verified_points__isnull=True)
                | Q(verified_points__gte=0, verified_points__lte=F("max_points")),
                name="scoring_score_verified_points_in_range",
                violation_error_message=_("Points must be between 0 and the criterion's maximum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission} – {self.criterion.code}"

    @property
    def points(self):
        """The points that count: verified where verified, else self-assessed."""
        return self.verified_points if self.verified_points is not None else self.self_points


class Evidence(TimeStampedModel):
    """A file attached to a score: checked by content, stored under a random name, served by permission."""

    score = models.ForeignKey(Score, verbose_name=_("score"), related_name="evidence", on_delete=models.CASCADE)
    file = models.FileField(_("file"), upload_to="scoring/evidence/")
    original_name = models.CharField(_("original file name"), max_length=255)
    file_type = models.CharField(_("type"), max_length=10)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["score", "created_at"]

    def __str__(self) -> str:
        return self.original_name


class SubmissionEvent(TimeStampedModel):
    """The history: every score change (field, old → new, why) and every step of a submission."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), related_name="events", on_delete=models.CASCADE
    )
    score = models.ForeignKey(
        Score, verbose_name=_("score"), related_name="events", on_delete=models.CASCADE, null=True, blank=True
    )
    action = models.CharField(_("action"), max_length=30)
    field = models.CharField(_("field"), max_length=30, blank=True)
    old_value = models.CharField(_("old value"), max_length=100, blank=True)
    new_value = models.CharField(_("new value"), max_length=100, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), related_name="+", on_delete=models.SET_NULL, null=True
    )

    class Meta:
        verbose_name = _("submission event")
        verbose_name_plural = _("submission events")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.action}"


class RankingRun(TimeStampedModel):
    """One computation of a campaign's ranking (a phase, or overall when ``phase`` is empty).

    Published results never change: a newer run supersedes an older one (``is_current``).
    """

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), related_name="ranking_runs", on_delete=models.CASCADE
    )
    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), related_name="ranking_runs", on_delete=models.CASCADE, null=True, blank=True
    )
    status = models.CharField(_("status"), max_length=20, choices=RankingStatus.choices, default=RankingStatus.PENDING)
    tie_break = models.CharField(_("tie-break rule"), max_length=20, choices=TieBreak.choices, default=TieBreak.SHARED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    participant_count = models.PositiveIntegerField(_("participants"), default=0)
    inputs = models.JSONField(_("inputs"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    is_current = models.BooleanField(_("current"), default=False)

    class Meta:
        verbose_name = _("ranking run")
        verbose_name_plural = _("ranking runs")
        ordering = ["-created_at"]
        constraints = [
            choices_check("status", RankingStatus, "scoring_rankingrun_status_valid"),
            choices_check("tie_break", TieBreak, "scoring_rankingrun_tie_break_valid"),
        ]
        indexes = [
            # ranking_current: the current run of a campaign/phase.
            models.Index(fields=["campaign", "phase", "is_current"], name="rankingrun_current_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} – {self.phase or _('overall')} @ {self.created_at:%Y-%m-%d %H:%M}"


class RankingEntry(models.Model):
    """A participant's result in one run. Written set-based (INSERT … SELECT), so no timestamps.

    The result tables carry no database foreign keys (``db_constraint=False``): their rows are written only by
    ``ranking_sql`` from existing runs and participants, and checking 100,000 rows per run at commit cost
    longer than computing the ranking. Django still cascades deletes of runs and participants to them.
    """

    # db_index=False: the (run, rank) index below serves run_id lookups (the leaderboard, the run's cascade).
    run = models.ForeignKey(
        RankingRun,
        verbose_name=_("ranking run"),
        related_name="entries",
        on_delete=models.CASCADE,
        db_constraint=False,
        db_index=False,
    )
    # db_index=False: no participant_id index (writing it cost about 0.2 s per 100,000 entries). Only removing a
    # participant (a rare officer action) looks entries up by participant, in Django's cascade, and scans.
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        related_name="ranking_entries",
        on_delete=models.CASCADE,
        db_constraint=False,
        db_index=False,
    )
    regular = models.DecimalField(_("criteria points"), **POINTS, default=0)
    bonus = models.DecimalField(_("bonus points"), **POINTS, default=0)
    penalty = models.DecimalField(_("penalty points"), **POINTS, default=0)
    total = models.DecimalField(_("total"), **POINTS)
    is_fully_verified = models.BooleanField(_("fully verified"), default=False)
    below_minimum = models.BooleanField(_("below a minimum (điểm liệt)"), default=False)
    tier_name = models.CharField(_("tier"), max_length=100, blank=True)
    rank = models.PositiveIntegerField(_("rank"))

    class Meta:
        verbose_name = _("ranking entry")
        verbose_name_plural = _("ranking entries")
        ordering = ["run", "rank", "participant_id"]
        constraints = [
            # Also the index of ranking_entry_get (one participant in a run). Run first on purpose: a run's entries
            # then go to the right edge of the index (participant first put them all over it: +0.3 s a run).
            models.UniqueConstraint(fields=["run", "participant"], name="scoring_rankingentry_once_per_run"),
        ]
        indexes = [
            # leaderboard: a run's entries in rank order.
            models.Index(fields=["run", "rank"], name="rankingentry_run_rank_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.participant}"


class RankingBlocRank(models.Model):
    """A participant's rank among the members of one bloc, in one run (a unit may sit in several blocs)."""

    # No database foreign keys and no entry_id index, as for RankingEntry: the unique (entry, bloc) constraint
    # serves the entries' prefetch and their cascade.
    entry = models.ForeignKey(
        RankingEntry,
        verbose_name=_("entry"),
        related_name="bloc_ranks",
        on_delete=models.CASCADE,
        db_constraint=False,
        db_index=False,
    )
    # db_index=False: ranking_entry_list's bloc filter reaches these rows from the run's entries (unique index);
    # only removing a bloc (Django's cascade) looks them up by bloc, and scans.
    bloc = models.ForeignKey(
        EmulationBloc,
        verbose_name=_("bloc"),
        related_name="+",
        on_delete=models.CASCADE,
        db_constraint=False,
        db_index=False,
    )
    rank = models.PositiveIntegerField(_("rank in bloc"))

    class Meta:
        verbose_name = _("rank in bloc")
        verbose_name_plural = _("ranks in blocs")
        constraints = [models.UniqueConstraint(fields=["entry", "bloc"], name="scoring_rankingblocrank_once")]

    def __str__(self) -> str:
        return f"{self.bloc}: {self.rank}"
