"""Numbers of the yearly statistics forms (Thông tư 02/2023/TT-BNV) that are not in the data: entered once a year
per organisation on a small page, and printed in the forms with a note saying where they came from."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.db import TimeStampedModel


class StatisticsInput(TimeStampedModel):
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        related_name="statistics_inputs",
        on_delete=models.CASCADE,
    )
    year = models.PositiveSmallIntegerField(_("year"))
    receiving_unit = models.CharField(
        _("receiving unit"),
        max_length=255,
        blank=True,
        help_text=_(
            "Who receives the forms; empty for the Central Emulation and Commendation Board (Ministry of Home Affairs)."
        ),
    )
    dedicated_bodies = models.PositiveIntegerField(
        _("dedicated emulation and commendation bodies or sections"), default=0
    )
    staff_full_time = models.PositiveIntegerField(_("staff working on it full time"), default=0)
    staff_full_time_women = models.PositiveIntegerField(_("of whom women (full time)"), default=0)
    staff_part_time = models.PositiveIntegerField(_("staff working on it part time"), default=0)
    staff_part_time_women = models.PositiveIntegerField(_("of whom women (part time)"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), related_name="+", on_delete=models.SET_NULL, null=True
    )

    class Meta:
        verbose_name = _("statistics input")
        verbose_name_plural = _("statistics inputs")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="awards_statisticsinput_once_a_year"),
            models.CheckConstraint(
                condition=Q(year__gte=1945, year__lte=2200), name="awards_statisticsinput_year_range"
            ),
            models.CheckConstraint(
                condition=Q(staff_full_time_women__lte=models.F("staff_full_time"))
                & Q(staff_part_time_women__lte=models.F("staff_part_time")),
                name="awards_statisticsinput_women_within_staff",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}"
