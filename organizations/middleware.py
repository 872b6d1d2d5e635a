"""A login whose administrator required a new password may only change it (or log out) until it does.

The flag is read from the database once, at login (``remember_forced_change``), and kept in the session, so other
requests cost no query.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "must_change_password"


def remember_forced_change(sender, request, user, **kwargs) -> None:
    """``user_logged_in`` receiver: note in the session that this login must choose a new password first."""
    from organizations.services import account_must_change_password  # lazy: registry

    if request is not None and hasattr(request, "session") and account_must_change_password(user):
        request.session[SESSION_KEY] = True


class ForcedPasswordChangeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_KEY) and request.user.is_authenticated:
            allowed = {reverse("password_change"), reverse("logout")}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("password_change")
        return self.get_response(request)
