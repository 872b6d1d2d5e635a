"""No server error from any input: every list and filter URL with malformed query values, every path id out of
range, and every form POST with malformed field values (negative, huge, non-numeric, Unicode, NUL, NaN…) answers
anything but a 500. Runs on the database of the suite (SQLite, or PostgreSQL when DATABASE_URL names one).

Prints "malformed-input sweep (<database>): N requests, 0 server errors" (run with -s).
"""

from __future__ import annotations

import re

import pytest
from django.db import connection

from tests.permissions.matrix import MATRIX, expected
from tests.permissions.routes import client_for, id_kwargs, kwargs_for, post_data, request, url_of
from tests.permissions.world import build_world

pytestmark = pytest.mark.django_db

# A sample per field keeps the sweep fast: the query values on every list, all of them on every form.
QUERY_VALUES = ("-1", "99999999999999999999999", "abc", "ngày 𝔘 ☃ <b>", "1\x00")
BAD_VALUES = (*QUERY_VALUES, "NaN", "1e309")
# Query parameters the list and filter pages read (and a few they do not, which must be ignored).
QUERY_NAMES = (
    "q", "page", "status", "plan", "bloc", "kind", "tier", "year", "organization", "campaign", "phase", "eligible",
    "table", "parent", "find", "watch", "since", "until", "actor", "object_type", "object_id", "chart", "level",
)  # fmt: skip
# Who asks: the first role the matrix lets through (200 on GET; 200 or 302 on POST).
PREFERRED = ("officer", "admin", "secretary", "signer", "reviewer", "scorer_a", "member", "other_officer")
FIELD_NAME = re.compile(rb'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}
HUGE = "99999999999999999999"
SENTINEL = 123456789012


@pytest.fixture
def world(org_tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world(org_tree)


def _role(row, method: str, accepted: tuple[int, ...]) -> str | None:
    return next((role for role in PREFERRED if expected(row[method], role) in accepted), None)


def _field_names(html: bytes) -> list[str]:
    names = {name.decode() for name in FIELD_NAME.findall(html)} - SKIPPED_FIELDS
    return sorted(name for name in names if not name.startswith("initial-"))


class Sweep:
    """Requests as the given roles, counting them and noting every server error."""

    def __init__(self, world):
        self.world, self.clients, self.count, self.errors = world, {}, 0, []

    def client(self, role: str):
        return self.clients.setdefault(role, client_for(self.world.users.get(role)))

    def ask(self, role: str, method: str, url: str, data: dict | None = None) -> None:
        status, detail = request(self.client(role), method, url, data)
        self.count += 1
        if status >= 500:
            self.errors.append(f"{role} {method} {url} {str(data)[:200]} → {status} {detail}")

    def lists(self, name: str, row) -> None:
        url = url_of(name, kwargs_for(name, self.world.ours))
        getter = _role(row, "GET", (200,))
        if getter is not None:
            for value in QUERY_VALUES:
                self.ask(getter, "GET", url, dict.fromkeys(QUERY_NAMES, value))
        for key in id_kwargs(name):  # every id of the path out of range
            kwargs = kwargs_for(name, self.world.ours) | {key: SENTINEL}
            self.ask(getter or "officer", "GET", url_of(name, kwargs).replace(str(SENTINEL), HUGE))

    def forms(self, name: str, row) -> None:
        poster = _role(row, "POST", (200, 302))
        if poster is None:
            return
        url = url_of(name, kwargs_for(name, self.world.ours))
        names = set(post_data(name, self.world.ours))
        if _role(row, "GET", (200,)) is not None:
            page = self.client(poster).get(url)
            if page.status_code == 200 and not getattr(page, "streaming", False):
                names |= set(_field_names(page.content))
        for value in BAD_VALUES:
            self.ask(poster, "POST", url, dict.fromkeys(sorted(names) or ["name"], value))


def test_no_server_error_from_malformed_input(world):
    sweep = Sweep(world)
    for name, row in MATRIX.items():
        sweep.lists(name, row)
        sweep.forms(name, row)
    print(f"\nmalformed-input sweep ({connection.vendor}): {sweep.count} requests, {len(sweep.errors)} server errors")
    assert sweep.count > 800
    assert not sweep.errors, "\n".join(sweep.errors)
