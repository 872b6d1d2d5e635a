"""A user's notifications: the bell's count, the list, marking read, and the preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organizations.notifications import selectors, services
from organizations.notifications.forms import PreferencesForm

PAGE_SIZE = 30


@login_required
@require_GET
def notification_bell(request):
    """The navbar's badge (an htmx fragment loaded after the page, so pages keep their query counts)."""
    return render(request, "organizations/notifications/_bell.html", {"unread": selectors.unread_count(request.user)})


@login_required
@require_GET
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(selectors.notification_list_for_user(request.user, unread=unread_only), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "query_string": "unread=1" if unread_only else "",
        "unread_only": unread_only,
        "unread": selectors.unread_count(request.user),
    }
    return render(request, "organizations/notification_list.html", context)


@login_required
@require_POST
def notification_read(request, pk: int):
    """Mark one notification read and open its page (or go back to the list)."""
    notification = selectors.notification_get_for_user(request.user, pk=pk)
    if notification is None:
        raise Http404
    services.notification_mark_read(user=request.user, notification_id=notification.pk)
    link = notification.link
    if request.POST.get("open") and link and url_has_allowed_host_and_scheme(link, allowed_hosts=None):
        return redirect(link)
    return redirect("organizations:notification-list")


@login_required
@require_POST
def notification_read_all(request):
    count = services.notification_mark_read(user=request.user)
    messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
    return redirect("organizations:notification-list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    current = selectors.preferences_for_user(request.user)
    form = PreferencesForm(request.POST or None, initial_deliveries=current)
    if request.method == "POST" and form.is_valid():
        services.preferences_save(user=request.user, deliveries=form.cleaned_data)
        messages.success(request, _("Your notification preferences were saved."))
        return redirect("organizations:notification-preferences")
    return render(request, "organizations/notification_preferences.html", {"form": form})
