"""Numbered award decisions, their recipients, and the certificates rendered for them.

An issued decision and its recipient lines are immutable in the database itself (triggers in migration 0002
refuse UPDATE and DELETE of an issued decision and any change to its lines). Corrections and revocations are new
decisions that refer to the old one. Generated files live in their own rows (``DecisionDocument``,
``Certificate``) so rendering never touches the decision.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import AuthorityPrefix, DecisionKind, DecisionStatus, RegisterKind, RenderStatus
from awards.models._common import RecipientMixin, one_recipient_check
from common.db import TimeStampedModel, choices_check
from organizations.enums import DocumentStyle


class Register(TimeStampedModel):
    """A per-organisation, per-year number sequence: decision numbers, golden-book numbers, certificate serials.

    Numbers are taken under a row lock inside the issuing transaction, so they have no gaps and no duplicates.
    """

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organisation"), related_name="registers", on_delete=models.PROTECT
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RegisterKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    symbol = models.CharField(_("symbol"), max_length=40, help_text=_("E.g. QĐ-BTG for numbers like 45/QĐ-BTG."))
    last_number = models.PositiveIntegerField(_("last number used"), default=0)

    class Meta:
        verbose_name = _("number register")
        verbose_name_plural = _("number registers")
        ordering = ["organization", "-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind", "year"], name="awards_register_once_per_year"),
            choices_check("kind", RegisterKind, "awards_register_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} {self.year} ({self.last_number})"


class AwardDecision(TimeStampedModel):
    """Quyết định khen thưởng: drafted, then issued once with a number from the register; immutable after."""

    issuing_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("issuing organisation"),
        related_name="award_decisions",
        on_delete=models.PROTECT,
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        related_name="award_decisions",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices, default=DecisionKind.AWARD)
    refers_to = models.ForeignKey(
        "self",
        verbose_name=_("corrects or revokes"),
        related_name="followups",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    status = models.CharField(_("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT)
    register = models.ForeignKey(
        Register, verbose_name=_("register"), related_name="decisions", on_delete=models.PROTECT, null=True, blank=True
    )
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    number_text = models.CharField(_("decision number"), max_length=60, blank=True)
    # A draft's planned date (the legal basis is generated for it); the date of issue once issued.
    decision_date = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    # The organisation's style when the decision was issued (State or Party layout and number); a draft follows
    # its organisation's current style.
    document_style = models.CharField(
        _("document style"), max_length=10, choices=DocumentStyle.choices, default=DocumentStyle.STATE
    )
    authority_parent = models.CharField(_("parent authority (header line 1)"), max_length=255, blank=True)
    authority_name = models.CharField(_("authority (header line 2)"), max_length=255)
    title = models.CharField(_("about"), max_length=500)
    decider = models.CharField(
        _("deciding authority"),
        max_length=255,
        blank=True,
        help_text=_("Printed in capitals under the title, e.g. TRƯỞNG BAN TUYÊN GIÁO THÀNH ỦY."),
    )
    legal_basis = models.TextField(_("legal basis"), help_text=_("One “Căn cứ …” line per line."))
    proposal = models.CharField(
        _("proposed by"), max_length=500, blank=True, help_text=_("The “Xét đề nghị của …” line after the legal basis.")
    )
    article_2 = models.TextField(_("Article 2"), blank=True)
    article_3 = models.TextField(_("Article 3"), blank=True)
    body = models.TextField(
        _("further articles"), blank=True, help_text=_("Articles after Article 3, separated by an empty line.")
    )
    recipients_of_copies = models.TextField(_("copies to (Nơi nhận)"), blank=True)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Required for a correction or revocation."))
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signer"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    signer_name = models.CharField(_("signer's name"), max_length=150)
    signer_prefix = models.CharField(
        _("authority prefix"),
        max_length=5,
        choices=AuthorityPrefix.choices,
        blank=True,
        help_text=_("Empty: the head signs in their own right."),
    )
    signer_on_behalf_of = models.CharField(
        _("signs for"),
        max_length=150,
        blank=True,
        help_text=_("After the prefix: BAN THƯỜNG VỤ for T/M, TRƯỞNG BAN for K/T, GIÁM ĐỐC for KT."),
    )
    signer_title = models.CharField(_("signer's title"), max_length=150)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), related_name="+", on_delete=models.SET_NULL, null=True
    )

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["-decision_date", "-number", "-pk"]
        constraints = [
            choices_check("kind", DecisionKind, "awards_awarddecision_kind_valid"),
            choices_check("status", DecisionStatus, "awards_awarddecision_status_valid"),
            choices_check("document_style", DocumentStyle, "awards_awarddecision_document_style_valid"),
            models.CheckConstraint(
                condition=Q(signer_prefix="") | Q(signer_prefix__in=AuthorityPrefix.values),
                name="awards_awarddecision_signer_prefix_valid",
            ),
            models.UniqueConstraint(fields=["register", "number"], name="awards_awarddecision_number_once"),
            models.CheckConstraint(
                condition=Q(status=DecisionStatus.DRAFT)
                | Q(number__isnull=False, register__isnull=False, decision_date__isnull=False, issued_at__isnull=False),
                name="awards_awarddecision_issued_complete",
            ),
            models.CheckConstraint(
                condition=Q(kind=DecisionKind.AWARD) | Q(refers_to__isnull=False),
                name="awards_awarddecision_followup_refers",
            ),
        ]

    def __str__(self) -> str:
        return self.number_text or str(_("Draft decision"))

    @property
    def is_issued(self) -> bool:
        return self.status == DecisionStatus.ISSUED


class DecisionRecipient(RecipientMixin, TimeStampedModel):
    """One line of Điều 1: who receives which award, with the names as printed (snapshots)."""

    decision = models.ForeignKey(
        AwardDecision, verbose_name=_("decision"), related_name="recipients", on_delete=models.PROTECT
    )
    nomination = models.ForeignKey(
        "awards.Nomination",
        verbose_name=_("nomination"),
        related_name="decision_lines",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    award_type = models.ForeignKey(
        "awards.AwardType", verbose_name=_("award"), related_name="+", on_delete=models.PROTECT
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    recipient_name = models.CharField(_("recipient"), max_length=255)
    recipient_detail = models.CharField(_("position / unit"), max_length=255, blank=True)
    achievement = models.TextField(_("achievement wording"), blank=True)

    class Meta:
        verbose_name = _("decision recipient")
        verbose_name_plural = _("decision recipients")
        ordering = ["decision", "position", "pk"]
        constraints = [one_recipient_check("awards_decisionrecipient_one_recipient")]

    def __str__(self) -> str:
        return f"{self.recipient_name} – {self.award_type}"


class DecisionDocument(TimeStampedModel):
    """The decision rendered as a PDF (official layout); written by a task after issuing."""

    decision = models.OneToOneField(
        AwardDecision, verbose_name=_("decision"), related_name="document", on_delete=models.PROTECT
    )
    status = models.CharField(_("status"), max_length=20, choices=RenderStatus.choices, default=RenderStatus.PENDING)
    file = models.FileField(_("PDF"), upload_to="awards/decisions/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("decision PDF")
        verbose_name_plural = _("decision PDFs")
        constraints = [choices_check("status", RenderStatus, "awards_decisiondocument_status_valid")]

    def __str__(self) -> str:
        return str(self.decision)


class CertificateTemplate(TimeStampedModel):
    """Field positions (millimetres) for printing only the text on pre-printed blanks (phôi) of one design."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        related_name="certificate_templates",
        on_delete=models.CASCADE,
    )
    name = models.CharField(_("name"), max_length=150)
    calibration = models.JSONField(_("field positions"), default=dict, blank=True)

    class Meta:
        verbose_name = _("blank certificate template")
        verbose_name_plural = _("blank certificate templates")
        ordering = ["organization", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="awards_certificatetemplate_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class Certificate(TimeStampedModel):
    """The certificate of one decision line: numbers and code assigned at issue, the PDF rendered by a task."""

    recipient = models.OneToOneField(
        DecisionRecipient, verbose_name=_("recipient"), related_name="certificate", on_delete=models.PROTECT
    )
    serial = models.CharField(_("serial"), max_length=40, unique=True)
    golden_book_number = models.CharField(_("golden-book number"), max_length=40, unique=True)
    verify_code = models.CharField(_("verification code"), max_length=64, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=RenderStatus.choices, default=RenderStatus.PENDING)
    file = models.FileField(_("PDF"), upload_to="awards/certificates/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["recipient__decision", "recipient__position", "pk"]
        constraints = [
            choices_check("status", RenderStatus, "awards_certificate_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=RenderStatus.DONE) | ~Q(sha256=""), name="awards_certificate_done_has_hash"
            ),
        ]
        indexes = [
            # certificate_render_pending / progress of a decision: the certificates still waiting.
            models.Index(fields=["status"], name="certificate_status_idx"),
        ]

    def __str__(self) -> str:
        return self.serial
