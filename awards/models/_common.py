"""Pieces shared by the awards models."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

POINTS = {"max_digits": 7, "decimal_places": 2}
PERCENT = {"max_digits": 5, "decimal_places": 2}


def one_recipient_check(name: str) -> models.CheckConstraint:
    """Exactly one of ``person`` / ``organization`` is set (an individual or a collective)."""
    return models.CheckConstraint(
        condition=(
            Q(person__isnull=False, organization__isnull=True) | Q(person__isnull=True, organization__isnull=False)
        ),
        name=name,
    )


class RecipientMixin(models.Model):
    """An award goes to a person (individual) or an organisation (collective), never both."""

    person = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("person"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    class Meta:
        abstract = True

    @property
    def recipient(self):
        return self.person if self.person_id else self.organization
