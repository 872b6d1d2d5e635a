import pytest
from django.core.cache import cache

from organizations.enums import Role
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory


@pytest.fixture(scope="session", autouse=True)
def _cache_database_per_worker(worker_id):
    """Under pytest-xdist each worker gets a Redis database of its own for the cache (gw0 the configured one, gw1
    the one below, …): ``cache.clear()`` empties a whole database, and one worker's clearing must not reset the
    counters (login throttling, rate limits) another worker's test is counting."""
    from django.conf import settings
    from django.test.utils import override_settings

    default = settings.CACHES["default"]
    index = int(worker_id.removeprefix("gw")) if worker_id.startswith("gw") else 0
    if index == 0 or "redis" not in default["BACKEND"].lower():
        yield
        return
    base, _, number = default["LOCATION"].rpartition("/")
    location = f"{base}/{max(0, int(number or 0) - index)}"
    with override_settings(CACHES={**settings.CACHES, "default": {**default, "LOCATION": location}}):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hasher(request, settings):
    # Argon2 is deliberately slow (~50 ms a hash); tests that are about hashing opt back in with
    # @pytest.mark.argon2, everything else uses a fast hasher so the suite stays quick.
    if request.node.get_closest_marker("argon2") is None:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    # Tests assert on a task's effect right after on_commit; only @pytest.mark.worker tests go
    # through Redis to a real worker process (CI runs with REDIS_URL set, so this matters there).
    from emulation.celery import app as celery_app

    if request.node.get_closest_marker("worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _clear_cache():
    # Login throttling and other counters live in the cache: start every test clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def org_tree(db):
    """root ─┬─ dept_a ── ward_a
    └─ dept_b ── ward_b ; plus an unrelated other_root."""
    root = OrganizationFactory(code="ROOT", name="Ban Tuyên giáo Thành ủy")
    dept_a = OrganizationFactory(code="DA", name="Phòng A", parent=root)
    dept_b = OrganizationFactory(code="DB", name="Phòng B", parent=root)
    ward_a = OrganizationFactory(code="WA", name="Phường 1", parent=dept_a)
    ward_b = OrganizationFactory(code="WB", name="Phường 2", parent=dept_b)
    other_root = OrganizationFactory(code="OTHER", name="Tỉnh ủy khác")
    return {"root": root, "dept_a": dept_a, "dept_b": dept_b, "ward_a": ward_a, "ward_b": ward_b, "other": other_root}


def _user_with(role, organization, username):
    user = UserFactory(username=username)
    MembershipFactory(user=user, organization=organization, role=role)
    return user


@pytest.fixture
def officer(org_tree):
    return _user_with(Role.OFFICER, org_tree["root"], "officer")


@pytest.fixture
def other_officer(org_tree):
    return _user_with(Role.OFFICER, org_tree["other"], "other_officer")


@pytest.fixture
def scorer_a(org_tree):
    return _user_with(Role.SCORER, org_tree["ward_a"], "scorer_a")


@pytest.fixture
def scorer_b(org_tree):
    return _user_with(Role.SCORER, org_tree["ward_b"], "scorer_b")
