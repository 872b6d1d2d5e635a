"""Proposals to the level above (hồ sơ đề nghị khen thưởng): the approved nominations of one council session sent
to the organisation that may decide them, its desk's receipt, a specialist's check, the upper council's decision
and the upper decision that sends the results back. Every step is a ``ProposalEvent`` (who, when, what, why).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import CheckResult, ItemDecision, ProposalAction, ProposalStatus
from common.db import TimeStampedModel, choices_check


class Proposal(TimeStampedModel):
    proposer = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("proposed by"),
        related_name="proposals_sent",
        on_delete=models.PROTECT,
    )
    recipient = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("sent to"),
        related_name="proposals_received",
        on_delete=models.PROTECT,
    )
    session = models.ForeignKey(
        "awards.CouncilSession",
        verbose_name=_("council session"),
        related_name="proposals",
        on_delete=models.PROTECT,
        help_text=_("Its minutes go with the proposal."),
    )
    title = models.CharField(_("title"), max_length=500)
    cover_note = models.TextField(_("cover request (tờ trình) summary"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT)
    # The specialist the upper desk assigned to check it.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("specialist"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    # When the proposal entered its current status: the step's time limit counts from here.
    status_changed_at = models.DateTimeField(_("in this status since"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    upper_decision = models.ForeignKey(
        "awards.AwardDecision",
        verbose_name=_("upper decision"),
        related_name="proposals",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), related_name="+", on_delete=models.SET_NULL, null=True
    )

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]
        constraints = [choices_check("status", ProposalStatus, "awards_proposal_status_valid")]
        indexes = [
            # proposal_list_for_user: the desk's inbox (sent to an organisation, by status).
            models.Index(fields=["recipient", "status"], name="proposal_recipient_status_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class ProposalItem(TimeStampedModel):
    """One nominee of a proposal: the specialist's check and the upper council's decision."""

    proposal = models.ForeignKey(Proposal, verbose_name=_("proposal"), related_name="items", on_delete=models.CASCADE)
    nomination = models.ForeignKey(
        "awards.Nomination", verbose_name=_("nomination"), related_name="proposal_items", on_delete=models.PROTECT
    )
    check_result = models.CharField(_("check"), max_length=20, choices=CheckResult.choices, blank=True)
    check_reason = models.TextField(_("reason of the check"), blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=ItemDecision.choices, blank=True)
    decision_reason = models.TextField(_("reason of the decision"), blank=True)

    class Meta:
        verbose_name = _("proposed nominee")
        verbose_name_plural = _("proposed nominees")
        ordering = ["proposal", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "nomination"], name="awards_proposalitem_once"),
            models.CheckConstraint(
                condition=Q(check_result="") | Q(check_result__in=CheckResult.values),
                name="awards_proposalitem_check_valid",
            ),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decision__in=ItemDecision.values),
                name="awards_proposalitem_decision_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.nomination)


class ProposalEvent(TimeStampedModel):
    """One step of a proposal (who, when, what, why): the dossier's printable history."""

    proposal = models.ForeignKey(Proposal, verbose_name=_("proposal"), related_name="events", on_delete=models.CASCADE)
    action = models.CharField(_("step"), max_length=20, choices=ProposalAction.choices)
    status = models.CharField(_("status after"), max_length=20, choices=ProposalStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), related_name="+", on_delete=models.SET_NULL, null=True
    )

    class Meta:
        verbose_name = _("proposal step")
        verbose_name_plural = _("proposal history")
        ordering = ["proposal", "created_at", "pk"]
        constraints = [choices_check("action", ProposalAction, "awards_proposalevent_action_valid")]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.get_action_display()}"


class Holiday(TimeStampedModel):
    """A day off in the working-day calendar (public holidays, Tết), kept per year as data."""

    day = models.DateField(_("day"), unique=True)
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"


class StepTimeLimit(TimeStampedModel):
    """How many working days a proposal may stay in a status before it is overdue (e.g. received → checked: 5)."""

    status = models.CharField(_("status"), max_length=20, choices=ProposalStatus.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(_("working days"))
    legal_basis = models.CharField(_("basis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("time limit of a step")
        verbose_name_plural = _("time limits of the steps")
        ordering = ["status"]
        constraints = [choices_check("status", ProposalStatus, "awards_steptimelimit_status_valid")]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.working_days}"
