"""``load_demo`` recreates the seed campaigns (000, 002, 003, 004) and a second run changes nothing."""

import re
import unicodedata
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from campaigns.enums import CampaignStatus, CriterionMethod, ParticipantKind
from campaigns.models import Campaign, Covenant, Criterion, Phase, Registration, ScoringTable
from campaigns.participants import selectors as sel
from campaigns.tables.services import campaign_table_problems

pytestmark = pytest.mark.django_db

SEED_000_THEMES = [
    "Cán bộ, đảng viên, công chức, viên chức, người lao động thi đua lập thành tích chào mừng Đại hội Đảng bộ cơ "
    "quan Ban Tuyên giáo Trung ương lần thứ IV, nhiệm kỳ 2020-2025",
    "Cán bộ, công chức, viên chức, người lao động tích cực hưởng ứng tháng cao điểm thi đua chào mừng kỷ niệm 90 "
    "năm Ngày truyền thống ngành Tuyên giáo của Đảng",
    "Mỗi cán bộ, công chức, viên chức một sản phẩm thi đua góp phần hoàn thành xuất sắc nhiệm vụ của Ban năm 2020, "
    "để tiến tới chào mừng Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
]


def _load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_output(db):
    return _load_demo()


def _campaign(org_code: str, plan_number: str) -> Campaign:
    return Campaign.objects.get(launching_organization__code=org_code, plan_number=plan_number)


def _table(campaign: Campaign, kind: str) -> ScoringTable:
    return campaign.scoring_tables.get(participant_kind=kind)


def test_seed_000_campaign_has_the_plan_and_three_themed_phases(demo_output):
    campaign = _campaign("BTGTW", "383-KH/BTGTW")
    phases = list(campaign.phases.order_by("position").values_list("name", "start_date", "end_date", "theme"))

    assert (campaign.plan_date, campaign.signer_name) == (date(2020, 4, 20), "Võ Văn Phuông")
    assert campaign.signer_title == "Phó Trưởng Ban Tuyên giáo Trung ương"
    assert (campaign.start_date, campaign.end_date) == (date(2020, 5, 1), date(2020, 12, 31))
    assert campaign.participant_scope == "both" and campaign.min_products_per_unit == 1
    assert phases == [
        ("Đợt 1", date(2020, 5, 1), date(2020, 6, 30), SEED_000_THEMES[0]),
        ("Đợt 2", date(2020, 7, 1), date(2020, 8, 1), SEED_000_THEMES[1]),
        ("Đợt 3", date(2020, 9, 1), date(2020, 12, 31), SEED_000_THEMES[2]),
    ]


def test_seed_000_enrols_the_departments_and_some_people(demo_output):
    campaign = _campaign("BTGTW", "383-KH/BTGTW")
    units = set(campaign.participants.filter(organization__isnull=False).values_list("organization__code", flat=True))

    assert campaign.status == CampaignStatus.LAUNCHED
    assert "BTGTW-TCCB" in units and "BTGTW" not in units
    assert campaign.participants.filter(person__isnull=False).count() >= 5
    registration = Registration.objects.get(participant__campaign=campaign)
    assert registration.products.count() >= campaign.min_products_per_unit


def test_soc_trang_table_has_ten_criteria_summing_to_100_and_three_tiers(demo_output):
    campaign = _campaign("BTGTU-ST", "05-KH/BTGTU")
    criteria = list(_table(campaign, ParticipantKind.COLLECTIVE).criteria.order_by("position"))

    assert [c.max_points for c in criteria] == [Decimal(n) for n in (5, 5, 15, 5, 5, 40, 10, 5, 2, 8)]
    assert sum(c.max_points for c in criteria) == Decimal(100)
    assert criteria[5].text == "Công tác khoa giáo, văn hóa – văn nghệ"
    tiers = list(
        _table(campaign, ParticipantKind.COLLECTIVE).tiers.order_by("position").values_list("name", "lower_bound")
    )
    assert tiers == [("Xuất sắc", Decimal(90)), ("Khá", Decimal(70)), ("Trung bình", Decimal(0))]


def test_soc_trang_enrols_the_ten_wards_and_some_register_with_products(demo_output):
    campaign = _campaign("BTGTU-ST", "05-KH/BTGTU")
    wards = set(campaign.participants.values_list("organization__code", flat=True))
    registrations = Registration.objects.filter(participant__campaign=campaign)

    assert campaign.status == CampaignStatus.LAUNCHED
    assert wards == {f"BTG-ST-P{n}" for n in range(1, 11)}
    assert 0 < registrations.count() < 10
    assert all(r.products.exists() for r in registrations)
    assert {r.registered_by.username for r in registrations} == {"chamdiem", "chamdiem2"}


def test_dong_thap_has_separate_tables_with_targets_and_review_dates(demo_output):
    campaign = _campaign("BTGTU-DT", "112-KH/BTGTU")
    collective = _table(campaign, ParticipantKind.COLLECTIVE)
    individual = _table(campaign, ParticipantKind.INDIVIDUAL)
    targets = collective.criteria.filter(method=CriterionMethod.TARGET).order_by("code")

    assert [t.target_value for t in targets] == [Decimal(100), Decimal(100), Decimal(50), Decimal(80)]
    assert set(targets.values_list("target_unit", flat=True)) == {"%"}
    assert individual.criteria.filter(method=CriterionMethod.TARGET, target_value=7).exists()
    for table in (collective, individual):
        assert sum(c.max_points for c in table.criteria.all()) == table.declared_total
    assert campaign.interim_review_date.strftime("%m/%Y") == "12/2023"
    assert campaign.final_review_date.strftime("%m/%Y") == "12/2025"
    assert campaign.status == CampaignStatus.LAUNCHED
    assert campaign.participants.filter(person__isnull=False).exists()


def test_every_launched_campaign_has_valid_tables_and_the_clone_stays_a_draft(demo_output):
    launched = Campaign.objects.filter(status=CampaignStatus.LAUNCHED)
    draft = _campaign("BTGTU-ST", "03-KH/BTGTU")

    assert launched.count() == 4  # with the worked example 99-KH/MINHHOA
    assert all(campaign_table_problems(c) == [] for c in launched)
    assert draft.status == CampaignStatus.DRAFT
    assert (draft.start_date, draft.end_date) == (date(2024, 1, 1), date(2024, 12, 31))
    assert list(draft.phases.values_list("name", "end_date")) == [("Năm 2024", date(2024, 12, 31))]
    assert draft.participants.count() == 10 and campaign_table_problems(draft) == []


def test_bloc_covenant_is_published_with_some_signatures_missing(demo_output):
    covenant = Covenant.objects.get(bloc__code="KTD-CQD-TW", bloc__year=2020)
    signed = set(covenant.signatures.values_list("organization__code", flat=True))
    missing = set(sel.covenant_missing_signers(covenant).values_list("code", flat=True))

    assert covenant.published_at is not None and covenant.published_by.username == "canbo_tw"
    assert covenant.campaign.plan_number == "383-KH/BTGTW"
    assert "BTGTW" in signed and len(signed) >= 2
    assert missing and not signed & missing
    assert len(signed | missing) == 14


def test_demo_texts_are_nfc_and_free_of_lookalike_letters(demo_output):
    texts = [
        *Criterion.objects.values_list("text", flat=True),
        *Phase.objects.values_list("theme", flat=True),
        *Campaign.objects.values_list("name", flat=True),
    ]

    assert all(unicodedata.is_normalized("NFC", t) for t in texts)
    assert not any("\u00d0" in t for t in texts)  # Icelandic Ð in the seed article, not Vietnamese Đ


def _snapshot() -> dict:
    models = apps.get_models()
    return {
        "counts": {model._meta.label: model.objects.count() for model in models},
        "campaigns": dict(Campaign.objects.values_list("plan_number", "updated_at")),
        "criteria": dict(Criterion.objects.values_list("pk", "updated_at")),
        "covenants": dict(Covenant.objects.values_list("pk", "published_at")),
    }


def test_load_demo_twice_changes_nothing(demo_output):
    before = _snapshot()

    second = _load_demo()

    assert _snapshot() == before
    assert re.search(r"campaigns +0 created, 0 updated, 5 unchanged", second)
    assert re.search(r"signatures +0 created, 0 updated, 4 unchanged", second)
