"""One row per requested Celery task, written in the requesting transaction and marked sent once published."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    task_name = models.CharField(_("task"), max_length=200)
    kwargs = models.JSONField(_("arguments"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        indexes = [
            # services.outbox_drain: the unsent rows in order; a partial index stays as small as the backlog.
            models.Index(fields=["id"], condition=Q(sent_at__isnull=True), name="outbox_message_unsent"),
            # services.outbox_prune: the rows sent before the retention cut-off.
            models.Index(fields=["sent_at"], condition=Q(sent_at__isnull=False), name="outbox_message_sent"),
        ]

    def __str__(self) -> str:
        return f"{self.task_name} #{self.pk}"
