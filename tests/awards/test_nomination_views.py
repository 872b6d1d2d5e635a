"""Nomination pages: the list with explanations, manual add, withdrawal, visibility (officer / the unit's scorer /
others), and the dossier (content-checked upload, permission-checked download, removal)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.enums import DocumentKind, NominationSource, NominationStatus
from awards.models import Nomination, NominationDocument
from awards.nominations.services import nominations as svc
from tests.awards.factories import AwardPlanFactory, award_type
from tests.awards.nomination_factories import campaign_2024, publish_ranking, use_english, wards
from tests.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    use_english(client, settings)


PDF = (  # a real one-page PDF: uploads are parsed, not sniffed
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def setup(org_tree, officer):
    """Phường 1 (ward_a, scorer_a's unit) 95 points, ward_b 80, two more wards; GK_TT for everyone ≥ 85 points."""
    units = [org_tree["ward_a"], org_tree["ward_b"], *wards(org_tree, 2)]
    campaign = campaign_2024(org_tree, officer, units)
    publish_ranking(campaign, dict(zip(units, [95, 80, 90, 60], strict=True)), officer=officer)
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"), quota=None, minimum_points=85)
    svc.nominations_generate(plan=plan, actor=officer)
    return campaign, plan, units


def _url(name, campaign, *args):
    return reverse(f"awards:{name}", args=[campaign.pk, *args])


def _nomination(plan, organization):
    return Nomination.objects.get(plan=plan, organization=organization)


def test_officer_sees_every_nomination_with_why(client, officer, setup):
    campaign, _plan, _units = setup
    client.force_login(officer)

    body = client.get(_url("nomination-list", campaign)).content.decode()

    nominated = set(Nomination.objects.filter(plan=_plan).values_list("organization__code", flat=True))
    assert nominated == {"WA", "P01"}  # 95 and 90 points; 80 and 60 are below the minimum
    for nomination in Nomination.objects.all():
        assert _url("nomination-detail", campaign, nomination.pk) in body
    assert "95.00 points, at least 85.00 required." in body  # one number format: 2 decimals, the language's separator
    assert "No quota: every eligible candidate is nominated." in body


def test_manual_nomination_explains_why_it_is_not_eligible(client, officer, setup, org_tree):
    campaign, plan, _units = setup
    participant = campaign.participants.get(organization=org_tree["ward_b"])
    client.force_login(officer)

    response = client.post(_url("nomination-add", campaign), {"plan": plan.pk, "participant": participant.pk})

    nomination = _nomination(plan, org_tree["ward_b"])
    assert response["Location"] == _url("nomination-detail", campaign, nomination.pk)
    assert nomination.source == NominationSource.MANUAL and nomination.is_eligible is False
    body = client.get(response["Location"]).content.decode()
    assert "Only 80.00 points; at least 85.00 required." in body
    assert "The nominee is not eligible for this award." in body


def test_manual_nomination_by_code_within_reach_only(client, officer, setup, org_tree):
    campaign, plan, _units = setup
    outsider = OrganizationFactory(code="NGOAI", parent=org_tree["other"])
    inside = OrganizationFactory(code="TRONG", name="Chi bộ Trong", parent=org_tree["dept_a"])
    client.force_login(officer)

    refused = client.post(_url("nomination-add", campaign), {"plan": plan.pk, "code": "NGOAI"})
    client.post(_url("nomination-add", campaign), {"plan": plan.pk, "code": "trong"})

    assert "No organisation or person with this code within your reach." in refused.content.decode()
    assert 'value="NGOAI"' in refused.content.decode()
    assert not Nomination.objects.filter(organization=outsider).exists()
    added = _nomination(plan, inside)
    assert added.participant is None and {"code": "not_in_ranking", "params": {}} in added.eligibility


def test_manual_nomination_refuses_a_duplicate_and_the_wrong_kind(client, officer, setup, org_tree):
    campaign, plan, _units = setup
    person = PersonFactory(code="CB-1", organization=org_tree["ward_a"])
    client.force_login(officer)

    twice = client.post(_url("nomination-add", campaign), {"plan": plan.pk, "code": org_tree["ward_a"].code})
    kind = client.post(_url("nomination-add", campaign), {"plan": plan.pk, "code": person.code})

    assert "already nominated" in twice.content.decode()
    assert "Giấy khen (tập thể) is for: Collective." in kind.content.decode()
    assert Nomination.objects.filter(plan=plan).count() == 2


def test_scorer_sees_only_its_own_unit(client, scorer_a, scorer_b, setup, org_tree):
    campaign, plan, _units = setup
    own = _nomination(plan, org_tree["ward_a"])
    other = Nomination.objects.exclude(pk=own.pk).get(plan=plan)
    client.force_login(scorer_a)

    body = client.get(_url("nomination-list", campaign)).content.decode()
    assert f"/nominations/{own.pk}/" in body and f"/nominations/{other.pk}/" not in body
    assert client.get(_url("nomination-detail", campaign, own.pk)).status_code == 200
    assert client.get(_url("nomination-detail", campaign, other.pk)).status_code == 404
    assert client.get(_url("nomination-withdraw", campaign, own.pk)).status_code == 403

    client.force_login(scorer_b)  # ward_b takes part but has no nomination
    assert "No nominations yet." in client.get(_url("nomination-list", campaign)).content.decode()


def test_other_officers_get_404(client, other_officer, setup):
    campaign, plan, _units = setup
    nomination = Nomination.objects.filter(plan=plan).first()
    client.force_login(other_officer)
    assert client.get(_url("nomination-list", campaign)).status_code == 404
    assert client.get(_url("nomination-detail", campaign, nomination.pk)).status_code == 404


def test_withdraw_asks_for_a_reason_then_withdraws(client, officer, setup, org_tree):
    campaign, plan, _units = setup
    nomination = _nomination(plan, org_tree["ward_a"])
    url = _url("nomination-withdraw", campaign, nomination.pk)
    client.force_login(officer)

    assert "cannot be undone" in client.get(url).content.decode()
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200 and _nomination(plan, org_tree["ward_a"]).status == NominationStatus.PROPOSED
    client.post(url, {"reason": "Đơn vị xin rút"})

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.WITHDRAWN and nomination.withdrawal_reason == "Đơn vị xin rút"
    assert client.post(url, {"reason": "lần nữa"}).status_code == 403


def test_nomination_list_queries_are_constant(client, officer, setup, org_tree, django_assert_max_num_queries):
    campaign, plan, _units = setup
    client.force_login(officer)
    with django_assert_max_num_queries(15) as small:
        client.get(_url("nomination-list", campaign))
    for i in range(3):
        Nomination.objects.create(
            plan=plan, person=PersonFactory(organization=org_tree["ward_a"]), source="manual", position=10 + i
        )
    plan_cn = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_CN"), quota=None)
    Nomination.objects.create(plan=plan_cn, person=PersonFactory(organization=org_tree["ward_b"]), source="manual")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(_url("nomination-list", campaign))
    assert response.content.decode().count("/nominations/") >= 6


# --- the dossier -----------------------------------------------------------------------------------------------


def _upload(client, campaign, nomination, kind, content=PDF, name="bao-cao.pdf"):
    return client.post(
        _url("nomination-document-upload", campaign, nomination.pk),
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
    )


def test_scorer_uploads_and_downloads_its_achievement_report(client, scorer_a, setup, org_tree, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                                          "OPTIONS": {"location": str(tmp_path)}}}  # fmt: skip
    campaign, plan, _units = setup
    nomination = _nomination(plan, org_tree["ward_a"])
    client.force_login(scorer_a)

    response = _upload(client, campaign, nomination, DocumentKind.ACHIEVEMENT_REPORT, name="C:\\docs\\Báo cáo.pdf")
    refused = _upload(client, campaign, nomination, DocumentKind.COVER_REQUEST)

    assert response.status_code == 302
    document = NominationDocument.objects.get()
    assert document.original_name == "Báo cáo.pdf" and document.file_type == "pdf" and len(document.sha256) == 64
    assert refused.status_code == 400 and NominationDocument.objects.count() == 1
    download = client.get(_url("nomination-document-download", campaign, nomination.pk, document.pk))
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF


def test_upload_checks_the_content_and_keeps_the_form(client, officer, setup, org_tree):
    campaign, plan, _units = setup
    nomination = _nomination(plan, org_tree["ward_a"])
    client.force_login(officer)

    response = _upload(client, campaign, nomination, DocumentKind.MINUTES, content=b"MZ\x90 not a pdf", name="x.pdf")

    assert response.status_code == 400 and not NominationDocument.objects.exists()
    assert "not an accepted type" in response.content.decode()


def test_officer_files_are_hidden_from_the_unit_and_others(client, officer, scorer_a, other_officer, setup, org_tree):
    campaign, plan, _units = setup
    nomination = _nomination(plan, org_tree["ward_a"])
    client.force_login(officer)
    _upload(client, campaign, nomination, DocumentKind.COVER_REQUEST)
    document = NominationDocument.objects.get()
    url = _url("nomination-document-download", campaign, nomination.pk, document.pk)

    client.force_login(scorer_a)
    assert client.get(url).status_code == 404
    client.force_login(other_officer)
    assert client.get(url).status_code == 404


def test_delete_asks_first_and_only_while_proposed(client, officer, setup, org_tree):
    campaign, plan, _units = setup
    nomination = _nomination(plan, org_tree["ward_a"])
    client.force_login(officer)
    _upload(client, campaign, nomination, DocumentKind.OTHER)
    _upload(client, campaign, nomination, DocumentKind.MINUTES)
    first, second = NominationDocument.objects.order_by("pk")
    url = _url("nomination-document-delete", campaign, nomination.pk, first.pk)

    assert "will be removed from the dossier" in client.get(url).content.decode()
    client.post(url)
    assert list(NominationDocument.objects.all()) == [second]

    svc.nomination_withdraw(nomination=nomination, reason="rút", actor=officer)
    response = client.post(_url("nomination-document-delete", campaign, nomination.pk, second.pk))
    assert response.status_code == 403 and NominationDocument.objects.filter(pk=second.pk).exists()
