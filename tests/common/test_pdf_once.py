"""common/pdf/once.py, driven through a real certificate: rendered once, left alone when intact, rendered again when
its file is broken, left to the worker holding a fresh claim, and a failure recorded on the row."""

# ruff: noqa: F811 - the fixtures imported from decision_factories are used as parameters

import hashlib

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from awards.decisions.services.certificates import (
    CERTIFICATE_SLOT,
    certificate_data,
    certificate_file_name,
    certificate_render,
)
from awards.documents import render_certificate
from awards.enums import RenderStatus
from awards.models import Certificate
from common.pdf.once import render_pdf_once
from tests.awards.decision_factories import draft_decision, issue, media, signer  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(org_tree, signer, media):
    """A pending certificate of an issued decision: issued in the test's transaction, which never commits, so
    the rendering enqueued after commit does not run."""
    decision = issue(draft_decision(org_tree["root"], lines=1), signer)
    row = Certificate.objects.get(recipient__decision=decision)
    assert row.status == RenderStatus.PENDING and not row.file
    return row


def _sha256(name: str) -> str:
    with default_storage.open(name) as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def _render_counting(calls: list):
    """The real certificate renderer, noting each row it renders."""

    def render(row):
        calls.append(row.pk)
        return render_certificate(certificate_data(row))

    return render


def _render_once(pk: int, calls: list):
    return render_pdf_once(
        Certificate.objects.select_related("recipient__decision", "recipient__award_type"),
        pk=pk,
        slot=CERTIFICATE_SLOT,
        name=certificate_file_name,
        render=_render_counting(calls),
    )


def test_renders_once_and_a_second_call_renders_nothing(certificate):
    calls: list[int] = []
    first = _render_once(certificate.pk, calls)
    assert calls == [certificate.pk]
    assert first.status == RenderStatus.DONE and first.attempts == 1 and first.error == ""
    assert first.file.name == certificate_file_name(certificate)
    assert _sha256(first.file.name) == first.sha256
    assert default_storage.open(first.file.name).read(5) == b"%PDF-"

    second = _render_once(certificate.pk, calls)

    assert calls == [certificate.pk]  # nothing rendered the second time
    assert (second.file.name, second.sha256, second.rendered_at, second.attempts) == (
        first.file.name,
        first.sha256,
        first.rendered_at,
        1,
    )


def test_a_broken_file_is_rendered_again(certificate):
    done = certificate_render(certificate_id=certificate.pk)
    with open(default_storage.path(done.file.name), "wb") as handle:
        handle.write(b"%PDF-1.7 truncated")  # a disk error or a partial copy: the hash no longer matches

    again = certificate_render(certificate_id=certificate.pk)

    assert again.status == RenderStatus.DONE and again.attempts == 2
    assert _sha256(again.file.name) == again.sha256
    assert default_storage.open(again.file.name).read(5) == b"%PDF-"


def test_a_missing_file_is_rendered_again(certificate):
    done = certificate_render(certificate_id=certificate.pk)
    default_storage.delete(done.file.name)

    again = certificate_render(certificate_id=certificate.pk)

    assert again.status == RenderStatus.DONE and _sha256(again.file.name) == again.sha256


def test_a_fresh_claim_by_another_worker_is_left_alone(certificate):
    claimed_at = timezone.now()
    Certificate.objects.filter(pk=certificate.pk).update(status=RenderStatus.RENDERING, claimed_at=claimed_at)
    calls: list[int] = []

    assert _render_once(certificate.pk, calls) is None

    assert calls == []
    row = Certificate.objects.get(pk=certificate.pk)
    assert (row.status, row.claimed_at, row.attempts, row.file.name) == (RenderStatus.RENDERING, claimed_at, 0, "")
    assert not default_storage.exists(certificate_file_name(certificate))


def test_a_failure_is_recorded_on_the_row_and_a_later_call_renders(certificate, media):
    # The certificate's folder cannot be created: a plain file stands where it should be (a real I/O error).
    blocker = media / "awards" / "certificates" / str(certificate.recipient.decision_id)
    blocker.parent.mkdir(parents=True)
    blocker.write_bytes(b"not a folder")

    assert certificate_render(certificate_id=certificate.pk) is None

    failed = Certificate.objects.get(pk=certificate.pk)
    assert failed.status == RenderStatus.FAILED and failed.attempts == 1
    assert str(blocker) in failed.error  # the OSError, for the officer and the retry
    assert not failed.file

    blocker.unlink()
    done = certificate_render(certificate_id=certificate.pk)
    assert done.status == RenderStatus.DONE and done.error == "" and done.attempts == 2
    assert _sha256(done.file.name) == done.sha256
