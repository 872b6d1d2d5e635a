"""Import organisations or people from an .xlsx / .csv file, synchronously and all-or-nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from organizations.enums import ImportKind, ImportStatus
from organizations.imports import import_job_create, import_job_run


def _error_text(error: dict) -> str:
    if not error.get("line"):
        return error["message"]
    return _("Line %(line)s: %(message)s") % {"line": error["line"], "message": error["message"]}


class Command(BaseCommand):
    help = "Import organisations or people from an .xlsx or .csv file (all-or-nothing, upsert by code)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=ImportKind.values, help="organizations or people")
        parser.add_argument("path", type=Path, help="the .xlsx or .csv file")

    def handle(self, *args, kind: str, path: Path, **options):
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(_("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}) from error
        # No user: the command line is trusted with the whole tree, and runs without a Celery worker.
        job = import_job_create(kind=kind, file_name=path.name, content=content, created_by=None, enqueue=False)
        job = import_job_run(job_id=job.pk)
        if job.status != ImportStatus.DONE:
            for error in job.errors:
                self.stderr.write(_error_text(error))
            raise CommandError(_("The file was rejected; nothing was saved."))
        counts = {
            "rows": job.rows_total,
            "created": job.created_count,
            "updated": job.updated_count,
            "unchanged": job.unchanged_count,
        }
        summary = _("%(rows)s rows: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
        self.stdout.write(self.style.SUCCESS(summary % counts))
