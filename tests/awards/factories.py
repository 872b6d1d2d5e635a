"""factory_boy factories for the awards models; catalogue rows come from the seeded data migration."""

from datetime import date

import factory
from django.utils import timezone

from awards.enums import CouncilRole, DecisionStatus, NominationSource, RegisterKind
from awards.models import (
    AwardDecision,
    AwardPlan,
    AwardRecord,
    AwardType,
    Council,
    CouncilMember,
    CouncilSession,
    DecisionRecipient,
    Nomination,
    Register,
)
from tests.factories import OrganizationFactory, UserFactory


def award_type(code: str, on=None) -> AwardType:
    """A seeded catalogue row by code (e.g. "GK_TT", "CSTD_CS"): the current version, or the one in force ``on``."""
    if on is not None:
        return AwardType.objects.filter(code=code, valid_from__lte=on).exclude(valid_to__lt=on).get()
    return AwardType.objects.get(code=code, valid_to__isnull=True)


class AwardRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardRecord

    award_code = "LDTT"
    award_name = "Lao động tiên tiến"
    year = 2023
    source = "manual"


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Hội đồng Thi đua - Khen thưởng số {n}")


class CouncilMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMember

    council = factory.SubFactory(CouncilFactory)
    user = factory.SubFactory(UserFactory)
    full_name = factory.Sequence(lambda n: f"Trần Thị Ủy Viên {n}")
    title = "Ủy viên"
    role = CouncilRole.MEMBER


class CouncilSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilSession

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Phiên họp xét khen thưởng số {n}")
    scheduled_at = factory.LazyFunction(timezone.now)
    place = "Hội trường Ban Tuyên giáo"


class AwardPlanFactory(factory.django.DjangoModelFactory):
    """Needs ``campaign``; the award defaults to the seeded Giấy khen (tập thể)."""

    class Meta:
        model = AwardPlan

    award_type = factory.LazyFunction(lambda: award_type("GK_TT"))
    quota = 1


class NominationFactory(factory.django.DjangoModelFactory):
    """Needs ``plan`` and one of ``organization`` / ``person``."""

    class Meta:
        model = Nomination

    source = NominationSource.MANUAL
    is_eligible = True


class RegisterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Register

    organization = factory.SubFactory(OrganizationFactory)
    kind = RegisterKind.DECISION
    year = 2026
    symbol = "QĐ-BTG"


class AwardDecisionFactory(factory.django.DjangoModelFactory):
    """A draft decision; issue it through the decision service."""

    class Meta:
        model = AwardDecision

    issuing_organization = factory.SubFactory(OrganizationFactory)
    status = DecisionStatus.DRAFT
    place = "Sóc Trăng"
    authority_parent = "THÀNH ỦY SÓC TRĂNG"
    authority_name = "BAN TUYÊN GIÁO"
    title = "Về việc khen thưởng thành tích phong trào thi đua năm 2023"
    legal_basis = "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;"
    article_2 = "Các tập thể, cá nhân có tên tại Điều 1 được hưởng chế độ khen thưởng theo quy định."
    article_3 = (
        "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng và các tập thể, cá nhân có tên tại Điều 1 chịu "
        "trách nhiệm thi hành Quyết định này."
    )
    recipients_of_copies = "Như Điều 3;\nLưu: VT."
    signer_name = "Lâm Văn Mẫn"
    signer_title = "TRƯỞNG BAN"
    decision_date = factory.LazyFunction(date.today)


class DecisionRecipientFactory(factory.django.DjangoModelFactory):
    """Needs ``decision`` and one of ``organization`` / ``person``."""

    class Meta:
        model = DecisionRecipient

    award_type = factory.LazyFunction(lambda: award_type("GK_TT"))
    recipient_name = factory.Sequence(lambda n: f"Ban Tuyên giáo Phường {n}")
