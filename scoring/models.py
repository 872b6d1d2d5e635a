"""Submissions (one per participant and phase), scores with evidence and full history, and rankings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Criterion, Participant, Phase
from common.db import TimeStampedModel, choices_check
from organizations.models import EmulationBloc
from scoring.enums import EntryStatus, RankingStatus, SubmissionStatus, TieBreak

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
    # Where the review stands: an index into the campaign's review levels (campaigns.Campaign.review_levels).
    review_stage = models.PositiveSmallIntegerField(_("review level"), default=0)
    # Totals kept by the scoring services in the same transaction as every input (points that count: verified
    # where a reviewer corrected the inputs, else the unit's own), so a ranking reads one row per submission.
    # Before the table's caps: regular = Σ net of the regular criteria except relative ones, relative = Σ net of
    # relative-to-leader criteria (provisional until ranked), bonus = Σ bonuses + bonus criteria, penalty = Σ penalty
    # criteria. ``total`` applies the caps (with provisional relative points); ``self_total`` is the unit's own.
    regular_points = models.DecimalField(_("criteria points"), **POINTS, default=0)
    relative_points = models.DecimalField(_("relative criteria points"), **POINTS, default=0)
    bonus_points = models.DecimalField(_("bonus points before the cap"), **POINTS, default=0)
    penalty_points = models.DecimalField(_("penalty points before the cap"), **POINTS, default=0)
    total = models.DecimalField(_("total"), **POINTS, default=0)
    self_total = models.DecimalField(_("self-assessed total"), **POINTS, default=0)
    is_gated = models.BooleanField(_("not classified"), default=False)
    below_minimum = models.BooleanField(_("below a minimum (điểm liệt)"), default=False)

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
    """One criterion of a submission: the unit's inputs and points, the reviewer's corrected inputs and points.

    Inputs are JSON in the shape ``campaigns.points.parse_inputs`` reads (``{"value": …, "rules": {…}}``). The
    reviewer corrects inputs, never points: the criterion's rule turns them into points. The columns after the
    inputs are the result that counts (verified where corrected, else self) kept by the services for the
    ranking: ``net`` = max(0, base − deductions), ``bonus`` = the criterion's capped bonuses, and for
    relative-to-leader criteria the typed ``value``, ``target`` and ``deduction``. ``max_points`` is the standard
    points copied when the row is made. ``version`` is the optimistic lock that turns two simultaneous saves into
    one success and one clear conflict.
    """

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), related_name="scores", on_delete=models.CASCADE
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), related_name="scores", on_delete=models.PROTECT
    )
    max_points = models.DecimalField(_("standard points"), **POINTS)
    self_inputs = models.JSONField(_("the unit's answers"), default=dict, blank=True)
    self_points = models.DecimalField(_("self-assessed points"), **POINTS, null=True, blank=True)
    self_bonus = models.DecimalField(_("self-assessed bonus"), **POINTS, default=0)  # part of self_points
    self_note = models.TextField(_("explanation"), blank=True)
    verified_inputs = models.JSONField(_("the reviewer's corrected answers"), null=True, blank=True)
    verified_points = models.DecimalField(_("verified points"), **POINTS, null=True, blank=True)
    review_note = models.TextField(_("reviewer's reason"), blank=True)
    net = models.DecimalField(_("points before bonuses"), **POINTS, default=0)
    bonus = models.DecimalField(_("bonus"), **POINTS, default=0)
    deduction = models.DecimalField(_("deduction"), **POINTS, default=0)
    value = models.DecimalField(_("value entered"), max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target entered"), max_digits=14, decimal_places=2, null=True, blank=True)
    gated = models.BooleanField(_("not classified"), default=False)
    below_minimum = models.BooleanField(_("below its minimum"), default=False)
    provisional = models.BooleanField(_("provisional"), default=False)
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["submission", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "criterion"], name="scoring_score_one_per_criterion"),
            models.CheckConstraint(
                condition=Q(self_points__isnull=True) | Q(self_points__gte=0),
                name="scoring_score_self_points_not_negative",
                violation_error_message=_("Points cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(verified_points__isnull=True) | Q(verified_points__gte=0),
                name="scoring_score_verified_points_not_negative",
                violation_error_message=_("Points cannot be negative."),
            ),
            models.CheckConstraint(condition=Q(net__gte=0, bonus__gte=0), name="scoring_score_result_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.submission} – {self.criterion.code}"

    @property
    def points(self):
        """The points that count: verified where verified, else self-assessed."""
        return self.verified_points if self.verified_points is not None else self.self_points

    @property
    def inputs(self) -> dict:
        """The answers that count: the reviewer's where corrected, else the unit's."""
        return self.verified_inputs if self.verified_inputs is not None else (self.self_inputs or {})


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
    # The review level (a campaigns.enums.ReviewLevel value) a reviewer's step or correction belongs to.
    review_level = models.CharField(_("review level"), max_length=20, blank=True)
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
    scoring/ranking/sql.py from existing runs and participants, and checking 100,000 rows per run at commit cost
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
    # Collectives and individuals are ranked apart; only "ranked" entries carry a rank (not classified: gated by a
    # rule; not submitted: no submission sent in any phase of the run).
    kind = models.CharField(_("participant kind"), max_length=20, default="collective")
    status = models.CharField(_("result"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.RANKED)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)

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


class Reminder(TimeStampedModel):
    """An officer's reminder (nhắc nhở) to a participant about a phase, kept to show who was reminded when."""

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), related_name="reminders", on_delete=models.CASCADE
    )
    phase = models.ForeignKey(Phase, verbose_name=_("phase"), related_name="reminders", on_delete=models.CASCADE)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    recipient_count = models.PositiveIntegerField(_("people notified"), default=0)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at", "-id"]
        indexes = [
            # progress.selectors.progress_rows: the latest reminder of each participant in a phase.
            models.Index(fields=["phase", "participant", "-created_at"], name="scoring_reminder_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.phase} @ {self.created_at:%d/%m/%Y}"
