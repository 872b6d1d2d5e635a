"""Issuing a decision: who may, what it writes (number, certificates, ledger, nominations), numbering under load."""

# ruff: noqa: F811 - the fixtures imported from decision_factories are used as parameters

import threading
from datetime import date

import pytest
from django.db import connection, connections
from django.urls import reverse

from awards.decisions.services.drafts import decision_create
from awards.enums import DecisionStatus, NominationStatus, RecordSource, RegisterKind, RenderStatus
from awards.models import AwardDecision, AwardRecord, Certificate, DecisionDocument, Nomination, Register
from tests.awards.decision_factories import draft_decision, issue, media, outsider_signer, signer  # noqa: F401
from tests.awards.factories import AwardPlanFactory, NominationFactory, RegisterFactory
from tests.scoring.factories import launched_campaign

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)


def test_signer_issues_after_confirmation(client, org_tree, signer, media, django_capture_on_commit_callbacks):
    decision = draft_decision(org_tree["root"], lines=2)
    _login(client, signer)
    page = client.get(reverse("awards:decision-issue", args=[decision.pk]))
    assert "QĐ-ROOT" in page.content.decode()  # the default symbol of a first decision of the year
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("awards:decision-issue", args=[decision.pk]), {"decision_date": "2026-03-05", "symbol": "QĐ-BTG"}
        )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED
    assert (decision.number, decision.number_text, decision.decision_date) == (1, "01/QĐ-BTG", date(2026, 3, 5))
    assert decision.signer == signer and decision.issued_at is not None
    certificates = Certificate.objects.filter(recipient__decision=decision).order_by("serial")
    assert [c.serial for c in certificates] == ["ROOT-2026-000001", "ROOT-2026-000002"]
    assert [c.golden_book_number for c in certificates] == ["SVROOT-2026-0001", "SVROOT-2026-0002"]
    assert all(len(c.verify_code) == 24 for c in certificates)
    assert len({c.verify_code for c in certificates}) == 2
    assert all(c.status == RenderStatus.DONE for c in certificates)  # rendered in-process after commit
    assert DecisionDocument.objects.get(decision=decision).status == RenderStatus.DONE
    records = AwardRecord.objects.filter(decision_recipient__decision=decision)
    assert records.count() == 2
    assert {(r.source, r.decision_number, r.award_code) for r in records} == {
        (RecordSource.DECISION, "01/QĐ-BTG", "GK_TT")
    }


def test_numbers_follow_the_register_without_gaps(org_tree, signer, media):
    RegisterFactory(
        organization=org_tree["root"], kind=RegisterKind.DECISION, year=2026, symbol="QĐ-BTG", last_number=44
    )
    first = issue(draft_decision(org_tree["root"], lines=1), signer, symbol="IGNORED")
    second = issue(draft_decision(org_tree["root"], lines=1), signer)
    assert (first.number_text, second.number_text) == ("45/QĐ-BTG", "46/QĐ-BTG")
    assert Register.objects.get(organization=org_tree["root"], kind=RegisterKind.DECISION).last_number == 46
    next_year = issue(draft_decision(org_tree["root"], lines=1), signer, day=date(2027, 1, 2))
    assert next_year.number_text == "01/QĐ-ROOT"  # numbers below 10 are zero-padded


def test_officer_gets_403_and_the_draft_stays(client, org_tree, officer):
    decision = draft_decision(org_tree["root"], lines=1)
    _login(client, officer)
    assert client.get(reverse("awards:decision-detail", args=[decision.pk])).status_code == 200
    response = client.post(reverse("awards:decision-issue", args=[decision.pk]), {"decision_date": "2026-03-05"})
    assert response.status_code == 403
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT and decision.number is None


def test_signer_of_another_tree_gets_404(client, org_tree, outsider_signer):
    decision = draft_decision(org_tree["root"], lines=1)
    _login(client, outsider_signer)
    response = client.post(reverse("awards:decision-issue", args=[decision.pk]), {"decision_date": "2026-03-05"})
    assert response.status_code == 404
    assert AwardDecision.objects.get(pk=decision.pk).status == DecisionStatus.DRAFT


def test_issue_refuses_a_decision_without_recipients_and_keeps_input(client, org_tree, signer):
    decision = draft_decision(org_tree["root"], lines=0)
    _login(client, signer)
    response = client.post(
        reverse("awards:decision-issue", args=[decision.pk]), {"decision_date": "2026-03-05", "symbol": "QĐ-XYZ"}
    )
    assert response.status_code == 200
    assert "A decision needs at least one recipient." in response.content.decode()
    assert 'value="QĐ-XYZ"' in response.content.decode()
    assert not Register.objects.exists()


def test_issue_refuses_a_bad_symbol(client, org_tree, signer):
    decision = draft_decision(org_tree["root"], lines=1)
    _login(client, signer)
    response = client.post(
        reverse("awards:decision-issue", args=[decision.pk]), {"decision_date": "2026-03-05", "symbol": "QĐ/BTG"}
    )
    assert "may contain only letters" in response.content.decode()
    assert AwardDecision.objects.get(pk=decision.pk).status == DecisionStatus.DRAFT


def test_issuing_twice_is_refused(org_tree, signer, media):
    decision = draft_decision(org_tree["root"], lines=1)
    issue(decision, signer)
    stale = AwardDecision.objects.get(pk=decision.pk)
    with pytest.raises(Exception, match="already been issued"):
        issue(stale, signer)
    assert Register.objects.get(kind=RegisterKind.DECISION).last_number == 1


def test_issuing_marks_nominations_decided(org_tree, signer, media, officer):
    campaign = launched_campaign(
        organization=org_tree["root"], officer=officer, participants=[org_tree["ward_a"], org_tree["ward_b"]]
    )
    plan = AwardPlanFactory(campaign=campaign, quota=2)
    nominations = [
        NominationFactory(plan=plan, organization=org_tree[ward], status=NominationStatus.APPROVED)
        for ward in ("ward_a", "ward_b")
    ]
    decision = decision_create(organization=org_tree["root"], campaign=campaign, actor=officer)
    AwardDecision.objects.filter(pk=decision.pk).update(place="Sóc Trăng")
    issue(decision, signer)
    statuses = Nomination.objects.filter(pk__in=[n.pk for n in nominations]).values_list("status", flat=True)
    assert set(statuses) == {NominationStatus.DECIDED}
    assert AwardRecord.objects.filter(decision_recipient__decision=decision).values_list("year", flat=True)[0] == 2023


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_on_postgresql_gets_consecutive_numbers(
    seeded_catalogue, org_tree, signer, settings, tmp_path
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    settings.MEDIA_ROOT = tmp_path
    from emulation.celery import app as celery_app

    celery_app.conf.task_always_eager = False  # do not render here: the numbers are what this test is about
    drafts = [draft_decision(org_tree["root"], lines=2) for _ in range(6)]
    barrier = threading.Barrier(len(drafts))
    errors = []

    def run(decision):
        try:
            barrier.wait(timeout=10)
            issue(AwardDecision.objects.get(pk=decision.pk), signer)
        except Exception as exc:  # collected for the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    numbers = sorted(AwardDecision.objects.filter(pk__in=[d.pk for d in drafts]).values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]
    serials = sorted(Certificate.objects.values_list("serial", flat=True))
    assert serials == [f"ROOT-2026-{n:06d}" for n in range(1, 13)]
    assert Register.objects.get(kind=RegisterKind.DECISION).last_number == 6


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    # The assertions read English text; the site's default language is Vietnamese.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.mark.parametrize("symbol", ["<b>\"'&;%00", "QĐ BTG", "QĐ_BTG", "-QĐ", "QĐ/BTG", "QĐ\x00"])
def test_issue_refuses_a_symbol_other_than_letters_digits_and_dashes(client, org_tree, signer, symbol):
    decision = draft_decision(org_tree["root"], lines=1)
    _login(client, signer)
    response = client.post(
        reverse("awards:decision-issue", args=[decision.pk]), {"decision_date": "2026-03-05", "symbol": symbol}
    )
    assert response.status_code == 200
    assert "may contain only letters" in response.content.decode() or "Null characters" in response.content.decode()
    assert AwardDecision.objects.get(pk=decision.pk).status == DecisionStatus.DRAFT
    assert not Register.objects.exists()


def test_a_vietnamese_symbol_with_digits_is_accepted(client, org_tree, signer):
    decision = draft_decision(org_tree["root"], lines=1)
    _login(client, signer)
    client.post(
        reverse("awards:decision-issue", args=[decision.pk]), {"decision_date": "2026-03-05", "symbol": "QĐ-ĐTN2"}
    )
    assert AwardDecision.objects.get(pk=decision.pk).number_text == "01/QĐ-ĐTN2"
