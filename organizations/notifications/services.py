"""Writing notifications and sending their e-mails.

Invariants: ``notify`` runs inside the caller's transaction (a rolled-back change tells nobody) and only asks for
e-mails through the outbox, by task name; the e-mail task claims its row with a conditional UPDATE (pending or
failed → sending), so a redelivered task sends nothing twice; a failed send leaves the row ``failed`` with the error
(shown to administrators) and is retried by the task and by the beat sweep; a digest marks its rows sent in the
transaction that sent them.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

import outbox
from organizations.enums import EmailStatus, NotificationDelivery
from organizations.models import Notification, NotificationPreference, Organization
from organizations.notifications.events import render_message

logger = logging.getLogger(__name__)

NOTIFICATION_EMAIL_SEND_TASK = "organizations.notification_email_send"
NOTIFICATION_EMAIL_RETRY_TASK = "organizations.notification_email_retry"
NOTIFICATION_DIGEST_TASK = "organizations.notification_digest_send"
SEND_ERRORS = (smtplib.SMTPException, OSError)  # a refused, dropped or bouncing SMTP server: transient, retried
ERROR_CHARS = 2000


def _address(user) -> str:
    person = getattr(user, "person", None)
    return user.email or (person.email if person is not None else "")


def _recipient_ids(recipients: Iterable) -> set[int]:
    return {r if isinstance(r, int) else r.pk for r in recipients if r is not None}


def notify(
    *,
    event: str,
    recipients: Iterable,
    context: dict,
    link: str = "",
    organization: Organization | None = None,
    key: str = "",
) -> list[Notification]:
    """Write one in-app notification per recipient (users or ids) and enqueue the immediate e-mails; the new rows.

    Call it inside the transaction of the change it tells about. Each user's preference for ``event`` decides
    (off, in the app only, e-mail at once or in the daily digest); inactive users are skipped; with ``key`` a
    recipient who already has a notification with that key gets no second one (beat tasks may run twice).
    """
    ids = _recipient_ids(recipients)
    if not ids:
        return []
    users = get_user_model().objects.filter(pk__in=ids, is_active=True).select_related("person").order_by("pk")
    prefs = dict(NotificationPreference.objects.filter(user_id__in=ids, event=event).values_list("user_id", "delivery"))
    done = set()
    if key:
        done = set(
            Notification.objects.filter(recipient_id__in=ids, dedupe_key=key).values_list("recipient_id", flat=True)
        )
    with translation.override(settings.LANGUAGE_CODE):
        title, body = render_message(event, context)
    rows = []
    for user in users:
        delivery = prefs.get(user.pk, NotificationDelivery.IMMEDIATE)
        if delivery == NotificationDelivery.OFF or user.pk in done:
            continue
        address = _address(user)
        status = EmailStatus.NONE
        if address and delivery == NotificationDelivery.IMMEDIATE:
            status = EmailStatus.PENDING
        elif address and delivery == NotificationDelivery.DIGEST:
            status = EmailStatus.DIGEST
        rows.append(
            Notification(
                recipient=user,
                event=event,
                organization=organization,
                title=title,
                body=body,
                link=link,
                dedupe_key=key,
                email_status=status,
                email_to=address if status != EmailStatus.NONE else "",
            )
        )
    created = Notification.objects.bulk_create(rows)
    outbox.enqueue_many(
        NOTIFICATION_EMAIL_SEND_TASK,
        [{"notification_id": row.pk} for row in created if row.email_status == EmailStatus.PENDING],
    )
    return created


def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one of ``user``'s notifications (or all of them when no id) read; how many changed."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        rows = rows.filter(pk=notification_id)
    return rows.update(read_at=timezone.now())


def preferences_save(*, user, deliveries: dict[str, str]) -> None:
    """Store ``user``'s delivery for each event (one row per event, replaced)."""
    with transaction.atomic():
        for event, delivery in deliveries.items():
            NotificationPreference.objects.update_or_create(user=user, event=event, defaults={"delivery": delivery})


def absolute_url(link: str) -> str:
    """``link`` (a path of this site) as a full address for an e-mail."""
    if link.startswith(("http://", "https://")):
        return link
    return f"{settings.SITE_URL}{link}" if link else settings.SITE_URL + "/"


def _text_footer(context: dict) -> list[str]:
    return [
        "--",
        _("You receive this e-mail because of your role in the emulation and commendation system."),
        f"{_('Your notifications:')} {context['list_url']}",
        f"{_('Change what you receive:')} {context['preferences_url']}",
    ]


def _text_one(context: dict) -> str:
    """The plain-text e-mail of one notification (built here, not in a template: no HTML escaping in plain text)."""
    notification = context["notification"]
    lines = [context["organization_name"], ""] if context["organization_name"] else []
    lines += [notification.title, "", notification.body, "", f"{_('Open the page:')} {context['url']}", ""]
    return "\n".join([*lines, *_text_footer(context)]) + "\n"


def _text_digest(context: dict) -> str:
    lines = [context["organization_name"], ""] if context["organization_name"] else []
    lines.append(_("Your notifications of the day:"))
    for item in context["items"]:
        where = f" ({item['organization_name']})" if item["organization_name"] else ""
        lines += ["", f"- {item['notification'].title}{where}", f"  {item['notification'].body}", f"  {item['url']}"]
    return "\n".join([*lines, "", *_text_footer(context)]) + "\n"


def _email(template: str, context: dict, to: str) -> EmailMultiAlternatives:
    """The e-mail (plain text and HTML, in Vietnamese) of one notification (``email``) or of a digest (``digest``)."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            **context,
            "site_url": settings.SITE_URL,
            "list_url": absolute_url(reverse("organizations:notification-list")),
            "preferences_url": absolute_url(reverse("organizations:notification-preferences")),
        }
        if template == "digest":
            count = len(context["items"])
            title = ngettext("%(counter)s new notification", "%(counter)s new notifications", count) % {
                "counter": count
            }
            text = _text_digest(context)
        else:
            title, text = context["notification"].title, _text_one(context)
        subject = " ".join(f"[{_('thi đua')}] {title}".split())
        html = render_to_string(f"organizations/notifications/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject[:200], body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])
    message.attach_alternative(html, "text/html")
    return message


def _item(notification: Notification) -> dict:
    organization = notification.organization
    return {
        "notification": notification,
        "organization_name": organization.name if organization is not None else "",
        "url": absolute_url(notification.link),
    }


def notification_email_send(*, notification_id: int) -> Notification | None:
    """Send one notification's e-mail once; None when there is nothing to send (sent, claimed, or gone).

    Side effects: the row goes pending/failed → sending → sent, or → failed with the error (then re-raised for the
    task to retry). A claim older than the task time limit belongs to a dead worker and is taken over.
    """
    now = timezone.now()
    stale = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    claimed = (
        Notification.objects.filter(pk=notification_id)
        .filter(
            Q(email_status__in=[EmailStatus.PENDING, EmailStatus.FAILED])
            | Q(email_status=EmailStatus.SENDING, email_claimed_at__lt=stale)
        )
        .update(
            email_status=EmailStatus.SENDING,
            email_claimed_at=now,
            email_attempts=F("email_attempts") + 1,
            updated_at=now,
        )
    )
    if claimed != 1:
        return None
    notification = Notification.objects.select_related("organization").get(pk=notification_id)
    try:
        _email("email", _item(notification), notification.email_to).send()
    except SEND_ERRORS as exc:
        error = f"{type(exc).__name__}: {exc}"[:ERROR_CHARS]
        logger.warning("Notification %s: e-mail failed: %s", notification_id, error)
        Notification.objects.filter(pk=notification_id).update(
            email_status=EmailStatus.FAILED, email_error=error, updated_at=timezone.now()
        )
        raise
    Notification.objects.filter(pk=notification_id).update(
        email_status=EmailStatus.SENT, email_sent_at=timezone.now(), email_error="", updated_at=timezone.now()
    )
    notification.refresh_from_db()
    return notification


def notification_email_retry(*, now=None) -> int:
    """Re-enqueue failed e-mails (after a pause, up to the attempt limit) and claims of dead workers; how many."""
    now = now or timezone.now()
    pause = now - timedelta(seconds=settings.NOTIFICATION_RETRY_PAUSE_SECONDS)
    stale = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    ids = list(
        Notification.objects.filter(
            Q(
                email_status=EmailStatus.FAILED,
                updated_at__lt=pause,
                email_attempts__lt=settings.NOTIFICATION_EMAIL_MAX_ATTEMPTS,
            )
            | Q(email_status=EmailStatus.SENDING, email_claimed_at__lt=stale)
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:1000]
    )
    outbox.enqueue_many(NOTIFICATION_EMAIL_SEND_TASK, [{"notification_id": pk} for pk in ids])
    return len(ids)


def email_resend(*, notification_ids: list[int]) -> int:
    """Queue the e-mails of these notifications again when they failed (an administrator's action); how many."""
    ids = list(
        Notification.objects.filter(pk__in=notification_ids, email_status=EmailStatus.FAILED).values_list(
            "pk", flat=True
        )
    )
    outbox.enqueue_many(NOTIFICATION_EMAIL_SEND_TASK, [{"notification_id": pk} for pk in ids])
    return len(ids)


def notification_digest_send() -> int:
    """Send each user one e-mail listing their notifications waiting for the digest; how many e-mails were sent.

    Each user's rows are locked (``SKIP LOCKED``: two beat runs never send the same rows) and marked sent in the
    transaction that sent them; a failed send rolls back and leaves them for the next run.
    """
    user_ids = list(
        Notification.objects.filter(email_status=EmailStatus.DIGEST)
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for user_id in user_ids:
        try:
            sent += _digest_for(user_id)
        except SEND_ERRORS as exc:
            logger.warning("Digest for user %s failed: %s", user_id, exc)
    return sent


def _digest_for(user_id: int) -> int:
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(recipient_id=user_id, email_status=EmailStatus.DIGEST)
            .select_related("organization")
            .order_by("created_at", "pk")
        )
        if not rows:
            return 0
        names = sorted({row.organization.name for row in rows if row.organization is not None})
        context = {"items": [_item(row) for row in rows], "organization_name": ", ".join(names)}
        _email("digest", context, rows[-1].email_to).send()
        now = timezone.now()
        Notification.objects.filter(pk__in=[row.pk for row in rows]).update(
            email_status=EmailStatus.SENT, email_sent_at=now, email_attempts=F("email_attempts") + 1, updated_at=now
        )
    return 1
