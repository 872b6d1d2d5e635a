"""Login lock-outs for administrators: who is locked now, and unlocking a user name or an address.

An organisation's administrators see and unlock the user names of people in their reach; superusers also see and
unlock addresses locked across names (common/lockout.py explains the two kinds of lock).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.lockout import lockout_reset, locks
from organizations.enums import Role
from organizations.reach import reach_for


def _may_manage(user) -> bool:
    reach = reach_for(user)
    return reach.is_superuser or bool(reach.ids(Role.ADMIN))


def _usernames_in_reach(user, usernames: set[str]) -> set[str]:
    """The user names among ``usernames`` whose account belongs to a person, or holds a role, in the admin's reach."""
    reach = reach_for(user)
    if reach.is_superuser:
        return usernames
    in_reach = get_user_model().objects.filter(
        reach.below_q(Role.ADMIN, prefix="person__organization__")
        | reach.below_q(Role.ADMIN, prefix="memberships__organization__"),
        username__in=usernames,
    )
    return set(in_reach.values_list("username", flat=True).distinct())


def _current(user):
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    user_locks, address_locks = locks(since=since)
    allowed = _usernames_in_reach(user, {lock.username for lock in user_locks})
    user_locks = [lock for lock in user_locks if lock.username in allowed]
    return user_locks, address_locks if reach_for(user).is_superuser else []


@login_required
@require_GET
def lockout_list(request):
    if not _may_manage(request.user):
        raise Http404
    user_locks, address_locks = _current(request.user)
    context = {
        "user_locks": user_locks,
        "address_locks": address_locks,
        "limit": settings.AXES_FAILURE_LIMIT,
        "ip_limit": settings.LOGIN_IP_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "organizations/lockout_list.html", context)


@login_required
@require_POST
def lockout_unlock(request):
    if not _may_manage(request.user):
        raise Http404
    username = request.POST.get("username", "").strip()[:150]
    address = request.POST.get("ip_address", "").strip()[:45]
    user_locks, address_locks = _current(request.user)
    if username and username in {lock.username for lock in user_locks}:
        lockout_reset(username=username)
        messages.success(request, _("“%(name)s” can log in again.") % {"name": username})
    elif address and address in {lock.ip_address for lock in address_locks}:
        lockout_reset(ip_address=address)
        messages.success(request, _("Logins from %(address)s are allowed again.") % {"address": address})
    else:
        raise PermissionDenied
    return redirect("organizations:lockout-list")
