"""Demo awards for seed 004 (loaded after ``scoring.demo``): Sóc Trăng's 2023 campaign from plan to certificates.

"Ban sẽ tham mưu Thường trực Thành ủy tặng Giấy khen cho 01 tập thể, 02 cá nhân. Trưởng Ban Tuyên giáo Thành ủy
biểu dương các đơn vị có số điểm thi đua đạt từ 90 điểm trở lên." So the plan has three lines: Giấy khen for the
best ward (Xuất sắc), Giấy khen for two ward propaganda officers (added by hand: the campaign scores wards only),
and the board's own commendation for every ward with 90 points or more. A few past awards go into the ledger; the
commendation list is publicly disclosed; the board's council (5 members, 4 present) votes by secret ballot in
January 2024; the signer issues decision 01-QĐ/BTGTU and the certificates are rendered after commit (in-process
without REDIS_URL, by the workers with it).

The board is a Party body, so its minutes (01-BB/BTGTU) and decision (01-QĐ/BTGTU) are Party documents
(Hướng dẫn 36-HD/VPTW): "ĐẢNG CỘNG SẢN VIỆT NAM", numbers with a hyphen, "T/M", "K/T". The absent member votes in
writing; the council meets in the board's meeting room and its minutes are dated "Sóc Trăng, ngày 16 tháng 01 …".

Everything goes through the awards services. Idempotent: each
section looks its rows up by natural key and does nothing once they exist.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from awards import registers
from awards.catalogue import services as catalogue_services
from awards.councils.services import ballots as council_ballot_services
from awards.councils.services import councils as council_services
from awards.councils.services import minutes as minutes_services
from awards.decisions.services import drafts as decision_services
from awards.decisions.services import issuing as decision_issue_services
from awards.enums import (
    AwardCategory,
    AwardLevel,
    CouncilRole,
    DecisionKind,
    RecipientKind,
    RegisterKind,
    VoteChoice,
    WrittenChoice,
)
from awards.ledger import services as history_services
from awards.models import (
    AwardDecision,
    AwardPlan,
    AwardRecord,
    AwardType,
    Certificate,
    Council,
    CouncilMember,
    CouncilSession,
    Nomination,
)
from awards.nominations.selectors import award_date
from awards.nominations.services import disclosure as disclosure_services
from awards.nominations.services import nominations as nomination_services
from awards.nominations.services import plans as plan_services
from campaigns.models import Campaign, Tier
from organizations.demo import CREATED, UNCHANGED
from organizations.models import Organization, Person

BOARD, CAMPAIGN_PLAN = "BTGTU-ST", "05-KH/BTGTU"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")

OWN_AWARD = {
    "code": "BIEU_DUONG_BTGTU_ST",
    "name": "Biểu dương của Trưởng Ban Tuyên giáo Thành ủy",
    "certificate_title": "GIẤY BIỂU DƯƠNG",
    "category": AwardCategory.COMMENDATION,
    "recipient_kind": RecipientKind.COLLECTIVE,
    "level": AwardLevel.ORGANIZATION,
    "legal_basis": "Quy chế thi đua, khen thưởng của Ban Tuyên giáo Thành ủy Sóc Trăng",
    "valid_from": date(2023, 1, 1),
    "requires_disclosure": True,  # the results are made public for comments before the council votes
    "disclosure_days": 5,
}

# (award code, quota, minimum tier name, minimum points, note)
PLAN_LINES = (
    ("GK_TT", 1, "Xuất sắc", None, "Tham mưu Thường trực Thành ủy tặng Giấy khen cho 01 tập thể."),
    ("GK_CN", 2, None, None, "Tham mưu Thường trực Thành ủy tặng Giấy khen cho 02 cá nhân."),
    (OWN_AWARD["code"], None, None, Decimal(90), "Biểu dương các đơn vị có số điểm thi đua đạt từ 90 điểm trở lên."),
)
# Individuals are not scored in this campaign: the board proposes the two officers by hand (staff codes).
INDIVIDUAL_NOMINEES = ("CB-ST-P1-01", "CB-ST-P2-01")

# (organisation or staff code, award code, year, decision number, issuer)
HISTORY = (
    ("BTG-ST-P1", "TTLDTT", 2022, "112-QĐ/TU", "Thành ủy Sóc Trăng"),
    ("BTG-ST-P2", "TTLDTT", 2022, "112-QĐ/TU", "Thành ủy Sóc Trăng"),
    ("BTG-ST-P1", "TTLDTT", 2021, "087-QĐ/TU", "Thành ủy Sóc Trăng"),
    ("CB-ST-P1-01", "GK_CN", 2022, "115-QĐ/TU", "Thành ủy Sóc Trăng"),
)
HISTORY_ACHIEVEMENT = "Đã có thành tích trong công tác tuyên giáo năm {year}."

COUNCIL_NAME = "Hội đồng Thi đua - Khen thưởng Ban Tuyên giáo Thành ủy Sóc Trăng"
# (username, role, position printed on the minutes, present at the session)
COUNCIL = (
    ("nguoiky", CouncilRole.CHAIR, "Trưởng Ban Tuyên giáo Thành ủy", True),
    ("hoidong", CouncilRole.VICE_CHAIR, "Phó Trưởng Ban Tuyên giáo Thành ủy", True),
    ("thuky", CouncilRole.SECRETARY, "Chuyên viên Ban Tuyên giáo Thành ủy", True),
    ("canbo", CouncilRole.MEMBER, "Chuyên viên Ban Tuyên giáo Thành ủy", True),
    ("thamdinh", CouncilRole.MEMBER, "Chuyên viên Ban Tuyên giáo Thành ủy", False),  # away on duty
)
# Who departs from "approve" on which nominee (organisation or staff code) — the rest approve everything.
# More than half of all 5 members (3 approvals) is needed, so every nomination passes.
BALLOT_EXCEPTIONS = {
    ("hoidong", "CB-ST-P2-01"): VoteChoice.ABSTAIN,
    ("canbo", "BTG-ST-P3"): VoteChoice.REJECT,
}

SESSION_TITLE = "Phiên họp xét khen thưởng phong trào thi đua năm 2023 đối với Ban Tuyên giáo 10 phường"
SESSION_ROOM = "Phòng họp Ban Tuyên giáo Thành ủy Sóc Trăng"
SESSION_PLACE = "Sóc Trăng"  # printed before the date on the minutes: "Sóc Trăng, ngày 16 tháng 01 năm 2024"
# The chair, the counting committee (its head first) and the absent member's written votes (approve all).
SESSION_CHAIR = "nguoiky"
COUNTING_COMMITTEE = ("hoidong", "canbo")
WRITTEN_OPINION = "Nhất trí với đề nghị khen thưởng của Ban; vắng mặt do đi công tác."
DISCLOSURE_STARTS = datetime(2024, 1, 8, 8, 0, tzinfo=TZ)  # 5 days: until 13/01/2024 08:00
COMMENT_AT = datetime(2024, 1, 10, 9, 30, tzinfo=TZ)
AGENDA_AT = datetime(2024, 1, 15, 10, 0, tzinfo=TZ)
SESSION_AT = datetime(2024, 1, 16, 14, 0, tzinfo=TZ)
VOTING_AT = datetime(2024, 1, 16, 14, 30, tzinfo=TZ)
CLOSED_AT = datetime(2024, 1, 16, 15, 10, tzinfo=TZ)
DECISION_DATE, DECISION_SYMBOL = date(2024, 1, 19), "QĐ-BTGTU"
MINUTES_SYMBOL = "BB-BTGTU"

# The legal basis, "Xét đề nghị của …" and Article 2 are generated from the data (catalogue texts in force on
# 19/01/2024, the plan, the council's minutes); the board words Articles 3 and the copies its own way.
DECISION_TEXT = {
    "place": "Sóc Trăng",
    "authority_name": "BAN TUYÊN GIÁO",
    "decider": "TRƯỞNG BAN TUYÊN GIÁO THÀNH ỦY SÓC TRĂNG",
    "article_3": "Quyết định này có hiệu lực kể từ ngày ký. Văn phòng Ban Tuyên giáo Thành ủy, Ban Tuyên giáo Đảng ủy "
    "các phường và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
    "recipients_of_copies": "Như Điều 3;\nThường trực Thành ủy (b/c);\nLưu: VT.",
    "signer_title": "TRƯỞNG BAN",
}
ACHIEVEMENT = {
    RecipientKind.COLLECTIVE: "Đã có thành tích xuất sắc trong phong trào thi đua năm 2023 của Ban Tuyên giáo "
    "Thành ủy Sóc Trăng",
    RecipientKind.INDIVIDUAL: "Đã có thành tích xuất sắc trong công tác tuyên giáo cơ sở năm 2023",
}


def _users(*usernames: str) -> dict:
    return {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}


def _campaign() -> Campaign | None:
    return Campaign.objects.filter(launching_organization__code=BOARD, plan_number=CAMPAIGN_PLAN).first()


def _award(code: str, campaign: Campaign) -> AwardType:
    """The version of ``code`` in force when the campaign's awards are decided."""
    day = award_date(campaign)
    return AwardType.objects.filter(code=code, valid_from__lte=day).exclude(valid_to__lt=day).get()


# --- catalogue ---------------------------------------------------------------------------------------------------


def load_catalogue() -> dict[str, Counter]:
    """The board's own commendation (biểu dương), owned by the board (Giấy khen is in the seeded catalogue)."""
    tally = Counter()
    if AwardType.objects.filter(code=OWN_AWARD["code"]).exists():
        tally[UNCHANGED] += 1
    else:
        catalogue_services.award_type_create(owner=Organization.objects.get(code=BOARD), **OWN_AWARD)
        tally[CREATED] += 1
    return {"award_types": tally}


# --- ledger ------------------------------------------------------------------------------------------------------


def _recipient(code: str) -> dict:
    person = Person.objects.filter(code=code).first()
    return {"person": person} if person else {"organization": Organization.objects.get(code=code)}


def load_history(actor) -> dict[str, Counter]:
    """Past awards entered by hand (from 2021–2022 decisions of the Thành ủy): the ledger on the profiles."""
    tally = Counter()
    for code, award_code, year, number, issuer in HISTORY:
        recipient = _recipient(code)
        if AwardRecord.objects.filter(**recipient, award_code=award_code, year=year, decision_number=number).exists():
            tally[UNCHANGED] += 1
            continue
        award = AwardType.objects.filter(code=award_code, valid_from__lte=date(year, 12, 31)).order_by("-valid_from")
        history_services.award_record_create(
            **recipient,
            award_type=award.first() or AwardType.objects.filter(code=award_code).earliest("valid_from"),
            year=year,
            decision_number=number,
            issuer=issuer,
            achievement=HISTORY_ACHIEVEMENT.format(year=year),
            created_by=actor,
        )
        tally[CREATED] += 1
    return {"award_records": tally}


# --- plan and nominations ----------------------------------------------------------------------------------------


def load_plans(campaign: Campaign) -> dict[str, Counter]:
    """The three plan lines of seed 004, with the award versions in force on 31/12/2023."""
    tally = Counter()
    for code, quota, tier_name, minimum_points, note in PLAN_LINES:
        award = _award(code, campaign)
        if AwardPlan.objects.filter(campaign=campaign, award_type=award).exists():
            tally[UNCHANGED] += 1
            continue
        tier = Tier.objects.filter(table__campaign=campaign, name=tier_name).order_by("table__participant_kind").first()
        tier = tier if tier_name else None
        plan_services.plan_save(
            campaign=campaign,
            award_type=award,
            quota=quota,
            minimum_tier=tier,
            minimum_points=minimum_points,
            note=note,
        )
        tally[CREATED] += 1
    return {"award_plans": tally}


def load_nominations(campaign: Campaign, officer) -> dict[str, Counter]:
    """From the current ranking for the collective lines; by hand for the two officers."""
    tally = Counter()
    for plan in AwardPlan.objects.filter(campaign=campaign).select_related("award_type").order_by("pk"):
        if plan.nominations.exists():
            tally[UNCHANGED] += plan.nominations.count()
        elif plan.award_type.recipient_kind == RecipientKind.COLLECTIVE:
            tally[CREATED] += len(nomination_services.nominations_generate(plan=plan, actor=officer))
        else:
            for person in Person.objects.filter(code__in=INDIVIDUAL_NOMINEES).order_by("code"):
                nomination_services.nomination_add(plan=plan, actor=officer, person=person)
                tally[CREATED] += 1
    return {"nominations": tally}


# --- council, disclosure, session ----------------------------------------------------------------------------------


def load_council(users) -> tuple[Council, dict[str, Counter]]:
    board = Organization.objects.get(code=BOARD)
    council = Council.objects.filter(organization=board, name=COUNCIL_NAME).first()
    councils = Counter({UNCHANGED if council else CREATED: 1})
    council = council or council_services.council_create(organization=board, name=COUNCIL_NAME)
    members = Counter()
    for username, role, title, _present in COUNCIL:
        if CouncilMember.objects.filter(council=council, user=users[username]).exists():
            members[UNCHANGED] += 1
            continue
        council_services.member_add(council=council, user=users[username], title=title, role=role)
        members[CREATED] += 1
    return council, {"councils": councils, "council_seats": members}


def _disclose(campaign: Campaign, officer) -> None:
    disclosure = disclosure_services.disclosure_publish(
        campaign=campaign,
        actor=officer,
        starts_at=DISCLOSURE_STARTS,
        now=DISCLOSURE_STARTS,
        note="Công khai kết quả chấm điểm và danh sách đề nghị biểu dương trên trang thông tin điện tử của Ban.",
    )
    disclosure_services.disclosure_comment_add(
        disclosure=disclosure,
        body="Nhất trí với danh sách công khai; đề nghị Ban tiếp tục nhân rộng cách làm của các phường dẫn đầu.",
        author_name="Ban Tuyên giáo Đảng ủy Phường 4",
        actor=officer,
        on_paper=True,
        now=COMMENT_AT,
    )


def _nominee_code(nomination) -> str:
    return nomination.person.code if nomination.person_id else nomination.organization.code


def _vote(session: CouncilSession, council: Council, users) -> None:
    items = list(session.agenda.select_related("nomination__person", "nomination__organization"))
    for username, _role, _title, present in COUNCIL:
        if not present:
            continue
        choices = {
            item.pk: BALLOT_EXCEPTIONS.get((username, _nominee_code(item.nomination)), VoteChoice.APPROVE)
            for item in items
        }
        member = CouncilMember.objects.get(council=council, user=users[username])
        council_ballot_services.ballot_cast(session=session, member=member, choices=choices)


def load_session(campaign: Campaign, council: Council, users) -> dict[str, Counter]:
    """Disclose, hold the session (4 of 5 present), vote by secret ballot, close: results and minutes."""
    if CouncilSession.objects.filter(council=council, title=SESSION_TITLE).exists():
        return {"sessions": Counter({UNCHANGED: 1})}
    officer, secretary = users["canbo"], users["thuky"]
    _disclose(campaign, officer)
    session = council_services.session_create(
        council=council,
        title=SESSION_TITLE,
        scheduled_at=SESSION_AT,
        place=SESSION_ROOM,
        place_name=SESSION_PLACE,
        campaign=campaign,
    )
    nominations = Nomination.objects.filter(plan__campaign=campaign).order_by("plan_id", "position", "pk")
    for nomination in nominations:
        council_services.agenda_add(session=session, nomination=nomination, now=AGENDA_AT)
    session = council_ballot_services.session_open(session=session, actor=secretary, now=SESSION_AT)
    seats = {m.user.username: m for m in CouncilMember.objects.filter(council=council).select_related("user")}
    present = [seats[row[0]].pk for row in COUNCIL if row[3]]
    session = council_ballot_services.attendance_record(session=session, present_member_ids=present)
    session = council_ballot_services.voting_start(session=session, actor=secretary, now=VOTING_AT)
    record_minutes_details(session, seats, chair=SESSION_CHAIR, committee=COUNTING_COMMITTEE, place=SESSION_PLACE)
    _vote(session, council, users)
    for username, _role, _title, is_present in COUNCIL:
        if not is_present:
            approve_in_writing(session, seats[username], opinion=WRITTEN_OPINION, actor=secretary)
    # The minutes take the next number of the board's register "BB-BTGTU" and are rendered after commit.
    registers.register_prepare(
        organization=council.organization, kind=RegisterKind.MINUTES, year=CLOSED_AT.year, symbol=MINUTES_SYMBOL
    )
    council_ballot_services.voting_close(session=session, actor=secretary, now=CLOSED_AT)
    return {"sessions": Counter({CREATED: 1})}


def record_minutes_details(session, seats, *, chair: str, committee, place: str) -> None:
    """The chair and the counting committee (usernames, its head first) and the place name of the minutes."""
    minutes_services.minutes_details_record(
        session=session,
        chair_id=seats[chair].pk,
        committee_ids=[seats[username].pk for username in committee],
        place_name=place,
    )


def approve_in_writing(session, member, *, opinion: str, actor) -> None:
    """An absent member's written vote: approve every nomination on the agenda, with one opinion."""
    votes = {item.pk: (WrittenChoice.APPROVE, opinion) for item in session.agenda.all()}
    minutes_services.written_votes_record(session=session, member=member, votes=votes, actor=actor)


# --- decision ----------------------------------------------------------------------------------------------------


def load_decision(campaign: Campaign, users) -> dict[str, Counter]:
    """Draft the decision from the approved nominations, word it, and issue it (certificates after commit)."""
    decided = AwardDecision.objects.filter(campaign=campaign, kind=DecisionKind.AWARD)
    if decided.exists():
        certificates = Certificate.objects.filter(recipient__decision__in=decided).count()
        return {"decisions": Counter({UNCHANGED: decided.count()}), "certificates": Counter({UNCHANGED: certificates})}
    board = Organization.objects.get(code=BOARD)
    decision = decision_services.decision_create(
        organization=board, actor=users["canbo"], campaign=campaign, decision_date=DECISION_DATE
    )
    decision = decision_services.decision_update(decision=decision, data=DECISION_TEXT)
    for line in decision.recipients.select_related("award_type"):
        data = {"award_type": line.award_type, "achievement": ACHIEVEMENT[line.award_type.recipient_kind]}
        decision_services.recipient_save(decision=decision, recipient=line, data=data)
    decision_issue_services.decision_issue(
        decision=decision, actor=users["nguoiky"], decision_date=DECISION_DATE, symbol=DECISION_SYMBOL
    )
    certificates = Certificate.objects.filter(recipient__decision=decision).count()  # rendered after commit
    return {"decisions": Counter({CREATED: 1}), "certificates": Counter({CREATED: certificates})}


@transaction.atomic
def load_all() -> dict[str, Counter]:
    """Take the Sóc Trăng campaign through the awards, all or nothing; a second run changes nothing."""
    campaign = _campaign()
    if campaign is None:
        return {}
    users = _users(*{row[0] for row in COUNCIL})
    summary = load_catalogue() | load_history(users["canbo"]) | load_plans(campaign)
    summary |= load_nominations(campaign, users["canbo"])
    council, council_summary = load_council(users)
    summary |= council_summary | load_session(campaign, council, users) | load_decision(campaign, users)
    return summary
