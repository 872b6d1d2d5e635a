"""An issued decision and its lines are refused by the database itself: ORM save, queryset update, raw SQL."""

# ruff: noqa: F811 - the fixtures imported from decision_factories are used as parameters

import pytest
from django.db import IntegrityError, connection, transaction

from awards.models import AwardDecision, DecisionRecipient
from tests.awards.decision_factories import draft_decision, issue, media, signer  # noqa: F401
from tests.awards.factories import DecisionRecipientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(org_tree, signer, media):
    return issue(draft_decision(org_tree["root"], lines=2), signer)


def _refused(action):
    with pytest.raises(IntegrityError), transaction.atomic():
        action()


def test_orm_save_is_refused(issued):
    decision = AwardDecision.objects.get(pk=issued.pk)
    decision.title = "Sửa lén"
    _refused(lambda: decision.save(update_fields=["title"]))
    assert AwardDecision.objects.get(pk=issued.pk).title != "Sửa lén"


def test_queryset_update_and_delete_are_refused(issued):
    _refused(lambda: AwardDecision.objects.filter(pk=issued.pk).update(number=999))
    _refused(lambda: AwardDecision.objects.filter(pk=issued.pk).update(status="draft"))
    _refused(lambda: DecisionRecipient.objects.filter(decision=issued).update(recipient_name="Người khác"))
    assert AwardDecision.objects.get(pk=issued.pk).number == 1
    assert not DecisionRecipient.objects.filter(recipient_name="Người khác").exists()


def test_raw_sql_is_refused(issued):
    def raw(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    _refused(lambda: raw("UPDATE awards_awarddecision SET title = %s WHERE id = %s", ["x", issued.pk]))
    _refused(lambda: raw("DELETE FROM awards_awarddecision WHERE id = %s", [issued.pk]))
    _refused(lambda: raw("DELETE FROM awards_decisionrecipient WHERE decision_id = %s", [issued.pk]))
    assert DecisionRecipient.objects.filter(decision=issued).count() == 2


def test_adding_a_line_is_refused(issued, org_tree):
    _refused(lambda: DecisionRecipientFactory(decision=issued, organization=org_tree["ward_a"]))
    assert DecisionRecipient.objects.filter(decision=issued).count() == 2


def test_a_draft_can_still_be_changed(org_tree):
    draft = draft_decision(org_tree["root"], lines=1)
    AwardDecision.objects.filter(pk=draft.pk).update(title="Về việc khen thưởng (sửa)")
    assert AwardDecision.objects.get(pk=draft.pk).title == "Về việc khen thưởng (sửa)"
