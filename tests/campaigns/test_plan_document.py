"""The plan document: PDF checked by content and size, stored under a random name, served by permission."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Campaign
from campaigns.planning import services

pytestmark = pytest.mark.django_db

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _form(org, upload=None):
    data = {
        "launching_organization": org.pk,
        "kind": "regular",
        "plan_number": "12-KH/BTGTU",
        "plan_date": "2023-01-05",
        "signer_name": "Lâm Thị Hồng",
        "signer_title": "Trưởng Ban",
        "name": "Thi đua năm 2023",
        "start_date": "2023-01-15",
        "end_date": "2023-12-15",
        "participant_scope": "collective",
        "phase_combination": "weighted",
        "min_products_per_unit": 0,
    }
    if upload is not None:
        data["plan_document"] = upload
    return data


def test_campaign_without_plan_document(client, officer, org_tree):
    client.force_login(officer)
    response = client.post(reverse("campaigns:campaign-create"), _form(org_tree["root"]))
    assert response.status_code == 302 and not Campaign.objects.get().plan_document


def test_pdf_is_stored_under_a_random_name_and_served_to_those_who_see_the_campaign(
    client, officer, other_officer, org_tree, tmp_path
):
    client.force_login(officer)
    upload = SimpleUploadedFile("../../etc/kế hoạch.pdf", PDF_BYTES, content_type="application/pdf")
    client.post(reverse("campaigns:campaign-create"), _form(org_tree["root"], upload))
    campaign = Campaign.objects.get()
    name = campaign.plan_document.name
    assert name.startswith("campaigns/plans/") and name.endswith(".pdf") and "kế" not in name and ".." not in name
    assert (tmp_path / name).read_bytes() == PDF_BYTES
    url = reverse("campaigns:campaign-plan-document", args=[campaign.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES
    client.force_login(other_officer)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("ke-hoach.pdf", b"MZ\x90\x00 not a pdf at all"),
        ("ke-hoach.pdf", b"<html><script>alert(1)</script>"),
        ("anh.png", b"\x89PNG\r\n\x1a\n0000"),
    ],
)
def test_non_pdf_content_is_rejected_and_nothing_is_saved(client, officer, org_tree, tmp_path, name, content):
    client.force_login(officer)
    response = client.post(
        reverse("campaigns:campaign-create"), _form(org_tree["root"], SimpleUploadedFile(name, content))
    )
    assert response.status_code == 400 and "plan_document" in response.context["form"].errors
    assert not Campaign.objects.exists() and not any(tmp_path.rglob("*.pdf"))
    assert "Lâm Thị Hồng" in response.content.decode()  # what was typed is kept


def test_oversize_pdf_is_rejected(client, officer, org_tree, settings):
    settings.UPLOAD_MAX_BYTES = 100
    client.force_login(officer)
    upload = SimpleUploadedFile("ke-hoach.pdf", PDF_BYTES + b"0" * 200)
    response = client.post(reverse("campaigns:campaign-create"), _form(org_tree["root"], upload))
    assert "plan_document" in response.context["form"].errors and not Campaign.objects.exists()


def test_replacing_the_plan_of_a_launched_campaign_is_a_recorded_correction(officer, org_tree):
    campaign = services.campaign_create(
        launching_organization=org_tree["root"],
        plan_number="1-KH",
        plan_date=date(2023, 1, 1),
        signer_name="A",
        signer_title="B",
        name="C",
        start_date=date(2023, 1, 2),
        end_date=date(2023, 12, 1),
    )
    upload = SimpleUploadedFile("moi.pdf", PDF_BYTES)
    services.campaign_update(campaign=campaign, actor=officer, plan_document=upload)
    assert Campaign.objects.get().plan_document.name.startswith("campaigns/plans/")
    assert campaign.events.filter(action="edit", changes__has_key="plan_document").exists()
