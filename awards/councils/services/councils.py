"""Councils, their members, sessions and the agenda while a session is in preparation.

The ballot itself (opening, attendance, voting, closing, minutes) is in awards/councils/services/ballots.py.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import notices
from awards.councils import selectors as sel
from awards.enums import CouncilRole, SessionStatus
from awards.models import AgendaItem, Council, CouncilMember, CouncilSession, Nomination
from awards.nominations.selectors import nomination_voting_block_reason


def council_create(*, organization, name: str, actor=None) -> Council:
    """A new active council of ``organization``."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter the council's name.")}, code="required")
    return Council.objects.create(organization=organization, name=name)


def council_update(*, council: Council, name: str, is_active: bool) -> Council:
    """Rename a council or (de)activate it; members of an inactive council no longer see it."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter the council's name.")}, code="required")
    council.name, council.is_active = name, is_active
    council.save(update_fields=["name", "is_active", "updated_at"])
    return council


def _default_name(user) -> str:
    person = getattr(user, "person", None)
    return (person.full_name if person else "") or user.get_full_name() or user.get_username()


def _save_member(member: CouncilMember, fields: list[str]) -> CouncilMember:
    """Save, turning the one-active-chair constraint into a readable error."""
    try:
        with transaction.atomic():
            if member.pk:
                member.save(update_fields=[*fields, "updated_at"])
            else:
                member.save(force_insert=True)
    except IntegrityError as error:
        if member.role == CouncilRole.CHAIR:
            raise ValidationError(
                {"role": _("This council already has an active chair: change or deactivate that member first.")},
                code="one_chair",
            ) from error
        raise
    return member


def member_add(*, council: Council, user, full_name: str = "", title: str = "", role: str) -> CouncilMember:
    """Seat ``user`` on the council (a former, deactivated member is seated again with the new details).

    The user must hold a membership in the council's organisation or one below it; one active chair.
    """
    if not sel.member_user_choices(council).filter(pk=user.pk).exists():
        raise ValidationError(
            {"user": _("Choose a user account of this organisation or of one below it.")}, code="reach"
        )
    full_name = (full_name or "").strip() or _default_name(user)
    member = CouncilMember.objects.filter(council=council, user=user).first()
    if member is not None and member.is_active:
        raise ValidationError({"user": _("This person already sits on the council.")}, code="duplicate")
    if member is None:
        member = CouncilMember(council=council, user=user)
    member.full_name, member.title, member.role, member.is_active = full_name, (title or "").strip(), role, True
    return _save_member(member, ["full_name", "title", "role", "is_active"])


def member_update(*, member: CouncilMember, full_name: str, title: str, role: str) -> CouncilMember:
    """Change a member's name as printed, position or role (one active chair)."""
    full_name = (full_name or "").strip()
    if not full_name:
        raise ValidationError({"full_name": _("Enter the member's full name.")}, code="required")
    member.full_name, member.title, member.role = full_name, (title or "").strip(), role
    return _save_member(member, ["full_name", "title", "role"])


def member_deactivate(*, member: CouncilMember) -> CouncilMember:
    """The member leaves the council; past sessions keep their attendance and ballots."""
    if _in_running_session(member):
        raise ValidationError(
            _("A session of this council is under way: wait until its voting is closed."), code="session_running"
        )
    CouncilMember.objects.filter(pk=member.pk).update(is_active=False, updated_at=timezone.now())
    member.is_active = False
    return member


def _in_running_session(member: CouncilMember) -> bool:
    return member.council.sessions.filter(status__in=[SessionStatus.OPEN, SessionStatus.VOTING]).exists()


def session_create(
    *, council: Council, title: str, scheduled_at, place: str = "", place_name: str = "", campaign=None, actor=None
) -> CouncilSession:
    """A session in preparation; the campaign (optional) must be launched at or below the council's organisation.

    ``place`` is the meeting room, ``place_name`` the place name (địa danh) the minutes are dated with.
    """
    if not council.is_active:
        raise ValidationError(_("This council is inactive."), code="inactive")
    if campaign is not None and not campaign.launching_organization.path.startswith(council.organization.path):
        raise ValidationError({"campaign": _("Choose a campaign of this council's organisation.")}, code="campaign")
    with transaction.atomic():
        session = CouncilSession.objects.create(
            council=council,
            campaign=campaign,
            title=title.strip(),
            scheduled_at=scheduled_at,
            place=place.strip(),
            place_name=place_name.strip(),
        )
        notices.session_invited(session=session)
    return session


def _voting_block_reason(nomination: Nomination, *, now) -> str:
    """Why the nomination can't be voted on now ("" when it can): the nominations part's rule, always applied
    (withdrawn or decided, not eligible, public disclosure missing or still open)."""
    return str(nomination_voting_block_reason(nomination, now=now) or "")


def _locked_draft(session: CouncilSession) -> CouncilSession:
    locked = CouncilSession.objects.select_for_update().get(pk=session.pk)
    if locked.status != SessionStatus.DRAFT:
        raise ValidationError(_("The agenda can only change while the session is in preparation."), code="status")
    return locked


def agenda_add(*, session: CouncilSession, nomination: Nomination, now=None) -> AgendaItem:
    """Put a proposed, eligible nomination of the council's organisation on the agenda (at the end)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_draft(session)
        if not sel.nomination_candidates(locked).filter(pk=nomination.pk).exists():
            raise ValidationError(
                _(
                    "This nomination can't be added: it is not a proposed, eligible nomination of this council's "
                    "campaigns, or it is already on an agenda."
                ),
                code="not_candidate",
            )
        reason = _voting_block_reason(nomination, now=now)
        if reason:
            raise ValidationError(reason, code="blocked")
        last = locked.agenda.aggregate(last=Max("position"))["last"] or 0
        return AgendaItem.objects.create(session=locked, nomination=nomination, position=last + 1)


def agenda_remove(*, session: CouncilSession, item: AgendaItem) -> None:
    """Take an item off the agenda while the session is in preparation."""
    with transaction.atomic():
        _locked_draft(session)
        AgendaItem.objects.filter(pk=item.pk, session=session).delete()
