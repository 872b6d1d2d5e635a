"""The ledger never tells an officer about other organisations: a staff or unit code from elsewhere is answered like
an unknown one (no name), and the award filter lists only the codes of rows the officer may see."""

import pytest
from django.urls import reverse

from awards.enums import RecordSource
from tests.awards.factories import AwardRecordFactory, award_type
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def en(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _add(client, **codes):
    data = {"person_code": "", "organization_code": "", "award_type": award_type("GK_CN").pk, "year": 2024}
    return client.post(reverse("awards:history-create"), data | codes)


def test_another_organisations_staff_code_is_answered_like_an_unknown_one(en, officer, org_tree):
    PersonFactory(code="XA01", full_name="Trần Thị Bí Mật", organization=org_tree["other"])
    en.force_login(officer)
    elsewhere = _add(en, person_code="XA01").content.decode()
    unknown = _add(en, person_code="KHONGCO").content.decode()
    assert "Nothing within your organisations has this code." in elsewhere
    assert "Nothing within your organisations has this code." in unknown
    assert "Trần Thị Bí Mật" not in elsewhere
    unit = _add(en, organization_code=org_tree["other"].code).content.decode()
    assert "Nothing within your organisations has this code." in unit and org_tree["other"].name not in unit


def test_the_award_filter_lists_only_visible_codes(client, officer, org_tree):
    AwardRecordFactory(person=None, organization=org_tree["ward_a"], award_code="MINE_CODE", source=RecordSource.MANUAL)
    AwardRecordFactory(
        person=None, organization=org_tree["other"], award_code="THEIR_SECRET", source=RecordSource.MANUAL
    )
    client.force_login(officer)
    page = client.get(reverse("awards:history-list")).content.decode()
    assert "MINE_CODE" in page and "THEIR_SECRET" not in page
