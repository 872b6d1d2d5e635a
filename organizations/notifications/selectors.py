"""Reads of a user's own notifications and preferences (nobody sees another user's)."""

from __future__ import annotations

from django.db.models import QuerySet

from organizations.enums import NotificationDelivery, NotificationEvent
from organizations.models import Notification, NotificationPreference


def notification_list_for_user(user, *, unread: bool = False) -> QuerySet[Notification]:
    """The user's notifications, newest first (only the unread ones with ``unread``)."""
    qs = Notification.objects.filter(recipient=user).select_related("organization")
    if unread:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-pk")


def notification_get_for_user(user, *, pk: int) -> Notification | None:
    return Notification.objects.filter(recipient=user, pk=pk).first()


def unread_count(user) -> int:
    """How many of the user's notifications are unread (the bell)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preferences_for_user(user) -> dict[str, str]:
    """Each event's delivery for ``user`` (at once by e-mail where the user chose nothing)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("event", "delivery"))
    return {event: chosen.get(event, NotificationDelivery.IMMEDIATE) for event in NotificationEvent.values}
