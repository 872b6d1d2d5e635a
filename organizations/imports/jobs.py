"""Import jobs: store an upload, then (in a Celery task) validate every row and apply all or nothing."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from datetime import timedelta

import openpyxl
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl.styles import Font

import outbox
from common.spreadsheets import cells_as_text
from organizations.enums import ImportKind, ImportStatus
from organizations.imports import organization_rows, person_rows
from organizations.imports.common import ApplyError, authority_for
from organizations.imports.reading import ImportFileError, read_table
from organizations.models import ImportJob

IMPORT_JOB_RUN_TASK = "organizations.import_job_run"  # organizations/tasks.py

logger = logging.getLogger(__name__)

HANDLERS = {ImportKind.ORGANIZATIONS: organization_rows, ImportKind.PEOPLE: person_rows}


@dataclass(frozen=True)
class Outcome:
    status: str
    rows_total: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)


def import_job_create(*, kind: str, file_name: str, content: bytes, created_by, enqueue: bool = True) -> ImportJob:
    """Store an upload as a pending job; unless ``enqueue`` is off, queue its processing after commit."""
    if kind not in ImportKind.values:
        raise ValueError(f"unknown import kind {kind!r}")
    job = ImportJob.objects.create(kind=kind, file_name=file_name[:255], content=content, created_by=created_by)
    if enqueue:
        outbox.enqueue(IMPORT_JOB_RUN_TASK, job_id=job.pk)  # published after commit
    return job


def import_job_run(*, job_id: int) -> ImportJob:
    """Claim a pending job and process it; a job already claimed is returned unchanged (safe to run twice).

    Stores status done/failed, counts, errors and ``finished_at``. Messages are written in the site
    language. An unexpected exception marks the job failed with a generic error and is re-raised.
    """
    # A job left "running" by a killed worker is claimed again once the task time limit has passed
    # (the broker redelivers it: acks_late); applying is an idempotent upsert, so a rerun is safe.
    stale_before = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    claimable = Q(status=ImportStatus.PENDING) | Q(status=ImportStatus.RUNNING, updated_at__lt=stale_before)
    claimed = ImportJob.objects.filter(claimable, pk=job_id).update(
        status=ImportStatus.RUNNING, updated_at=timezone.now()
    )
    job = ImportJob.objects.get(pk=job_id)
    if not claimed:
        return job
    with translation.override(settings.LANGUAGE_CODE):
        try:
            # The rows and the job's final status are committed together, or not at all.
            with transaction.atomic():
                return _finish(job, _process(job))
        except Exception:
            logger.exception("Import job %s failed unexpectedly", job_id)
            message = _("The import stopped because of an unexpected error; nothing was saved. Please try again.")
            _finish(job, Outcome(status=ImportStatus.FAILED, errors=[{"line": None, "message": message}]))
            raise


def _process(job: ImportJob) -> Outcome:
    handler = HANDLERS[job.kind]
    try:
        table = read_table(content=bytes(job.content), file_name=job.file_name, columns=handler.COLUMNS)
    except ImportFileError as error:
        return Outcome(status=ImportStatus.FAILED, errors=[{"line": None, "message": m} for m in error.messages])
    plan, errors = handler.validate(table=table, authority=authority_for(job.created_by))
    if errors:
        return Outcome(status=ImportStatus.FAILED, rows_total=len(table.rows), errors=errors.as_list())
    note = (_("Imported from %(file)s") % {"file": job.file_name})[:255]
    try:
        with transaction.atomic():
            counts = handler.apply(plan=plan, changed_by=job.created_by, note=note)
    except ApplyError as error:
        errors = [{"line": error.line, "message": message} for message in error.messages]
        return Outcome(status=ImportStatus.FAILED, rows_total=len(table.rows), errors=errors)
    return Outcome(status=ImportStatus.DONE, rows_total=len(table.rows), counts=counts)


def _finish(job: ImportJob, outcome: Outcome) -> ImportJob:
    job.status = outcome.status
    job.rows_total = outcome.rows_total
    job.created_count = outcome.counts.get("created", 0)
    job.updated_count = outcome.counts.get("updated", 0)
    job.unchanged_count = outcome.counts.get("unchanged", 0)
    job.errors = outcome.errors
    job.finished_at = timezone.now()
    job.save(
        update_fields=[
            "status",
            "rows_total",
            "created_count",
            "updated_count",
            "unchanged_count",
            "errors",
            "finished_at",
            "updated_at",
        ]
    )
    return job


def import_template_build(*, kind: str) -> bytes:
    """An .xlsx with the Vietnamese header row and one example row for ``kind`` ("organizations" or "people")."""
    handler = HANDLERS[ImportKind(kind)]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = kind
    sheet.append([column.header for column in handler.COLUMNS])
    sheet.append(list(handler.EXAMPLE))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(14, len(cell.value) + 4)
    for cell in sheet[2]:
        cell.number_format = "@"  # codes, dates and phone numbers stay text (leading zeros survive)
    buffer = io.BytesIO()
    cells_as_text(workbook).save(buffer)  # typed text never becomes a formula
    return buffer.getvalue()
