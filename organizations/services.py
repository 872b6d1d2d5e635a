"""Writes for the organisations app: the tree, people, blocs and memberships."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr
from django.utils.translation import gettext as _

from organizations.enums import AccountAction, BlocRole, Role, default_document_style
from organizations.models import (
    AccountEvent,
    AccountSettings,
    BlocMember,
    EmulationBloc,
    Membership,
    Organization,
    OrganizationChange,
    Person,
)

ORGANIZATION_FIELDS = ("code", "name", "short_name", "kind", "is_active", "document_style")


PATH_DIGITS = 10  # fixed-width segments make the path sort in tree order (siblings by creation)


def _path_for(*, organization: Organization, parent: Organization | None) -> str:
    return f"{parent.path if parent else '/'}{organization.pk:0{PATH_DIGITS}d}/"


@transaction.atomic
def organization_create(
    *,
    code: str,
    name: str,
    kind: str,
    parent: Organization | None = None,
    short_name: str = "",
    is_active: bool = True,
    document_style: str = "",
) -> Organization:
    """Create an organisation under ``parent`` (or as a root) and set its tree path.

    ``document_style`` defaults from the kind: Party bodies write Party documents, the others State documents.
    """
    organization = Organization(
        code=code.strip(),
        name=name.strip(),
        short_name=short_name.strip(),
        kind=kind,
        parent=parent,
        is_active=is_active,
        document_style=document_style or default_document_style(kind),
    )
    organization.full_clean(exclude=["path"])
    organization.save()
    organization.path = _path_for(organization=organization, parent=parent)
    organization.depth = parent.depth + 1 if parent else 0
    organization.save(update_fields=["path", "depth"])
    return organization


def _check_move(*, organization: Organization, parent: Organization | None) -> None:
    if parent is not None and parent.path.startswith(organization.path):
        raise ValidationError({"parent": _("An organisation cannot be placed under itself or one of its own units.")})


@transaction.atomic
def organization_update(
    *,
    organization: Organization,
    changed_by=None,
    note: str = "",
    parent: Organization | None | type[Ellipsis] = ...,
    **fields,
) -> Organization:
    """Change fields and/or move the organisation; every real change is kept in its history.

    Moving rewrites the paths of the whole subtree with one UPDATE.
    """
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise TypeError(f"organization_update got unknown fields: {sorted(unknown)}")
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    changes: dict[str, list] = {}
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        if getattr(organization, name) != value:
            changes[name] = [getattr(organization, name), value]
            setattr(organization, name, value)
    old_path = organization.path
    if parent is not ... and parent != organization.parent:
        _check_move(organization=organization, parent=parent)
        changes["parent"] = [
            organization.parent.code if organization.parent else None,
            parent.code if parent else None,
        ]
        organization.parent = parent
        organization.path = _path_for(organization=organization, parent=parent)
        organization.depth = parent.depth + 1 if parent else 0
    if not changes:
        return organization
    organization.full_clean(exclude=["path"])
    organization.save()
    if organization.path != old_path:
        depth_shift = organization.path.count("/") - old_path.count("/")
        Organization.objects.filter(path__startswith=old_path).exclude(pk=organization.pk).update(
            path=Concat(Value(organization.path), Substr("path", Length(Value(old_path)) + 1)),
            depth=F("depth") + depth_shift,
        )
    OrganizationChange.objects.create(organization=organization, changed_by=changed_by, changes=changes, note=note)
    return organization


@transaction.atomic
def organization_merge(*, source: Organization, target: Organization, changed_by=None) -> Organization:
    """Merge ``source`` into ``target``: people move, the source is deactivated and points at the target."""
    if source.pk == target.pk:
        raise ValidationError(_("An organisation cannot be merged into itself."))
    if target.path.startswith(source.path):
        raise ValidationError(_("An organisation cannot be merged into one of its own units."))
    moved = Person.objects.filter(organization=source).update(organization=target)
    Organization.objects.filter(pk=source.pk).update(is_active=False, merged_into=target)
    OrganizationChange.objects.create(
        organization=source,
        changed_by=changed_by,
        changes={"merged_into": [None, target.code], "people_moved": [0, moved]},
        note=_("Merged"),
    )
    source.refresh_from_db()
    return source


@transaction.atomic
def person_save(*, person: Person | None = None, **fields) -> Person:
    """Create or update a person from validated fields."""
    person = person or Person()
    for name, value in fields.items():
        setattr(person, name, value.strip() if isinstance(value, str) else value)
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def membership_grant(*, user, organization: Organization, role: str) -> Membership:
    """Give ``user`` a role in ``organization`` (idempotent)."""
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    membership, _created = Membership.objects.get_or_create(user=user, organization=organization, role=role)
    return membership


@transaction.atomic
def bloc_member_set(*, bloc: EmulationBloc, organization: Organization, role: str = BlocRole.MEMBER) -> BlocMember:
    """Add an organisation to a bloc or change its role; a new leader demotes the previous one."""
    if role == BlocRole.LEADER:
        BlocMember.objects.filter(bloc=bloc, role=BlocRole.LEADER).exclude(organization=organization).update(
            role=BlocRole.MEMBER
        )
    member, _created = BlocMember.objects.update_or_create(
        bloc=bloc, organization=organization, defaults={"role": role}
    )
    return member


@transaction.atomic
def bloc_member_remove(*, bloc: EmulationBloc, organization: Organization) -> int:
    """Take an organisation out of a bloc; returns how many rows went (0 or 1)."""
    deleted, _details = BlocMember.objects.filter(bloc=bloc, organization=organization).delete()
    return deleted


# Accounts: logins of people, their roles, deactivation and forced password changes. Every change is journalled
# (AccountEvent); the views check that the actor administers the person's organisation (organizations/rules.py).


def _journal(*, user, actor, action: str, role: str = "", organization: Organization | None = None) -> AccountEvent:
    return AccountEvent.objects.create(user=user, actor=actor, action=action, role=role, organization=organization)


def _settings_of(user) -> AccountSettings:
    account, _created = AccountSettings.objects.get_or_create(user=user)
    return account


def _guard(*, user, actor) -> None:
    """Only a superuser touches a superuser's login."""
    if user.is_superuser and not getattr(actor, "is_superuser", False):
        raise PermissionDenied


@transaction.atomic
def account_create(*, person: Person, username: str, password: str, actor):
    """Create the login of ``person`` with a temporary password that must be changed at the first login.

    Refuses a person who already has a login and a user name already taken; the password passes the validators.
    """
    User = get_user_model()
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.user_id is not None:
        raise ValidationError(_("This person already has a login."))
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This user name is already taken.")})
    user = User(username=username, email=person.email, first_name=person.full_name[:150])
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    AccountSettings.objects.create(user=user, must_change_password=True)
    _journal(user=user, actor=actor, action=AccountAction.CREATED)
    return user


@transaction.atomic
def account_role_grant(*, user, organization: Organization, role: str, actor) -> Membership:
    """Give ``user`` a role scoped to ``organization``; journalled only when it is new."""
    _guard(user=user, actor=actor)
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    membership, created = Membership.objects.get_or_create(user=user, organization=organization, role=role)
    if created:
        _journal(user=user, actor=actor, action=AccountAction.ROLE_GRANTED, role=role, organization=organization)
    return membership


@transaction.atomic
def account_role_revoke(*, membership: Membership, actor) -> None:
    """Take a role away; an administrator cannot take away their own administrator role (no self lock-out)."""
    _guard(user=membership.user, actor=actor)
    if membership.user_id == actor.pk and membership.role == Role.ADMIN:
        raise ValidationError(_("You cannot remove your own administrator role."))
    _journal(
        user=membership.user,
        actor=actor,
        action=AccountAction.ROLE_REVOKED,
        role=membership.role,
        organization=membership.organization,
    )
    membership.delete()


@transaction.atomic
def account_set_active(*, user, is_active: bool, actor):
    """Deactivate (no login, sessions refused by Django) or reactivate a login; nobody deactivates themselves."""
    _guard(user=user, actor=actor)
    if user.pk == actor.pk and not is_active:
        raise ValidationError(_("You cannot deactivate your own login."))
    if user.is_active == is_active:
        return user
    user.is_active = is_active
    user.save(update_fields=["is_active"])
    _journal(user=user, actor=actor, action=AccountAction.ACTIVATED if is_active else AccountAction.DEACTIVATED)
    return user


@transaction.atomic
def account_require_password_change(*, user, actor) -> AccountSettings:
    """Make ``user`` choose a new password at the next login."""
    _guard(user=user, actor=actor)
    account = _settings_of(user)
    account.must_change_password = True
    account.save(update_fields=["must_change_password", "updated_at"])
    _journal(user=user, actor=actor, action=AccountAction.PASSWORD_CHANGE_REQUIRED)
    return account


@transaction.atomic
def account_password_changed(*, user, by_reset: bool = False) -> None:
    """Record a password the user set (own page or e-mailed link) and lift a forced change."""
    AccountSettings.objects.filter(user=user, must_change_password=True).update(must_change_password=False)
    _journal(user=user, actor=user, action=AccountAction.PASSWORD_RESET if by_reset else AccountAction.PASSWORD_CHANGED)


def account_must_change_password(user) -> bool:
    return AccountSettings.objects.filter(user=user, must_change_password=True).exists()


@transaction.atomic
def calendar_token_regenerate(*, user) -> str:
    """A new secret for the user's iCalendar feed; the previous link stops working at once."""
    account = _settings_of(user)
    account.calendar_token = secrets.token_urlsafe(32)
    account.save(update_fields=["calendar_token", "updated_at"])
    _journal(user=user, actor=user, action=AccountAction.CALENDAR_TOKEN)
    return account.calendar_token


@transaction.atomic
def calendar_token_revoke(*, user) -> None:
    """Switch the user's iCalendar feed off."""
    if AccountSettings.objects.filter(user=user).exclude(calendar_token="").update(calendar_token=""):
        _journal(user=user, actor=user, action=AccountAction.CALENDAR_REVOKED)
