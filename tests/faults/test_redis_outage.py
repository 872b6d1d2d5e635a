"""Redis stopped while 20 unit scorers autosave: no save lost, no server error, no request over 2 s, and the
tasks requested during the outage (ranking runs) run once Redis is back (outbox drained by beat).

A live gunicorn and a Celery worker with embedded beat, both on a private Redis (never the shared one) and the test
database. CI stops Redis for FAULTS_OUTAGE_SECONDS (10 s); ``benchmarks/faults.py redis-outage`` for 60 s.
"""

from __future__ import annotations

import secrets
import threading
import time
from datetime import timedelta
from decimal import Decimal

import pytest
import requests
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from organizations.enums import Role
from scoring.enums import RankingStatus
from scoring.models import RankingRun, Score
from scoring.submissions import services as self_services
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.faults import support
from tests.scoring.factories import launched_campaign

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

SCORERS = 20
SLOW_MS = 2000
THINK_SECONDS = 0.5  # a person autosaving as they type, not a load test (that is benchmarks/run_load.py)
TIMINGS: list = []  # (monotonic start, kind, ms) of every request, to tell when slow ones happened


def _campaign(officer, root, units):
    today = timezone.localdate()
    return launched_campaign(
        organization=root, officer=officer, participants=units, start=today - timedelta(days=5),
        end=today + timedelta(days=30),
    )  # fmt: skip


def _session_cookies(user) -> dict[str, str]:
    client = Client()
    client.force_login(user)  # the session row is in the test database, which the live server shares
    csrf = secrets.token_hex(16)  # an unmasked 32-character secret is a valid cookie and header token
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf, "django_language": "en"}


class Scorer(threading.Thread):
    """Saves its unit's criteria one after another until told to stop; records each answer."""

    def __init__(self, base, cookies, submission, scores, stop: threading.Event):
        super().__init__(daemon=True)
        self.base, self.cookies, self.submission, self.stop = base, cookies, submission, stop
        self.scores = [(score.pk, score.version, score.max_points) for score in scores]
        self.last_saved: dict[int, Decimal] = {}
        self.saves = self.errors = 0
        self.max_ms = 0.0
        self.problems: list[str] = []

    def run(self):
        session = requests.Session()
        session.cookies.update(self.cookies)
        headers = {"HX-Request": "true", "X-CSRFToken": self.cookies["csrftoken"]}
        step = 0
        while not self.stop.is_set():
            index = step % len(self.scores)
            pk, version, max_points = self.scores[index]
            value = Decimal(step % int(max_points) + 1)
            url = self.base + reverse("scoring:submission-score-save", args=[self.submission.pk, pk])
            # The launched campaign's criteria are manual: the unit types its points.
            data = {f"s{pk}-points": str(value), f"s{pk}-note": f"lần {step}", f"s{pk}-version": version}
            started = time.monotonic()
            try:
                response = session.post(url, data=data, headers=headers, timeout=10)
            except requests.RequestException as exc:
                self.errors += 1
                self.problems.append(repr(exc))
                continue
            finally:
                elapsed_ms = (time.monotonic() - started) * 1000
                self.max_ms = max(self.max_ms, elapsed_ms)
                TIMINGS.append((started, "save", elapsed_ms))
            if response.status_code >= 500 or "Saved" not in response.text:
                self.errors += 1
                self.problems.append(f"{response.status_code}: {response.text[:200]}")
            else:
                self.saves += 1
                self.last_saved[pk] = value
                self.scores[index] = (pk, version + 1, max_points)
            step += 1
            self.stop.wait(THINK_SECONDS)


def _warm_up(base, scorer: Scorer) -> None:
    """A few page loads so both gunicorn workers have imported the views and templates (a server in use is warm)."""
    session = requests.Session()
    session.cookies.update(scorer.cookies)
    for _ in range(6):
        session.get(base + reverse("scoring:submission-detail", args=[scorer.submission.pk]), timeout=30)


def _officer_requests_ranking(base, cookies, campaign) -> int:
    session = requests.Session()
    session.cookies.update(cookies)
    url = base + reverse("scoring:ranking-request", args=[campaign.pk])
    started = time.monotonic()
    headers = {"X-CSRFToken": cookies["csrftoken"]}
    response = session.post(url, data={"tie_break": "shared"}, headers=headers, allow_redirects=False, timeout=10)
    elapsed_ms = (time.monotonic() - started) * 1000
    TIMINGS.append((started, "ranking", elapsed_ms))
    assert response.status_code in (200, 302), response.text[:500]
    return elapsed_ms


def _by_period(outage_started: float, outage_ended: float) -> dict[str, str]:
    """Slowest request and request count before, during and after the outage (for a failure message)."""
    periods: dict[str, list[float]] = {"before": [], "during": [], "after": []}
    for started, _kind, ms in TIMINGS:
        period = "before" if started < outage_started else "during" if started < outage_ended else "after"
        periods[period].append(ms)
    return {name: f"{len(values)} requests, max {max(values, default=0):.0f} ms" for name, values in periods.items()}


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def test_redis_outage_loses_no_save_and_runs_queued_tasks_after(postgresql, media, tmp_path):
    outage = support.env_size("FAULTS_OUTAGE_SECONDS", 10)
    root = OrganizationFactory(code="ROOT", name="Ban Tuyên giáo Thành ủy")
    officer = UserFactory(username="officer")
    MembershipFactory(user=officer, organization=root, role=Role.OFFICER)
    units, scorers = [], []
    for number in range(1, SCORERS + 1):
        unit = OrganizationFactory(code=f"P{number:02}", name=f"Phường {number}", parent=root)
        user = UserFactory(username=f"scorer{number:02}")
        MembershipFactory(user=user, organization=unit, role=Role.SCORER)
        units.append(unit)
        scorers.append(user)
    campaign = _campaign(officer, root, units)
    phase = campaign.phases.get()
    submissions = [
        self_services.submission_get_or_create(participant=campaign.participants.get(organization=unit), phase=phase)
        for unit in units
    ]

    with support.private_redis(tmp_path) as redis:
        env = support.app_env(redis.url, OUTBOX_DRAIN_SECONDS="2", OUTBOX_BROKER_PAUSE_SECONDS="2")
        port = support.free_port()
        web = support.spawn(support.gunicorn_command(port), env, tmp_path / "web.log")
        worker = support.spawn(
            support.worker_command(beat_schedule=tmp_path / "beat-schedule"), env, tmp_path / "worker.log"
        )
        try:
            support.wait_port(port, process=web)
            base = f"http://127.0.0.1:{port}"
            stop = threading.Event()
            threads = [
                Scorer(base, _session_cookies(user), submission, list(submission.scores.all()), stop)
                for user, submission in zip(scorers, submissions, strict=True)
            ]
            officer_cookies = _session_cookies(officer)
            _warm_up(base, threads[0])
            for thread in threads:
                thread.start()
            time.sleep(2)  # saves with Redis up
            redis.stop()
            outage_started = time.monotonic()
            officer_ms = []
            while time.monotonic() - outage_started < outage:
                officer_ms.append(_officer_requests_ranking(base, officer_cookies, campaign))
                time.sleep(max(1.0, outage / 5))
            time.sleep(max(0.0, outage - (time.monotonic() - outage_started)))
            redis.start()
            outage_ended = time.monotonic()
            time.sleep(2)  # saves with Redis back
            stop.set()
            for thread in threads:
                thread.join(timeout=30)
            runs = list(RankingRun.objects.filter(campaign=campaign).values_list("pk", flat=True))
            _wait(
                lambda: RankingRun.objects.filter(pk__in=runs, status=RankingStatus.DONE).count() == len(runs),
                timeout=90,
                what=f"{len(runs)} ranking runs requested during the outage to be computed",
            )
        except BaseException:
            for name in ("web.log", "worker.log"):
                print(f"----- {name} -----")
                print((tmp_path / name).read_text(encoding="utf-8", errors="replace")[-20000:])
            raise
        finally:
            support.stop_group(web)
            support.stop_group(worker)

    saves = sum(thread.saves for thread in threads)
    errors = sum(thread.errors for thread in threads)
    max_ms = max([thread.max_ms for thread in threads] + officer_ms)
    lost = 0
    for thread in threads:
        stored = dict(Score.objects.filter(pk__in=thread.last_saved).values_list("pk", "self_points"))
        lost += sum(1 for pk, value in thread.last_saved.items() if stored[pk] != value)
    support.report(
        f"redis outage: {outage} s, {saves} saves, {lost} lost, {errors} errors, max request {max_ms:.0f} ms, "
        f"{len(runs)} tasks run after recovery"
    )
    problems = [problem for thread in threads for problem in thread.problems][:5]
    assert errors == 0, problems
    assert lost == 0
    assert max_ms <= SLOW_MS, _by_period(outage_started, outage_ended)
    assert saves > SCORERS and len(runs) >= 1
