"""common/files.py: a private file is stored under a random name, removed when its row is not written, served as a
private download, swept once nothing points at it, and deleted only after the transaction that removed its row."""

import hashlib
import os
import time
from contextlib import suppress
from datetime import date
from urllib.parse import quote

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import Http404

from campaigns.models import Campaign
from campaigns.planning.services import campaign_create
from common.files import (
    ORPHAN_GRACE,
    private_file_delete_on_commit,
    private_file_response,
    private_files_sweep,
    stored_upload,
)

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A folder that apps register for the sweep (campaigns/apps.py: campaigns.Campaign.plan_document).
PLANS = "campaigns/plans"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _upload(name="Kế hoạch 383.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def _stored(name: str, content: bytes = PDF_BYTES, *, age_seconds: float = 0) -> str:
    name = default_storage.save(name, SimpleUploadedFile("x", content))
    if age_seconds:
        then = time.time() - age_seconds
        os.utime(default_storage.path(name), (then, then))
    return name


def test_stored_upload_keeps_the_file_under_a_random_name_in_its_folder(media):
    with stored_upload(_upload("C:\\Users\\canbo\\Kế hoạch 383.pdf"), folder=PLANS, file_type="pdf") as stored:
        pass
    assert stored.name.startswith(f"{PLANS}/") and stored.name.endswith(".pdf") and "Kế hoạch" not in stored.name
    assert stored.original_name == "Kế hoạch 383.pdf"  # the browser's folders are dropped
    assert stored.size == len(PDF_BYTES) and stored.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert default_storage.open(stored.name).read() == PDF_BYTES


def test_stored_upload_removes_the_file_when_the_block_raises(media):
    with pytest.raises(RuntimeError), stored_upload(_upload(), folder=PLANS, file_type="pdf") as stored:
        assert default_storage.exists(stored.name)
        raise RuntimeError("the row pointing at the file could not be written")
    assert not default_storage.exists(stored.name)
    assert not any(path.is_file() for path in media.rglob("*"))


def test_private_file_response_is_a_private_attachment_never_sniffed_or_cached(media):
    name = _stored(f"{PLANS}/abc.pdf")
    response = private_file_response(name, filename="Kế hoạch 383.pdf", content_type="application/pdf")
    try:
        assert response["Content-Disposition"].startswith("attachment;")
        assert f"filename*=utf-8''{quote('Kế hoạch 383.pdf')}" in response["Content-Disposition"]
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content) == PDF_BYTES
    finally:
        response.close()


def test_private_file_response_inline_when_asked(media):
    name = _stored(f"{PLANS}/abc.pdf")
    response = private_file_response(name, filename="a.pdf", content_type="application/pdf", as_attachment=False)
    response.close()
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("name", [f"{PLANS}/missing.pdf", ""])
def test_private_file_response_is_404_for_a_missing_file(media, name):
    with pytest.raises(Http404):
        private_file_response(name, filename="a.pdf", content_type="application/pdf")


def test_sweep_removes_an_old_orphan_and_keeps_referenced_young_and_temporary_files(media, org_tree):
    old = ORPHAN_GRACE.total_seconds() + 3600
    orphan = _stored(f"{PLANS}/orphan.pdf", age_seconds=old)
    referenced = _stored(f"{PLANS}/referenced.pdf", age_seconds=old)
    young = _stored(f"{PLANS}/young.pdf")
    temporary = _stored(f"{PLANS}/.young.pdf.abc.tmp", age_seconds=old)  # write_atomically's, removed by itself
    campaign = campaign_create(
        launching_organization=org_tree["root"],
        name="Thi đua năm 2023",
        plan_number="12-KH/BTGTU",
        plan_date=date(2023, 1, 5),
        signer_name="Lâm Thị Hồng",
        signer_title="Trưởng Ban",
        start_date=date(2023, 1, 15),
        end_date=date(2023, 12, 15),
    )
    Campaign.objects.filter(pk=campaign.pk).update(plan_document=referenced)

    assert private_files_sweep() == 1

    assert not default_storage.exists(orphan)
    assert default_storage.exists(referenced) and default_storage.exists(young) and default_storage.exists(temporary)


def test_sweep_with_no_files_does_nothing(media):
    assert private_files_sweep() == 0


def test_delete_on_commit_waits_for_the_commit(media, django_capture_on_commit_callbacks):
    name = _stored(f"{PLANS}/abc.pdf")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        private_file_delete_on_commit(name)
        assert default_storage.exists(name)  # the row's transaction has not committed yet
    assert len(callbacks) == 1
    assert not default_storage.exists(name)


def test_delete_on_commit_keeps_the_file_when_the_transaction_rolls_back(media, django_capture_on_commit_callbacks):
    name = _stored(f"{PLANS}/abc.pdf")
    with django_capture_on_commit_callbacks(execute=True) as callbacks, suppress(RuntimeError), transaction.atomic():
        private_file_delete_on_commit(name)
        raise RuntimeError("the row's deletion failed")
    assert callbacks == []
    assert default_storage.exists(name)


def test_delete_on_commit_of_no_file_does_nothing(media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        private_file_delete_on_commit("")
    assert callbacks == []
