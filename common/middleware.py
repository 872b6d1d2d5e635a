"""Project middleware.

- Vietnamese first: the UI language is the user's explicit choice (cookie), else ``LANGUAGE_CODE``. Django's
  LocaleMiddleware would follow the browser's Accept-Language header, which on most government workstations says
  English; the product must open in Vietnamese unless a user switches.
- Input no view can use is refused before any view runs (``MalformedInputMiddleware``): a NUL character in the query
  string or a form body (PostgreSQL cannot store it), or a query value of more than 18 digits (no id is that long),
  is a 400; a path id past the 64-bit range is a 404.
- Pages of a logged-in user are never stored by the browser or a proxy (``Cache-Control: private, no-store``):
  shared office computers keep no copy of someone's scores, votes or decisions after logout.
"""

import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control

from common.converters import MAX_ID

_NUL = re.compile(r"%00|\x00")
_FORM = "application/x-www-form-urlencoded"
MAX_DIGITS = 18


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class PrivatePagesNotStoredMiddleware:
    """``Cache-Control: private, no-store`` on every response to a logged-in user (unless a view set its own)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


class MalformedInputMiddleware:
    """Refuse input no view can use with a 400 (NUL characters, numbers longer than any id) or, for a path id past
    the 64-bit range, a 404 — instead of the database error a view would meet."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if _NUL.search(query):
            raise BadRequest("NUL in the query string")
        for values in request.GET.lists():
            for value in values[1]:
                if "\x00" in value or (len(value) > MAX_DIGITS and value.strip().isdigit()):
                    raise BadRequest("Malformed query value")
        if request.method == "POST" and request.content_type == _FORM and _NUL.search(_body_text(request)):
            raise BadRequest("NUL in the form")
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable, view_args: tuple, view_kwargs: dict) -> None:
        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value <= MAX_ID:
                raise Http404


def _body_text(request: HttpRequest) -> str:
    try:
        return request.body.decode("latin-1")
    except Exception:  # noqa: BLE001 - a body that cannot be read is left to the view (which refuses it)
        return ""
