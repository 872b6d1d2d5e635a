"""Certificates rendered by a real Celery worker process through Redis, including a worker killed mid-way.

Needs PostgreSQL and REDIS_URL like tests/test_worker.py (skipped locally without them; CI requires them).
"""

import hashlib
import io
import signal
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from awards.decisions.services.issuing import decision_issue
from awards.decisions.tasks import certificate_render_task
from awards.enums import RenderStatus
from awards.models import Certificate
from organizations.enums import Role
from tests.awards.decision_factories import draft_decision
from tests.factories import MembershipFactory, UserFactory
from tests.test_worker import _wait_for, _worker
from tests.test_worker import broker as broker  # a fixture, used by name

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _issued(org_tree, lines: int):
    signer = UserFactory(username=f"signer-{uuid.uuid4().hex[:6]}")
    MembershipFactory(user=signer, organization=org_tree["root"], role=Role.SIGNER)
    decision = draft_decision(org_tree["root"], lines=lines)
    # enqueue=False: the test sends the tasks itself, to its own queue.
    decision_issue(decision=decision, actor=signer, decision_date=decision.decision_date, enqueue=False)
    return list(Certificate.objects.filter(recipient__decision=decision).order_by("pk"))


def _all_done(certificates) -> bool:
    ids = [c.pk for c in certificates]
    return Certificate.objects.filter(pk__in=ids, status=RenderStatus.DONE).count() == len(ids)


def _assert_valid(certificates) -> None:
    for certificate in Certificate.objects.filter(pk__in=[c.pk for c in certificates]):
        assert certificate.status == RenderStatus.DONE
        data = certificate.file.read()
        certificate.file.close()
        assert hashlib.sha256(data).hexdigest() == certificate.sha256
        assert len(PdfReader(io.BytesIO(data)).pages) == 1


def test_worker_renders_the_certificates_of_an_issued_decision(broker, seeded_catalogue, org_tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    certificates = _issued(org_tree, lines=3)
    queue = f"test-certificates-{uuid.uuid4().hex}"
    log_path = tmp_path / "worker.log"
    with _worker(log_path, queue, extra_env={"MEDIA_ROOT": str(settings.MEDIA_ROOT)}) as process:
        for certificate in certificates:
            certificate_render_task.apply_async(kwargs={"certificate_id": certificate.pk}, queue=queue)
        _wait_for(lambda: _all_done(certificates), process=process, log_path=log_path, what="3 certificates")
    _assert_valid(certificates)
    files = sorted(p.name for p in (tmp_path / "media").rglob("*.pdf"))
    assert len(files) == 3  # nothing half-made or duplicated next to them


def test_a_killed_worker_leaves_no_half_made_certificate(broker, seeded_catalogue, org_tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    certificates = _issued(org_tree, lines=6)
    queue = f"test-certificates-{uuid.uuid4().hex}"
    env = {"MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    first_log = tmp_path / "first.log"
    with _worker(first_log, queue, extra_env=env) as process:
        for certificate in certificates:
            certificate_render_task.apply_async(kwargs={"certificate_id": certificate.pk}, queue=queue)

        def some_done() -> bool:
            return Certificate.objects.filter(pk__in=[c.pk for c in certificates], status=RenderStatus.DONE).exists()

        _wait_for(some_done, process=process, log_path=first_log, what="the first certificate")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    # Whatever the kill interrupted is a 'rendering' or 'pending' row, never a row pointing at a partial file.
    for certificate in Certificate.objects.filter(pk__in=[c.pk for c in certificates]):
        assert (certificate.status == RenderStatus.DONE) == bool(certificate.sha256)
    # Time passes: a claim older than the task time limit belongs to a dead worker and may be taken over.
    Certificate.objects.filter(status=RenderStatus.RENDERING).update(claimed_at=timezone.now() - timedelta(days=1))
    second_log = tmp_path / "second.log"
    with _worker(second_log, queue, extra_env=env) as process:
        for certificate in certificates:  # what a sweep or the retry button does: send them all again
            certificate_render_task.apply_async(kwargs={"certificate_id": certificate.pk}, queue=queue)
        _wait_for(lambda: _all_done(certificates), process=process, log_path=second_log, what="all certificates")
    _assert_valid(certificates)
    assert Certificate.objects.filter(recipient__decision=certificates[0].recipient.decision).count() == 6
    assert len(list((tmp_path / "media").rglob("*.pdf"))) == 6
