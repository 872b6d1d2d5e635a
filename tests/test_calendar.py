"""The calendar: a month of the dates within the user's reach, and the iCalendar feed at a secret, revocable URL."""

from datetime import date, datetime

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.planning import services as planning
from organizations.models import AccountSettings
from tests.awards.factories import CouncilFactory, CouncilMemberFactory, CouncilSessionFactory

pytestmark = pytest.mark.django_db


def _campaign(org, officer, name="Phong trào thi đua Dân vận khéo", *, n=1):
    campaign = planning.campaign_create(
        launching_organization=org,
        created_by=officer,
        plan_number=f"{n}-KH/BTG",
        plan_date=date(2026, 11, 1),
        signer_name="Nguyễn Văn Ký",
        signer_title="Trưởng ban",
        name=name,
        start_date=date(2026, 12, 1),
        end_date=date(2027, 3, 31),
        interim_review_date=date(2026, 12, 20),
        final_review_date=date(2027, 4, 15),
    )
    planning.phase_save(
        campaign=campaign,
        name="Đợt 1",
        start_date=date(2026, 12, 1),
        end_date=date(2026, 12, 31),
        submission_deadline=date(2026, 12, 28),
    )
    return campaign


@pytest.fixture
def dated(org_tree, officer):
    campaign = _campaign(org_tree["root"], officer)
    council = CouncilFactory(organization=org_tree["root"], name="Hội đồng TĐKT Ban")
    moment = timezone.make_aware(datetime(2026, 12, 22, 8, 30))
    session = CouncilSessionFactory(
        council=council, title="Phiên xét khen cuối năm", scheduled_at=moment, place="Phòng họp 2"
    )
    return campaign, session


def test_month_shows_campaign_phase_deadline_reviews_and_sessions(client, officer, dated):
    client.force_login(officer)
    response = client.get(reverse("calendar"), {"month": "2026-12"})
    page = response.content.decode()
    assert response.status_code == 200
    for text in ("Phong trào thi đua Dân vận khéo", "Đợt 1", "Phiên xét khen cuối năm", "08:30"):
        assert text in page
    kinds = {event.kind for event in response.context["dated"]}
    assert kinds == {"deadline", "review", "session"}


def test_month_outside_reach_shows_nothing(client, other_officer, dated):
    client.force_login(other_officer)
    response = client.get(reverse("calendar"), {"month": "2026-12"})
    assert "Dân vận khéo" not in response.content.decode()
    assert "Phiên xét khen" not in response.content.decode()


def test_council_member_sees_the_session_of_their_council(client, dated, org_tree):
    member = CouncilMemberFactory(council=dated[1].council)
    client.force_login(member.user)
    response = client.get(reverse("calendar"), {"month": "2026-12"})
    assert "Phiên xét khen cuối năm" in response.content.decode()


def test_wrong_month_parameter_falls_back_to_this_month(client, officer):
    client.force_login(officer)
    for value in ("abc", "2026-13", "9999999-1", "-"):
        response = client.get(reverse("calendar"), {"month": value})
        assert response.status_code == 200
        assert response.context["first"] == timezone.localdate().replace(day=1)


def test_month_query_count_does_not_grow_with_campaigns(client, officer, org_tree, dated):
    client.force_login(officer)
    url = reverse("calendar")
    client.get(url, {"month": "2026-12"})
    with CaptureQueriesContext(connection) as one:
        client.get(url, {"month": "2026-12"})
    for n in (2, 3):
        _campaign(org_tree["root"], officer, name=f"Phong trào {n}", n=n)
    with CaptureQueriesContext(connection) as three:
        client.get(url, {"month": "2026-12"})
    assert len(one) == len(three)


def _token(client, user, action="regenerate"):
    client.force_login(user)
    client.post(reverse("account-calendar-token"), {"action": action})
    return AccountSettings.objects.get(user=user).calendar_token


def test_feed_is_valid_icalendar_with_every_kind_of_date(client, officer, dated, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    token = _token(client, officer)
    client.logout()
    response = client.get(reverse("calendar-feed", args=[token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    feed = icalendar.Calendar.from_ical(response.content)
    events = {str(event["UID"]).split("@")[0]: event for event in feed.walk("VEVENT")}
    campaign, session = dated
    phase = campaign.phases.get()
    main = events[f"campaign-{campaign.pk}"]
    assert str(main["SUMMARY"]) == "Phong trào thi đua Dân vận khéo"
    assert main.decoded("DTSTART") == date(2026, 12, 1) and main.decoded("DTEND") == date(2027, 4, 1)
    assert events[f"phase-{phase.pk}-deadline"].decoded("DTSTART") == date(2026, 12, 28)
    assert events[f"campaign-{campaign.pk}-interim"].decoded("DTSTART") == date(2026, 12, 20)
    assert events[f"campaign-{campaign.pk}-final"].decoded("DTSTART") == date(2027, 4, 15)
    meeting = events[f"session-{session.pk}"]
    assert meeting.decoded("DTSTART") == session.scheduled_at
    assert str(meeting["LOCATION"]) == "Phòng họp 2"
    assert str(meeting["URL"]).endswith(reverse("awards:session-detail", args=[session.pk]))


def test_feed_token_is_revocable_and_regenerated(client, officer, dated):
    first = _token(client, officer)
    second = _token(client, officer)
    assert first and second and first != second
    client.logout()
    assert client.get(reverse("calendar-feed", args=[first])).status_code == 404
    assert client.get(reverse("calendar-feed", args=[second])).status_code == 200
    _token(client, officer, action="revoke")
    client.logout()
    assert client.get(reverse("calendar-feed", args=[second])).status_code == 404


def test_feed_of_a_deactivated_login_is_gone(client, officer, dated):
    token = _token(client, officer)
    officer.is_active = False
    officer.save()
    client.logout()
    assert client.get(reverse("calendar-feed", args=[token])).status_code == 404


def test_feed_folds_long_vietnamese_lines_without_breaking_characters(client, officer, org_tree):
    _campaign(org_tree["root"], officer, name="Phong trào thi đua “Dân vận khéo”, chào mừng Đại hội; " * 4)
    token = _token(client, officer)
    text = client.get(reverse("calendar-feed", args=[token])).content
    assert all(len(line) <= 75 for line in text.split(b"\r\n"))
    text.decode("utf-8")  # every fold boundary falls between characters
    feed = icalendar.Calendar.from_ical(text)
    summaries = [str(e["SUMMARY"]) for e in feed.walk("VEVENT")]
    assert any(s.startswith("Phong trào thi đua “Dân vận khéo”, chào mừng Đại hội;") for s in summaries)
