"""Evidence files: checked by content and size, stored under a random name, served only by permission."""

import io
import zipfile
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Criterion
from scoring.enums import SubmissionStatus
from scoring.models import Evidence, Score, SubmissionEvent
from scoring.submissions import services as svc
from tests.scoring.factories import launched_campaign

pytestmark = [pytest.mark.django_db]

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
# A real 4 × 4 PNG: uploads are read by their header and chunks, so a bare signature is not enough.
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x04\x00\x00\x00\x04\x08\x02\x00\x00\x00&\x93\t)"
    b"\x00\x00\x00\x14IDATx\x9cc<!'\xc7\x00\x03L\x0cH\x007\x07\x004v\x01\x0c\xafj\xb9\xb5"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64
HTML_BYTES = b"<!doctype html><script>alert(1)</script>"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def submission(org_tree, officer):
    today = timezone.localdate()
    campaign = launched_campaign(
        organization=org_tree["root"],
        officer=officer,
        participants=[org_tree["ward_a"], org_tree["ward_b"]],
        start=today - timedelta(days=10),
        end=today + timedelta(days=30),
    )
    participant = campaign.participants.get(organization=org_tree["ward_a"])
    return svc.submission_get_or_create(participant=participant, phase=campaign.phases.get())


def _score(submission, code="6"):
    return Score.objects.get(submission=submission, criterion__code=code)


def _upload(client, score, name, content, content_type="application/octet-stream"):
    url = reverse("scoring:evidence-add", args=[score.submission_id, score.pk])
    return client.post(url, {f"e{score.pk}-file": SimpleUploadedFile(name, content, content_type=content_type)})


def _files(tmp_path):
    folder = tmp_path / "scoring" / "evidence"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("Báo cáo quý 1.pdf", PDF_BYTES, "pdf"), ("ảnh.png", PNG_BYTES, "png"), ("biên bản.docx", _docx(), "docx")],
)
def test_accepted_files_are_stored_under_a_random_name(client, submission, scorer_a, tmp_path, name, content, kind):
    client.force_login(scorer_a)
    score = _score(submission)
    response = _upload(client, score, name, content)
    assert response.status_code == 302
    evidence = Evidence.objects.get(score=score)
    stored = evidence.file.name
    assert stored.startswith("scoring/evidence/") and stored.endswith(f".{kind}")
    assert name.rsplit(".", 1)[0] not in stored and len(stored.rsplit("/", 1)[-1]) == 32 + 1 + len(kind)
    assert (tmp_path / stored).read_bytes() == content
    assert (evidence.original_name, evidence.file_type, evidence.size, evidence.uploaded_by) == (
        name,
        kind,
        len(content),
        scorer_a,
    )
    assert len(evidence.sha256) == 64
    assert SubmissionEvent.objects.filter(score=score, action="evidence_add", new_value=name).exists()


def test_original_name_keeps_only_the_base_name(client, submission, scorer_a):
    client.force_login(scorer_a)
    _upload(client, _score(submission), "..\\..\\windows\\báo cáo.pdf", PDF_BYTES)
    assert Evidence.objects.get().original_name == "báo cáo.pdf"


@pytest.mark.parametrize(
    ("name", "content"), [("chuong-trinh.pdf", EXE_BYTES), ("bao-cao.pdf", HTML_BYTES), ("anh.png", PDF_BYTES[:3])]
)
def test_a_file_disguised_by_its_extension_is_rejected(client, submission, scorer_a, tmp_path, name, content):
    client.force_login(scorer_a)
    score = _score(submission)
    response = _upload(client, score, name, content, "application/pdf")
    assert response.status_code == 400
    assert response.context["rows"][5].evidence_form.errors["file"]
    assert not Evidence.objects.exists() and _files(tmp_path) == []


def test_an_oversize_file_is_rejected(client, submission, scorer_a, settings, tmp_path):
    settings.UPLOAD_MAX_BYTES = 100
    client.force_login(scorer_a)
    response = _upload(client, _score(submission), "lon.pdf", PDF_BYTES + b"0" * 200)
    assert response.status_code == 400 and not Evidence.objects.exists() and _files(tmp_path) == []


def test_an_empty_file_is_rejected(client, submission, scorer_a, tmp_path):
    client.force_login(scorer_a)
    response = _upload(client, _score(submission), "rong.pdf", b"")
    assert response.status_code == 400 and not Evidence.objects.exists() and _files(tmp_path) == []


def test_download_is_an_attachment_for_the_unit_and_the_officer(client, submission, scorer_a, officer):
    client.force_login(scorer_a)
    _upload(client, _score(submission), "Báo cáo.pdf", PDF_BYTES)
    evidence = Evidence.objects.get()
    url = reverse("scoring:evidence-download", args=[submission.pk, evidence.pk])
    for user in (scorer_a, officer):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"


def test_a_reviewer_of_the_campaign_can_open_the_evidence(client, submission, scorer_a, org_tree):
    from organizations.enums import Role
    from tests.factories import MembershipFactory, UserFactory

    reviewer = UserFactory(username="thamdinh")
    MembershipFactory(user=reviewer, organization=org_tree["root"], role=Role.REVIEWER)
    client.force_login(scorer_a)
    _upload(client, _score(submission), "Báo cáo.pdf", PDF_BYTES)
    client.force_login(reviewer)
    url = reverse("scoring:evidence-download", args=[submission.pk, Evidence.objects.get().pk])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES


def test_other_ward_gets_404_and_anonymous_goes_to_login(client, submission, scorer_a, scorer_b):
    client.force_login(scorer_a)
    score = _score(submission)
    _upload(client, score, "Báo cáo.pdf", PDF_BYTES)
    evidence = Evidence.objects.get()
    download = reverse("scoring:evidence-download", args=[submission.pk, evidence.pk])
    client.force_login(scorer_b)
    assert client.get(download).status_code == 404
    assert _upload(client, score, "x.pdf", PDF_BYTES).status_code == 404
    assert client.post(reverse("scoring:evidence-remove", args=[submission.pk, evidence.pk])).status_code == 404
    assert Evidence.objects.count() == 1
    client.logout()
    response = client.get(download)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_evidence_of_another_submission_is_404_through_this_one(client, submission, scorer_a, scorer_b, org_tree):
    other = svc.submission_get_or_create(
        participant=submission.phase.campaign.participants.get(organization=org_tree["ward_b"]), phase=submission.phase
    )
    client.force_login(scorer_b)
    _upload(client, _score(other), "b.pdf", PDF_BYTES)
    foreign = Evidence.objects.get()
    client.force_login(scorer_a)
    assert client.get(reverse("scoring:evidence-download", args=[submission.pk, foreign.pk])).status_code == 404


def test_remove_deletes_the_row_and_the_file(
    client, submission, scorer_a, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(scorer_a)
    _upload(client, _score(submission), "a.pdf", PDF_BYTES)
    evidence = Evidence.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("scoring:evidence-remove", args=[submission.pk, evidence.pk]))
    assert response.status_code == 302 and not Evidence.objects.exists() and _files(tmp_path) == []
    assert SubmissionEvent.objects.filter(action="evidence_remove", old_value="a.pdf").exists()


def test_required_evidence_blocks_submit_until_attached(client, submission, scorer_a):
    Criterion.objects.filter(code="6").update(evidence_required=True)
    Score.objects.filter(submission=submission).update(self_inputs={"points": "1"}, self_points=Decimal(1))
    client.force_login(scorer_a)
    submit = reverse("scoring:submission-submit", args=[submission.pk])
    response = client.post(submit)
    assert response.status_code == 400 and len(response.context["problems"]) == 1
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DRAFT
    _upload(client, _score(submission), "minh-chung.pdf", PDF_BYTES)
    assert client.post(submit).status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_no_uploads_or_removals_after_submit(client, submission, scorer_a, tmp_path):
    client.force_login(scorer_a)
    _upload(client, _score(submission), "a.pdf", PDF_BYTES)
    Score.objects.filter(submission=submission).update(self_inputs={"points": "1"}, self_points=Decimal(1))
    client.post(reverse("scoring:submission-submit", args=[submission.pk]))
    assert _upload(client, _score(submission), "b.pdf", PDF_BYTES).status_code == 403
    evidence = Evidence.objects.get()
    assert client.post(reverse("scoring:evidence-remove", args=[submission.pk, evidence.pk])).status_code == 403
    assert Evidence.objects.count() == 1 and len(_files(tmp_path)) == 1
