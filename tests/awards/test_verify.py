"""The public verify page: valid, revoked (and replaced by a correction), unknown; no login; nothing personal."""

# ruff: noqa: F811 - the fixtures imported from decision_factories are used as parameters

import pytest
from django.test import Client
from django.urls import reverse

from awards.decisions.services.drafts import decision_followup_create
from awards.enums import DecisionKind
from awards.models import AwardRecord, Certificate, DecisionRecipient
from tests.awards.decision_factories import (  # noqa: F401
    VIETNAMESE_ACHIEVEMENT,
    VIETNAMESE_NAME,
    draft_decision,
    issue,
    media,
    person_line,
    signer,
)

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


def test_verify_page_shows_the_achievement_the_decision_and_the_signer(client, issued):
    certificate = _certificate(issued)

    body = client.get(reverse("verify", args=[certificate.verify_code])).content.decode()

    assert VIETNAMESE_ACHIEVEMENT in body
    assert f"No. {issued.number_text} of 05/03/2026" in body
    assert "TRƯỞNG BAN: Lâm Văn Mẫn" in body


def test_the_printed_serial_finds_the_certificate(client, issued):
    certificate = _certificate(issued)
    typed = f"  {certificate.serial.lower()[:5]} {certificate.serial.lower()[5:]} "

    response = client.get(reverse("verify-search"), {"serial": typed})

    body = response.content.decode()
    assert response.status_code == 200 and "authentic and valid" in body
    assert VIETNAMESE_NAME in body and certificate.serial in body and VIETNAMESE_ACHIEVEMENT in body


def test_the_serial_form_and_an_unknown_serial(client, issued):
    form = client.get(reverse("verify-search"))
    unknown = client.get(reverse("verify-search"), {"serial": "ROOT-2026-999999"})
    empty = client.get(reverse("verify-search"), {"serial": " "})

    assert form.status_code == 200 and 'name="serial"' in form.content.decode()
    assert unknown.status_code == 404 and "No certificate has the serial “ROOT-2026-999999”" in unknown.content.decode()
    assert empty.status_code == 400 and 'name="serial"' in empty.content.decode()


def test_lookups_are_rate_limited_per_client_ip_with_a_vietnamese_429(issued, settings):
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 20
    certificate = _certificate(issued)
    client = Client(REMOTE_ADDR="203.0.113.7")  # Vietnamese, the site's default language
    by_code = [client.get(reverse("verify", args=[certificate.verify_code])).status_code for _ in range(10)]
    by_serial = [client.get(reverse("verify-search"), {"serial": certificate.serial}).status_code for _ in range(10)]
    limited = client.get(reverse("verify-search"), {"serial": certificate.serial})
    other = Client(REMOTE_ADDR="203.0.113.8").get(reverse("verify", args=[certificate.verify_code]))

    assert by_code + by_serial == [200] * 20
    assert limited.status_code == 429 and int(limited["Retry-After"]) >= 1
    assert "Tra cứu quá nhiều lần" in limited.content.decode()
    assert other.status_code == 200


def test_unknown_code_is_a_404_that_says_so(client, issued):
    response = client.get(reverse("verify", args=["khong-co-ma-nay"]))
    assert response.status_code == 404
    assert "verification code is not known" in response.content.decode()


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    # The assertions read English text; the site's default language is Vietnamese.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
