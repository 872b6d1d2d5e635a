"""Award plans of a campaign, nominations with their dossiers, and public disclosure before voting."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from awards.enums import DocumentKind, NominationEventKind, NominationSource, NominationStatus
from awards.models._common import POINTS, RecipientMixin, one_recipient_check
from common.db import TimeStampedModel, choices_check
from common.uploads import server_file_name


class AwardPlan(TimeStampedModel):
    """Which award a campaign gives and how many (e.g. Giấy khen: 1 collective; every unit ≥ 90 points)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("campaign"), related_name="award_plans", on_delete=models.CASCADE
    )
    award_type = models.ForeignKey(
        "awards.AwardType", verbose_name=_("award"), related_name="plans", on_delete=models.PROTECT
    )
    quota = models.PositiveIntegerField(
        _("quota"), null=True, blank=True, help_text=_("Empty: everyone who is eligible.")
    )
    minimum_tier = models.ForeignKey(
        "campaigns.Tier",
        verbose_name=_("minimum tier"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("This tier or a better one."),
    )
    minimum_points = models.DecimalField(_("minimum points"), **POINTS, null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("award plan")
        verbose_name_plural = _("award plans")
        ordering = ["campaign", "award_type__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "award_type"], name="awards_awardplan_once_per_campaign"),
            models.CheckConstraint(
                condition=Q(minimum_points__isnull=True) | Q(minimum_points__gte=0),
                name="awards_awardplan_minimum_points_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} – {self.award_type}"


class Nomination(RecipientMixin, TimeStampedModel):
    """A proposal to give one award to one person or organisation, with why it is (not) eligible."""

    plan = models.ForeignKey(
        AwardPlan, verbose_name=_("award plan"), related_name="nominations", on_delete=models.PROTECT
    )
    participant = models.ForeignKey(
        "campaigns.Participant",
        verbose_name=_("participant"),
        related_name="nominations",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    source = models.CharField(_("source"), max_length=20, choices=NominationSource.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=NominationStatus.choices, default=NominationStatus.PROPOSED
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    # A snapshot of the ranking the nomination came from (the run itself may be superseded later).
    ranking_run = models.ForeignKey(
        "scoring.RankingRun",
        verbose_name=_("ranking run"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    total = models.DecimalField(_("total points"), **POINTS, null=True, blank=True)
    tier_name = models.CharField(_("tier"), max_length=100, blank=True)
    is_eligible = models.BooleanField(_("eligible"), default=False)
    eligibility = models.JSONField(
        _("eligibility"), default=list, blank=True, help_text=_("Reason codes and their values, newest check.")
    )
    achievement = models.TextField(_("achievement wording"), blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), related_name="+", on_delete=models.SET_NULL, null=True
    )

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["plan", "position", "pk"]
        constraints = [
            one_recipient_check("awards_nomination_one_recipient"),
            choices_check("source", NominationSource, "awards_nomination_source_valid"),
            choices_check("status", NominationStatus, "awards_nomination_status_valid"),
            # One achievement is never rewarded twice: one nomination per recipient and plan.
            models.UniqueConstraint(
                fields=["plan", "person"], condition=Q(person__isnull=False), name="awards_nomination_person_once"
            ),
            models.UniqueConstraint(
                fields=["plan", "organization"],
                condition=Q(organization__isnull=False),
                name="awards_nomination_organization_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} – {self.plan.award_type}"


class NominationEvent(TimeStampedModel):
    """One step of a nomination's history (added by hand, withdrawn, nominated again): who, when, why."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), related_name="events", on_delete=models.CASCADE
    )
    kind = models.CharField(_("step"), max_length=20, choices=NominationEventKind.choices)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), related_name="+", on_delete=models.SET_NULL, null=True
    )

    class Meta:
        verbose_name = _("nomination history step")
        verbose_name_plural = _("nomination history")
        ordering = ["nomination", "created_at", "pk"]
        constraints = [choices_check("kind", NominationEventKind, "awards_nominationevent_kind_valid")]

    def __str__(self) -> str:
        return f"{self.nomination}: {self.get_kind_display()}"


def nomination_document_path(instance, filename: str) -> str:
    return server_file_name("awards/dossiers", instance.file_type or "bin")


class NominationDocument(TimeStampedModel):
    """A dossier file (tờ trình, báo cáo thành tích, …): checked by content, served by permission."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), related_name="documents", on_delete=models.CASCADE
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=nomination_document_path)
    original_name = models.CharField(_("original file name"), max_length=255)
    file_type = models.CharField(_("type"), max_length=10)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), related_name="+", on_delete=models.SET_NULL, null=True
    )

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["nomination", "kind", "created_at"]
        constraints = [choices_check("kind", DocumentKind, "awards_nominationdocument_kind_valid")]

    def __str__(self) -> str:
        return self.original_name


class PublicDisclosure(TimeStampedModel):
    """The list of nominations published (công khai) for comments; voting on them waits until it ends."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("campaign"), related_name="disclosures", on_delete=models.CASCADE
    )
    nominations = models.ManyToManyField(Nomination, verbose_name=_("nominations"), related_name="disclosures")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    note = models.TextField(_("note"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), related_name="+", on_delete=models.SET_NULL, null=True
    )

    class Meta:
        verbose_name = _("public disclosure")
        verbose_name_plural = _("public disclosures")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="awards_publicdisclosure_ends_after"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} ({self.starts_at:%d/%m/%Y}–{self.ends_at:%d/%m/%Y})"


class DisclosureComment(TimeStampedModel):
    """A comment received during a disclosure, recorded as it came (about one nomination or the list)."""

    disclosure = models.ForeignKey(
        PublicDisclosure, verbose_name=_("disclosure"), related_name="comments", on_delete=models.CASCADE
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        related_name="comments",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    author_name = models.CharField(_("from"), max_length=150)
    body = models.TextField(_("comment"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), related_name="+", on_delete=models.SET_NULL, null=True
    )

    class Meta:
        verbose_name = _("disclosure comment")
        verbose_name_plural = _("disclosure comments")
        ordering = ["disclosure", "created_at"]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:40]}"
