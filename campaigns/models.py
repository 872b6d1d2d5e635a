"""Campaigns (phong trào thi đua), their phases (đợt) and the record of every lifecycle step."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from campaigns.enums import (
    CampaignKind,
    CampaignStatus,
    CriterionKind,
    CriterionMethod,
    ParticipantKind,
    ParticipantScope,
    PhaseCombination,
    ProductStatus,
    ProductType,
    ReviewLevel,
    RuleKind,
    RulePer,
)
from common.db import TimeStampedModel, choices_check
from common.search import SearchTextModel
from common.uploads import PDF, server_file_name
from organizations.models import Organization


def default_review_levels() -> list[str]:
    """One level: the launching organisation's reviewer (the behaviour before review levels existed)."""
    return [ReviewLevel.REVIEWER.value]


def plan_document_path(instance, filename: str) -> str:
    """Plan documents are stored under a random name, outside the public web root (served by a view)."""
    return server_file_name("campaigns/plans", PDF)


class Campaign(SearchTextModel, TimeStampedModel):
    """An emulation campaign launched by one organisation, e.g. plan 383-KH/BTGTW of 20/4/2020."""

    SEARCH_FIELDS = ("name", "plan_number", "theme")

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
    registration_required = models.BooleanField(
        _("units must register before scoring"),
        default=False,
        help_text=_("When ticked, a participant can self-score only after it has registered."),
    )
    # The review levels in order (values of ReviewLevel); the last level's approval verifies a submission.
    review_levels = models.JSONField(_("review levels"), default=default_review_levels, blank=True)
    plan_document = models.FileField(_("plan document (PDF)"), upload_to=plan_document_path, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="created_campaigns",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    # What an officer may set or correct (the launching organisation is fixed at creation).
    EDITABLE_FIELDS = (
        "kind", "plan_number", "plan_date", "signer_name", "signer_title", "name", "theme", "objectives",
        "start_date", "end_date", "interim_review_date", "final_review_date", "participant_scope",
        "phase_combination", "min_products_per_unit", "registration_required", "review_levels", "plan_document",
    )  # fmt: skip

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-start_date", "name"]
        constraints = [
            choices_check("kind", CampaignKind, "campaigns_campaign_kind_valid"),
            choices_check("status", CampaignStatus, "campaigns_campaign_status_valid"),
            choices_check("participant_scope", ParticipantScope, "campaigns_campaign_scope_valid"),
            choices_check("phase_combination", PhaseCombination, "campaigns_campaign_combination_valid"),
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


EVENT_LABELS = {
    "create": _("Draft created"),
    "edit": _("Draft edited"),
    "correction": _("Correction after launch"),
    "phase_correction": _("Phase corrected after launch"),
    "launch": _("Launched"),
    "close_scoring": _("Scoring closed"),
    "reopen_scoring": _("Scoring reopened"),
    "finalise": _("Finalised"),
    "archive": _("Archived"),
    "clone": _("Copied from another campaign"),
    "submission_window": _("Submission window opened"),
    "extension": _("Extension granted to a participant"),
    "scorer_assigned": _("Scorer assigned to an individual"),
}


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

    @property
    def action_label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))


class Phase(TimeStampedModel):
    """An ordered phase (đợt) with its own theme and dates inside the campaign; phases never overlap."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), related_name="phases", on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    theme = models.TextField(_("theme"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)
    # The submission window (hạn nộp), apart from the phase's activity period; empty: the phase's own dates.
    submission_opens = models.DateField(_("submissions open on"), null=True, blank=True)
    submission_deadline = models.DateField(_("submission deadline (hạn nộp)"), null=True, blank=True)

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
            models.CheckConstraint(
                condition=Q(submission_opens__isnull=True)
                | Q(submission_deadline__isnull=True)
                | Q(submission_deadline__gte=F("submission_opens")),
                name="campaigns_phase_window_in_order",
                violation_error_message=_("The submission deadline cannot be before the day submissions open."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def window_opens(self):
        """The first day submissions are accepted."""
        return self.submission_opens or self.start_date

    @property
    def window_closes(self):
        """The last day submissions are accepted (the deadline, else the phase's end)."""
        return self.submission_deadline or self.end_date


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
    # An individual is scored by the person's own login, a scorer of their organisation, or this assigned user.
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned scorer"),
        related_name="assigned_participations",
        on_delete=models.SET_NULL,
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


def _positive_points_check(field: str, name: str, message) -> models.CheckConstraint:  # noqa: D103
    return models.CheckConstraint(condition=Q(**{f"{field}__gt": 0}), name=name, violation_error_message=message)


class ScoringTable(TimeStampedModel):
    """The scoring table (bảng chấm điểm) of one participant kind in a campaign."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), related_name="scoring_tables", on_delete=models.CASCADE
    )
    participant_kind = models.CharField(_("for"), max_length=20, choices=ParticipantKind.choices)
    declared_total = models.DecimalField(_("declared total"), max_digits=7, decimal_places=2, default=100)
    bonus_cap = models.DecimalField(_("bonus cap"), max_digits=7, decimal_places=2, null=True, blank=True)
    penalty_cap = models.DecimalField(_("penalty cap"), max_digits=7, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("scoring table")
        verbose_name_plural = _("scoring tables")
        ordering = ["campaign", "participant_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "participant_kind"], name="campaigns_scoringtable_one_per_kind"
            ),
            choices_check("participant_kind", ParticipantKind, "campaigns_scoringtable_kind_valid"),
            _positive_points_check(
                "declared_total", "campaigns_scoringtable_total_positive", _("The declared total must be above 0.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} – {self.get_participant_kind_display()}"


class CriterionGroup(TimeStampedModel):
    """A group of criteria, nested to any depth: standard (tiêu chuẩn) → section (mục) → …, with a declared maximum."""

    table = models.ForeignKey(
        ScoringTable, verbose_name=_("scoring table"), related_name="groups", on_delete=models.CASCADE
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("inside group"), related_name="children", on_delete=models.CASCADE, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(_("code"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=500)
    max_points = models.DecimalField(_("maximum points"), max_digits=7, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("criterion group")
        verbose_name_plural = _("criterion groups")
        ordering = ["table", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_points__isnull=True) | Q(max_points__gte=0),
                name="campaigns_criteriongroup_max_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title


def _not_negative(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0}), name=name)


class Criterion(TimeStampedModel):
    """One criterion (tiêu chí): its standard points (điểm chuẩn), how its base points come about, its rule lines.

    ``max_points`` holds the standard points. The base method's structured settings (yes/no parts, bands, the
    lookup's rows, columns and points, the relative scope, the officer's labels for the inputs) are in ``params``;
    the target, the count minimum and whether a count below it earns a share have their own columns.
    ``campaigns/tables/spec.py`` turns a row into the pure ``points.CriterionSpec``.
    """

    table = models.ForeignKey(
        ScoringTable, verbose_name=_("scoring table"), related_name="criteria", on_delete=models.CASCADE
    )
    group = models.ForeignKey(
        CriterionGroup, verbose_name=_("group"), related_name="criteria", on_delete=models.CASCADE
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(_("code"), max_length=20)
    text = models.TextField(_("criterion"))
    max_points = models.DecimalField(_("standard points"), max_digits=7, decimal_places=2)
    method = models.CharField(
        _("scoring method"), max_length=20, choices=CriterionMethod.choices, default=CriterionMethod.MANUAL
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CriterionKind.choices, default=CriterionKind.REGULAR)
    target_value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2, null=True, blank=True)
    target_unit = models.CharField(_("unit"), max_length=50, blank=True)
    count_minimum = models.PositiveIntegerField(_("required minimum"), null=True, blank=True)
    count_partial = models.BooleanField(_("partial points below the minimum"), default=False)
    params = models.JSONField(_("method settings"), default=dict, blank=True)
    deduction_cap = models.DecimalField(
        _("cap on all deductions"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    bonus_cap = models.DecimalField(_("cap on all bonuses"), max_digits=7, decimal_places=2, null=True, blank=True)
    minimum_points = models.DecimalField(
        _("minimum points (điểm liệt)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    evidence_required = models.BooleanField(_("evidence required"), default=False)
    guidance = models.TextField(_("guidance"), blank=True)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["table", "group__position", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "code"],
                name="campaigns_criterion_unique_code",
                violation_error_message=_("Another criterion in this table already has this code."),
            ),
            choices_check("method", CriterionMethod, "campaigns_criterion_method_valid"),
            choices_check("kind", CriterionKind, "campaigns_criterion_kind_valid"),
            models.CheckConstraint(
                condition=Q(max_points__gte=0),
                name="campaigns_criterion_standard_not_negative",
                violation_error_message=_("The standard points cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(minimum_points__isnull=True)
                | Q(minimum_points__gte=0, minimum_points__lte=F("max_points")),
                name="campaigns_criterion_minimum_within_max",
                violation_error_message=_("The minimum points must be between 0 and the standard points."),
            ),
            _not_negative("deduction_cap", "campaigns_criterion_deduction_cap_not_negative"),
            _not_negative("bonus_cap", "campaigns_criterion_bonus_cap_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:60]}"


class CriterionRule(TimeStampedModel):
    """A rule line of a criterion (điểm thưởng / điểm trừ): "Mỗi trường hợp … trừ 0,5 điểm (tối đa 1,5 điểm)"."""

    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), related_name="rules", on_delete=models.CASCADE
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(_("code"), max_length=20)
    text = models.TextField(_("rule"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=RuleKind.choices)
    per = models.CharField(_("counted"), max_length=20, choices=RulePer.choices, blank=True)
    points = models.DecimalField(_("points"), max_digits=7, decimal_places=2, null=True, blank=True)
    bonus = models.DecimalField(_("points added for yes"), max_digits=7, decimal_places=2, null=True, blank=True)
    deduction = models.DecimalField(_("points deducted for no"), max_digits=7, decimal_places=2, null=True, blank=True)
    above = models.DecimalField(_("counted above"), max_digits=14, decimal_places=4, null=True, blank=True)
    step = models.DecimalField(_("step"), max_digits=14, decimal_places=4, null=True, blank=True)
    cap = models.DecimalField(_("at most"), max_digits=7, decimal_places=2, null=True, blank=True)
    only_without_deductions = models.BooleanField(_("only when the criterion has no deduction"), default=False)
    input_label = models.CharField(_("label of the answer"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("rule line")
        verbose_name_plural = _("rule lines")
        ordering = ["criterion", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "code"], name="campaigns_criterionrule_unique_code"),
            choices_check("kind", RuleKind, "campaigns_criterionrule_kind_valid"),
            _not_negative("points", "campaigns_criterionrule_points_not_negative"),
            _not_negative("bonus", "campaigns_criterionrule_bonus_not_negative"),
            _not_negative("deduction", "campaigns_criterionrule_deduction_not_negative"),
            _not_negative("cap", "campaigns_criterionrule_cap_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:60]}"


class Tier(TimeStampedModel):
    """A band of the classification (xếp loại) of one table: Xuất sắc ≥ 90, Khá ≥ 70, … (optional: a table may
    only rank)."""

    table = models.ForeignKey(
        ScoringTable, verbose_name=_("scoring table"), related_name="tiers", on_delete=models.CASCADE
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=100)
    lower_bound = models.DecimalField(_("from (points)"), max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = _("tier")
        verbose_name_plural = _("tiers")
        ordering = ["table", "position", "-lower_bound"]
        constraints = [
            models.UniqueConstraint(fields=["table", "name"], name="campaigns_tier_unique_name_per_table"),
            models.CheckConstraint(condition=Q(lower_bound__gte=0), name="campaigns_tier_bound_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ≥ {self.lower_bound}"


class Registration(TimeStampedModel):
    """A participant's registration (đăng ký thi đua) after launch."""

    participant = models.OneToOneField(
        Participant, verbose_name=_("participant"), related_name="registration", on_delete=models.CASCADE
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        related_name="campaign_registrations",
        on_delete=models.SET_NULL,
        null=True,
    )
    commitment = models.TextField(_("commitment"), blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.participant)


class EmulationProduct(TimeStampedModel):
    """An emulation product (sản phẩm thi đua) declared with a registration."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), related_name="products", on_delete=models.CASCADE
    )
    title = models.CharField(_("title"), max_length=500)
    product_type = models.CharField(_("type"), max_length=20, choices=ProductType.choices, default=ProductType.OTHER)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProductStatus.choices, default=ProductStatus.PLANNED)

    class Meta:
        verbose_name = _("emulation product")
        verbose_name_plural = _("emulation products")
        ordering = ["registration", "due_date", "id"]
        constraints = [
            choices_check("product_type", ProductType, "campaigns_emulationproduct_type_valid"),
            choices_check("status", ProductStatus, "campaigns_emulationproduct_status_valid"),
        ]

    def __str__(self) -> str:
        return self.title


class Covenant(TimeStampedModel):
    """A covenant (giao ước thi đua) published for a bloc's members to sign."""

    bloc = models.ForeignKey(
        "organizations.EmulationBloc", verbose_name=_("bloc"), related_name="covenants", on_delete=models.PROTECT
    )
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), related_name="covenants", on_delete=models.CASCADE, null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("text of the covenant"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        related_name="published_covenants",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("covenant")
        verbose_name_plural = _("covenants")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class CovenantSignature(TimeStampedModel):
    """A member unit's signature on a covenant: who signed for it, and when (``created_at``)."""

    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), related_name="signatures", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), related_name="covenant_signatures", on_delete=models.PROTECT
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        related_name="covenant_signatures",
        on_delete=models.PROTECT,
    )
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("covenant signature")
        verbose_name_plural = _("covenant signatures")
        ordering = ["covenant", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "organization"], name="campaigns_covenantsignature_once"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} – {self.covenant}"
