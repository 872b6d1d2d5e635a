"""Campaign reports: the figures checked against a campaign whose counts are known, the three files, the task's
progress, the pages' permissions, and what "Tổng kết" warns about and prepares."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from awards.enums import NominationStatus
from awards.models import CampaignReport, ReportStatus
from awards.reports.figures import report_figures
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign, Criterion, EmulationProduct, Participant, Registration
from scoring.enums import EntryStatus, RankingStatus, SubmissionStatus
from scoring.models import RankingEntry, RankingRun, Score, Submission
from tests.awards.decision_factories import draft_decision, issue, media, signer  # noqa: F401
from tests.awards.factories import AwardPlanFactory, NominationFactory
from tests.factories import OrganizationFactory
from tests.scoring.factories import launched_campaign

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.usefixtures("media")


def _run(campaign, results):
    """A published overall run: ``results`` maps a participant to (tier, status)."""
    run = RankingRun.objects.create(
        campaign=campaign, phase=None, status=RankingStatus.DONE, is_current=True, finished_at=timezone.now()
    )
    for rank, (participant, (tier, status)) in enumerate(results.items(), start=1):
        RankingEntry.objects.create(
            run=run,
            participant=participant,
            total=Decimal(95 - rank * 10),
            tier_name=tier,
            status=status,
            rank=rank if status == EntryStatus.RANKED else None,
        )
    return run


def _submit(participant, phase, when, nets: dict):
    submission = Submission.objects.create(
        participant=participant, phase=phase, status=SubmissionStatus.VERIFIED, submitted_at=when
    )
    for criterion in Criterion.objects.filter(table__campaign=participant.campaign):
        Score.objects.create(
            submission=submission,
            criterion=criterion,
            max_points=criterion.max_points,
            net=nets.get(criterion.code, criterion.max_points),
        )
    return submission


@pytest.fixture
def known(org_tree, officer, signer):  # noqa: F811
    """Sóc Trăng 2023 with 3 participants: ward A submitted on time (Xuất sắc), ward B late (Khá), dept A never;
    2 products (1 done); 2 nominations (1 approved), 1 granted by an issued decision; a 2022 campaign before it
    (ward A Khá)."""
    before = launched_campaign(
        organization=org_tree["root"],
        officer=officer,
        participants=[org_tree["ward_a"]],
        start=date(2022, 1, 15),
        end=date(2022, 12, 15),
        plan_number="01-KH/BTGTU",
    )
    _run(before, {Participant.objects.get(campaign=before): ("Khá", EntryStatus.RANKED)})
    units = [org_tree["ward_a"], org_tree["ward_b"], org_tree["dept_a"]]
    campaign = launched_campaign(organization=org_tree["root"], officer=officer, participants=units)
    Campaign.objects.filter(pk=campaign.pk).update(theme="Đoàn kết, sáng tạo")
    phase = campaign.phases.get()
    phase.submission_deadline = date(2023, 12, 10)
    phase.save()
    a, b, c = (Participant.objects.get(campaign=campaign, organization=unit) for unit in units)
    # Criterion 6 (40 points) is the weakest: 10 of 40 on average; the others are full.
    _submit(a, phase, datetime(2023, 12, 9, 20, 0, tzinfo=TZ), {"6": Decimal(10)})
    _submit(b, phase, datetime(2023, 12, 12, 8, 0, tzinfo=TZ), {"6": Decimal(10)})
    registration = Registration.objects.create(participant=a, commitment="Cam kết")
    EmulationProduct.objects.create(registration=registration, title="Công trình số hóa tài liệu", status="done")
    EmulationProduct.objects.create(registration=registration, title="Mô hình dân vận khéo", status="planned")
    _run(
        campaign,
        {
            a: ("Xuất sắc", EntryStatus.RANKED),
            b: ("Khá", EntryStatus.RANKED),
            c: ("", EntryStatus.NOT_SUBMITTED),
        },
    )
    plan = AwardPlanFactory(campaign=campaign)
    NominationFactory(plan=plan, organization=org_tree["ward_a"], participant=a, status=NominationStatus.APPROVED)
    NominationFactory(plan=plan, organization=org_tree["ward_b"], participant=b, status=NominationStatus.REJECTED)
    decision = draft_decision(org_tree["root"], lines=1, campaign=campaign)
    issue(decision, signer)
    return campaign


def test_the_figures_match_the_known_campaign(known):
    figures = report_figures(known)
    p = figures["participation"]
    assert (p["participants"], p["registered"], p["submitted"], p["submissions"], p["on_time"]) == (3, 1, 2, 2, 1)
    assert p["never_submitted"] == ["Phòng A"] and p["never_submitted_count"] == 1
    tiers = {(r["tier"], r["status"]): r["count"] for r in figures["ranking"]["tiers"]}
    assert tiers == {("Xuất sắc", "ranked"): 1, ("Khá", "ranked"): 1, ("Chưa nộp", "not_submitted"): 1}
    assert [r["tier"] for r in figures["ranking"]["tiers"]][:2] == ["Xuất sắc", "Khá"]
    assert figures["previous"]["plan_number"] == "01-KH/BTGTU"
    assert figures["previous"]["tiers"][0]["tier"] == "Khá"
    assert (figures["products"]["total"], figures["products"]["done"]) == (2, 1)
    assert figures["criteria"]["weakest"][0]["code"] == "6"
    assert figures["criteria"]["weakest"][0]["share"] == "25.0"
    assert figures["criteria"]["best"][0]["share"] == "100.0"
    awards = figures["awards"]
    assert (awards["proposed"], awards["approved"], awards["granted"]) == (2, 1, 1)


def test_a_phase_report_counts_that_phase_only(known):
    phase = known.phases.get()
    figures = report_figures(known, phase)
    assert figures["phase"]["name"] == phase.name
    assert figures["participation"]["phases"][0]["deadline"] == "2023-12-10"
    assert figures["ranking"]["tiers"] == []  # no published run for the phase alone


def test_the_officer_gets_the_three_files(client, officer, known, django_capture_on_commit_callbacks):  # noqa: F811
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("awards:report-list", args=[known.pk]), {"kind": "final"})
    report = CampaignReport.objects.get()
    assert response.status_code == 302
    assert report.status == ReportStatus.DONE and report.progress == 100, report.error
    page = client.get(reverse("awards:report-detail", args=[known.pk, report.pk])).content.decode()
    assert "Phòng A" in page
    docx = client.get(reverse("awards:report-download", args=[known.pk, report.pk, "docx"]))
    text = "\n".join(p.text for p in Document(BytesIO(b"".join(docx.streaming_content))).paragraphs)
    assert "BÁO CÁO TỔNG KẾT" in text and "Chưa nộp bản tự chấm (1): Phòng A." in text
    assert "Số đối tượng tham gia: 3; đã đăng ký thi đua: 1" in text
    pdf = client.get(reverse("awards:report-download", args=[known.pk, report.pk, "pdf"]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    xlsx = client.get(reverse("awards:report-download", args=[known.pk, report.pk, "xlsx"]))
    book = load_workbook(BytesIO(b"".join(xlsx.streaming_content)))
    rows = {row[0]: row[1] for row in book["Tham gia"].iter_rows(values_only=True)}
    assert rows["Đối tượng tham gia"] == 3 and rows["Số bản nộp đúng hạn"] == 1
    assert client.get(reverse("awards:report-download", args=[known.pk, report.pk, "exe"])).status_code == 404


def test_a_failed_report_says_so(client, officer, known, monkeypatch, django_capture_on_commit_callbacks):  # noqa: F811
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("awards.reports.files.report_docx", broken)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("awards:report-list", args=[known.pk]), {"kind": "interim"})
    report = CampaignReport.objects.get()
    assert report.status == ReportStatus.FAILED and "boom" in report.error
    assert client.get(reverse("awards:report-download", args=[known.pk, report.pk, "docx"])).status_code == 404


def test_reports_are_for_the_campaign_officers(client, other_officer, scorer_a, known):
    client.force_login(other_officer)
    assert client.get(reverse("awards:report-list", args=[known.pk])).status_code == 404
    client.force_login(scorer_a)
    assert client.get(reverse("awards:report-list", args=[known.pk])).status_code in (403, 404)


def test_finalising_warns_and_prepares_the_final_report(
    client,
    officer,
    known,
    django_capture_on_commit_callbacks,  # noqa: F811
):
    Campaign.objects.filter(pk=known.pk).update(status=CampaignStatus.SCORING_CLOSED)
    phase = known.phases.get()
    phase.end_date = timezone.localdate() + timedelta(days=3)
    phase.save()
    client.force_login(officer)
    url = reverse("campaigns:campaign-transition", args=[known.pk, "finalise"])
    page = client.get(url).content.decode()
    assert "Phòng A" in page and phase.name in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"note": ""})
    known.refresh_from_db()
    assert known.status == CampaignStatus.FINALISED
    report = CampaignReport.objects.get(campaign=known)
    assert report.kind == "final" and report.status == ReportStatus.DONE


def test_unknown_units_never_break_the_report(org_tree, officer):
    campaign = launched_campaign(
        organization=org_tree["root"], officer=officer, participants=[OrganizationFactory(parent=org_tree["root"])]
    )
    figures = report_figures(campaign)
    assert figures["participation"]["submitted"] == 0 and figures["previous"] is None


def test_the_progress_is_polled_while_the_report_is_prepared(client, officer, known):
    report = CampaignReport.objects.create(campaign=known, kind="interim", progress=45, status=ReportStatus.RUNNING)
    client.force_login(officer)
    url = reverse("awards:report-detail", args=[known.pk, report.pk])
    partial = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in partial and 'value="45"' in partial and "<html" not in partial
    CampaignReport.objects.filter(pk=report.pk).update(status=ReportStatus.DONE, progress=100)
    assert "hx-trigger" not in client.get(url, HTTP_HX_REQUEST="true").content.decode()
