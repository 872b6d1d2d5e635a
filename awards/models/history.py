"""The award ledger (lịch sử khen thưởng): every award a person or organisation has received."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import RecordSource
from awards.models._common import RecipientMixin, one_recipient_check
from common.db import TimeStampedModel, choices_check
from common.search import SearchTextModel


class AwardRecord(SearchTextModel, RecipientMixin, TimeStampedModel):
    """One award received: from a decision issued here, or imported / entered for past years.

    Eligibility checks read this ledger by ``award_code`` and ``year``. ``award_type`` is set when the award is in
    the catalogue; imported rows may name awards that are not (``award_name`` keeps the text).
    """

    SEARCH_FIELDS = ("award_name", "award_code", "decision_number")

    award_type = models.ForeignKey(
        "awards.AwardType",
        verbose_name=_("award"),
        related_name="records",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    award_code = models.CharField(_("award code"), max_length=40, blank=True)
    award_name = models.CharField(_("award"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    achievement = models.TextField(_("achievement"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=RecordSource.choices)
    decision_recipient = models.OneToOneField(
        "awards.DecisionRecipient",
        verbose_name=_("decision line"),
        related_name="record",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    revoked_by = models.ForeignKey(
        "awards.AwardDecision",
        verbose_name=_("revoked by"),
        related_name="revoked_records",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), related_name="+", on_delete=models.SET_NULL, null=True
    )

    class Meta:
        verbose_name = _("award record")
        verbose_name_plural = _("award history")
        ordering = ["-year", "award_name"]
        constraints = [
            one_recipient_check("awards_awardrecord_one_recipient"),
            choices_check("source", RecordSource, "awards_awardrecord_source_valid"),
            models.CheckConstraint(condition=Q(year__gte=1945, year__lte=2200), name="awards_awardrecord_year_range"),
            # An import run twice must not double the ledger.
            models.UniqueConstraint(
                fields=["person", "award_code", "year", "decision_number"],
                condition=Q(person__isnull=False),
                name="awards_awardrecord_person_once",
            ),
            models.UniqueConstraint(
                fields=["organization", "award_code", "year", "decision_number"],
                condition=Q(organization__isnull=False),
                name="awards_awardrecord_organization_once",
            ),
        ]
        # The unique constraints above start with person / organization: they serve award_history_for (profile
        # pages) and the eligibility reads by recipient.
        indexes = [
            # award_record_list: search by year across the ledger.
            models.Index(fields=["year", "award_code"], name="awardrecord_year_code_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.award_name} {self.year} – {self.recipient}"
