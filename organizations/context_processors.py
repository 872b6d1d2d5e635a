"""Navigation entries by role, computed from the cached reach (no extra query per page)."""

from organizations.enums import Role
from organizations.reach import reach_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_roles": set()}
    reach = reach_for(user)
    roles = set(reach.roles)
    return {
        "nav_roles": roles,
        "nav_is_officer": reach.is_superuser or bool(roles & {Role.OFFICER, Role.ADMIN}),
        "nav_is_admin": reach.is_superuser or Role.ADMIN in roles,
    }
