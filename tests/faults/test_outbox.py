"""The transactional outbox: rows written in the caller's transaction, published after commit, drained in order."""

import pytest
from django.db import transaction
from kombu.exceptions import OperationalError

import outbox
from emulation.celery import app as celery_app
from outbox import services
from outbox.models import OutboxMessage
from outbox.tasks import outbox_drain_task
from scoring.enums import RankingStatus
from scoring.models import RankingRun
from scoring.ranking.services import ranking_request
from tests.scoring.factories import launched_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def through_broker():
    """Tasks go through the broker (memory:// locally, Redis in CI), with no pause left by an earlier test."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    services._broker_down_until = 0.0
    yield
    celery_app.conf.task_always_eager = previous
    services._broker_down_until = 0.0


@pytest.fixture
def broker_down(monkeypatch):
    """The outbound edge fails like a stopped Redis; counts the attempts."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args[0])
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(celery_app, "send_task", refuse)
    return attempts


def test_in_process_mode_runs_the_task_after_commit_without_a_row(
    org_tree, officer, django_capture_on_commit_callbacks
):
    campaign = launched_campaign(organization=org_tree["root"], officer=officer, participants=[org_tree["ward_a"]])

    with django_capture_on_commit_callbacks(execute=True):
        run = ranking_request(campaign=campaign, phase=None, actor=officer)

    run.refresh_from_db()
    assert run.status == RankingStatus.DONE
    assert not OutboxMessage.objects.exists()


def test_enqueue_writes_a_row_and_publishes_it_after_commit(through_broker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        message = outbox.enqueue(outbox_drain_task)
        assert OutboxMessage.objects.get(pk=message.pk).sent_at is None  # nothing is sent before commit

    message.refresh_from_db()
    assert (message.task_name, message.kwargs, message.attempts, message.last_error) == ("outbox.drain", {}, 1, "")
    assert message.sent_at is not None


def test_a_rolled_back_transaction_enqueues_nothing(through_broker, org_tree, officer):
    campaign = launched_campaign(organization=org_tree["root"], officer=officer, participants=[org_tree["ward_a"]])

    with pytest.raises(RuntimeError), transaction.atomic():
        ranking_request(campaign=campaign, phase=None, actor=officer)
        raise RuntimeError("the request failed after asking for a ranking")

    assert not RankingRun.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_broker_down_keeps_the_rows_and_the_drain_sends_them_in_order_later(
    through_broker, broker_down, org_tree, officer, django_capture_on_commit_callbacks, monkeypatch
):
    campaign = launched_campaign(organization=org_tree["root"], officer=officer, participants=[org_tree["ward_a"]])

    with django_capture_on_commit_callbacks(execute=True):
        first = ranking_request(campaign=campaign, phase=None, actor=officer)  # does not raise
    with django_capture_on_commit_callbacks(execute=True):  # another ranking (a phase): one run per ranking at a time
        second = ranking_request(campaign=campaign, phase=campaign.phases.order_by("position").first(), actor=officer)

    rows = list(OutboxMessage.objects.order_by("pk"))
    assert [row.kwargs for row in rows] == [{"run_id": first.pk}, {"run_id": second.pk}]
    assert all(row.sent_at is None for row in rows)
    assert "Connection refused" in rows[0].last_error
    assert broker_down == ["scoring.ranking_compute"]  # the second request did not wait for the broker again

    monkeypatch.undo()  # Redis is back
    published = []
    original = celery_app.send_task
    monkeypatch.setattr(
        celery_app, "send_task", lambda name, **kw: published.append(kw["kwargs"]) or original(name, **kw)
    )
    assert services.outbox_drain() == 2

    assert published == [{"run_id": first.pk}, {"run_id": second.pk}]
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 0
    assert services.outbox_drain() == 0  # nothing is sent twice by the drain


def test_prune_removes_only_rows_sent_before_the_retention_period(db):
    from datetime import timedelta

    from django.utils import timezone

    from outbox.models import OutboxMessage
    from outbox.services import SENT_RETENTION, outbox_prune

    now = timezone.now()
    old = OutboxMessage.objects.create(task_name="x", kwargs={}, sent_at=now - SENT_RETENTION - timedelta(days=1))
    recent = OutboxMessage.objects.create(task_name="x", kwargs={}, sent_at=now - timedelta(days=1))
    unsent = OutboxMessage.objects.create(task_name="x", kwargs={})

    assert outbox_prune(now=now) == 1

    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {recent.pk, unsent.pk}
    assert not OutboxMessage.objects.filter(pk=old.pk).exists()
