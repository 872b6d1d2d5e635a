"""A campaign with phases dated around today, a nested 100-point table (optional gate rule), tiers and participants,
plus HTTP helpers to score as a unit would. Shared by the window, extension, individual and results tests."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from campaigns.participants import services as ps
from campaigns.planning import services
from campaigns.tables import services as ts
from scoring.models import Score, Submission

HTMX = {"HX-Request": "true"}


def days(n: int):
    return timezone.localdate() + timedelta(days=n)


def build_campaign(
    *,
    organization,
    officer,
    phases,
    organizations=(),
    people=(),
    scope="collective",
    registration_required=False,
    with_gate=False,
    plan_number="07-KH/THU",
    launch=True,
):
    """``phases``: (name, start, end) tuples; the campaign spans them. Two manual criteria (60 in a section of
    standard I, 40 in standard I itself, the latter with gate rule G1 when ``with_gate``), three tiers."""
    start, end = min(p[1] for p in phases), max(p[2] for p in phases)
    campaign = services.campaign_create(
        launching_organization=organization,
        created_by=officer,
        plan_number=plan_number,
        plan_date=start,
        signer_name="Lâm Văn Mẫn",
        signer_title="Trưởng Ban",
        name=f"Thi đua theo đợt {plan_number}",
        start_date=start,
        end_date=max(end, start + timedelta(days=1)),
        participant_scope=scope,
        registration_required=registration_required,
    )
    for name, phase_start, phase_end in phases:
        services.phase_save(campaign=campaign, name=name, start_date=phase_start, end_date=phase_end)
    for kind in ts.SCOPE_KINDS[campaign.participant_scope]:
        table = ts.table_create(campaign=campaign, participant_kind=kind)
        standard = ts.group_save(table=table, code="I", title="Tiêu chuẩn I")
        section = ts.group_save(table=table, code="I.1", title="Mục 1", parent=standard)
        ts.criterion_save(table=table, group=section, code="1", text="Công tác chuyên môn", max_points=Decimal(60))
        second = ts.criterion_save(
            table=table, group=standard, code="2", text="Công tác phối hợp", max_points=Decimal(40)
        )
        if with_gate:
            ts.rule_save(criterion=second, code="G1", text="Không gửi báo cáo năm", kind="gate", per="once")
    ts.tiers_replace(
        campaign=campaign, tiers=[("Xuất sắc", Decimal(90)), ("Khá", Decimal(70)), ("Trung bình", Decimal(0))]
    )
    if organizations:
        ps.participants_add_organizations(campaign=campaign, organizations=organizations)
    if people:
        ps.participants_add_people(campaign=campaign, people=people)
    if launch:
        campaign = services.campaign_transition(campaign=campaign, action="launch", actor=officer)
    return campaign


def start(client, participant, phase):
    return client.post(reverse("scoring:submission-start", args=[participant.pk, phase.pk]))


def score(submission, code) -> Score:
    return Score.objects.get(submission=submission, criterion__code=code)


def save(client, submission, code, points, *, gate=None):
    """Type ``points`` for criterion ``code`` on the scoring page (and answer gate G1 when given)."""
    row = score(submission, code)
    prefix = f"s{row.pk}"
    data = {f"{prefix}-points": str(points), f"{prefix}-note": "", f"{prefix}-version": row.version}
    if gate is not None:
        data[f"{prefix}-rule_G1"] = "yes" if gate else "no"
    return client.post(reverse("scoring:submission-score-save", args=[submission.pk, row.pk]), data)


def score_and_submit(client, participant, phase, first, second, *, gate=None) -> Submission:
    """Start, answer both criteria and submit through HTTP; returns the submission."""
    response = start(client, participant, phase)
    assert response.status_code == 302, response
    submission = Submission.objects.get(participant=participant, phase=phase)
    assert save(client, submission, "1", first).status_code == 302
    assert save(client, submission, "2", second, gate=gate).status_code == 302
    response = client.post(reverse("scoring:submission-submit", args=[submission.pk]))
    assert response.status_code == 302, response.content.decode()[:2000]
    submission.refresh_from_db()
    return submission
