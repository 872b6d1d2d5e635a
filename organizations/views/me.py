"""A user's own account page (password, calendar link) and the password views that journal what they do.

The page is a list of sections: the password change here, the iCalendar link, and room for sections other
features add (notification preferences).
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.ratelimit import rate_limited, retry_after
from organizations import selectors, services
from organizations.middleware import SESSION_KEY

RESET_LIMIT_PER_MINUTE = 5


@login_required
@require_GET
def account_home(request):
    user = request.user
    settings_row = selectors.account_settings_get(user)
    context = {
        "password_form": PasswordChangeForm(user),
        "roles": selectors.account_roles(user),
        "calendar_token": settings_row.calendar_token if settings_row else "",
        "events": selectors.account_events(user, limit=10),
    }
    return render(request, "registration/account.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view, plus the journal and lifting a forced change."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.account_password_changed(user=form.user)
        self.request.session.pop(SESSION_KEY, None)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """“Quên mật khẩu”: an e-mailed link (text and HTML); a few requests a minute per address at most."""

    html_email_template_name = "registration/password_reset_email.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def post(self, request, *args, **kwargs):
        if rate_limited(request, scope="password-reset", limit=RESET_LIMIT_PER_MINUTE):
            response = HttpResponse(_("Too many requests. Please wait a minute and try again."), status=429)
            response["Retry-After"] = str(retry_after())
            return response
        return super().post(request, *args, **kwargs)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.account_password_changed(user=form.user, by_reset=True)
        return response


@login_required
@require_POST
def calendar_token(request):
    """Make a new secret calendar link (the old one stops working) or switch the feed off."""
    if request.POST.get("action") == "revoke":
        services.calendar_token_revoke(user=request.user)
        messages.success(request, _("The calendar link was switched off."))
    else:
        services.calendar_token_regenerate(user=request.user)
        messages.success(request, _("A new calendar link was made; the previous one no longer works."))
    return redirect("account")
