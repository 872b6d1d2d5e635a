"""The campaign journal reads as words: field labels, choice names, local dates and the person who did it."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.models import CampaignEvent
from campaigns.planning import services
from campaigns.planning.journal import change_rows
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(org_tree, officer):
    return services.campaign_create(
        launching_organization=org_tree["root"],
        created_by=officer,
        plan_number="7-KH/BTG",
        plan_date=date(2026, 1, 5),
        signer_name="Nguyễn Văn Ký",
        signer_title="Trưởng ban",
        name="Phong trào thi đua năm 2026",
        start_date=date(2026, 2, 1),
        end_date=date(2026, 12, 31),
    )


def test_change_rows_use_labels_choice_names_and_dates(campaign):
    event = CampaignEvent(
        campaign=campaign,
        action="correct",
        changes={
            "phase_combination": ["weighted", "last_phase"],
            "end_date": ["2026-12-31", "2027-01-15"],
            "Đợt 1": ["01/02/2026 – 30/06/2026", "01/02/2026 – 15/07/2026"],
        },
    )
    with translation.override("vi"):
        rows = change_rows(event)
    labels = [row[0] for row in rows]
    assert "phase_combination" not in labels and "end_date" not in labels
    assert rows[1][1:] == ("31/12/2026", "15/01/2027")
    assert rows[2][0] == "Đợt 1"
    with translation.override("en"):
        assert change_rows(event)[0][1:] == ("Weighted combination of phases", "Last phase only")


def test_campaign_page_names_the_person_not_the_user_name(client, campaign, officer, org_tree):
    PersonFactory(user=officer, organization=org_tree["root"], full_name="Lê Thị Cán Bộ")
    services.campaign_update(campaign=campaign, actor=officer, end_date=date(2027, 1, 15))
    client.force_login(officer)
    page = client.get(reverse("campaigns:campaign-detail", args=[campaign.pk])).content.decode()
    assert "Lê Thị Cán Bộ" in page
    assert "<code>end_date</code>" not in page and "15/01/2027" in page
