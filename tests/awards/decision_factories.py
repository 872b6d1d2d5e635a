"""Helpers and fixtures for the decision and certificate tests (import the fixtures into a test module to use them)."""

from datetime import date

import pytest

from awards.decisions.services.issuing import decision_issue
from organizations.enums import Role
from tests.awards.factories import AwardDecisionFactory, DecisionRecipientFactory, award_type
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory, UserFactory

VIETNAMESE_NAME = "Nguyễn Thị Hồng Nhung"
VIETNAMESE_ACHIEVEMENT = "Đã có thành tích xuất sắc trong phong trào thi đua “Đổi mới, sáng tạo” năm 2025"


def draft_decision(organization, *, lines: int = 2, **fields):
    """A draft decision of ``organization`` with ``lines`` collective lines (Giấy khen) for new child units."""
    decision = AwardDecisionFactory(issuing_organization=organization, **fields)
    for position in range(1, lines + 1):
        unit = OrganizationFactory(parent=organization, name=f"Ban Tuyên giáo Phường {position}")
        DecisionRecipientFactory(
            decision=decision,
            organization=unit,
            position=position,
            recipient_name=f"Ban Tuyên giáo Phường {position}",
            recipient_detail="Thành phố Sóc Trăng",
            achievement=VIETNAMESE_ACHIEVEMENT,
        )
    return decision


def person_line(decision, organization, *, name: str = VIETNAMESE_NAME):
    person = PersonFactory(organization=organization, full_name=name)
    return DecisionRecipientFactory(
        decision=decision,
        person=person,
        award_type=award_type("GK_CN"),
        recipient_name=name,
        recipient_detail=f"Chuyên viên, {organization.name}",
        achievement=VIETNAMESE_ACHIEVEMENT,
        position=99,
    )


def issue(decision, actor, *, day: date = date(2026, 3, 5), symbol: str = ""):
    return decision_issue(decision=decision, actor=actor, decision_date=day, symbol=symbol)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def signer(org_tree):
    user = UserFactory(username="signer")
    MembershipFactory(user=user, organization=org_tree["root"], role=Role.SIGNER)
    return user


@pytest.fixture
def outsider_signer(org_tree):
    user = UserFactory(username="outsider_signer")
    MembershipFactory(user=user, organization=org_tree["other"], role=Role.SIGNER)
    return user
