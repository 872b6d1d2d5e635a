"""Import of organisations and people from .xlsx / .csv files, all-or-nothing, upsert by code.

``reading`` turns a file into numbered rows, ``organization_rows`` / ``person_rows`` validate and apply
them, ``jobs`` holds the services the views, the command and the Celery task call.
"""

from organizations.imports.jobs import import_job_create, import_job_run, import_template_build
from organizations.imports.reading import ImportFileError, check_content

__all__ = ["ImportFileError", "check_content", "import_job_create", "import_job_run", "import_template_build"]
