"""Project middleware.

- Vietnamese first: the UI language is the user's explicit choice (cookie), else ``LANGUAGE_CODE``. Django's
  LocaleMiddleware would follow the browser's Accept-Language header, which on most government workstations says
  English; the product must open in Vietnamese unless a user switches.
- Pages of a logged-in user are never stored by the browser or a proxy (``Cache-Control: private, no-store``):
  shared office computers keep no copy of someone's scores, votes or decisions after logout.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control


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
