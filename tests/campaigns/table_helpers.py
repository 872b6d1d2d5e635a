"""A launchable scoring set-up for tests that launch campaigns once ``campaign_table_problems`` guards launch."""

from decimal import Decimal

from campaigns.tables import services as ts


def add_minimal_scoring(campaign) -> None:
    """One valid table (one 100-point manual criterion) per participant kind in scope, and two tiers."""
    for kind in ts.SCOPE_KINDS[campaign.participant_scope]:
        table = ts.table_create(campaign=campaign, participant_kind=kind)
        group = ts.group_save(table=table, code="I", title="Nội dung thi đua")
        ts.criterion_save(table=table, group=group, code="1", text="Hoàn thành nhiệm vụ", max_points=Decimal(100))
    ts.tiers_replace(campaign=campaign, tiers=[("Hoàn thành", Decimal(50)), ("Chưa hoàn thành", Decimal(0))])
