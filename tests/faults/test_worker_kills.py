"""Certificate jobs survive a Celery worker (2 processes) SIGKILLed at random moments and restarted.

The whole worker (parent and children) is killed, like a machine losing power. Rows left 'rendering' by a killed
process are reclaimed once older than CELERY_TASK_TIME_LIMIT (short here, set for the worker and this process);
what the kills swallowed is sent again, as the beat sweep / the retry button would. Expected: exactly one
certificate per decision line, one PDF each, every PDF opens and matches its SHA-256. CI runs a small version
(FAULTS_CERTIFICATES, FAULTS_KILLS); ``benchmarks/faults.py worker-kills`` runs 500 certificates and 5 kills.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import time
import uuid
from datetime import timedelta

import pytest
import redis as redis_client
from django.db.models import Count, Q
from django.utils import timezone
from pypdf import PdfReader

from awards.decisions.services.issuing import decision_issue
from awards.decisions.tasks import certificate_render_task
from awards.enums import RenderStatus
from awards.models import Certificate
from organizations.enums import Role
from tests.awards.conftest import seeded_catalogue as seeded_catalogue  # a fixture, used by name
from tests.awards.decision_factories import draft_decision
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.faults import support
from tests.test_worker import broker as broker  # a fixture, used by name

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

TIME_LIMIT = 20  # seconds: a 'rendering' claim older than this belongs to a dead worker


def _issue(lines: int) -> list[int]:
    root = OrganizationFactory(code="ROOT", name="Ban Tuyên giáo Thành ủy")
    signer = UserFactory(username="signer")
    MembershipFactory(user=signer, organization=root, role=Role.SIGNER)
    decision = draft_decision(root, lines=lines)
    decision_issue(decision=decision, actor=signer, decision_date=decision.decision_date, enqueue=False)
    return list(Certificate.objects.filter(recipient__decision=decision).values_list("pk", flat=True))


def _send(ids, queue: str) -> None:
    for pk in ids:
        certificate_render_task.apply_async(kwargs={"certificate_id": pk}, queue=queue, ignore_result=True)


def _done(ids) -> int:
    return Certificate.objects.filter(pk__in=ids, status=RenderStatus.DONE).count()


def _reclaimable(ids) -> list[int]:
    """What a sweep re-sends: not done, and not held by a live claim (pending, failed, or a stale 'rendering')."""
    stale = timezone.now() - timedelta(seconds=TIME_LIMIT)
    return list(
        Certificate.objects.filter(pk__in=ids)
        .filter(
            Q(status__in=(RenderStatus.PENDING, RenderStatus.FAILED))
            | Q(status=RenderStatus.RENDERING, claimed_at__lt=stale)
        )
        .values_list("pk", flat=True)
    )


def _queue_length(queue: str) -> int:
    return redis_client.Redis.from_url(os.environ["REDIS_URL"]).llen(queue)


def _invalid(ids) -> int:
    invalid = 0
    for certificate in Certificate.objects.filter(pk__in=ids):
        try:
            data = certificate.file.read()
            certificate.file.close()
            matches = hashlib.sha256(data).hexdigest() == certificate.sha256
            valid = matches and len(PdfReader(io.BytesIO(data)).pages) == 1
        except Exception:  # a missing or unreadable file is what this counts
            valid = False
        invalid += not valid
    return invalid


def test_worker_killed_repeatedly_renders_every_certificate_once(broker, seeded_catalogue, media, settings, tmp_path):
    total = support.env_size("FAULTS_CERTIFICATES", 30)
    kills = support.env_size("FAULTS_KILLS", 2)
    settings.CELERY_TASK_TIME_LIMIT = TIME_LIMIT
    ids = _issue(total)
    queue = f"test-faults-{uuid.uuid4().hex}"
    env = support.app_env(
        os.environ["REDIS_URL"],
        CELERY_TASK_TIME_LIMIT=str(TIME_LIMIT),
        CELERY_TASK_SOFT_TIME_LIMIT=str(TIME_LIMIT - 5),
    )
    env.pop("REDIS_CACHE_URL")
    log_path = tmp_path / "worker.log"
    rng = random.Random()
    _send(ids, queue)
    # Kill when a random share of the work is done (spread over the run), then after a random extra delay.
    thresholds = sorted(rng.sample(range(1, total), kills))
    done_kills = 0
    deadline = time.monotonic() + 60 + total * 3
    worker = support.spawn(support.worker_command(concurrency=2, queue=queue), env, log_path)
    try:
        for threshold in thresholds:
            while _done(ids) < threshold and time.monotonic() < deadline:
                time.sleep(0.2)
            time.sleep(rng.uniform(0, 1.5))
            support.kill_group(worker)
            done_kills += 1
            worker = support.spawn(support.worker_command(concurrency=2, queue=queue), env, log_path)
        # After the last kill: whenever the queue is empty but work remains, send what can be reclaimed.
        while _done(ids) < total:
            if time.monotonic() > deadline:
                pytest.fail(f"{_done(ids)} of {total} certificates done before the deadline")
            if _queue_length(queue) == 0:
                _send(_reclaimable(ids), queue)
            time.sleep(1)
    except BaseException:
        print(log_path.read_text(encoding="utf-8", errors="replace")[-20000:])
        raise
    finally:
        support.stop_group(worker)

    certificates = Certificate.objects.filter(pk__in=ids)
    per_line = certificates.values("recipient").annotate(n=Count("pk"))
    duplicates = sum(row["n"] - 1 for row in per_line) + (len(list(media.rglob("*.pdf"))) - total)
    invalid = _invalid(ids)
    done = certificates.filter(status=RenderStatus.DONE).count()
    support.report(f"worker kills: {done_kills} kills, {done} certificates, {duplicates} duplicates, {invalid} invalid")
    assert (done_kills, done, duplicates, invalid) == (kills, total, 0, 0)
