"""Writes for the organisations app: the tree, people, blocs and memberships."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr
from django.utils.translation import gettext as _

from organizations.enums import BlocRole, Role, default_document_style
from organizations.models import BlocMember, EmulationBloc, Membership, Organization, OrganizationChange, Person

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
