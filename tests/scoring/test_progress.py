"""The progress dashboard: figures per phase, bloc and unit checked against a fixture with every state, filters,
the .xlsx export, reminders (one unit, every late one), access, a constant query count, the officers' home page
reading the same figures, and the daily beat notices (phase opening, deadline soon, overdue)."""

import re
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from campaigns.models import Participant
from campaigns.participants import services as ps
from organizations.enums import NotificationEvent, Role
from organizations.models import BlocMember, Notification
from scoring.enums import SubmissionStatus
from scoring.models import Reminder
from scoring.progress import services as progress
from tests.factories import EmulationBlocFactory, MembershipFactory, OrganizationFactory, UserFactory
from tests.scoring.answers import half_points, scored_submission
from tests.scoring.factories import launched_campaign

pytestmark = pytest.mark.django_db

STATES = ["not_started", "draft", "submitted", "returned", "verified", "extended"]


@pytest.fixture
def reviewer(org_tree):
    user = UserFactory(username="reviewer")
    MembershipFactory(user=user, organization=org_tree["root"], role=Role.REVIEWER)
    return user


def _world(org_tree, officer, *, extra: int = 0, plan: str = "05-KH/BTGTU"):
    """A launched campaign (phase 15/01–15/12/2023, so today is past its deadline) with a unit in every state,
    each with its own scorer; units 0–2 in bloc "Khối Đảng", 3–5 in "Khối Chính quyền"; ``extra`` more units
    not started (for the query-count guard)."""
    units = [OrganizationFactory(name=f"Phường {n:02d}", parent=org_tree["root"]) for n in range(6 + extra)]
    campaign = launched_campaign(organization=org_tree["root"], officer=officer, participants=units, plan_number=plan)
    phase = campaign.phases.get()
    blocs = [
        EmulationBlocFactory(organizer=org_tree["root"], name=n, year=2023) for n in ("Khối Đảng", "Khối Chính quyền")
    ]
    for n, unit in enumerate(units[:6]):
        BlocMember.objects.create(bloc=blocs[n // 3], organization=unit)
        MembershipFactory(user=UserFactory(username=f"scorer{n}{plan[:2]}"), organization=unit, role=Role.SCORER)
    parts = {p.organization_id: p for p in Participant.objects.filter(campaign=campaign)}
    for unit in units[:4]:  # the first four registered
        ps.registration_submit(participant=parts[unit.pk], user=officer, commitment="Cam kết", products=[])
    for state, unit in zip(STATES[1:], units[1:6], strict=True):
        status = SubmissionStatus.DRAFT if state == "extended" else state
        sub = scored_submission(parts[unit.pk], phase, status=status, default=half_points)
        if state == "extended":
            sub.reopened_until = date.today() + timedelta(days=10)
            sub.save(update_fields=["reopened_until"])
    return campaign, phase, units


def _count(html: str, name: str) -> int:
    return int(re.search(rf'id="count-{name}">(\d+)<', html).group(1))


def _page(client, campaign, **params):
    return client.get(reverse("scoring:progress-dashboard", args=[campaign.pk]), params)


def test_the_figures_match_every_state(client, org_tree, officer):
    campaign, phase, _units = _world(org_tree, officer)
    client.force_login(officer)
    html = _page(client, campaign).content.decode()
    expected = {"total": 6, "registered": 4, "started": 5, "submitted": 2, "returned": 1, "approved": 1, "late": 3}
    assert {name: _count(html, name) for name in expected} == expected
    # late: not started, draft and returned; the extended unit's own deadline is still ahead
    assert "Phường 05" in html and "Khối Đảng" in html and "Khối Chính quyền" in html
    assert "15/12/2023" in html


def test_filters_by_state_bloc_and_name(client, org_tree, officer):
    campaign, phase, _units = _world(org_tree, officer)
    client.force_login(officer)
    late = _page(client, campaign, state="late").content.decode()
    assert re.findall(r"<td>(Phường \d\d)</td>", late) == ["Phường 00", "Phường 01", "Phường 03"]
    bloc = BlocMember.objects.get(organization__name="Phường 04").bloc_id
    assert re.findall(r"<td>(Phường \d\d)</td>", _page(client, campaign, bloc=bloc).content.decode()) == [
        "Phường 03", "Phường 04", "Phường 05",
    ]  # fmt: skip
    assert re.findall(r"<td>(Phường \d\d)</td>", _page(client, campaign, q="phường 02").content.decode()) == [
        "Phường 02"
    ]
    # nonsense filters show everything rather than failing
    assert _page(client, campaign, state="zzz", bloc="x", phase="abc").status_code == 200


def test_the_export_has_a_title_block_and_a_frozen_header(client, org_tree, officer):
    campaign, phase, _units = _world(org_tree, officer)
    client.force_login(officer)
    response = client.get(reverse("scoring:progress-export", args=[campaign.pk]), {"state": "late"})
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A1"].value == "Ban Tuyên giáo Thành ủy"
    assert sheet["A2"].value == "Tiến độ tự chấm điểm"
    assert sheet["A3"].value == f"{campaign.name} – {phase.name}"
    assert sheet["B6"].value == "Đối tượng tham gia" and sheet.freeze_panes == "A7"
    assert [sheet.cell(row=r, column=2).value for r in range(7, sheet.max_row + 1)] == [
        "Phường 00", "Phường 01", "Phường 03",
    ]  # fmt: skip
    assert sheet["E9"].value == "Bị trả lại" and sheet["F9"].value == "Có" and sheet["G9"].value == "15/12/2023"


def test_remind_one_unit_notifies_its_scorer_and_is_recorded(
    client, org_tree, officer, django_capture_on_commit_callbacks
):
    campaign, phase, units = _world(org_tree, officer)
    client.force_login(officer)
    part = Participant.objects.get(campaign=campaign, organization=units[3])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("scoring:progress-remind", args=[campaign.pk]),
            {"phase": phase.pk, "participant": part.pk, "note": "Đề nghị nộp trước thứ Sáu."},
        )
    assert response.status_code == 302
    reminder = Reminder.objects.get()
    assert (reminder.participant, reminder.sent_by, reminder.recipient_count) == (part, officer, 1)
    note = Notification.objects.get(event=NotificationEvent.REMINDER)
    assert note.recipient.username == "scorer305" and "Đề nghị nộp trước thứ Sáu." in note.body
    [message] = mail.outbox
    assert message.to == ["scorer305@example.gov.vn"] and "Phường 03" in message.body
    assert "Nhắc nhở gần nhất" in _page(client, campaign).content.decode()


def test_remind_all_late_reaches_only_the_late_units(client, org_tree, officer, django_capture_on_commit_callbacks):
    campaign, phase, _units = _world(org_tree, officer)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("scoring:progress-remind", args=[campaign.pk]), {"phase": phase.pk})
    reminded = set(Reminder.objects.values_list("participant__organization__name", flat=True))
    assert reminded == {"Phường 00", "Phường 01", "Phường 03"}
    assert sorted(m.to[0] for m in mail.outbox) == [f"scorer{n}05@example.gov.vn" for n in (0, 1, 3)]


def test_a_handed_in_unit_is_not_reminded(client, org_tree, officer):
    campaign, phase, units = _world(org_tree, officer)
    client.force_login(officer)
    part = Participant.objects.get(campaign=campaign, organization=units[2])  # submitted
    client.post(reverse("scoring:progress-remind", args=[campaign.pk]), {"phase": phase.pk, "participant": part.pk})
    assert not Reminder.objects.exists() and not Notification.objects.filter(event="reminder").exists()


def test_only_the_launching_organisations_staff_see_progress(client, org_tree, officer, reviewer, scorer_a):
    campaign, phase, _units = _world(org_tree, officer)
    ps.participants_add_organizations(campaign=campaign, organizations=[org_tree["ward_a"]])
    client.force_login(scorer_a)  # sees the campaign (takes part), not its progress
    assert client.get(reverse("campaigns:campaign-detail", args=[campaign.pk])).status_code == 200
    assert _page(client, campaign).status_code == 404
    client.force_login(reviewer)
    assert _page(client, campaign).status_code == 200
    url = reverse("scoring:progress-remind", args=[campaign.pk])
    assert client.post(url, {"phase": phase.pk}).status_code == 403
    assert not Reminder.objects.exists()


def test_the_dashboard_query_count_does_not_grow(client, org_tree, officer):
    campaign, _phase, _units = _world(org_tree, officer)
    client.force_login(officer)
    _page(client, campaign)
    with CaptureQueriesContext(connection) as few:
        _page(client, campaign)
    bigger, _phase2, _units2 = _world(org_tree, officer, extra=8, plan="06-KH/BTGTU")
    _page(client, bigger)
    with CaptureQueriesContext(connection) as many:
        _page(client, bigger)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_campaign_page_links_the_dashboard_and_home_shows_the_same_figures(client, org_tree, officer):
    campaign, phase, _units = _world(org_tree, officer)
    client.force_login(officer)
    url = reverse("scoring:progress-dashboard", args=[campaign.pk])
    assert url in client.get(reverse("campaigns:campaign-detail", args=[campaign.pk])).content.decode()
    home = client.get(reverse("home")).content.decode()
    assert "đã nộp 2/6, đã duyệt 1, bị trả lại 1" in home and "3 trễ hạn" in home


# --- the daily beat --------------------------------------------------------------------------------------------


def _events(event):
    return sorted(Notification.objects.filter(event=event).values_list("recipient__username", flat=True))


def test_the_beat_tells_of_an_opening_a_coming_deadline_and_an_overdue_once(
    org_tree, officer, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_DEADLINE_DAYS = 3
    _world(org_tree, officer)
    with django_capture_on_commit_callbacks(execute=True):
        progress.deadline_notify(today=date(2023, 1, 15))  # the window opens: everyone
        progress.deadline_notify(today=date(2023, 12, 12))  # three days before 15/12: those not handed in
        progress.deadline_notify(today=date(2023, 12, 12))  # the beat ran twice: nobody told twice
        progress.deadline_notify(today=date(2023, 12, 16))  # the day after: overdue
    assert _events(NotificationEvent.PHASE_OPENED) == [f"scorer{n}05" for n in range(6)]
    not_handed_in = ["scorer005", "scorer105", "scorer305"]  # the extended unit's deadline is its own
    assert _events(NotificationEvent.DEADLINE_SOON) == not_handed_in
    assert _events(NotificationEvent.OVERDUE) == not_handed_in
    soon = Notification.objects.filter(event=NotificationEvent.DEADLINE_SOON).first()
    assert soon.title.startswith("Còn 3 ngày đến hạn nộp:") and "15/12/2023" in soon.body
    assert len(mail.outbox) == 12
