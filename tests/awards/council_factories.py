"""Helpers for the council tests: a council with members who have accounts, a campaign with nominations, and a
session taken through preparation, attendance and the start of voting by the real services."""

from datetime import date
from decimal import Decimal

from awards.councils.services import ballots as ballot
from awards.councils.services import councils as svc
from awards.enums import CouncilRole
from awards.models import AwardType
from organizations.enums import Role
from tests.awards.factories import AwardPlanFactory, CouncilFactory, CouncilMemberFactory, NominationFactory
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.scoring.factories import launched_campaign

MEMBER_NAMES = [
    "Lâm Văn Mẫn",
    "Trần Thị Thu Hằng",
    "Nguyễn Hoàng Phúc",
    "Lê Thị Ngọc Bích",
    "Phạm Quốc Việt",
    "Võ Thị Kim Liên",
    "Đặng Minh Đức",
    "Huỳnh Thanh Tâm",
    "Bùi Văn Sơn",
    "Dương Thị Ánh",
    "Hồ Văn Lực",
    "Châu Thị Mai",
]


def custom_award(code: str, *, percent, base: str, inclusive: bool, quorum=(2, 3), owner=None) -> AwardType:
    """An organisation's own award with the given council rule (no disclosure window)."""
    return AwardType.objects.create(
        code=code,
        name=f"Danh hiệu {code}",
        certificate_title="GIẤY KHEN",
        category="commendation",
        recipient_kind="collective",
        level="organization",
        owner=owner,
        valid_from=date(2024, 1, 1),
        threshold_percent=Decimal(percent),
        threshold_base=base,
        threshold_inclusive=inclusive,
        quorum_numerator=quorum[0],
        quorum_denominator=quorum[1],
    )


def council_with_members(organization, count: int, *, name="Hội đồng Thi đua - Khen thưởng Ban Tuyên giáo"):
    """A council whose first member is the chair, second the secretary, the rest members; each has an account."""
    council = CouncilFactory(organization=organization, name=name)
    members = []
    for index in range(count):
        user = UserFactory(username=f"member{index}")
        MembershipFactory(user=user, organization=organization, role=Role.COUNCIL_MEMBER)
        role = {0: CouncilRole.CHAIR, 1: CouncilRole.SECRETARY}.get(index, CouncilRole.MEMBER)
        members.append(CouncilMemberFactory(council=council, user=user, full_name=MEMBER_NAMES[index % 12], role=role))
    return council, members


def campaign_with_nominations(org_tree, officer, *, award: AwardType, count: int = 2):
    """A launched campaign of the root with ``count`` eligible, proposed nominations of units for ``award``."""
    units = [OrganizationFactory(name=f"Ban Tuyên giáo Phường {n + 1}", parent=org_tree["root"]) for n in range(count)]
    campaign = launched_campaign(organization=org_tree["root"], officer=officer, participants=units)
    plan = AwardPlanFactory(campaign=campaign, award_type=award, quota=None)
    nominations = [NominationFactory(plan=plan, organization=unit, position=n) for n, unit in enumerate(units)]
    return campaign, nominations


def session_in_preparation(council, nominations, *, title="Phiên họp xét khen thưởng năm 2023", campaign=None):
    session = svc.session_create(
        council=council,
        title=title,
        scheduled_at=_at(),
        place="Hội trường Ban",
        place_name="Sóc Trăng",
        campaign=campaign,
    )
    for nomination in nominations:
        svc.agenda_add(session=session, nomination=nomination)
    return session


def session_voting(council, members, nominations, *, present=None):
    """A session with ``nominations`` on its agenda, attendance recorded (``present`` members, default all),
    and voting started by the secretary (members[1])."""
    session = session_in_preparation(council, nominations)
    secretary = members[1].user
    ballot.session_open(session=session, actor=secretary)
    present = members if present is None else present
    ballot.attendance_record(session=session, present_member_ids=[m.pk for m in present])
    ballot.voting_start(session=session, actor=secretary)
    return session


def _at():
    from django.utils import timezone

    return timezone.make_aware(timezone.datetime(2023, 12, 20, 8, 30))
