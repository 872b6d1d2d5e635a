"""Notifications about nominations, councils and decisions, written in the transaction of the change."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from awards.models import AwardDecision, CouncilSession, Nomination, PublicDisclosure
from organizations.enums import NotificationEvent, Role
from organizations.notifications.services import notify
from organizations.selectors import user_ids_with_roles


def _recipient_users(lines: Iterable) -> set[int]:
    """The people who act for the units of these award lines (nominations, decision lines), and the persons."""
    lines = list(lines)
    units = {line.organization_id or (line.person.organization_id if line.person_id else None) for line in lines}
    users = user_ids_with_roles(units - {None})
    return users | {line.person.user_id for line in lines if line.person_id and line.person.user_id}


def nominations_made(*, nominations: Iterable[Nomination]) -> None:
    """Tell each nominee's unit (and the nominated person) of a new nomination."""
    for nomination in nominations:
        plan = nomination.plan
        notify(
            event=NotificationEvent.NOMINATION_MADE,
            recipients=_recipient_users([nomination]),
            context={
                "nominee": str(nomination.recipient),
                "award": plan.award_type.name,
                "campaign": plan.campaign.name,
            },
            link=reverse("awards:nomination-detail", args=[plan.campaign_id, nomination.pk]),
            organization=plan.campaign.launching_organization,
        )


def disclosure_opened(*, disclosure: PublicDisclosure) -> None:
    """Tell each disclosed nominee's unit that the public disclosure is open, and until when."""
    until = date_format(timezone.localtime(disclosure.ends_at), "d/m/Y H:i")
    campaign = disclosure.campaign
    nominations = disclosure.nominations.select_related("plan__award_type", "person", "organization")
    for nomination in nominations:
        notify(
            event=NotificationEvent.DISCLOSURE_OPENED,
            recipients=_recipient_users([nomination]),
            context={"nominee": str(nomination.recipient), "award": nomination.plan.award_type.name, "until": until},
            link=reverse("awards:disclosure-detail", args=[campaign.pk, disclosure.pk]),
            organization=campaign.launching_organization,
        )


def _session_notice(session: CouncilSession, event: str) -> None:
    council = session.council
    members = council.members.filter(is_active=True).values_list("user_id", flat=True)
    notify(
        event=event,
        recipients=list(members),
        context={
            "session": session.title,
            "council": council.name,
            "date": date_format(timezone.localtime(session.scheduled_at), "d/m/Y H:i"),
        },
        link=reverse("awards:session-detail", args=[session.pk]),
        organization=council.organization,
    )


def session_invited(*, session: CouncilSession) -> None:
    """Invite the council's members to a new session."""
    _session_notice(session, NotificationEvent.SESSION_INVITATION)


def voting_opened(*, session: CouncilSession) -> None:
    """Tell the council's members that secret voting has started."""
    _session_notice(session, NotificationEvent.VOTING_OPENED)


def decision_to_sign(*, decision: AwardDecision) -> None:
    """Tell the issuing organisation's signers that a draft decision waits for them."""
    organization = decision.issuing_organization
    notify(
        event=NotificationEvent.DECISION_TO_SIGN,
        recipients=user_ids_with_roles([organization.pk], [Role.SIGNER]),
        context={"decision": decision.title, "organization": organization.name},
        link=reverse("awards:decision-detail", args=[decision.pk]),
        organization=organization,
    )


def decision_issued(*, decision: AwardDecision) -> None:
    """Tell the units of the decision's recipients (and the persons) that it was issued."""
    lines = list(decision.recipients.select_related("person").order_by("position", "pk"))
    names = [line.recipient_name for line in lines]
    shown = ", ".join(names[:5]) + ("…" if len(names) > 5 else "")
    organization = decision.issuing_organization
    notify(
        event=NotificationEvent.DECISION_ISSUED,
        recipients=_recipient_users(lines),
        context={"number": decision.number_text, "organization": organization.name, "recipients": shown},
        link=reverse("awards:decision-detail", args=[decision.pk]),
        organization=organization,
    )
