"""What the public pages (no login) may show: an organisation's choice to publish its rankings and decisions, and
comments the public sends on an open disclosure, held until an officer accepts or rejects them.

A public comment's ``contact`` (e-mail or phone) is for the officer only: no public page ever shows it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.db import TimeStampedModel, choices_check


class Publication(TimeStampedModel):
    """An organisation's choice of what its public page shows (nothing until it says so)."""

    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("organisation"),
        related_name="publication",
        on_delete=models.CASCADE,
    )
    publish_rankings = models.BooleanField(_("publish the rankings of its campaigns"), default=False)
    publish_decisions = models.BooleanField(_("publish its issued award decisions"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), related_name="+", on_delete=models.SET_NULL, null=True
    )

    class Meta:
        verbose_name = _("publication choice")
        verbose_name_plural = _("publication choices")

    def __str__(self) -> str:
        return str(self.organization)


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class PublicComment(TimeStampedModel):
    """A comment sent from the public disclosure page; shown publicly (name and text only) once accepted."""

    disclosure = models.ForeignKey(
        "awards.PublicDisclosure",
        verbose_name=_("disclosure"),
        related_name="public_comments",
        on_delete=models.CASCADE,
    )
    nomination = models.ForeignKey(
        "awards.Nomination",
        verbose_name=_("nomination"),
        related_name="public_comments",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    author_name = models.CharField(_("your name"), max_length=150)
    contact = models.CharField(
        _("e-mail or phone"), max_length=200, help_text=_("Seen only by the officers, to reply to you.")
    )
    body = models.TextField(_("comment"), max_length=3000)
    status = models.CharField(_("status"), max_length=20, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("public comment")
        verbose_name_plural = _("public comments")
        ordering = ["created_at"]
        constraints = [choices_check("status", CommentStatus, "awards_publiccomment_status_valid")]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:40]}"
