"""Every page and action of the app needs a login: an anonymous request to any URL pattern is sent to
the login page (or refused), never served. New URL patterns are picked up automatically."""

import re

import pytest
from django.urls import URLResolver, get_resolver, reverse

# Public on purpose: the password reset by e-mail ("Quên mật khẩu") and the calendar feed behind its secret token
# (tests/organizations/test_accounts.py, tests/test_calendar.py).
# public/: the public pages (no login by design, tests/awards/test_public.py); api/: the JSON API answers 401
# without a token instead of redirecting (tests/awards/test_api.py); both are rows of the permission matrix.
PUBLIC_PREFIXES = (
    "admin/",
    "i18n/",
    "accounts/login/",
    "accounts/password/reset/",
    "calendar/feed/",
    "static/",
    "verify/",
    "healthz",
    "readyz",
    "public/",
    "api/",
)


def _routes(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def _example_url(route: str) -> str:
    route = re.sub(r"<(?:int|id):\w+>", "1", route)
    return "/" + re.sub(r"<(?:str|slug|path):\w+>", "x", route)


ROUTES = sorted({r for r in _routes() if not r.startswith(PUBLIC_PREFIXES) and "(?P<" not in r})


def test_the_route_list_is_not_empty():
    assert len(ROUTES) > 30


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES)
def test_anonymous_requests_go_to_login(client, route):
    login = reverse("login")
    for method in (client.get, client.post):
        response = method(_example_url(route))
        assert response.status_code in (302, 405), (route, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith(login), (route, response["Location"])
