"""Where a user's roles reach in the organisation tree, computed once per user object.

Plain Python over the user's memberships (one query, cached on the user instance), so permission
predicates stay cheap and selectors can turn the same reach into one SQL filter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q

from organizations.enums import TREE_ROLES, Role
from organizations.models import Membership

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

_CACHE_ATTR = "_organization_reach"


@dataclass(frozen=True)
class Reach:
    is_superuser: bool = False
    # role -> {organisation id: tree path}
    by_role: dict[str, dict[int, str]] = field(default_factory=dict)

    def ids(self, *roles: str) -> set[int]:
        return {org_id for role in roles for org_id in self.by_role.get(role, {})}

    def paths(self, *roles: str) -> set[str]:
        return {path for role in roles for path in self.by_role.get(role, {}).values()}

    @property
    def roles(self) -> set[str]:
        return set(self.by_role)

    def covers(self, path: str, *roles: str) -> bool:
        """True when ``path`` lies at or below an organisation where the user holds one of ``roles``."""
        return any(path.startswith(prefix) for prefix in self.paths(*roles))

    def can_see(self, organization_id: int, path: str) -> bool:
        if self.is_superuser:
            return True
        return self.covers(path, *TREE_ROLES) or organization_id in self.ids(*Role.values)

    def below_q(self, *roles: str, prefix: str = "") -> Q:
        """Organisations at or below one where the user holds one of ``roles``; everything for a superuser.

        The one filter for "organisations at or below mine": ``prefix`` names the relation to the organisation
        (``"issuing_organization__"`` on decisions, ``""`` on organisations themselves).
        """
        if self.is_superuser:
            return Q()
        condition = Q(pk__in=[])
        for path in sorted(self.paths(*roles)):
            condition |= Q(**{f"{prefix}path__startswith": path})
        return condition

    def visible_q(self, prefix: str = "") -> Q:
        """A filter selecting the organisations this user may see (``prefix`` for related lookups)."""
        if self.is_superuser:
            return Q()
        return Q(**{f"{prefix}id__in": sorted(self.ids(*Role.values))}) | self.below_q(*TREE_ROLES, prefix=prefix)


def reach_for(user: User | AnonymousUser | None) -> Reach:
    """The reach of ``user``; anonymous users reach nothing."""
    if user is None or not user.is_authenticated:
        return Reach()
    cached = getattr(user, _CACHE_ATTR, None)
    if isinstance(cached, Reach):
        return cached
    by_role: dict[str, dict[int, str]] = {}
    rows = Membership.objects.filter(user=user, organization__is_active=True).values_list(
        "role", "organization_id", "organization__path"
    )
    for role, org_id, path in rows:
        by_role.setdefault(role, {})[org_id] = path
    reach = Reach(is_superuser=user.is_superuser, by_role=by_role)
    setattr(user, _CACHE_ATTR, reach)
    return reach


def reach_forget(user: User | AnonymousUser) -> None:
    """Drop the cached reach (after memberships change within one request or test)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
