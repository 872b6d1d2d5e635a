"""Campaigns (phong trào thi đua), their phases (đợt) and the record of every lifecycle step."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from emulation.db import TimeStampedModel
from organizations.models import Organization

from .enums import CampaignKind, CampaignStatus, ParticipantKind, ParticipantScope, PhaseCombination


def _choices_check(field: str, choices: type[models.TextChoices], name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class Campaign(TimeStampedModel):
    """An emulation campaign launched by one organisation, e.g. plan 383-KH/BTGTW of 20/4/2020."""

    launching_organization = models.ForeignKey(
        Organization, verbose_name=_("launching organisation"), related_name="campaigns", on_delete=models.PROTECT
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CampaignKind.choices, default=CampaignKind.REGULAR)
    plan_number = models.CharField(_("plan number"), max_length=60, help_text=_("For example 383-KH/BTGTW."))
    plan_date = models.DateField(_("plan date"))
    signer_name = models.CharField(_("signer"), max_length=150)
    signer_title = models.CharField(_("signer's title"), max_length=150)
    name = models.CharField(_("name"), max_length=300)
    theme = models.TextField(_("theme or slogan"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    interim_review_date = models.DateField(_("interim review date"), null=True, blank=True)
    final_review_date = models.DateField(_("final review date"), null=True, blank=True)
    participant_scope = models.CharField(
        _("who takes part"), max_length=20, choices=ParticipantScope.choices, default=ParticipantScope.COLLECTIVE
    )
    phase_combination = models.CharField(
        _("how phases combine"), max_length=20, choices=PhaseCombination.choices, default=PhaseCombination.WEIGHTED
    )
    min_products_per_unit = models.PositiveSmallIntegerField(_("minimum emulation products per unit"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="created_campaigns",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-start_date", "name"]
        constraints = [
            _choices_check("kind", CampaignKind, "campaigns_campaign_kind_valid"),
            _choices_check("status", CampaignStatus, "campaigns_campaign_status_valid"),
            _choices_check("participant_scope", ParticipantScope, "campaigns_campaign_scope_valid"),
            _choices_check("phase_combination", PhaseCombination, "campaigns_campaign_combination_valid"),
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")),
                name="campaigns_campaign_end_after_start",
                violation_error_message=_("The end date must be after the start date."),
            ),
            models.UniqueConstraint(
                fields=["launching_organization", "plan_number"],
                name="campaigns_campaign_unique_plan_number",
                violation_error_message=_("This organisation already has a campaign with this plan number."),
            ),
        ]
        indexes = [
            # campaign_list_for_user: campaigns of the organisations in reach, by status.
            models.Index(fields=["launching_organization", "status"], name="campaign_org_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_number} – {self.name}"

    @property
    def is_draft(self) -> bool:
        return self.status == CampaignStatus.DRAFT


class CampaignEvent(TimeStampedModel):
    """Who did what to a campaign and when: lifecycle transitions and corrections after launch."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), related_name="events", on_delete=models.CASCADE)
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from status"), max_length=20, blank=True)
    to_status = models.CharField(_("to status"), max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        related_name="campaign_events",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("campaign event")
        verbose_name_plural = _("campaign events")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.action}"


class Phase(TimeStampedModel):
    """An ordered phase (đợt) with its own theme and dates inside the campaign; phases never overlap."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), related_name="phases", on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    theme = models.TextField(_("theme"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)

    class Meta:
        verbose_name = pgettext_lazy("campaign phase", "phase")
        verbose_name_plural = pgettext_lazy("campaign phase", "phases")
        ordering = ["campaign", "position"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "position"], name="campaigns_phase_unique_position"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="campaigns_phase_end_after_start",
                violation_error_message=_("A phase cannot end before it starts."),
            ),
            models.CheckConstraint(condition=Q(weight__gte=0), name="campaigns_phase_weight_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name


class Participant(TimeStampedModel):
    """An organisation (collective) or a person (individual) enrolled in a campaign — exactly one of them."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), related_name="participants", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        related_name="participations",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    person = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("person"),
        related_name="participations",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["campaign", "organization__path", "person__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(organization__isnull=False, person__isnull=True)
                    | Q(organization__isnull=True, person__isnull=False)
                ),
                name="campaigns_participant_exactly_one",
            ),
            models.UniqueConstraint(
                fields=["campaign", "organization"],
                condition=Q(organization__isnull=False),
                name="campaigns_participant_unique_organization",
            ),
            models.UniqueConstraint(
                fields=["campaign", "person"],
                condition=Q(person__isnull=False),
                name="campaigns_participant_unique_person",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organization or self.person)

    @property
    def kind(self) -> str:
        return ParticipantKind.COLLECTIVE if self.organization_id else ParticipantKind.INDIVIDUAL
