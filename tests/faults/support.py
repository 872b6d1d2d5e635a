"""Helpers of the fault tests: a private Redis that can be stopped, a live gunicorn, a worker, figures.

The private Redis listens on its own port (never the shared 6379): stopping it is the outage. Sizes come from the
environment so CI runs a short version and ``benchmarks/faults.py`` the full one; each test prints one figure line
(and appends it to ``$FAULTS_REPORT`` when set, for the script to show).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from django.conf import settings

from tests.test_worker import SERVICES_REQUIRED, _test_database_url


def env_size(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def report(line: str) -> None:
    """Print a figure line; append it to $FAULTS_REPORT for benchmarks/faults.py."""
    print(line)
    target = os.environ.get("FAULTS_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int, *, timeout: float = 30.0, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            pytest.fail(f"process exited with {process.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


class PrivateRedis:
    """A redis-server of our own on a free port, without persistence; ``stop()``/``start()`` make an outage."""

    def __init__(self, directory: Path):
        binary = shutil.which("redis-server")
        if binary is None:
            message = "redis-server is not on PATH (the Redis outage test starts its own)"
            if SERVICES_REQUIRED:
                pytest.fail(message)
            pytest.skip(message)
        self.binary, self.directory, self.port = binary, directory, free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        command += ["--dir", str(self.directory)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.port, process=self.process)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@contextmanager
def private_redis(directory: Path) -> Iterator[PrivateRedis]:
    redis = PrivateRedis(directory)
    redis.start()
    try:
        yield redis
    finally:
        redis.stop()


def app_env(redis_url: str, **extra: str) -> dict[str, str]:
    """The environment of an app process (web, worker) on the test database and the given Redis."""
    env = {
        **os.environ,
        "DATABASE_URL": _test_database_url(),
        "REDIS_URL": redis_url,
        "REDIS_CACHE_URL": redis_url.rsplit("/", 1)[0] + "/1",
        "DJANGO_SETTINGS_MODULE": "emulation.settings",
        "PYTHONUNBUFFERED": "1",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **extra,
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    return env


def spawn(command: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen:
    """Start ``command`` in its own session (so the whole process group can be killed at once)."""
    with log_path.open("ab") as log:
        return subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def worker_command(*, concurrency: int = 1, queue: str | None = None, beat_schedule: Path | None = None) -> list:
    command = [sys.executable, "-m", "celery", "-A", "emulation", "worker", "--loglevel=INFO"]
    command += ["--pool=prefork", f"--concurrency={concurrency}"] if concurrency > 1 else ["--pool=solo"]
    command += ["--without-heartbeat", "--without-gossip", "--without-mingle"]
    if queue:
        command += ["-Q", queue, "-n", f"{queue}@%h"]
    if beat_schedule:
        command += ["--beat", "--schedule", str(beat_schedule)]
    return command


def gunicorn_command(port: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "emulation.wsgi", "-b", f"127.0.0.1:{port}",
        "-w", "2", "-k", "gthread", "--threads", "8", "--timeout", "30",
    ]  # fmt: skip


def kill_group(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    """Signal the process and everything it started (its session), then reap it."""
    if process.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def stop_group(process: subprocess.Popen) -> None:
    """Warm shutdown (SIGTERM to the group), SIGKILL if it does not stop in time."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        kill_group(process)
