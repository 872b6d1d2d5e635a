"""Security headers on every response: every URL pattern is requested as an officer and anonymously; each
response carries Django 6.1's CSP (a nonce on every inline script, never 'unsafe-inline'), nosniff, frame denial
and a referrer policy."""

import re

import pytest
from django.urls import URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("static/", "media/")  # WhiteNoise serves static files before the view middleware


def _routes(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def _example_url(route: str) -> str:
    route = re.sub(r"<(?:int|id):\w+>", "1", route)
    return "/" + re.sub(r"<(?:str|slug|path|uuid):\w+>", "x", route)


ROUTES = sorted({r for r in _routes() if not r.startswith(SKIPPED_PREFIXES) and "(?P<" not in r and "^" not in r})


def _assert_secure_headers(response, route):
    csp = response.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    script_src = directives.get("script-src", directives.get("default-src", []))
    assert script_src and "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, (route, csp)
    nonce = next((source[7:-1] for source in script_src if source.startswith("'nonce-")), None)
    for tag in re.findall(rb"<script\b[^>]*>", response.content if not response.streaming else b""):
        assert b" src=" in tag or (nonce and f'nonce="{nonce}"'.encode() in tag), (route, tag)  # else it would not run
    assert directives.get("object-src") == ["'none'"], (route, csp)
    assert response.get("X-Content-Type-Options") == "nosniff", route
    assert response.get("X-Frame-Options") == "DENY" or directives.get("frame-ancestors") == ["'none'"], route
    assert response.get("Referrer-Policy") in {"same-origin", "no-referrer", "strict-origin-when-cross-origin"}, route


def test_every_route_as_officer_and_anonymous_sends_the_security_headers(client, officer):
    statuses = {}
    for user in (None, officer):
        client.logout()
        if user is not None:
            client.force_login(user)
        for route in ROUTES:
            response = client.get(_example_url(route))
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            _assert_secure_headers(response, route)
    print(f"\nsecurity headers: {len(ROUTES)} routes × 2 users, {sum(statuses.values())} responses checked {statuses}")
    assert len(ROUTES) > 30


def test_nonce_is_fresh_per_response_and_used_by_every_script_tag(client, officer):
    client.force_login(officer)
    nonces = []
    for _ in range(2):
        response = client.get("/")
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        nonces.append(nonce)
        for tag in re.findall(r"<script\b[^>]*>", response.content.decode()):
            assert f'nonce="{nonce}"' in tag or "src=" in tag, tag
    assert nonces[0] != nonces[1]
