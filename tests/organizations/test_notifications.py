"""Notifications: in-app rows and e-mails (locmem), preferences, the daily digest, idempotent sending, SMTP
failures recorded and retried, and a real local SMTP server (aiosmtpd) started by the test."""

import socket

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations.enums import EmailStatus, NotificationDelivery, NotificationEvent, Role
from organizations.models import Notification, NotificationPreference
from organizations.notifications import services as svc
from organizations.notifications.tasks import notification_email_send_task
from tests.factories import MembershipFactory, UserFactory
from tests.scoring.factories import launched_campaign

pytestmark = pytest.mark.django_db


def _launch(org_tree, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return launched_campaign(organization=org_tree["root"], officer=officer, participants=[org_tree["ward_a"]])


def _notify(user, **kwargs):
    values = {"event": NotificationEvent.RANKING_PUBLISHED, "context": {"campaign": "Thi đua 2026"}, "link": "/x/"}
    return svc.notify(recipients=[user], **{**values, **kwargs})


def test_launch_notifies_the_participants_scorers_in_the_app_and_by_mail(
    org_tree, officer, scorer_a, scorer_b, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://thidua.example.vn"
    campaign = _launch(org_tree, officer, django_capture_on_commit_callbacks)

    note = Notification.objects.get(recipient=scorer_a)
    assert note.event == NotificationEvent.CAMPAIGN_LAUNCHED
    assert note.title == f"Phát động phong trào thi đua: {campaign.name}"
    assert note.link == reverse("campaigns:campaign-detail", args=[campaign.pk])
    assert note.email_status == EmailStatus.SENT and note.email_sent_at is not None
    assert not Notification.objects.filter(recipient=scorer_b).exists()  # ward_b takes no part
    [message] = mail.outbox
    assert message.to == ["scorer_a@example.gov.vn"]
    assert message.subject == f"[thi đua] Phát động phong trào thi đua: {campaign.name}"
    html = message.alternatives[0].content
    url = f"https://thidua.example.vn/campaigns/{campaign.pk}/"
    for body in (message.body, html):
        assert "Ban Tuyên giáo Thành ủy" in body  # the organisation's name
        assert url in body  # an absolute link to the exact page
    assert "15/01/2023" in message.body


def test_a_rolled_back_change_tells_nobody(org_tree, scorer_a, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        _notify(scorer_a)
        raise RuntimeError
    assert not Notification.objects.exists() and mail.outbox == []


@pytest.mark.parametrize(
    ("delivery", "in_app", "status"),
    [
        (NotificationDelivery.OFF, False, None),
        (NotificationDelivery.APP, True, EmailStatus.NONE),
        (NotificationDelivery.DIGEST, True, EmailStatus.DIGEST),
        (NotificationDelivery.IMMEDIATE, True, EmailStatus.SENT),
    ],
)
def test_each_users_preference_decides_how_an_event_reaches_them(
    scorer_a, delivery, in_app, status, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=scorer_a, event=NotificationEvent.RANKING_PUBLISHED, delivery=delivery)
    with django_capture_on_commit_callbacks(execute=True):
        _notify(scorer_a)
    note = Notification.objects.filter(recipient=scorer_a).first()
    assert (note is not None) == in_app
    if note is not None:
        assert note.email_status == status
    assert len(mail.outbox) == (1 if status == EmailStatus.SENT else 0)


def test_a_user_without_an_address_or_inactive_gets_no_mail(org_tree, django_capture_on_commit_callbacks):
    no_address = UserFactory(username="khong_email", email="")
    inactive = UserFactory(username="nghi", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        svc.notify(event=NotificationEvent.RANKING_PUBLISHED, recipients=[no_address, inactive], context={})
    assert Notification.objects.get().recipient == no_address
    assert Notification.objects.get().email_status == EmailStatus.NONE and mail.outbox == []


def test_the_daily_digest_sends_one_mail_per_user_once(scorer_a, django_capture_on_commit_callbacks):
    for event in (NotificationEvent.RANKING_PUBLISHED, NotificationEvent.OVERDUE):
        NotificationPreference.objects.create(user=scorer_a, event=event, delivery=NotificationDelivery.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        _notify(scorer_a)
        _notify(scorer_a, event=NotificationEvent.OVERDUE, context={"phase": "Quý I", "campaign": "Thi đua 2026"})
    assert mail.outbox == []

    assert svc.notification_digest_send() == 1
    assert svc.notification_digest_send() == 0  # a second run finds nothing waiting

    [message] = mail.outbox
    assert message.subject == "[thi đua] 2 thông báo mới"
    assert "Kết quả thi đua đã công bố: Thi đua 2026" in message.body
    assert "Quá hạn: Quý I – Thi đua 2026" in message.body
    assert "Quá hạn: Quý I – Thi đua 2026" in message.alternatives[0].content
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}


def test_a_redelivered_send_task_sends_nothing_twice(scorer_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [note] = _notify(scorer_a)
    notification_email_send_task.apply(kwargs={"notification_id": note.pk})  # the broker delivers it again
    assert svc.notification_email_send(notification_id=note.pk) is None
    assert len(mail.outbox) == 1
    note.refresh_from_db()
    assert note.email_attempts == 1


def test_beat_notices_with_a_key_are_written_once(scorer_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert len(_notify(scorer_a, key="soon:1:2026-03-01")) == 1
        assert _notify(scorer_a, key="soon:1:2026-03-01") == []
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


# --- a real SMTP server ----------------------------------------------------------------------------------------


class _Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _smtp(settings, port: int) -> None:
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }


def test_mail_goes_through_a_real_smtp_server_and_a_failure_is_kept_and_retried(
    scorer_a, settings, django_capture_on_commit_callbacks
):
    port = _free_port()
    _smtp(settings, port)
    settings.NOTIFICATION_RETRY_PAUSE_SECONDS = 0

    # Nothing listens yet: the send fails, the row keeps the error for the administrators, nothing is lost.
    with django_capture_on_commit_callbacks(execute=True):
        [note] = _notify(scorer_a)
    note.refresh_from_db()
    assert note.email_status == EmailStatus.FAILED and "ConnectionRefusedError" in note.email_error

    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert svc.notification_email_retry() == 1  # the beat sweep queues it again
        with django_capture_on_commit_callbacks(execute=True):
            assert svc.notification_email_retry() == 0  # sent: never queued again
    finally:
        controller.stop()

    note.refresh_from_db()
    assert note.email_status == EmailStatus.SENT and note.email_attempts == 2
    [envelope] = inbox.envelopes
    assert envelope.rcpt_tos == ["scorer_a@example.gov.vn"]
    content = envelope.content.decode()
    assert "text/html" in content and "text/plain" in content


def test_the_admin_lists_failed_mails_and_sends_them_again(admin_client, scorer_a, django_capture_on_commit_callbacks):
    note = Notification.objects.create(
        recipient=scorer_a, event=NotificationEvent.OVERDUE, title="Quá hạn", email_status=EmailStatus.FAILED,
        email_to="scorer_a@example.gov.vn", email_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )  # fmt: skip
    url = reverse("admin:organizations_notification_changelist")
    page = admin_client.get(url, {"email_status__exact": "failed"})
    assert "Quá hạn" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"action": "send_again", "_selected_action": [note.pk]})
    note.refresh_from_db()
    assert note.email_status == EmailStatus.SENT and len(mail.outbox) == 1


# --- pages ------------------------------------------------------------------------------------------------------


def test_the_bell_counts_unread_and_the_list_marks_them_read(client, scorer_a, scorer_b):
    for n in range(3):
        _notify(scorer_a, context={"campaign": f"Đợt {n}"})
    _notify(scorer_b)
    client.force_login(scorer_a)

    assert ">3<" in client.get(reverse("organizations:notification-bell")).content.decode()
    page = client.get(reverse("organizations:notification-list")).content.decode()
    assert "Đợt 0" in page and "Đợt 2" in page

    first = Notification.objects.filter(recipient=scorer_a).first()
    response = client.post(reverse("organizations:notification-read", args=[first.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/x/"
    assert ">2<" in client.get(reverse("organizations:notification-bell")).content.decode()

    client.post(reverse("organizations:notification-read-all"))
    assert not Notification.objects.filter(recipient=scorer_a, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=scorer_b, read_at__isnull=True).count() == 1  # not theirs
    assert "bell-count" not in client.get(reverse("organizations:notification-bell")).content.decode()


def test_someone_elses_notification_is_404(client, scorer_a, scorer_b):
    [note] = _notify(scorer_b)
    client.force_login(scorer_a)
    assert client.post(reverse("organizations:notification-read", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_the_list_page_has_a_constant_query_count(client, scorer_a, django_assert_num_queries):
    client.force_login(scorer_a)
    url = reverse("organizations:notification-list")
    _notify(scorer_a)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _n in range(5):
        _notify(scorer_a)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_preferences_are_saved_and_a_bad_choice_keeps_the_form(client, scorer_a):
    client.force_login(scorer_a)
    url = reverse("organizations:notification-preferences")
    data = {event: NotificationDelivery.IMMEDIATE for event in NotificationEvent.values}
    data[NotificationEvent.OVERDUE] = NotificationDelivery.DIGEST
    assert client.post(url, data).status_code == 302
    assert NotificationPreference.objects.get(user=scorer_a, event="overdue").delivery == "digest"

    data[NotificationEvent.OVERDUE] = "loa"
    data[NotificationEvent.REMINDER] = NotificationDelivery.OFF
    response = client.post(url, data)
    assert response.status_code == 200 and "Hãy chọn một trong các cách đã liệt kê." in response.content.decode()
    assert NotificationPreference.objects.get(user=scorer_a, event="reminder").delivery == "immediate"
    assert NotificationPreference.objects.get(user=scorer_a, event="overdue").delivery == "digest"


def test_pages_need_a_login(client):
    response = client.get(reverse("organizations:notification-list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_officer_roles_do_not_matter_for_own_notifications(client, org_tree):
    user = User.objects.create_user("nguoi_dung", email="nd@example.gov.vn")
    MembershipFactory(user=user, organization=org_tree["ward_a"], role=Role.SCORER)
    client.force_login(user)
    assert client.get(reverse("organizations:notification-preferences")).status_code == 200


def test_on_a_worker_an_smtp_failure_retries_the_task_with_backoff(scorer_a, settings):
    from celery.exceptions import Retry

    _smtp(settings, _free_port())  # nothing listens there
    [note] = _notify(scorer_a)  # no on-commit run: the worker below sends it
    notification_email_send_task.push_request(is_eager=False, retries=2, called_directly=False)
    try:
        with pytest.raises(Retry) as retried:
            notification_email_send_task.run(notification_id=note.pk)
    finally:
        notification_email_send_task.pop_request()
    assert retried.value.when == 240  # 60 s doubled per earlier try
    note.refresh_from_db()
    # The retry was scheduled (the tests run tasks in-process, so it ran at once and failed again, quietly).
    assert note.email_status == EmailStatus.FAILED and note.email_attempts == 2
    assert "ConnectionRefusedError" in note.email_error
