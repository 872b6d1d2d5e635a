"""The per-client rate limit on the cache."""

from django.test import RequestFactory

from common.ratelimit import rate_limited, retry_after


def _request(ip):
    return RequestFactory().get("/", REMOTE_ADDR=ip)


def test_the_limit_is_per_client_and_scope():
    first = [rate_limited(_request("10.0.0.1"), scope="t", limit=3) for _ in range(5)]
    other_client = rate_limited(_request("10.0.0.2"), scope="t", limit=3)
    other_scope = rate_limited(_request("10.0.0.1"), scope="u", limit=3)

    assert first == [False, False, False, True, True]
    assert other_client is False and other_scope is False
    assert 1 <= retry_after() <= 60
