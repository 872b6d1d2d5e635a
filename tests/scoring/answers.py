"""Arrange helpers: submissions whose scores hold answers scored by the engine, with their stored totals.

The services refuse to save answers outside a phase's dates; tests about review, ranking and awards start from
submissions already handed in (or verified), so these helpers write the rows the services would have written.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from campaigns import points as pt
from campaigns.models import ScoringTable
from campaigns.participants import services as ps
from campaigns.planning import services as planning
from campaigns.tables import services as ts
from campaigns.tables.spec import criterion_spec
from scoring.enums import SubmissionStatus
from scoring.models import Score, Submission
from scoring.submissions import results


def manual(points_by_code: dict) -> dict:
    """Answers for manual criteria: code → points typed."""
    return {code: {"points": str(points)} for code, points in points_by_code.items()}


def scored_submission(
    participant,
    phase,
    answers: dict | None = None,
    *,
    status: str = SubmissionStatus.SUBMITTED,
    notes: dict | None = None,
    default=None,
) -> Submission:
    """A submission of ``participant`` for ``phase`` with one score per criterion of its table.

    ``answers`` maps a criterion code to its answers (``default(criterion)`` gives the others, else none). A
    ``verified`` submission has every score verified at the unit's own points.
    """
    answers = answers or {}
    notes = notes or {}
    handed_in = status != SubmissionStatus.DRAFT
    submission = Submission.objects.create(
        participant=participant, phase=phase, status=status, submitted_at=timezone.now() if handed_in else None
    )
    table = ScoringTable.objects.get(campaign_id=phase.campaign_id, participant_kind=participant.kind)
    rows = []
    for criterion in table.criteria.prefetch_related("rules").order_by("position", "id"):
        raw = answers.get(criterion.code, default(criterion) if default else {})
        scored = results.score_answers(criterion_spec(criterion, criterion.rules.all()), raw)
        verified = scored.result.points if status == SubmissionStatus.VERIFIED else None
        rows.append(
            Score(
                submission=submission,
                criterion=criterion,
                max_points=criterion.max_points,
                self_note=notes.get(criterion.code, ""),
                verified_points=verified,
                **results.self_fields(scored.result, scored.inputs),
                **results.effective_fields(scored.result, scored.inputs),
            )
        )
    Score.objects.bulk_create(rows)
    return results.submission_totals_refresh(submission, table=table)


def half_points(criterion) -> dict:
    """A manual criterion answered with half its standard points."""
    return {"points": str(criterion.max_points / 2)}


def verified_with_total(participant, phase, total, *, carrier: str) -> Submission:
    """A verified submission at full marks except criterion ``carrier``, which carries the difference to ``total``
    (manual criteria of a 100-point table)."""
    table = ScoringTable.objects.get(campaign_id=phase.campaign_id, participant_kind=participant.kind)
    points = {c.code: c.max_points for c in table.criteria.all()}
    points[carrier] -= Decimal(100) - Decimal(total)
    return scored_submission(participant, phase, manual(points), status=SubmissionStatus.VERIFIED)


# --- rule-based tables ---------------------------------------------------------------------------------------------

D = Decimal


def _rule_criterion(n: int) -> pt.CriterionSpec:
    """Criterion ``C<n>``: 2 standard points by one of four base methods, a capped deduction and a bonus."""
    bases = (
        pt.BaseSpec(kind=pt.BaseKind.STANDARD),
        pt.BaseSpec(kind=pt.BaseKind.COUNT_MINIMUM, minimum=4, partial=True, input_label="Số buổi sinh hoạt"),
        pt.BaseSpec(kind=pt.BaseKind.TARGET, target=D(24), input_label="Số bài viết"),
        pt.BaseSpec(kind=pt.BaseKind.MANUAL),
    )
    code = f"C{n}"
    rules = (
        pt.RuleSpec(
            code=f"{code}a", kind=pt.RuleKind.DEDUCTION, per=pt.Per.OCCURRENCE, points=D("0.5"), cap=D("1.5"),
            text="Mỗi báo cáo chậm", input_label="Số báo cáo chậm",
        ),
        pt.RuleSpec(code=f"{code}b", kind=pt.RuleKind.BONUS, per=pt.Per.ONCE, points=D("0.25"), text="Có sáng kiến"),
    )  # fmt: skip
    return pt.CriterionSpec(
        code=code, text=f"Tiêu chí {n}", standard_points=D(2), base=bases[n % 4], rules=rules, deduction_cap=D(2)
    )


def rule_table_spec(criteria: int = 37) -> pt.TableSpec:
    """A table of ``criteria`` criteria with two rule lines each (37 → 111 rows), in three standards of two
    sections each (nested groups)."""
    specs = [_rule_criterion(n) for n in range(1, criteria + 1)]
    chunks = [specs[i::6] for i in range(6)]
    groups = tuple(
        pt.GroupSpec(
            code=f"T{s + 1}",
            name=f"Tiêu chuẩn {s + 1}",
            groups=tuple(
                pt.GroupSpec(code=f"T{s + 1}.{k + 1}", name=f"Mục {s + 1}.{k + 1}", criteria=tuple(chunks[2 * s + k]))
                for k in range(2)
            ),
        )
        for s in range(3)
    )
    return pt.TableSpec(groups=groups)


def launched_with_table(*, organization, officer, participants, spec: pt.TableSpec, plan_number: str, open_today=True):
    """A launched collective campaign of ``organization`` whose table is ``spec`` (one phase, open today)."""
    today = timezone.localdate()
    start, end = (
        (today - timedelta(days=10), today + timedelta(days=30))
        if open_today
        else (date(2023, 1, 15), date(2023, 12, 15))
    )
    campaign = planning.campaign_create(
        launching_organization=organization,
        created_by=officer,
        plan_number=plan_number,
        plan_date=start,
        signer_name="Lâm Văn Mẫn",
        signer_title="Trưởng Ban",
        name=f"Thi đua theo bảng điểm {plan_number}",
        start_date=start,
        end_date=end,
    )
    planning.phase_save(campaign=campaign, name="Cả năm", start_date=start, end_date=end)
    ts.table_replace(campaign=campaign, participant_kind="collective", spec=spec)
    ps.participants_add_organizations(campaign=campaign, organizations=participants)
    return planning.campaign_transition(campaign=campaign, action="launch", actor=officer)


def mixed_table_spec() -> pt.TableSpec:
    """A small rule-based table using every base method a unit types into, each rule kind, a bonus and a penalty
    criterion and a table bonus cap of 1; regular standards add up to 38 (tiers: 35 / 20 / 0)."""
    deduction = pt.RuleKind.DEDUCTION
    bands = (pt.Band(lower=D(98), points=D(8)), pt.Band(lower=D(95), below=D(98), points=D("6.5")),
             pt.Band(lower=D(0), below=D(95), points=D(2)))  # fmt: skip
    section_a = (
        pt.CriterionSpec(
            code="A1",
            text="Giải quyết hồ sơ đúng hạn",
            standard_points=D(8),
            base=pt.BaseSpec(kind=pt.BaseKind.BANDS, bands=bands, input_label="Tỷ lệ đúng hạn (%)"),
            rules=(
                pt.RuleSpec(
                    code="A1.1",
                    kind=deduction,
                    per=pt.Per.OCCURRENCE,
                    points=D("0.2"),
                    cap=D(1),
                    text="Mỗi hồ sơ trễ hạn không có văn bản xin lỗi",
                ),
            ),
        ),
        pt.CriterionSpec(
            code="A2",
            text="Chế độ báo cáo",
            standard_points=D(7),
            deduction_cap=D(3),
            rules=(
                pt.RuleSpec(
                    code="A2.1", kind=deduction, per=pt.Per.OCCURRENCE, points=D("0.5"), text="Mỗi báo cáo gửi trễ hạn"
                ),
                pt.RuleSpec(
                    code="A2.2",
                    kind=pt.RuleKind.BONUS,
                    per=pt.Per.OCCURRENCE,
                    points=D("0.5"),
                    cap=D(1),
                    only_without_deductions=True,
                    text="Mỗi lần được biểu dương",
                ),
            ),
        ),
        pt.CriterionSpec(
            code="A3",
            text="Hồ sơ trực tuyến (chỉ tiêu 80%)",
            standard_points=D(10),
            base=pt.BaseSpec(kind=pt.BaseKind.TARGET, target=D(80), input_label="Tỷ lệ đạt được (%)"),
            rules=(
                pt.RuleSpec(
                    code="A3.1",
                    kind=pt.RuleKind.STEP_BONUS,
                    above=D(80),
                    step=D(1),
                    points=D("0.1"),
                    cap=D("0.5"),
                    text="Mỗi 1% vượt chỉ tiêu",
                ),
            ),
        ),
    )
    standard_two = (
        pt.CriterionSpec(
            code="B1", text="Tuyên truyền", standard_points=D(5),
            base=pt.BaseSpec(kind=pt.BaseKind.YES_NO_PARTS, parts=(
                pt.Part(code="B1a", points=D(3), text="Có kế hoạch tuyên truyền"),
                pt.Part(code="B1b", points=D(2), text="Có báo cáo kết quả"),
            )),
        ),
        pt.CriterionSpec(
            code="B2", text="Sinh hoạt chuyên đề (tối thiểu 3)", standard_points=D(5),
            base=pt.BaseSpec(kind=pt.BaseKind.COUNT_MINIMUM, minimum=3, partial=True, input_label="Số buổi"),
            rules=(pt.RuleSpec(code="B2.1", kind=pt.RuleKind.EITHER, bonus=D("0.5"), deduction=D(1),
                               text="Có sơ kết giữa năm"),),
        ),
        pt.CriterionSpec(
            code="B3", text="Báo cáo tổng kết năm", standard_points=D(3),
            rules=(pt.RuleSpec(code="B3.1", kind=pt.RuleKind.GATE, text="Không gửi báo cáo tổng kết năm"),),
        ),
        pt.CriterionSpec(code="B4", text="Thành tích đột xuất", standard_points=D(2), role=pt.Role.BONUS,
                         base=pt.BaseSpec(kind=pt.BaseKind.MANUAL)),
        pt.CriterionSpec(code="B5", text="Vi phạm kỷ luật", standard_points=D(5), role=pt.Role.PENALTY,
                         base=pt.BaseSpec(kind=pt.BaseKind.MANUAL)),
    )  # fmt: skip
    return pt.TableSpec(
        groups=(
            pt.GroupSpec(
                code="I", name="Tiêu chuẩn I", groups=(pt.GroupSpec(code="A", name="Mục A", criteria=section_a),)
            ),
            pt.GroupSpec(code="II", name="Tiêu chuẩn II", criteria=standard_two),
        ),
        tiers=(pt.Tier("Xuất sắc", D(35)), pt.Tier("Khá", D(20)), pt.Tier("Trung bình", D(0))),
        bonus_cap=D(1),
    )
