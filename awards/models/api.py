"""Tokens of the read-only JSON API: one organisation each, stored as a SHA-256 digest, revocable.

The API (awards/api/api.py) answers a token with the data of its organisation and everything below it. The
token itself is shown once, when it is created; only its first characters (``prefix``) are kept in clear so an
administrator can tell tokens apart.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.db import TimeStampedModel


class ApiToken(TimeStampedModel):
    """A bearer token that reads the API for ``organization`` and its subtree until it is revoked."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        related_name="api_tokens",
        on_delete=models.CASCADE,
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("Who uses it, e.g. “Provincial database”."))
    prefix = models.CharField(_("prefix"), max_length=16)
    digest = models.CharField(_("SHA-256 of the token"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), related_name="+", on_delete=models.SET_NULL, null=True
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
