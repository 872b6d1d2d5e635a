"""Celery tasks of the shared infrastructure (autodiscovered: ``common`` is an installed app)."""

from celery import shared_task

from common.files import private_files_sweep


@shared_task(name="common.private_files_sweep", ignore_result=True)
def private_files_sweep_task() -> int:
    """Remove orphaned private files (beat, hourly); safe to run twice."""
    return private_files_sweep()
