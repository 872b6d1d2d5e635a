"""The public verify page: valid, revoked (and replaced by a correction), unknown; no login; nothing personal."""

# ruff: noqa: F811 - the fixtures imported from decision_factories are used as parameters

import pytest
from django.urls import reverse

from awards.decisions.services.drafts import decision_followup_create
from awards.enums import DecisionKind
from awards.models import AwardRecord, Certificate, DecisionRecipient
from tests.awards.decision_factories import VIETNAMESE_NAME, draft_decision, issue, media, person_line, signer  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(org_tree, signer, media):
    decision = draft_decision(org_tree["root"], lines=1)
    person_line(decision, org_tree["ward_a"])
    return issue(decision, signer)


def _certificate(decision, name=VIETNAMESE_NAME):
    return Certificate.objects.get(recipient__decision=decision, recipient__recipient_name=name)


def test_valid_certificate_for_anyone(client, issued):
    certificate = _certificate(issued)
    response = client.get(reverse("verify", args=[certificate.verify_code]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "authentic and valid" in body
    assert VIETNAMESE_NAME in body and "Giấy khen" in body and issued.number_text in body and "05/03/2026" in body
    person = certificate.recipient.person
    assert person.code not in body and "Chuyên viên" not in body  # nothing else about the person


def test_revoked_certificate(client, issued, officer, signer, org_tree):
    revocation = decision_followup_create(
        decision=issued, kind=DecisionKind.REVOCATION, reason="Hồ sơ không trung thực", actor=officer
    )
    DecisionRecipient.objects.filter(decision=revocation).exclude(recipient_name=VIETNAMESE_NAME).delete()
    revocation = issue(revocation, signer)
    body = client.get(reverse("verify", args=[_certificate(issued).verify_code])).content.decode()
    assert "revoked by decision" in body and revocation.number_text in body
    assert "authentic and valid" not in body
    other = Certificate.objects.filter(recipient__decision=issued).exclude(recipient__recipient_name=VIETNAMESE_NAME)
    assert "authentic and valid" in client.get(reverse("verify", args=[other.get().verify_code])).content.decode()
    assert not Certificate.objects.filter(recipient__decision=revocation).exists()
    assert AwardRecord.objects.get(decision_recipient__certificate=_certificate(issued)).revoked_by == revocation


def test_corrected_certificate_is_replaced_and_the_new_one_valid(client, issued, officer, signer):
    correction = decision_followup_create(
        decision=issued, kind=DecisionKind.CORRECTION, reason="Sai chính tả tên", actor=officer
    )
    line = correction.recipients.get(recipient_name=VIETNAMESE_NAME)
    DecisionRecipient.objects.filter(decision=correction).exclude(pk=line.pk).delete()
    DecisionRecipient.objects.filter(pk=line.pk).update(recipient_name="Nguyễn Thị Hồng Nhung (đính chính)")
    correction = issue(correction, signer)
    old = client.get(reverse("verify", args=[_certificate(issued).verify_code])).content.decode()
    assert "replaced by correcting decision" in old
    new = _certificate(correction, "Nguyễn Thị Hồng Nhung (đính chính)")
    assert "authentic and valid" in client.get(reverse("verify", args=[new.verify_code])).content.decode()
    records = AwardRecord.objects.filter(person=line.person, award_code="GK_CN", revoked_by__isnull=True)
    assert records.count() == 1  # the ledger counts the award once


def test_unknown_code_is_a_404_that_says_so(client, issued):
    response = client.get(reverse("verify", args=["khong-co-ma-nay"]))
    assert response.status_code == 404
    assert "verification code is not known" in response.content.decode()


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    # The assertions read English text; the site's default language is Vietnamese.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
