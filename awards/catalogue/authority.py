"""Who may decide an award: the catalogue's ``decided_by`` read against the organisations that hold it.

An organisation issues a decision only for awards within its authority: its own titles (``owner``), the awards any
organisation's head decides (``own``: grassroots titles, Giấy khen), and the authorities it holds by its kind or by
name (``AuthorityHolder``). Everything else becomes a proposal to the level above (the nearest ancestor that holds
the authority).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from awards.enums import DecidingAuthority
from awards.models import AuthorityHolder, AwardType
from organizations.models import Organization


def authorities_of(organization: Organization) -> set[str]:
    """The deciding authorities ``organization`` holds (always ``own``)."""
    held = AuthorityHolder.objects.filter(Q(organization=organization) | Q(organization_kind=organization.kind))
    return {DecidingAuthority.OWN, *held.values_list("authority", flat=True)}


def may_decide(organization: Organization, award: AwardType) -> bool:
    """Whether ``organization`` may issue a decision giving ``award``."""
    if award.owner_id:
        return award.owner_id == organization.pk
    return award.decided_by in authorities_of(organization)


def awards_within_authority(organization: Organization) -> QuerySet[AwardType]:
    """Catalogue rows ``organization`` may decide: its own titles and the national ones of its authorities."""
    return AwardType.objects.filter(
        Q(owner=organization) | Q(owner__isnull=True, decided_by__in=authorities_of(organization))
    )


def deciding_organization(organization: Organization, award: AwardType) -> Organization | None:
    """The nearest organisation at or above ``organization`` that may decide ``award`` (None: none in the tree)."""
    ancestors = Organization.objects.filter(pk__in=organization.ancestor_ids()).order_by("-path")
    for candidate in ancestors:
        if may_decide(candidate, award):
            return candidate
    return None
