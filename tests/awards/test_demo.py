"""load_demo takes seed 004 through the awards: plan, nominations, secret ballot, decision, certificates."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from awards.models import (
    AgendaItem,
    AwardDecision,
    AwardPlan,
    AwardRecord,
    BallotCast,
    Certificate,
    CouncilSession,
    Nomination,
    PublicDisclosure,
)
from common.files import stored_file_matches

pytestmark = pytest.mark.django_db


def _load(capture):
    with capture(execute=True):  # the minutes and certificates are rendered after commit, in-process here
        call_command("load_demo", stdout=StringIO())


def _counts():
    models = (AwardPlan, Nomination, AgendaItem, BallotCast, AwardDecision, Certificate, AwardRecord, PublicDisclosure)
    return [model.objects.count() for model in models]


def test_demo_takes_soc_trang_from_plan_to_verified_certificates(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    _load(django_capture_on_commit_callbacks)

    plans = {p.award_type.code: p for p in AwardPlan.objects.select_related("award_type", "minimum_tier")}
    assert (plans["GK_TT"].quota, plans["GK_TT"].minimum_tier.name, plans["GK_CN"].quota) == (1, "Xuất sắc", 2)
    commendation = plans["BIEU_DUONG_BTGTU_ST"]
    assert commendation.quota is None and commendation.minimum_points == Decimal(90)
    assert commendation.award_type.owner.code == "BTGTU-ST"
    nominees = {
        code: sorted(str(n.recipient) for n in plan.nominations.select_related("person", "organization"))
        for code, plan in plans.items()
    }
    assert nominees["GK_TT"] == ["Ban Tuyên giáo Đảng ủy Phường 1"]
    assert nominees["GK_CN"] == ["Lê Thị Mỹ Duyên", "Nguyễn Hữu Phước"]
    assert nominees["BIEU_DUONG_BTGTU_ST"] == [f"Ban Tuyên giáo Đảng ủy Phường {n}" for n in (1, 2, 3)]  # ≥ 90

    session = CouncilSession.objects.get(council__organization__code="BTGTU-ST")
    assert (session.status, session.members_total, session.present_count) == ("closed", 5, 4)
    assert (session.minutes_number_text, session.place_name) == ("01-BB/BTGTU", "Sóc Trăng")
    assert session.written_votes.count() == 6 and session.counting_committee.count() == 2
    assert session.minutes_file and stored_file_matches(session.minutes_file.name, session.minutes_sha256)
    tallies = [(i.approve_count + i.reject_count + i.abstain_count, i.result) for i in session.agenda.all()]
    assert tallies == [(4, "approved")] * 6 and BallotCast.objects.filter(session=session).count() == 4

    decision = AwardDecision.objects.get(issuing_organization__code="BTGTU-ST")
    assert (
        decision.status == "issued" and decision.number_text == "01-QĐ/BTGTU" and decision.signer.username == "nguoiky"
    )
    assert decision.document_style == "party" and decision.place == "Sóc Trăng"
    assert set(Nomination.objects.values_list("status", flat=True)) == {"decided"}
    state = AwardDecision.objects.get(issuing_organization__code="SVH-MH")
    assert (state.number_text, state.document_style, state.signer_prefix) == ("01/QĐ-SVHMH", "state", "kt")
    certificates = list(Certificate.objects.filter(recipient__decision=decision).select_related("recipient"))
    assert len(certificates) == 6 and all(c.status == "done" and len(c.sha256) == 64 for c in certificates)
    assert all(default_storage.exists(c.file.name) for c in certificates)
    assert AwardRecord.objects.filter(source="manual", award_code="TTLDTT", year=2022).count() == 2

    certificate = next(c for c in certificates if c.recipient.recipient_name == "Lê Thị Mỹ Duyên")
    body = client.get(reverse("verify", args=[certificate.verify_code])).content.decode()
    assert "Lê Thị Mỹ Duyên" in body and "01-QĐ/BTGTU" in body

    before = _counts()
    _load(django_capture_on_commit_callbacks)
    assert _counts() == before
