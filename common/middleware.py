"""Vietnamese first: the UI language is the user's explicit choice (cookie), else ``LANGUAGE_CODE``.

Django's LocaleMiddleware would follow the browser's Accept-Language header, which on most
government workstations says English; the product must open in Vietnamese unless a user switches.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
