"""Demo self-scoring for seed 004 (loaded after ``campaigns.demo``): Sóc Trăng's ten wards score themselves
on the 100-point table, the city board reviews (some verified, one returned, some still waiting), and the
ranking is computed, so wards with 90 points or more come out "Xuất sắc".

The 2023 phase is long closed, so the officer reopens each ward's submission (recorded, as the app would
for late entry) before the ward's scorer — or the officer on its behalf — enters the points. Everything
goes through the scoring services. Idempotent: nothing happens once the phase has submissions.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from campaigns.demo import EXAMPLE_FILE
from campaigns.models import Campaign
from organizations.demo import CREATED, UNCHANGED
from scoring.models import Submission
from scoring.ranking import services as ranking_services
from scoring.review import services as review_services
from scoring.submissions import services as self_services
from scoring.submissions.selectors import submission_is_open

CAMPAIGN = ("BTGTU-ST", "05-KH/BTGTU")
QUARTER = Decimal("0.25")
REOPEN_REASON = "Nhập số liệu tự chấm năm 2023 vào hệ thống (dữ liệu minh họa)."

# Ward code → (self-assessed total, scorer username or None for "entered by the officer", review outcome).
WARDS: tuple[tuple[str, Decimal, str | None, str], ...] = (
    ("BTG-ST-P1", Decimal("96"), "chamdiem", "approve"),
    ("BTG-ST-P2", Decimal("93.5"), "chamdiem2", "approve"),
    ("BTG-ST-P3", Decimal("90"), None, "approve"),
    ("BTG-ST-P4", Decimal("87"), None, "adjust"),  # the reviewer takes one point off, with a reason
    ("BTG-ST-P5", Decimal("86"), None, "approve"),
    ("BTG-ST-P6", Decimal("86"), None, "approve"),  # ties with P5
    ("BTG-ST-P7", Decimal("74.5"), None, "return"),
    ("BTG-ST-P8", Decimal("70"), None, "waiting"),
    ("BTG-ST-P9", Decimal("65"), None, "waiting"),
    ("BTG-ST-P10", Decimal("58"), None, "waiting"),
)


def _spread(total: Decimal, maxima: list[Decimal]) -> list[Decimal]:
    """Points per criterion in proportion to its maximum (quarter points), adding up exactly to ``total``."""
    declared = sum(maxima)
    points = [(m * total / declared / QUARTER).quantize(Decimal(1), ROUND_HALF_UP) * QUARTER for m in maxima]
    biggest = maxima.index(max(maxima))
    points[biggest] += total - sum(points)
    return points


def _self_score(submission: Submission, total: Decimal, actor) -> None:
    scores = list(submission.scores.select_related("criterion").order_by("criterion__position"))
    for score, points in zip(scores, _spread(total, [s.max_points for s in scores]), strict=True):
        self_services.score_save_self(
            score=score,
            inputs={"points": str(points)},
            note="Theo báo cáo tổng kết năm 2023 của đơn vị.",
            expected_version=score.version,
            actor=actor,
        )
    self_services.submission_submit(submission=submission, actor=actor)


def _review(submission: Submission, outcome: str, reviewer) -> None:
    if outcome == "waiting":
        return
    if outcome == "return":
        review_services.submission_return(
            submission=submission,
            actor=reviewer,
            reason="Đề nghị bổ sung minh chứng cho tiêu chí 6 (công tác khoa giáo, văn hóa – văn nghệ).",
        )
        return
    if outcome == "adjust":
        score = submission.scores.select_related("criterion").get(criterion__code="3")
        review_services.score_verify(
            score=score,
            inputs={"points": str(score.self_points - 1)},
            expected_version=score.version,
            actor=reviewer,
            review_note="Một buổi sinh hoạt báo cáo viên chưa có biên bản kèm theo.",
        )
    review_services.submission_approve(submission=submission, actor=reviewer)


EXAMPLE_CAMPAIGN = ("SVH-MH", "99-KH/MINHHOA")
EXAMPLE_REVIEWER = "thamdinh_mh"
EXAMPLE_NOTE = "Theo số liệu của đơn vị (trường hợp {case} của ví dụ minh họa)."


def example_cases() -> list[dict]:
    """The three cases of the worked example: unit code MH-X1…3, inputs per criterion, expected figures."""
    data = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"), parse_float=Decimal)
    return [{**case, "unit": f"MH-{case['id']}"} for case in data["cases"]]


def load_example() -> dict[str, Counter]:
    """The worked example (plan 99-KH/MINHHOA): each unit's scorer enters the case's answers, the board's reviewer
    approves, and both rankings are computed. Idempotent: nothing happens once the phase has submissions."""
    campaign = Campaign.objects.filter(
        launching_organization__code=EXAMPLE_CAMPAIGN[0], plan_number=EXAMPLE_CAMPAIGN[1]
    ).first()
    if campaign is None:
        return {}
    phase = campaign.phases.order_by("position").first()
    if Submission.objects.filter(phase=phase).exists():
        return {"submissions": Counter({UNCHANGED: Submission.objects.filter(phase=phase).count()})}
    cases = example_cases()
    names = ["canbo_mh", EXAMPLE_REVIEWER] + [f"chamdiem_mh{n}" for n in range(1, len(cases) + 1)]
    users = {u.username: u for u in get_user_model().objects.filter(username__in=names)}
    officer, reviewer = users["canbo_mh"], users[EXAMPLE_REVIEWER]
    participants = {p.organization.code: p for p in campaign.participants.select_related("organization")}
    today = timezone.localdate()
    for number, case in enumerate(cases, start=1):
        submission = self_services.submission_get_or_create(participant=participants[case["unit"]], phase=phase)
        if not submission_is_open(submission):
            self_services.submission_reopen(submission=submission, until=today, actor=officer, reason=REOPEN_REASON)
        scorer = users[f"chamdiem_mh{number}"]
        for score in submission.scores.select_related("criterion").order_by("criterion__position", "pk"):
            score.submission = submission
            self_services.score_save_self(
                score=score,
                inputs=_json_ready(case["inputs"].get(score.criterion.code, {})),
                note=EXAMPLE_NOTE.format(case=case["id"]),
                expected_version=score.version,
                actor=scorer,
            )
        self_services.submission_submit(submission=submission, actor=scorer)
        review_services.submission_approve(submission=submission, actor=reviewer)
    return {"submissions": Counter({CREATED: len(cases)})} | _rank(campaign, phase, officer)


def _json_ready(value):
    """The example's answers as a form would send them (numbers as text)."""
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, Decimal):
        return str(value)
    return value


def load_all() -> dict[str, Counter]:
    """Score the Sóc Trăng wards and the worked example once; later runs change nothing."""
    summary = load_soc_trang()
    example = load_example()
    for section, tally in example.items():
        summary[section] = summary.get(section, Counter()) + tally
    return summary


def load_soc_trang() -> dict[str, Counter]:
    """Score the Sóc Trăng wards once; later runs find the submissions and change nothing."""
    campaign = Campaign.objects.filter(launching_organization__code=CAMPAIGN[0], plan_number=CAMPAIGN[1]).first()
    if campaign is None:
        return {}
    phase = campaign.phases.order_by("position").first()
    if Submission.objects.filter(phase=phase).exists():
        return {"submissions": Counter({UNCHANGED: Submission.objects.filter(phase=phase).count()})}
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=["canbo", "thamdinh", "chamdiem", "chamdiem2"])
    }
    officer, reviewer = users["canbo"], users["thamdinh"]
    participants = {p.organization.code: p for p in campaign.participants.select_related("organization")}
    today = timezone.localdate()
    for code, total, scorer, outcome in WARDS:
        submission = self_services.submission_get_or_create(participant=participants[code], phase=phase)
        self_services.submission_reopen(submission=submission, until=today, actor=officer, reason=REOPEN_REASON)
        _self_score(submission, total, users.get(scorer, officer))
        _review(submission, outcome, reviewer)
    return {"submissions": Counter({CREATED: len(WARDS)})} | _rank(campaign, phase, officer)


def _rank(campaign: Campaign, phase, officer) -> dict[str, Counter]:
    """Compute the phase ranking now (the demo runs in one process, so no worker is needed)."""
    for ranked_phase in (phase, None):  # the phase, and the whole campaign
        run = ranking_services.ranking_request(campaign=campaign, phase=ranked_phase, actor=officer)
        ranking_services.ranking_compute(run_id=run.pk)
    return {"rankings": Counter({CREATED: 2})}
