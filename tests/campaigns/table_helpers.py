"""Scoring-table set-ups shared by tests: a launchable minimal table, draft campaigns, the worked example."""

import json
from datetime import date
from decimal import Decimal

from campaigns import points as pt
from campaigns.demo import EXAMPLE_FILE
from campaigns.planning import services
from campaigns.tables import services as ts

EXAMPLE_PATH = EXAMPLE_FILE  # the repository copy of the shared example


def add_minimal_scoring(campaign, *, tiers: bool = True) -> None:
    """One valid table (one 100-point manual criterion) per participant kind in scope, with two tiers unless
    ``tiers`` is False (a table may only rank)."""
    for kind in ts.SCOPE_KINDS[campaign.participant_scope]:
        table = ts.table_create(campaign=campaign, participant_kind=kind)
        group = ts.group_save(table=table, code="I", title="Nội dung thi đua")
        ts.criterion_save(table=table, group=group, code="1", text="Hoàn thành nhiệm vụ", max_points=Decimal(100))
    if tiers:
        ts.tiers_replace(campaign=campaign, tiers=[("Hoàn thành", Decimal(50)), ("Chưa hoàn thành", Decimal(0))])


def draft_campaign(org, plan_number="01-KH/BTGTU", **extra):
    """A draft campaign of ``org`` with one phase covering 2023."""
    fields = {
        "plan_number": plan_number,
        "plan_date": date(2023, 1, 10),
        "signer_name": "Nguyễn Văn A",
        "signer_title": "Trưởng ban",
        "name": "Phong trào thi đua Ban Tuyên giáo 10 phường năm 2023",
        "start_date": date(2023, 1, 15),
        "end_date": date(2023, 12, 15),
    }
    campaign = services.campaign_create(launching_organization=org, **(fields | extra))
    services.phase_save(campaign=campaign, name="Cả năm", start_date=date(2023, 1, 15), end_date=date(2023, 12, 15))
    return campaign


def example_data() -> dict:
    """The worked example file (amounts as Decimal)."""
    return json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"), parse_float=Decimal)


def example_spec() -> pt.TableSpec:
    """The worked example's table as the engine reads it (its title is not stored with a table)."""
    spec = pt.table_from_dict(example_data()["table"])
    return pt.TableSpec(
        groups=spec.groups,
        tiers=spec.tiers,
        bonus_cap=spec.bonus_cap,
        penalty_cap=spec.penalty_cap,
        declared_total=spec.declared_total,
    )
