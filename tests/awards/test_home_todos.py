"""The home page lists a council member's ballots, a secretary's steps and a signer's decisions to issue."""

import pytest
from django.conf import settings
from django.urls import reverse

from awards.councils.services import ballots as ballot
from organizations.enums import Role
from tests.awards.council_factories import campaign_with_nominations, council_with_members, custom_award, session_voting
from tests.awards.decision_factories import draft_decision
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _english(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_present_member_is_asked_to_vote_until_the_ballot_is_cast(client, org_tree, officer):
    award = custom_award("HOME_TODO", percent=50, base="all", inclusive=False)
    council, members = council_with_members(org_tree["root"], 3)
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=award, count=1)
    session = session_voting(council, members, nominations)
    voter = members[2]
    page = _english(client, voter.user).get(reverse("home")).content.decode()
    assert reverse("awards:session-ballot", args=[session.pk]) in page and "Cast your ballot" in page

    ballot.ballot_cast(session=session, member=voter, choices={nominations[0].agenda_items.get().pk: "approve"})
    page = client.get(reverse("home")).content.decode()
    assert reverse("awards:session-ballot", args=[session.pk]) not in page
    assert "You have voted" in page


def test_secretary_sees_the_next_step_and_outsiders_see_no_session(client, org_tree, officer):
    award = custom_award("HOME_TODO2", percent=50, base="all", inclusive=False)
    council, members = council_with_members(org_tree["root"], 3)
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=award, count=1)
    session = session_voting(council, members, nominations)
    page = _english(client, members[1].user).get(reverse("home")).content.decode()
    assert session.title in page and "close voting when everyone present has voted" in page

    outsider = UserFactory(username="outsider")
    MembershipFactory(user=outsider, organization=org_tree["other"], role=Role.COUNCIL_MEMBER)
    page = _english(client, outsider).get(reverse("home")).content.decode()
    assert session.title not in page and "No council session is open for voting." in page


def test_signer_sees_drafts_of_their_organisations_only(client, org_tree):
    mine = draft_decision(org_tree["root"], lines=1, title="Về việc khen thưởng phong trào năm 2023")
    theirs = draft_decision(org_tree["other"], lines=1, title="Về việc khen thưởng của tỉnh khác")
    signer = UserFactory(username="home_signer")
    MembershipFactory(user=signer, organization=org_tree["root"], role=Role.SIGNER)
    page = _english(client, signer).get(reverse("home")).content.decode()
    assert reverse("awards:decision-detail", args=[mine.pk]) in page
    assert reverse("awards:decision-detail", args=[theirs.pk]) not in page


def test_home_query_count_stays_flat(client, org_tree, officer, django_assert_max_num_queries):
    award = custom_award("HOME_TODO3", percent=50, base="all", inclusive=False)
    council, members = council_with_members(org_tree["root"], 3)
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=award, count=3)
    for nomination in nominations:
        session_voting(council, members, [nomination])
    MembershipFactory(user=members[2].user, organization=org_tree["root"], role=Role.SIGNER)
    for _ in range(3):
        draft_decision(org_tree["root"], lines=1)
    _english(client, members[2].user)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("home")).content.decode()
    assert page.count("Cast your ballot") == 3
