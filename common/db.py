"""Abstract model pieces shared by every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


def choices_check(field: str, choices: type[models.TextChoices], name: str) -> models.CheckConstraint:
    """A database CHECK that ``field`` holds one of the TextChoices values (states stay valid under raw SQL)."""
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": choices.values}), name=name)
