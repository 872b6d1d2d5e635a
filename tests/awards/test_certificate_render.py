"""Certificate rendering: idempotent, crash-safe, Vietnamese text intact; print file, ZIP, overlay, downloads."""

# ruff: noqa: F811 - the fixtures imported from decision_factories are used as parameters

import hashlib
import io
import unicodedata
import zipfile
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from awards.decisions.services.certificates import certificate_render
from awards.decisions.tasks import certificate_render_task
from awards.enums import RenderStatus
from awards.models import Certificate, CertificateTemplate
from organizations.enums import Role
from tests.awards.decision_factories import (  # noqa: F401 - media and signer are fixtures
    VIETNAMESE_ACHIEVEMENT,
    VIETNAMESE_NAME,
    draft_decision,
    issue,
    media,
    person_line,
    signer,
)
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(org_tree, signer, media, django_capture_on_commit_callbacks):
    decision = draft_decision(org_tree["root"], lines=2)
    person_line(decision, org_tree["ward_a"])
    with django_capture_on_commit_callbacks(execute=True):
        return issue(decision, signer)


def _files(media):
    return sorted(p.name for p in (media / "awards" / "certificates").rglob("*") if p.is_file())


def test_running_the_task_twice_keeps_one_file_and_hash(issued, media):
    certificate = Certificate.objects.filter(recipient__decision=issued).first()
    before = (certificate.file.name, certificate.sha256, certificate.rendered_at)
    certificate_render_task.delay(certificate_id=certificate.pk)
    certificate_render_task.delay(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert (certificate.file.name, certificate.sha256, certificate.rendered_at) == before
    assert len(_files(media)) == 3 and not [name for name in _files(media) if name.endswith(".tmp")]
    content = default_storage.open(certificate.file.name).read()
    assert hashlib.sha256(content).hexdigest() == certificate.sha256


def test_a_fresh_rendering_claim_is_left_alone(issued):
    certificate = Certificate.objects.filter(recipient__decision=issued).first()
    Certificate.objects.filter(pk=certificate.pk).update(status=RenderStatus.RENDERING, claimed_at=timezone.now())
    assert certificate_render(certificate_id=certificate.pk) is None
    assert Certificate.objects.get(pk=certificate.pk).status == RenderStatus.RENDERING


def test_a_stale_rendering_row_is_reclaimed_and_rendered_once(issued, media, settings):
    certificate = Certificate.objects.filter(recipient__decision=issued).first()
    default_storage.delete(certificate.file.name)
    # A worker killed mid-way: the row says rendering since long before the time limit, no file was moved in.
    long_ago = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    Certificate.objects.filter(pk=certificate.pk).update(status=RenderStatus.RENDERING, claimed_at=long_ago, attempts=1)
    certificate_render_task.delay(certificate_id=certificate.pk)
    certificate_render_task.delay(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert certificate.status == RenderStatus.DONE and certificate.attempts == 2
    assert hashlib.sha256(default_storage.open(certificate.file.name).read()).hexdigest() == certificate.sha256


def test_a_done_row_whose_file_is_gone_is_rendered_again(issued):
    certificate = Certificate.objects.filter(recipient__decision=issued).first()
    default_storage.delete(certificate.file.name)
    certificate_render_task.delay(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert default_storage.exists(certificate.file.name) and certificate.status == RenderStatus.DONE


def test_pdf_text_equals_the_vietnamese_source(issued):
    certificate = Certificate.objects.get(recipient__decision=issued, recipient__recipient_name=VIETNAMESE_NAME)
    reader = PdfReader(default_storage.open(certificate.file.name))
    text = unicodedata.normalize("NFC", " ".join(page.extract_text() for page in reader.pages))
    flat = " ".join(text.split())
    for expected in (VIETNAMESE_NAME, "GIẤY KHEN", certificate.serial, issued.number_text):
        assert unicodedata.normalize("NFC", expected) in flat
    assert " ".join(VIETNAMESE_ACHIEVEMENT.split()[:6]) in flat


def test_merged_pdf_has_one_page_per_certificate(client, issued, signer):
    client.force_login(signer)
    response = client.get(reverse("awards:decision-certificates-pdf", args=[issued.pk]))
    assert response.status_code == 200
    assert len(PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages) == 3


def test_zip_has_one_file_per_certificate(client, issued, officer):
    client.force_login(officer)
    response = client.get(reverse("awards:decision-certificates-zip", args=[issued.pk]))
    names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    serials = Certificate.objects.filter(recipient__decision=issued).values_list("serial", flat=True)
    assert sorted(names) == sorted(f"{serial}.pdf" for serial in serials)


def test_bundles_wait_until_every_certificate_is_done(client, issued, officer):
    Certificate.objects.filter(recipient__decision=issued).update(status=RenderStatus.PENDING)
    client.force_login(officer)
    response = client.get(reverse("awards:decision-certificates-zip", args=[issued.pk]), follow=True)
    assert "every certificate has been generated" in response.content.decode()


def test_recipient_unit_downloads_its_certificate_only(client, issued, org_tree, scorer_a, scorer_b):
    mine = Certificate.objects.get(recipient__decision=issued, recipient__recipient_name=VIETNAMESE_NAME)
    client.force_login(scorer_a)
    response = client.get(reverse("awards:certificate-download", args=[mine.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(scorer_b)
    assert client.get(reverse("awards:certificate-download", args=[mine.pk])).status_code == 404
    assert client.get(reverse("awards:decision-detail", args=[issued.pk])).status_code == 404


def test_progress_fragment_and_retry_of_failed(client, issued, officer, django_capture_on_commit_callbacks):
    certificate = Certificate.objects.filter(recipient__decision=issued).first()
    Certificate.objects.filter(pk=certificate.pk).update(status=RenderStatus.FAILED, error="font missing")
    client.force_login(officer)
    url = reverse("awards:decision-detail", args=[issued.pk])
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "2 / 3" in fragment and "font missing" in fragment and "<html" not in fragment
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("awards:decision-retry", args=[issued.pk]))
    assert response.status_code == 302
    assert Certificate.objects.get(pk=certificate.pk).status == RenderStatus.DONE


def test_overlay_print_uses_the_template(client, issued, officer, org_tree):
    template = CertificateTemplate.objects.create(
        organization=org_tree["root"], name="Phôi 2026", calibration={"qr": {"visible": False}}
    )
    certificate = Certificate.objects.filter(recipient__decision=issued).first()
    client.force_login(officer)
    response = client.get(
        reverse("awards:decision-certificate-overlay", args=[issued.pk]),
        {"certificate": certificate.pk, "template": template.pk},
    )
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert certificate.recipient.recipient_name in unicodedata.normalize("NFC", text)


def test_template_calibration_is_validated_and_kept(client, officer, org_tree):
    client.force_login(officer)
    url = reverse("awards:certificatetemplate-create")
    bad = '{"recipient_name": {"x_mm": 400, "y_mm": 90, "width_mm": 100, "font_size_pt": 20}}'
    response = client.post(url, {"organization": org_tree["root"].pk, "name": "Phôi A", "calibration": bad})
    assert "outside" in response.content.decode() and "400" in response.content.decode()
    assert not CertificateTemplate.objects.exists()
    good = '{"recipient_name": {"x_mm": 40, "y_mm": 90, "width_mm": 200, "font_size_pt": 20}}'
    response = client.post(url, {"organization": org_tree["root"].pk, "name": "Phôi A", "calibration": good})
    assert response.status_code == 302
    assert CertificateTemplate.objects.get().calibration["recipient_name"]["x_mm"] == 40


def test_template_of_another_tree_is_404(client, org_tree, other_officer):
    template = CertificateTemplate.objects.create(organization=org_tree["root"], name="Phôi B")
    client.force_login(other_officer)
    assert client.get(reverse("awards:certificatetemplate-update", args=[template.pk])).status_code == 404


def test_signer_below_cannot_download_bundles_of_another_tree(client, issued, org_tree):
    user = UserFactory(username="signer_other")
    MembershipFactory(user=user, organization=org_tree["other"], role=Role.SIGNER)
    client.force_login(user)
    assert client.get(reverse("awards:decision-certificates-pdf", args=[issued.pk])).status_code == 404


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    # The assertions read English text; the site's default language is Vietnamese.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
