"""A real Celery worker, in its own process, runs an import through Redis against the test database.

Needs PostgreSQL (an in-memory SQLite test database is invisible to another process) and REDIS_URL.
Skipped without them locally; `.ci/run` sets CI_REQUIRE_SERVICES=1 so that CI fails instead.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from celery.result import EagerResult
from django.conf import settings
from django.db import connection

from emulation.celery import app as celery_app
from organizations.enums import ImportKind, ImportStatus
from organizations.models import ImportJob, Organization
from organizations.tasks import import_job_run_task

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

SERVICES_REQUIRED = os.environ.get("CI_REQUIRE_SERVICES") == "1"
TASK_NAME = "organizations.import_job_run"
JOB_TIMEOUT = 60  # seconds: worker start-up (~3 s) plus the import
CSV = (
    "code,name,short_name,kind,parent_code\n"
    "SO-GDDT,Sở Giáo dục và Đào tạo,Sở GD&ĐT,department,\n"
    "THPT-LQD,Trường THPT Lê Quý Đôn,THPT LQĐ,unit,SO-GDDT\n"
).encode()


@pytest.fixture
def broker() -> Iterator[None]:
    """Skip (or, with CI_REQUIRE_SERVICES=1, fail) without Redis and PostgreSQL; send tasks to Redis."""
    problems = []
    if not os.environ.get("REDIS_URL"):
        problems.append("REDIS_URL is not set")
    if connection.vendor != "postgresql":
        problems.append(f"the database is {connection.vendor}, not PostgreSQL")
    if settings.CELERY_TASK_ALWAYS_EAGER:
        problems.append("CELERY_TASK_ALWAYS_EAGER is on")
    if problems:
        reason = "a real worker needs Redis and PostgreSQL: " + "; ".join(problems)
        if SERVICES_REQUIRED:
            pytest.fail(f"CI_REQUIRE_SERVICES=1 but {reason}")
        pytest.skip(reason)
    # Other tests may run tasks in-process; this one must go through the broker whatever they set.
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = previous


def _test_database_url() -> str:
    """The URL of the database this test runs in (``test_…``), for the worker process."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}@{db.get('HOST') or ''}{port}/{quote(db['NAME'], safe='')}"


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # warm shutdown: finish the current task
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def _worker(log_path: Path, queue: str, *, extra_env: dict | None = None) -> Iterator[subprocess.Popen]:
    """A worker consuming only ``queue``; stopped on exit, its log printed if the test failed."""
    env = {
        **os.environ,
        "DATABASE_URL": _test_database_url(),
        "REDIS_URL": os.environ["REDIS_URL"],
        "DJANGO_SETTINGS_MODULE": "emulation.settings",
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra_env or {})
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "emulation",
        "worker",
        "--pool=solo",
        "--loglevel=INFO",
        "-Q",
        queue,
        "-n",
        f"{queue}@%h",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
        )
    failed = False
    try:
        yield process
    except BaseException:
        failed = True
        raise
    finally:
        _stop(process)
        if failed:
            print(f"----- worker log ({' '.join(command)}) -----")
            print(log_path.read_text(encoding="utf-8", errors="replace"))


def _wait_for(condition: Callable[[], bool], *, process: subprocess.Popen, log_path: Path, what: str) -> None:
    deadline = time.monotonic() + JOB_TIMEOUT
    while time.monotonic() < deadline:
        if condition():
            return
        if process.poll() is not None:
            pytest.fail(f"the worker exited with code {process.returncode} while waiting for {what}")
        if "raised unexpected" in log_path.read_text(encoding="utf-8", errors="replace"):
            pytest.fail(f"the task raised in the worker while waiting for {what}")
        time.sleep(0.25)
    pytest.fail(f"timed out after {JOB_TIMEOUT} s waiting for {what}")


def _succeeded_in_log(log_path: Path, task_id: str) -> bool:
    return f"{TASK_NAME}[{task_id}] succeeded" in log_path.read_text(encoding="utf-8", errors="replace")


def _send(job: ImportJob, queue: str):
    result = import_job_run_task.apply_async(kwargs={"job_id": job.pk}, queue=queue)
    assert not isinstance(result, EagerResult), "the task ran in-process instead of going through Redis"
    return result


def _assert_two_organisations_imported() -> None:
    assert Organization.objects.count() == 2
    parent = Organization.objects.get(code="SO-GDDT")
    child = Organization.objects.get(code="THPT-LQD")
    assert parent.parent is None
    assert child.parent == parent
    assert child.name == "Trường THPT Lê Quý Đôn"
    assert child.path.startswith(parent.path) and child.path != parent.path
    assert child.depth == parent.depth + 1


def _new_job() -> ImportJob:
    return ImportJob.objects.create(kind=ImportKind.ORGANIZATIONS, file_name="x.csv", content=CSV, created_by=None)


def test_worker_process_runs_import_job_from_redis(broker, tmp_path):
    # Arrange
    queue = f"test-worker-{uuid.uuid4().hex}"
    log_path = tmp_path / "worker.log"
    job = _new_job()

    with _worker(log_path, queue) as process:
        # Act
        result = _send(job, queue)

        def job_finished() -> bool:
            job.refresh_from_db()
            return job.is_finished

        _wait_for(job_finished, process=process, log_path=log_path, what=f"import job {job.pk} to finish")
        _wait_for(
            lambda: _succeeded_in_log(log_path, result.id),
            process=process,
            log_path=log_path,
            what="the worker to log the task as succeeded",
        )

        # Assert
        assert job.status == ImportStatus.DONE, job.errors
        assert job.created_count == 2
        assert job.finished_at is not None
        _assert_two_organisations_imported()
        worker_log = log_path.read_text(encoding="utf-8", errors="replace")
        assert f"Task {TASK_NAME}[{result.id}] received" in worker_log


def test_worker_running_same_job_twice_imports_once(broker, tmp_path):
    # Arrange
    queue = f"test-worker-{uuid.uuid4().hex}"
    log_path = tmp_path / "worker.log"
    job = _new_job()

    with _worker(log_path, queue) as process:
        # Act: a redelivered or double-clicked job reaches the worker twice.
        first = _send(job, queue)
        second = _send(job, queue)
        _wait_for(
            lambda: _succeeded_in_log(log_path, first.id) and _succeeded_in_log(log_path, second.id),
            process=process,
            log_path=log_path,
            what="both deliveries of the task to succeed",
        )

        # Assert
        job.refresh_from_db()
        assert job.status == ImportStatus.DONE, job.errors
        # The second delivery found the job already claimed and left it (and its counts) alone.
        assert (job.created_count, job.updated_count) == (2, 0)
        _assert_two_organisations_imported()
        assert ImportJob.objects.count() == 1
