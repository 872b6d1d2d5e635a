"""Demo of the State document style (issue 12), after the worked example of plan 99-KH/MINHHOA (``scoring.demo``).

The department (Sở Văn hóa, Thể thao và Du lịch tỉnh Minh Họa) is a State body, so its documents follow Nghị định
30/2020/NĐ-CP: quốc hiệu and tiêu ngữ, "Số: 01/QĐ-SVHMH", "KT. GIÁM ĐỐC". Its council (4 members, 3 present, the
absent member votes in writing) approves a Giấy khen for the commune office ranked first (Xuất sắc); the deputy
director signs the decision for the director. Everything goes through the awards services; idempotent.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from awards.councils.services import ballots as ballot_services
from awards.councils.services import councils as council_services
from awards.decisions.services import drafts as decision_services
from awards.decisions.services import issuing as issue_services
from awards.demo.soc_trang import approve_in_writing, record_minutes_details
from awards.enums import CouncilRole, DecisionKind, VoteChoice
from awards.models import AwardDecision, AwardPlan, AwardType, Certificate, Council, CouncilMember, CouncilSession
from awards.nominations.selectors import award_date
from awards.nominations.services import nominations as nomination_services
from awards.nominations.services import plans as plan_services
from campaigns.models import Campaign, Tier
from organizations.demo import CREATED, UNCHANGED
from organizations.models import Organization

DEPARTMENT, PLAN = "SVH-MH", "99-KH/MINHHOA"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
AWARD, TIER = "GK_TT", "Xuất sắc"
PLAN_NOTE = "Tặng Giấy khen của Giám đốc Sở cho 01 tập thể dẫn đầu (minh họa văn bản theo thể thức nhà nước)."

COUNCIL_NAME = "Hội đồng Thi đua - Khen thưởng Sở Văn hóa, Thể thao và Du lịch tỉnh Minh Họa"
# (username, role, position printed on the minutes, present at the session)
COUNCIL = (
    ("nguoiky_mh", CouncilRole.CHAIR, "Phó Giám đốc Sở", True),
    ("thuky_mh", CouncilRole.SECRETARY, "Chánh Văn phòng Sở", True),
    ("thamdinh_mh", CouncilRole.MEMBER, "Chuyên viên thẩm định", True),
    ("canbo_mh", CouncilRole.MEMBER, "Chuyên viên thi đua – khen thưởng", False),  # votes in writing
)
SESSION_TITLE = "Phiên họp xét khen thưởng phong trào thi đua năm 2026 (minh họa)"
SESSION_ROOM = "Phòng họp số 2, Sở Văn hóa, Thể thao và Du lịch"
PLACE = "Minh Họa"
SESSION_AT = datetime(2026, 12, 2, 14, 0, tzinfo=TZ)
VOTING_AT = datetime(2026, 12, 2, 14, 20, tzinfo=TZ)
CLOSED_AT = datetime(2026, 12, 2, 14, 45, tzinfo=TZ)
WRITTEN_OPINION = "Đồng ý với đề nghị của Văn phòng Sở."
DECISION_DATE = date(2026, 12, 3)
DECISION_TEXT = {
    "place": PLACE,
    "authority_parent": "UBND TỈNH MINH HỌA",
    "authority_name": "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
    "decider": "GIÁM ĐỐC SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH TỈNH MINH HỌA",
    "signer_prefix": "kt",
    "signer_on_behalf_of": "GIÁM ĐỐC",
    "signer_title": "PHÓ GIÁM ĐỐC",
    "signer_name": "Phạm Thị Lan",
}
ACHIEVEMENT = "Đã có thành tích xuất sắc dẫn đầu phong trào thi đua năm 2026 của Sở Văn hóa, Thể thao và Du lịch"


def _campaign() -> Campaign | None:
    return Campaign.objects.filter(launching_organization__code=DEPARTMENT, plan_number=PLAN).first()


def _plan(campaign: Campaign) -> AwardPlan:
    day = award_date(campaign)
    award = AwardType.objects.filter(code=AWARD, valid_from__lte=day).exclude(valid_to__lt=day).get()
    plan = AwardPlan.objects.filter(campaign=campaign, award_type=award).first()
    if plan is not None:
        return plan
    tier = Tier.objects.filter(table__campaign=campaign, name=TIER).order_by("table__participant_kind").first()
    return plan_services.plan_save(campaign=campaign, award_type=award, quota=1, minimum_tier=tier, note=PLAN_NOTE)


def _council(users) -> Council:
    department = Organization.objects.get(code=DEPARTMENT)
    council = Council.objects.filter(organization=department, name=COUNCIL_NAME).first()
    council = council or council_services.council_create(organization=department, name=COUNCIL_NAME)
    for username, role, title, _present in COUNCIL:
        if not CouncilMember.objects.filter(council=council, user=users[username]).exists():
            council_services.member_add(council=council, user=users[username], title=title, role=role)
    return council


def _session(campaign: Campaign, council: Council, plan: AwardPlan, users) -> CouncilSession:
    secretary = users["thuky_mh"]
    session = council_services.session_create(
        council=council,
        title=SESSION_TITLE,
        scheduled_at=SESSION_AT,
        place=SESSION_ROOM,
        place_name=PLACE,
        campaign=campaign,
    )
    for nomination in plan.nominations.order_by("position", "pk"):
        council_services.agenda_add(session=session, nomination=nomination, now=SESSION_AT)
    session = ballot_services.session_open(session=session, actor=secretary, now=SESSION_AT)
    seats = {m.user.username: m for m in CouncilMember.objects.filter(council=council).select_related("user")}
    present = [seats[row[0]].pk for row in COUNCIL if row[3]]
    session = ballot_services.attendance_record(session=session, present_member_ids=present)
    session = ballot_services.voting_start(session=session, actor=secretary, now=VOTING_AT)
    record_minutes_details(session, seats, chair="nguoiky_mh", committee=("thamdinh_mh",), place=PLACE)
    choices = {item.pk: VoteChoice.APPROVE for item in session.agenda.all()}
    for username, _role, _title, is_present in COUNCIL:
        if is_present:
            ballot_services.ballot_cast(session=session, member=seats[username], choices=choices)
        else:
            approve_in_writing(session, seats[username], opinion=WRITTEN_OPINION, actor=secretary)
    ballot_services.voting_close(session=session, actor=secretary, now=CLOSED_AT)  # minutes 01/BB-SVHMH
    return session


def _decision(campaign: Campaign, users) -> AwardDecision:
    department = Organization.objects.get(code=DEPARTMENT)
    decision = decision_services.decision_create(
        organization=department, actor=users["canbo_mh"], campaign=campaign, decision_date=DECISION_DATE
    )
    decision = decision_services.decision_update(decision=decision, data=DECISION_TEXT)
    for line in decision.recipients.select_related("award_type"):
        data = {"award_type": line.award_type, "achievement": ACHIEVEMENT}
        decision_services.recipient_save(decision=decision, recipient=line, data=data)
    # The department's first decision of the year: the register starts with the default symbol, QĐ-SVHMH.
    return issue_services.decision_issue(decision=decision, actor=users["nguoiky_mh"], decision_date=DECISION_DATE)


@transaction.atomic
def load_all() -> dict[str, Counter]:
    """The department's Giấy khen from plan to certificate, in the State style; a second run changes nothing."""
    campaign = _campaign()
    if campaign is None:
        return {}
    decided = AwardDecision.objects.filter(campaign=campaign, kind=DecisionKind.AWARD)
    if decided.exists():
        return {"state_style_decisions": Counter({UNCHANGED: decided.count()})}
    names = [row[0] for row in COUNCIL]
    users = {u.username: u for u in get_user_model().objects.filter(username__in=names)}
    plan = _plan(campaign)
    if not plan.nominations.exists():
        nomination_services.nominations_generate(plan=plan, actor=users["canbo_mh"])
    council = _council(users)
    if not CouncilSession.objects.filter(council=council, title=SESSION_TITLE).exists():
        _session(campaign, council, plan, users)
    decision = _decision(campaign, users)
    certificates = Certificate.objects.filter(recipient__decision=decision).count()
    return {
        "state_style_decisions": Counter({CREATED: 1}),
        "state_style_certificates": Counter({CREATED: certificates}),
    }
