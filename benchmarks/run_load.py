"""The load test end to end (``make load``): fresh database, data, gunicorn, Locust, one summary line.

1. (Re)creates the PostgreSQL database ``thidua_load`` (``LOAD_DATABASE_URL`` to change it), migrates it and
   builds the situation with ``benchmarks/load_data.py``.
2. Collects the static files into a temporary STATIC_ROOT and starts gunicorn on a free 127.0.0.1 port with
   DEBUG=0, a throwaway SECRET_KEY and plain-HTTP settings (no SSL redirect, cookies not Secure).
3. Runs Locust headless (``benchmarks/locustfile.py``): 50 scorers + 5 officers for 120 s.
4. Prints one summary line and the per-endpoint table, checks the targets (p95 < 300 ms, p99 < 800 ms,
   0 errors), then stops gunicorn, removes the temporary files and drops the database (``--keep`` keeps it).

Exit status: 0 when the targets are met, 1 when they are missed, 2 when the run itself failed.
Not part of ``make test``: timings depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import load_report  # the sibling module: benchmarks/ is on sys.path when run as a script

BASE_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/thidua_load"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(database_url: str, static_root: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "REDIS_CACHE_URL")}
    env.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),  # throwaway: sessions die with the run
        ALLOWED_HOSTS="127.0.0.1",
        CSRF_TRUSTED_ORIGINS=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="0",
        BEHIND_TLS_PROXY="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def _recreate_database(database_url: str) -> None:
    import psycopg2

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    if not name or not name.replace("_", "").isalnum():
        raise SystemExit(f"LOAD_DATABASE_URL must name a plain database, got {name!r}")
    admin = urlunsplit(parts._replace(path="/postgres"))
    connection = psycopg2.connect(admin)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def _drop_database(database_url: str) -> None:
    import psycopg2

    parts = urlsplit(database_url)
    connection = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')
    connection.close()


def _manage(env: dict, *args: str) -> None:
    command = [str(BIN / "python"), "manage.py", *args]
    subprocess.run(command, cwd=BASE_DIR, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - our own argv


def _wait_ready(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own 127.0.0.1 server
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout:.0f} s")


def _stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _prepare(database_url: str, env: dict, manifest: Path, units: int) -> None:
    _recreate_database(database_url)
    _manage(env, "migrate", "--no-input")
    _manage(env, "collectstatic", "--no-input")
    command = [
        str(BIN / "python"),
        str(BASE_DIR / "benchmarks" / "load_data.py"),
        "--units",
        str(units),
        "--manifest",
        str(manifest),
    ]
    subprocess.run(command, cwd=BASE_DIR, env=env, check=True)  # noqa: S603 - our own argv


def _gunicorn(env: dict, port: int, workers: int, threads: int, log: Path) -> subprocess.Popen:
    command = [
        str(BIN / "gunicorn"),
        "emulation.wsgi",
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--graceful-timeout",
        "10",
        "--preload",  # import once in the master; the workers start ready
        # Idle connections stay open longer than the users' longest pause (3 s): with gunicorn's 2 s default
        # the server closes a connection just as Locust reuses it ("Remote end closed connection"), a
        # race that a browser retries silently and that nginx in front would absorb in production.
        "--keep-alive",
        "10",
    ]
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603


def _session(host: str, username: str, password: str) -> urllib.request.OpenerDirector:
    """A logged-in urllib session (cookies kept), through the real login form."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with opener.open(host + "/accounts/login/", timeout=30) as page:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode()).group(1)
    form = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
        host + "/accounts/login/", data=form.encode(), headers={"Referer": host}
    )
    with opener.open(request, timeout=30) as response:
        if urlsplit(response.url).path == "/accounts/login/":
            raise RuntimeError(f"warm-up login of {username} was refused")
    return opener


def _warm_up(host: str, manifest: dict, workers: int) -> None:
    """Load code, templates and catalogues in every worker before measuring, as on a server that has been up.

    Uses a unit and an officer login of its own (the manifest has more units than simulated scorers).
    """
    scorer = _session(host, manifest["scorers"][-1]["username"], manifest["password"])
    officer = _session(host, manifest["officers"][-1], manifest["password"])
    pages = [(scorer, f"/scoring/{manifest['scorers'][-1]['submission']}/"), (scorer, "/scoring/mine/")]
    pages += [(officer, url) for url in manifest["leaderboards"]]
    for _round in range(3 * workers):
        for opener, url in pages:
            with opener.open(host + url, timeout=30) as response:
                response.read()


def _locust(env: dict, host: str, work: Path, users: int, seconds: int, spawn_rate: float) -> int:
    command = [
        str(BIN / "locust"),
        "-f",
        str(BASE_DIR / "benchmarks" / "locustfile.py"),
        "--headless",
        "--host",
        host,
        "-u",
        str(users),
        "-r",
        str(spawn_rate),
        "-t",
        f"{seconds}s",
        "--stop-timeout",  # users finish the request in flight: nothing is cut off at the end
        "30",
        "--csv",
        str(work / "stats"),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    locust_env = {**env, "LOAD_MANIFEST": str(work / "manifest.json"), "LOAD_TIMES": str(work / "times.json")}
    with (work / "locust.log").open("wb") as out:
        done = subprocess.run(command, cwd=BASE_DIR, env=locust_env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
    return done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--units", type=int, default=60, help="participating units in the data (≥ 50)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--spawn-rate", type=float, default=5, help="users started per second")
    parser.add_argument("--keep", action="store_true", help="keep the database and the temporary files")
    args = parser.parse_args()
    if args.units < 50:
        parser.error("--units must be at least 50 (one per simulated scorer)")
    database_url = os.environ.get("LOAD_DATABASE_URL", DEFAULT_DATABASE_URL)
    users = 55  # ScorerUser.fixed_count + OfficerUser.fixed_count
    work = Path(tempfile.mkdtemp(prefix="thidua-load-"))
    port = _free_port()
    env = _server_env(database_url, work / "static", port)
    server = None
    try:
        _prepare(database_url, env, work / "manifest.json", args.units)
        server = _gunicorn(env, port, args.workers, args.threads, work / "gunicorn.log")
        host = f"http://127.0.0.1:{port}"
        _wait_ready(host + "/accounts/login/", server)
        _warm_up(host, json.loads((work / "manifest.json").read_text(encoding="utf-8")), args.workers)
        print(
            f"gunicorn: {args.workers} workers × {args.threads} threads on {host}; locust: {users} users "
            f"({args.spawn_rate:g}/s) for {args.seconds} s; load average before: {load_report.loadavg()}",
            flush=True,
        )
        sampler = load_report.BackendSampler(urlsplit(database_url).path.lstrip("/"))
        sampler.start()
        before = (load_report.process_cpu(server.pid), load_report.children_cpu(), load_report.machine_cpu())
        _locust(env, host, work, users, args.seconds, args.spawn_rate)
        after = (load_report.process_cpu(server.pid), load_report.children_cpu(), load_report.machine_cpu())
        database_cpu = sampler.seconds()
        times_file = work / "times.json"
        if not times_file.exists():
            raise RuntimeError("locust recorded no requests")
        times = [tuple(t) for t in json.loads(times_file.read_text(encoding="utf-8"))]
        cpu = load_report.cpu_line(before, after, database_cpu, len(times))
        return 0 if load_report.report(times, work, users=users, seconds=args.seconds, cpu=cpu) else 1
    except (RuntimeError, OSError, subprocess.CalledProcessError) as error:
        print(f"load test failed: {error}", file=sys.stderr)
        for name in ("gunicorn.log", "locust.log"):
            log = work / name
            if log.exists():
                print(f"--- {name} (last lines)", file=sys.stderr)
                print("\n".join(log.read_text(errors="replace").splitlines()[-30:]), file=sys.stderr)
        return 2
    finally:
        _stop(server)
        if args.keep:
            print(f"kept: database {database_url}, files in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
            _drop_database(database_url)


if __name__ == "__main__":
    sys.exit(main())
