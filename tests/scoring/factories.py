"""A launched campaign with a table, tiers, phases and participants, ready for scoring tests."""

from datetime import date
from decimal import Decimal

from campaigns.participants import services as ps
from campaigns.planning import services
from campaigns.tables import services as ts

SOC_TRANG_POINTS = (5, 5, 15, 5, 5, 40, 10, 5, 2, 8)


def launched_campaign(
    *,
    organization,
    officer,
    participants,
    points=SOC_TRANG_POINTS,
    start=date(2023, 1, 15),
    end=date(2023, 12, 15),
    plan_number="05-KH/BTGTU",
):
    """A launched collective campaign of ``organization`` with one phase, a manual table and three tiers."""
    campaign = services.campaign_create(
        launching_organization=organization,
        created_by=officer,
        plan_number=plan_number,
        plan_date=start,
        signer_name="Lâm Văn Mẫn",
        signer_title="Trưởng Ban",
        name="Thi đua năm 2023 của Ban Tuyên giáo 10 phường",
        start_date=start,
        end_date=end,
    )
    services.phase_save(campaign=campaign, name="Cả năm 2023", start_date=start, end_date=end)
    table = ts.table_create(campaign=campaign, participant_kind="collective", declared_total=Decimal(sum(points)))
    group = ts.group_save(table=table, code="I", title="Nội dung thi đua")
    for position, max_points in enumerate(points, start=1):
        ts.criterion_save(
            table=table, group=group, code=str(position), text=f"Tiêu chí {position}", max_points=Decimal(max_points)
        )
    ts.tiers_replace(
        campaign=campaign, tiers=[("Xuất sắc", Decimal(90)), ("Khá", Decimal(70)), ("Trung bình", Decimal(0))]
    )
    ps.participants_add_organizations(campaign=campaign, organizations=participants)
    return services.campaign_transition(campaign=campaign, action="launch", actor=officer)
