"""Celery tasks of the organisations app: thin wrappers that load ids and call one service."""

from celery import shared_task

from organizations.imports.jobs import IMPORT_JOB_RUN_TASK, import_job_run
from organizations.models import ImportJob
from organizations.notifications.tasks import *  # noqa: F403


@shared_task(name=IMPORT_JOB_RUN_TASK)
def import_job_run_task(*, job_id: int) -> None:
    """Process one uploaded import file (all-or-nothing); safe to run twice."""
    if not ImportJob.objects.filter(pk=job_id).exists():
        return
    import_job_run(job_id=job_id)
