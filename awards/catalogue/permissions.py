"""Permission predicates of the awards app's catalogue part (registered with `rules`; imported by awards/rules.py).

Everyone logged in reads the catalogue. National rows (no owner) are managed by superusers; an organisation's
own titles by the administrators of that organisation (or of one above it).
"""

import rules

from organizations.enums import Role
from organizations.reach import reach_for


def _manages(user, owner) -> bool:
    reach = reach_for(user)
    if reach.is_superuser:
        return True
    return owner is not None and reach.covers(owner.path, Role.ADMIN)


@rules.predicate
def can_manage_award_type(user, award_type) -> bool:
    """Superuser for a national row; administrator of the owner (or above it) for an organisation's row."""
    return award_type is not None and _manages(user, award_type.owner)


@rules.predicate
def can_add_award_type(user, owner=None) -> bool:
    """With ``owner`` None: may the user add any row at all (superuser, or administrator somewhere)."""
    if owner is None:
        reach = reach_for(user)
        return reach.is_superuser or bool(reach.ids(Role.ADMIN))
    return _manages(user, owner)


rules.add_perm("awards.view_awardtype", rules.is_authenticated)
rules.add_perm("awards.add_awardtype", can_add_award_type)
rules.add_perm("awards.change_awardtype", can_manage_award_type)
