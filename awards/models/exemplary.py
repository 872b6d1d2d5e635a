"""Exemplary models (điển hình tiên tiến): a collective, a person or a way of working, followed through the four
stages every directive names — phát hiện (found), bồi dưỡng (nurtured), tổng kết (summed up), nhân rộng
(replicated) — each stage proposed by one officer with its date and evidence and confirmed by another; and the
units that adopted it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.db import TimeStampedModel, choices_check


class ExemplaryKind(models.TextChoices):
    COLLECTIVE = "collective", _("A collective")
    PERSON = "person", _("A person")
    METHOD = "method", _("A way of working")


class ExemplaryStage(models.TextChoices):
    FOUND = "found", _("Found (phát hiện)")
    NURTURED = "nurtured", _("Nurtured (bồi dưỡng)")
    SUMMED_UP = "summed_up", _("Summed up (tổng kết)")
    REPLICATED = "replicated", _("Replicated (nhân rộng)")


STAGE_ORDER = [ExemplaryStage.FOUND, ExemplaryStage.NURTURED, ExemplaryStage.SUMMED_UP, ExemplaryStage.REPLICATED]


class ExemplaryModel(TimeStampedModel):
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        related_name="exemplary_models",
        on_delete=models.PROTECT,
        help_text=_("The unit where the model was found (or the person's unit)."),
    )
    person = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("person"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        related_name="exemplary_models",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ExemplaryKind.choices)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=ExemplaryStage.choices, default=ExemplaryStage.FOUND)
    is_public = models.BooleanField(_("shown on the public pages"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), related_name="+", on_delete=models.SET_NULL, null=True
    )

    class Meta:
        verbose_name = _("exemplary model")
        verbose_name_plural = _("exemplary models")
        ordering = ["-created_at"]
        constraints = [
            choices_check("kind", ExemplaryKind, "awards_exemplarymodel_kind_valid"),
            choices_check("stage", ExemplaryStage, "awards_exemplarymodel_stage_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class ExemplaryStep(TimeStampedModel):
    """One stage of a model: proposed with its date and evidence, then confirmed (the model moves on)."""

    model = models.ForeignKey(
        ExemplaryModel, verbose_name=_("exemplary model"), related_name="steps", on_delete=models.CASCADE
    )
    stage = models.CharField(_("stage"), max_length=20, choices=ExemplaryStage.choices)
    date = models.DateField(_("date"))
    evidence = models.TextField(_("evidence"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), related_name="+", on_delete=models.SET_NULL, null=True
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("stage of an exemplary model")
        verbose_name_plural = _("stages of exemplary models")
        ordering = ["model", "date", "pk"]
        constraints = [
            choices_check("stage", ExemplaryStage, "awards_exemplarystep_stage_valid"),
            models.UniqueConstraint(fields=["model", "stage"], name="awards_exemplarystep_once_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.model} – {self.get_stage_display()}"


class ExemplaryAdoption(TimeStampedModel):
    """A unit that adopted the model (nhân rộng)."""

    model = models.ForeignKey(
        ExemplaryModel, verbose_name=_("exemplary model"), related_name="adoptions", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("adopting unit"), related_name="+", on_delete=models.PROTECT
    )
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("adoption of an exemplary model")
        verbose_name_plural = _("adoptions of exemplary models")
        ordering = ["model", "date"]
        constraints = [
            models.UniqueConstraint(fields=["model", "organization"], name="awards_exemplaryadoption_once"),
        ]

    def __str__(self) -> str:
        return f"{self.model} → {self.organization}"
