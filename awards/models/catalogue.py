"""The catalogue of emulation titles and forms of commendation: dated rows, not code."""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from awards.enums import (
    AwardCategory,
    AwardLevel,
    DecidingAuthority,
    PrerequisiteScope,
    RecipientKind,
    TaskRating,
    ThresholdBase,
)
from awards.models._common import PERCENT, POINTS, RecipientMixin, one_recipient_check
from common.db import TimeStampedModel, choices_check
from organizations.enums import OrganizationKind


class AwardType(TimeStampedModel):
    """One emulation title or form of commendation, valid for a period (regulations change; rows are versioned).

    ``code`` is stable across versions (e.g. ``CSTD_CS``): prerequisites and the award ledger refer to codes.
    """

    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    certificate_title = models.CharField(
        _("title printed on the certificate"), max_length=100, help_text=_("E.g. BẰNG KHEN, GIẤY KHEN.")
    )
    category = models.CharField(_("category"), max_length=20, choices=AwardCategory.choices)
    recipient_kind = models.CharField(_("awarded to"), max_length=20, choices=RecipientKind.choices)
    level = models.CharField(_("awarding level"), max_length=20, choices=AwardLevel.choices)
    decided_by = models.CharField(
        _("decided by"),
        max_length=20,
        choices=DecidingAuthority.choices,
        default=DecidingAuthority.OWN,
        help_text=_(
            "Who may issue the decision. Anything above the organisation's own authority becomes a proposal to the "
            "level above."
        ),
    )
    owner = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("defined by"),
        related_name="own_award_types",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Empty for titles of the national regulations; set for an organisation's own titles."),
    )
    legal_basis = models.TextField(_("legal basis"), blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    minimum_points = models.DecimalField(_("minimum points"), **POINTS, null=True, blank=True)
    excludes_disciplinary_review = models.BooleanField(_("not for anyone under disciplinary review"), default=True)
    requires_disclosure = models.BooleanField(_("public disclosure before voting"), default=False)
    disclosure_days = models.PositiveSmallIntegerField(_("disclosure days"), default=0)
    secret_ballot = models.BooleanField(_("secret ballot"), default=False)
    threshold_percent = models.DecimalField(_("approval threshold (%)"), **PERCENT, default=Decimal(50))
    threshold_base = models.CharField(
        _("threshold base"), max_length=10, choices=ThresholdBase.choices, default=ThresholdBase.ALL_MEMBERS
    )
    threshold_inclusive = models.BooleanField(
        _("threshold reached at exactly the percentage"),
        default=False,
        help_text=_("Ticked: at least the percentage (≥ 90%). Not ticked: more than it (more than half)."),
    )
    threshold_basis = models.CharField(
        _("legal basis of the threshold"),
        max_length=300,
        blank=True,
        help_text=_("Where the approval threshold is written, e.g. Khoản 7 Điều 30 Nghị định số 98/2023/NĐ-CP."),
    )
    minimum_rating = models.CharField(
        _("minimum level of task completion"),
        max_length=20,
        choices=TaskRating.choices,
        blank=True,
        help_text=_("The statutory minimum condition: a nominee rated lower is not eligible. Empty: no condition."),
    )
    conditions_basis = models.CharField(
        _("legal basis of the conditions"),
        max_length=300,
        blank=True,
        help_text=_("Where the minimum conditions are written, e.g. Điều 24 Luật Thi đua, khen thưởng 2022."),
    )
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum numerator"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum denominator"), default=3)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award catalogue")
        ordering = ["level", "recipient_kind", "name", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="awards_awardtype_code_version"),
            choices_check("category", AwardCategory, "awards_awardtype_category_valid"),
            choices_check("recipient_kind", RecipientKind, "awards_awardtype_recipient_kind_valid"),
            choices_check("level", AwardLevel, "awards_awardtype_level_valid"),
            choices_check("decided_by", DecidingAuthority, "awards_awardtype_decided_by_valid"),
            choices_check("threshold_base", ThresholdBase, "awards_awardtype_threshold_base_valid"),
            models.CheckConstraint(
                condition=Q(minimum_rating="") | Q(minimum_rating__in=TaskRating.values),
                name="awards_awardtype_minimum_rating_valid",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="awards_awardtype_valid_to_after_from",
            ),
            models.CheckConstraint(
                condition=Q(threshold_percent__gt=0, threshold_percent__lte=100),
                name="awards_awardtype_threshold_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(quorum_denominator__gt=0, quorum_numerator__lte=F("quorum_denominator")),
                name="awards_awardtype_quorum_fraction",
            ),
            models.CheckConstraint(
                condition=Q(minimum_points__isnull=True) | Q(minimum_points__gte=0),
                name="awards_awardtype_minimum_points_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class AwardPrerequisite(TimeStampedModel):
    """Titles a candidate must already hold, e.g. CSTĐ cơ sở 3 consecutive years for CSTĐ cấp bộ/tỉnh."""

    award_type = models.ForeignKey(
        AwardType, verbose_name=_("award"), related_name="prerequisites", on_delete=models.CASCADE
    )
    required_code = models.CharField(_("required title (code)"), max_length=40)
    times = models.PositiveSmallIntegerField(_("times"), default=1)
    scope = models.CharField(
        _("when"), max_length=20, choices=PrerequisiteScope.choices, default=PrerequisiteScope.CONSECUTIVE
    )

    class Meta:
        verbose_name = _("prerequisite")
        verbose_name_plural = _("prerequisites")
        ordering = ["award_type", "required_code"]
        constraints = [
            models.UniqueConstraint(fields=["award_type", "required_code"], name="awards_awardprerequisite_once"),
            choices_check("scope", PrerequisiteScope, "awards_awardprerequisite_scope_valid"),
            models.CheckConstraint(condition=Q(times__gte=1), name="awards_awardprerequisite_times_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.award_type.code} ← {self.times} × {self.required_code}"


class DisciplinaryReview(RecipientMixin, TimeStampedModel):
    """A person or organisation under disciplinary review (xem xét kỷ luật) for a period: not commendable."""

    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("disciplinary review")
        verbose_name_plural = _("disciplinary reviews")
        ordering = ["-start_date"]
        constraints = [
            one_recipient_check("awards_disciplinaryreview_one_recipient"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="awards_disciplinaryreview_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} ({self.start_date})"


class AuthorityHolder(TimeStampedModel):
    """Who holds a deciding authority: every organisation of a kind (ministries, provinces) or one named organisation
    (the Government office for the Prime Minister, a central Party body, a city's Party committee …), with the basis.

    The authority "own" needs no row: every organisation decides its own titles and its head's Giấy khen.
    """

    authority = models.CharField(_("authority"), max_length=20, choices=DecidingAuthority.choices)
    organization_kind = models.CharField(
        _("every organisation of the kind"), max_length=30, choices=OrganizationKind.choices, blank=True
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        related_name="authorities",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    legal_basis = models.CharField(_("legal basis"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("deciding authority")
        verbose_name_plural = _("deciding authorities")
        ordering = ["authority", "organization_kind", "organization__path"]
        constraints = [
            choices_check("authority", DecidingAuthority, "awards_authorityholder_authority_valid"),
            models.CheckConstraint(
                condition=(Q(organization_kind="") & Q(organization__isnull=False))
                | (~Q(organization_kind="") & Q(organization__isnull=True)),
                name="awards_authorityholder_kind_or_organization",
            ),
        ]

    def __str__(self) -> str:
        holder = self.organization or self.get_organization_kind_display()
        return f"{holder}: {self.get_authority_display()}"
