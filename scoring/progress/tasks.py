"""Celery task of the progress part (imported by scoring/tasks.py): the daily deadline notices (beat)."""

from celery import shared_task

from scoring.progress.services import DEADLINE_NOTIFY_TASK, deadline_notify

__all__ = ["deadline_notify_task"]


@shared_task(name=DEADLINE_NOTIFY_TASK)
def deadline_notify_task() -> int:
    """Phase opening, deadline soon and overdue notices of the day; safe to run twice (keyed notifications)."""
    return deadline_notify()
