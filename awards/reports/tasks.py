"""Celery tasks of the campaign reports (imported by awards/tasks.py): thin, safe to run twice."""

from celery import shared_task

from awards.reports.services import REPORT_GENERATE_TASK, report_generate

__all__ = ["report_generate_task"]


@shared_task(name=REPORT_GENERATE_TASK)
def report_generate_task(*, report_id: int) -> None:
    """Generate one campaign report; a no-op when it is gone or already claimed."""
    report_generate(report_id=report_id)
