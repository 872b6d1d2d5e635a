"""The database refuses changes to a certificate's identity and to the number registers' history (ORM and raw SQL),
and closing a vote over rows changed behind the app's back ends in a clear refusal, never a server error."""

# ruff: noqa: F811 - the fixtures imported from decision_factories are used as parameters

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from awards.councils.services import ballots as ballot
from awards.decisions.services.certificates import certificate_render
from awards.enums import RenderStatus, SessionStatus
from awards.models import AgendaItem, BallotCast, Certificate, CouncilSession, Register
from tests.awards.council_factories import campaign_with_nominations, council_with_members, custom_award, session_voting
from tests.awards.decision_factories import draft_decision, issue, media, signer  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(org_tree, signer, media):
    return issue(draft_decision(org_tree["root"], lines=1), signer)


def _refused(action):
    with pytest.raises(IntegrityError), transaction.atomic():
        action()


@pytest.mark.parametrize(
    "change",
    [
        {"verify_code": "forged-code"},
        {"serial": "BTG-2026-999999"},
        {"golden_book_number": "999"},
    ],
)
def test_a_certificates_identity_cannot_change(issued, change):
    certificate = Certificate.objects.get(recipient__decision=issued)
    _refused(lambda: Certificate.objects.filter(pk=certificate.pk).update(**change))
    field = next(iter(change))
    assert getattr(Certificate.objects.get(pk=certificate.pk), field) == getattr(certificate, field)


def test_a_rendered_certificates_hash_cannot_change_nor_the_row_be_deleted(issued):
    rendered = certificate_render(certificate_id=Certificate.objects.get(recipient__decision=issued).pk)
    assert rendered.status == RenderStatus.DONE
    _refused(lambda: Certificate.objects.filter(pk=rendered.pk).update(sha256="0" * 64))
    _refused(lambda: Certificate.objects.filter(pk=rendered.pk).delete())

    def raw():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE awards_certificate SET verify_code = 'x' WHERE id = %s", [rendered.pk])

    _refused(raw)
    assert Certificate.objects.get(pk=rendered.pk).sha256 == rendered.sha256
    # Rendering stays possible: claiming the row and re-rendering a broken file still work.
    Certificate.objects.filter(pk=rendered.pk).update(status=RenderStatus.FAILED)
    assert certificate_render(certificate_id=rendered.pk).status == RenderStatus.DONE


def test_a_registers_history_cannot_be_rewritten_or_deleted(issued):
    register = Register.objects.filter(last_number__gt=0).first()
    _refused(lambda: Register.objects.filter(pk=register.pk).update(last_number=0))
    _refused(lambda: Register.objects.filter(pk=register.pk).update(symbol="QĐ-KHAC"))
    _refused(lambda: Register.objects.filter(pk=register.pk).update(year=register.year + 1))
    _refused(lambda: Register.objects.filter(pk=register.pk).delete())
    # Taking the next number still works.
    Register.objects.filter(pk=register.pk).update(last_number=register.last_number + 1)
    assert Register.objects.get(pk=register.pk).last_number == register.last_number + 1


@pytest.fixture
def voting(org_tree, officer):
    council, members = council_with_members(org_tree["root"], 3)
    award = custom_award("QUA_BAN", percent=50, base="all", inclusive=False)
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=award, count=1)
    return session_voting(council, members, nominations), members


def test_a_deleted_ballot_row_and_a_second_vote_make_closing_a_clear_refusal(client, voting, settings):
    session, members = voting
    item = AgendaItem.objects.get(session=session)
    for member in members:
        ballot.ballot_cast(session=session, member=member, choices={item.pk: "approve"})
    BallotCast.objects.filter(member=members[0]).delete()  # what the admin allowed before
    ballot.ballot_cast(session=session, member=members[0], choices={item.pk: "approve"})

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(members[1].user)  # the secretary
    response = client.post(reverse("awards:session-close", args=[session.pk]), follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert "do not add up" in html and "4 votes counted, 3 ballots cast" in html
    session.refresh_from_db()
    assert session.status == SessionStatus.VOTING and session.minutes_number is None
    assert AgendaItem.objects.get(pk=item.pk).result == "pending"


def test_forged_tallies_are_refused_at_closing(voting):
    session, members = voting
    item = AgendaItem.objects.get(session=session)
    ballot.ballot_cast(session=session, member=members[0], choices={item.pk: "reject"})
    AgendaItem.objects.filter(pk=item.pk).update(approve_count=3, reject_count=0)
    with pytest.raises(Exception) as error:
        ballot.voting_close(session=session, actor=members[1].user)
    assert getattr(error.value, "code", None) == "inconsistent"
    assert CouncilSession.objects.get(pk=session.pk).status == SessionStatus.VOTING
