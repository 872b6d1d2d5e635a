"""Celery task of the outbox: the periodic drain (scheduled by beat, see CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from outbox.services import outbox_drain


@shared_task(name="outbox.drain", ignore_result=True)
def outbox_drain_task() -> int:
    """Publish the outbox rows still unsent (in order); safe to run twice (rows are claimed, skip_locked)."""
    return outbox_drain()
