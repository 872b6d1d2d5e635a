"""Councils (Hội đồng Thi đua – Khen thưởng), their sessions and secret ballots.

Ballot secrecy is structural: ``BallotCast`` records THAT a member voted in a session (so nobody votes twice) and
``AgendaItem`` holds the tallies; no table links a present member to a choice. Absent members' written votes
(``WrittenVote``) are named by nature and kept apart from the secret ballot.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.enums import (
    AgendaResult,
    CouncilRole,
    RecusalReason,
    RenderStatus,
    SessionStatus,
    ThresholdBase,
    WrittenChoice,
)
from awards.models._common import PERCENT
from common.db import TimeStampedModel, choices_check
from organizations.enums import DocumentStyle


class Council(TimeStampedModel):
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organisation"), related_name="councils", on_delete=models.PROTECT
    )
    name = models.CharField(_("name"), max_length=255)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["organization", "name"]

    def __str__(self) -> str:
        return self.name


class CouncilMember(TimeStampedModel):
    council = models.ForeignKey(Council, verbose_name=_("council"), related_name="members", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user account"), related_name="council_seats", on_delete=models.PROTECT
    )
    full_name = models.CharField(_("full name"), max_length=150)
    title = models.CharField(_("position"), max_length=150, blank=True)
    role = models.CharField(
        _("role in council"), max_length=20, choices=CouncilRole.choices, default=CouncilRole.MEMBER
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["council", "role", "full_name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="awards_councilmember_once"),
            choices_check("role", CouncilRole, "awards_councilmember_role_valid"),
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(role=CouncilRole.CHAIR, is_active=True),
                name="awards_councilmember_one_chair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_role_display()})"


class CouncilSession(TimeStampedModel):
    council = models.ForeignKey(Council, verbose_name=_("council"), related_name="sessions", on_delete=models.PROTECT)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        related_name="council_sessions",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=255)
    scheduled_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("meeting room"), max_length=255, blank=True)
    place_name = models.CharField(
        _("place name"),
        max_length=100,
        blank=True,
        help_text=_("Printed before the date on the minutes, e.g. Sóc Trăng."),
    )
    status = models.CharField(_("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.DRAFT)
    members_total = models.PositiveSmallIntegerField(_("members"), default=0)
    present_count = models.PositiveSmallIntegerField(_("present"), default=0)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    early_opening_reason = models.TextField(
        _("reason for opening before the scheduled time"),
        blank=True,
        help_text=_("Required when the session is opened before its scheduled time; printed in the minutes."),
    )
    voting_started_at = models.DateTimeField(_("voting started at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("secretary"), related_name="+", on_delete=models.SET_NULL, null=True
    )
    chair = models.ForeignKey(
        "awards.CouncilMember",
        verbose_name=_("chaired by"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Empty: the council's chair."),
    )
    # The minutes' number from the organisation's register (kind "minutes"), taken when voting closes.
    minutes_register = models.ForeignKey(
        "awards.Register",
        verbose_name=_("minutes register"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    minutes_number = models.PositiveIntegerField(_("minutes number"), null=True, blank=True)
    minutes_number_text = models.CharField(_("minutes number and symbol"), max_length=60, blank=True)
    minutes_style = models.CharField(
        _("document style of the minutes"), max_length=10, choices=DocumentStyle.choices, blank=True
    )
    minutes_file = models.FileField(_("minutes (PDF)"), upload_to="awards/minutes/", blank=True)
    minutes_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    # The minutes PDF's rendering (common/pdf/once.py): claimed, then done or failed with the error.
    minutes_status = models.CharField(
        _("minutes status"), max_length=20, choices=RenderStatus.choices, default=RenderStatus.PENDING
    )
    minutes_claimed_at = models.DateTimeField(_("minutes claimed at"), null=True, blank=True)
    minutes_error = models.TextField(_("minutes error"), blank=True)

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-scheduled_at"]
        constraints = [
            choices_check("status", SessionStatus, "awards_councilsession_status_valid"),
            models.CheckConstraint(
                condition=Q(present_count__lte=models.F("members_total")), name="awards_councilsession_present_le_total"
            ),
            models.UniqueConstraint(
                fields=["minutes_register", "minutes_number"], name="awards_councilsession_minutes_number_once"
            ),
            models.CheckConstraint(
                condition=Q(minutes_style="") | Q(minutes_style__in=DocumentStyle.values),
                name="awards_councilsession_minutes_style_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def meeting_date(self):
        """The day of the meeting (and of its minutes): when the session was opened, else when it was scheduled."""
        return timezone.localdate(self.opened_at or self.scheduled_at)


class SessionAttendance(TimeStampedModel):
    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), related_name="attendance", on_delete=models.CASCADE
    )
    member = models.ForeignKey(CouncilMember, verbose_name=_("member"), related_name="+", on_delete=models.PROTECT)
    is_present = models.BooleanField(_("present"), default=False)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["session", "member__full_name"]
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="awards_sessionattendance_once")]

    def __str__(self) -> str:
        return f"{self.member}: {self.is_present}"


class AgendaItem(TimeStampedModel):
    """A nomination on a session's agenda, with the tallies and the rule it was counted against."""

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), related_name="agenda", on_delete=models.CASCADE
    )
    nomination = models.ForeignKey(
        "awards.Nomination", verbose_name=_("nomination"), related_name="agenda_items", on_delete=models.PROTECT
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    approve_count = models.PositiveSmallIntegerField(_("approve"), default=0)
    reject_count = models.PositiveSmallIntegerField(_("reject"), default=0)
    abstain_count = models.PositiveSmallIntegerField(_("abstain"), default=0)
    # The award's rule, copied when voting starts (the catalogue may change later).
    threshold_percent = models.DecimalField(_("approval threshold (%)"), **PERCENT, null=True, blank=True)
    threshold_base = models.CharField(_("threshold base"), max_length=10, choices=ThresholdBase.choices, blank=True)
    threshold_inclusive = models.BooleanField(_("inclusive threshold"), default=False)
    threshold_basis = models.CharField(_("legal basis of the threshold"), max_length=300, blank=True)
    needed = models.PositiveSmallIntegerField(_("approvals needed"), null=True, blank=True)
    # Absent members' written votes, counted when voting closes (they count only on an "all members" base).
    written_approve_count = models.PositiveSmallIntegerField(_("written approvals"), default=0)
    written_reject_count = models.PositiveSmallIntegerField(_("written rejections"), default=0)
    result = models.CharField(_("result"), max_length=20, choices=AgendaResult.choices, default=AgendaResult.PENDING)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["session", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "nomination"], name="awards_agendaitem_once"),
            choices_check("result", AgendaResult, "awards_agendaitem_result_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.nomination}"


class AgendaRecusal(TimeStampedModel):
    """A council member who does not vote on one item: the nominee themself, or the head of the nominated unit.

    Recorded when voting starts; the member's ballot paper leaves the item out and the minutes name the recusal.
    """

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), related_name="recusals", on_delete=models.CASCADE
    )
    member = models.ForeignKey(CouncilMember, verbose_name=_("member"), related_name="+", on_delete=models.PROTECT)
    reason = models.CharField(_("reason"), max_length=20, choices=RecusalReason.choices)

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        ordering = ["item", "member__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="awards_agendarecusal_once"),
            choices_check("reason", RecusalReason, "awards_agendarecusal_reason_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.item} ({self.get_reason_display()})"


class BallotCast(models.Model):
    """That a member has cast their ballot in a session — never what they chose (no timestamps either)."""

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), related_name="ballots", on_delete=models.CASCADE
    )
    member = models.ForeignKey(CouncilMember, verbose_name=_("member"), related_name="+", on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("ballot cast")
        verbose_name_plural = _("ballots cast")
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="awards_ballotcast_once")]

    def __str__(self) -> str:
        return f"{self.session}: {self.member}"


class CountingCommitteeSeat(TimeStampedModel):
    """A member of the session's counting committee (Ban kiểm phiếu), chosen among the members present; the first
    (``position`` 0) is its head. They sign the minutes."""

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), related_name="counting_committee", on_delete=models.CASCADE
    )
    member = models.ForeignKey(CouncilMember, verbose_name=_("member"), related_name="+", on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("counting committee member")
        verbose_name_plural = _("counting committee")
        ordering = ["session", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="awards_countingcommitteeseat_once")]

    def __str__(self) -> str:
        return f"{self.session}: {self.member}"


class WrittenVote(TimeStampedModel):
    """An absent member's written vote on one agenda item (approve or reject), with their written opinion.

    Unlike a ballot, a written vote is named by nature: the absent member signs a letter that the secretary records
    and that goes into the minutes. It is therefore kept apart from the secret ballot: the present members' tallies
    (``AgendaItem.approve_count`` …) never include it and no row here concerns a present member (the service refuses
    one). How it counts follows the award's threshold base: on "all members" it counts, on "present" it does not.
    """

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), related_name="written_votes", on_delete=models.CASCADE
    )
    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), related_name="written_votes", on_delete=models.CASCADE
    )
    member = models.ForeignKey(CouncilMember, verbose_name=_("member"), related_name="+", on_delete=models.PROTECT)
    choice = models.CharField(_("vote"), max_length=10, choices=WrittenChoice.choices)
    opinion = models.TextField(_("written opinion"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), related_name="+", on_delete=models.SET_NULL, null=True
    )

    class Meta:
        verbose_name = _("written vote")
        verbose_name_plural = _("written votes")
        ordering = ["session", "member__full_name", "item__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="awards_writtenvote_once"),
            choices_check("choice", WrittenChoice, "awards_writtenvote_choice_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.item} – {self.get_choice_display()}"
