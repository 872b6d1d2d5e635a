"""Celery tasks of the awards app's nominations part (imported by awards/tasks.py)."""

from celery import shared_task

from awards.nominations.services.nominations import NOMINATIONS_RECHECK_TASK, nominations_recheck

__all__ = ["nominations_recheck_task"]


@shared_task(name=NOMINATIONS_RECHECK_TASK)
def nominations_recheck_task(*, campaign_id: int) -> None:
    """Judge the campaign's open nominations again after a ranking run (safe to run twice; quiet if it is gone)."""
    nominations_recheck(campaign_id=campaign_id)
