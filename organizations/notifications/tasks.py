"""Celery tasks of notifications (imported by organizations/tasks.py): thin, safe to run twice."""

from celery import shared_task

from organizations.notifications.services import (
    NOTIFICATION_DIGEST_TASK,
    NOTIFICATION_EMAIL_RETRY_TASK,
    NOTIFICATION_EMAIL_SEND_TASK,
    SEND_ERRORS,
    notification_digest_send,
    notification_email_retry,
    notification_email_send,
)

__all__ = ["notification_digest_task", "notification_email_retry_task", "notification_email_send_task"]


@shared_task(name=NOTIFICATION_EMAIL_SEND_TASK, bind=True, max_retries=5)
def notification_email_send_task(self, *, notification_id: int) -> None:
    """Send one notification's e-mail; a no-op when it was sent or is being sent. Retries SMTP failures with backoff.

    In-process (no broker) a failure is left recorded for the beat sweep instead of failing the request after commit.
    """
    try:
        notification_email_send(notification_id=notification_id)
    except SEND_ERRORS as exc:
        if self.request.is_eager:
            return
        countdown = 60 * 2**self.request.retries
        raise self.retry(exc=exc, countdown=countdown, kwargs={"notification_id": notification_id}) from exc


@shared_task(name=NOTIFICATION_EMAIL_RETRY_TASK)
def notification_email_retry_task() -> int:
    """Re-enqueue failed e-mails and claims of dead workers (beat)."""
    return notification_email_retry()


@shared_task(name=NOTIFICATION_DIGEST_TASK)
def notification_digest_task() -> int:
    """Send the daily digests (beat)."""
    return notification_digest_send()
