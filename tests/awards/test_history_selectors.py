"""The read API eligibility checks use: held awards (revoked left out), in bulk, and disciplinary reviews."""

from datetime import date

import pytest

from awards.eligibility import HeldAward
from awards.ledger.selectors import award_history_bulk, award_history_for, under_disciplinary_review, under_review_bulk
from awards.models import DisciplinaryReview
from tests.awards.factories import AwardDecisionFactory, AwardRecordFactory
from tests.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_award_history_for_leaves_out_revoked_records():
    person = PersonFactory()
    AwardRecordFactory(person=person, award_code="CSTD_CS", year=2022)
    AwardRecordFactory(person=person, award_code="LDTT", year=2021)
    AwardRecordFactory(person=person, award_code="LDTT", year=2023, revoked_by=AwardDecisionFactory())
    assert award_history_for(person=person) == (HeldAward("LDTT", 2021), HeldAward("CSTD_CS", 2022))


def test_award_history_bulk_is_one_query_and_keys_everyone(django_assert_num_queries):
    a, b = PersonFactory(), PersonFactory()
    org = OrganizationFactory()
    AwardRecordFactory(person=a, award_code="LDTT", year=2022)
    AwardRecordFactory(organization=org, award_code="TTLDXS", year=2023)
    with django_assert_num_queries(1):
        result = award_history_bulk(person_ids=[a.pk, b.pk], organization_ids=[org.pk])
    assert result == {
        ("person", a.pk): (HeldAward("LDTT", 2022),),
        ("person", b.pk): (),
        ("organization", org.pk): (HeldAward("TTLDXS", 2023),),
    }


def test_under_disciplinary_review_respects_the_dates(django_assert_num_queries):
    person, other = PersonFactory(), PersonFactory()
    org = OrganizationFactory()
    DisciplinaryReview.objects.create(person=person, start_date=date(2024, 3, 1), end_date=date(2024, 6, 30))
    DisciplinaryReview.objects.create(organization=org, start_date=date(2025, 1, 1))
    assert under_disciplinary_review(person=person, on=date(2024, 3, 1))
    assert not under_disciplinary_review(person=person, on=date(2024, 7, 1))
    assert not under_disciplinary_review(organization=org, on=date(2024, 12, 31))
    with django_assert_num_queries(1):
        flagged = under_review_bulk(person_ids=[person.pk, other.pk], organization_ids=[org.pk], on=date(2025, 5, 1))
    assert flagged == {("organization", org.pk)}
    assert under_review_bulk(on=date(2025, 5, 1)) == set()
