"""The permission matrix: every URL pattern has a row, every (role, URL, method) answers what the row declares,
and every URL that names an object answers 404 when given the ids of another organisation's objects.

Prints "permission matrix: N requests, D deviations" (run with -s); D must be 0.
"""

from __future__ import annotations

import pytest

from tests.permissions.matrix import MATRIX, expected
from tests.permissions.routes import (
    KWARGS,
    SHARED_KWARGS,
    SHARED_VISIBLE,
    client_for,
    covered_routes,
    id_kwargs,
    kwargs_for,
    post_data,
    request,
    url_of,
)
from tests.permissions.world import ROLES

METHODS = ("GET", "POST")


def test_every_url_pattern_has_a_row():
    names = {name for _route, name in covered_routes()}
    assert len(names) > 100
    assert sorted(names - set(MATRIX)) == [], "URL patterns without a row in tests/permissions/matrix.py"
    assert sorted(names - set(KWARGS)) == [], "URL patterns without kwargs in tests/permissions/routes.py"
    assert sorted(set(MATRIX) - names) == [], "rows for URL patterns that no longer exist"
    assert all(set(row) == set(METHODS) for row in MATRIX.values())


def _check(deviations: list, client, role: str, method: str, url: str, want, data=None) -> None:
    """Record a deviation unless the status is ``want`` (a status, or a tuple of accepted ones)."""
    status, detail = request(client, method, url, data)
    if status not in (want if isinstance(want, tuple) else (want,)):
        deviations.append(f"{role:14} {method:4} {url} → {status}, expected {want} {detail}")
    elif status == 302 and role == "anonymous" and not detail.startswith("/accounts/login/"):
        deviations.append(f"{role:14} {method:4} {url} → 302 to {detail}, expected the login page")


SHARDS = 6  # the matrix runs as this many tests (contiguous slices of MATRIX), so pytest-xdist can spread them


def _names(shard: int) -> list[str]:
    names = list(MATRIX)
    size = -(-len(names) // SHARDS)
    return names[shard * size : (shard + 1) * size]


def _matrix(world, clients, deviations, names) -> int:
    count = 0
    for name in names:
        row = MATRIX[name]
        url = url_of(name, kwargs_for(name, world.ours))
        for method in METHODS:
            data = post_data(name, world.ours) if method == "POST" else None
            for role in ROLES:
                _check(deviations, clients[role], role, method, url, expected(row[method], role), data)
                count += 1
    return count


def _variants(name: str, world):
    """(swap, all_theirs): every id from the other tree, then each inner id alone (fetch through the parent)."""
    keys = id_kwargs(name)
    yield dict.fromkeys(keys, world.theirs), True
    for key in keys[1:]:
        yield {key: world.theirs}, False


def _cross_expected(name: str, row, role: str, all_theirs: bool):
    """404 for every logged-in role. The login redirect comes first; a 403 decided on our own (visible) parent
    before the foreign child is looked up tells nothing about the child, so it may come first too."""
    want = expected(row, role)
    if role == "anonymous":
        return want
    if want == 403 and not all_theirs:
        return (403, 404)
    return 403 if all_theirs and name in SHARED_VISIBLE else 404


def _cross_method(row) -> str:
    """One method per URL: GET where the view answers it (GET and POST share the object lookup), else POST."""
    return "GET" if any(expected(row["GET"], role) != 405 for role in ROLES if role != "anonymous") else "POST"


def _cross_tree(world, clients, deviations, names) -> int:
    count = 0
    for name in names:
        row = MATRIX[name]
        if not id_kwargs(name) or name in SHARED_KWARGS:
            continue
        for swap, all_theirs in _variants(name, world):
            url = url_of(name, kwargs_for(name, world.ours, swap=swap))
            method = _cross_method(row)
            data = post_data(name, world.ours) if method == "POST" else None
            for role in ROLES:
                if all_theirs and role == "other_officer":
                    continue  # their own objects
                want = _cross_expected(name, row[method], role, all_theirs)
                _check(deviations, clients[role], role, method, url, want, data)
                count += 1
    return count


@pytest.mark.django_db
@pytest.mark.parametrize("shard", range(SHARDS))
def test_permission_matrix(world, shard):
    names = _names(shard)
    assert names, "more shards than rows"
    clients = {role: client_for(world.users.get(role)) for role in ROLES}
    deviations: list[str] = []
    count = _matrix(world, clients, deviations, names)
    count += _cross_tree(world, clients, deviations, names)
    print(f"\npermission matrix, part {shard + 1} of {SHARDS}: {count} requests, {len(deviations)} deviations")
    assert not deviations, "\n".join(deviations)
