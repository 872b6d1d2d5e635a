"""The home page lists real work: registrations a unit owes, and the officer's campaigns in progress."""

from datetime import date

import pytest
from django.urls import reverse

from campaigns.participants import services as ps
from campaigns.planning import services
from tests.campaigns.table_helpers import add_minimal_scoring

pytestmark = pytest.mark.django_db


@pytest.fixture
def launched(org_tree, officer):
    campaign = services.campaign_create(
        launching_organization=org_tree["root"],
        created_by=officer,
        plan_number="05-KH/BTGTU",
        plan_date=date(2023, 1, 10),
        signer_name="Lâm Văn Mẫn",
        signer_title="Trưởng Ban",
        name="Thi đua năm 2023 của 10 phường",
        start_date=date(2023, 1, 15),
        end_date=date(2023, 12, 15),
    )
    services.phase_save(campaign=campaign, name="Cả năm", start_date=date(2023, 1, 15), end_date=date(2023, 12, 15))
    add_minimal_scoring(campaign)
    ps.participants_add_organizations(campaign=campaign, organizations=[org_tree["ward_a"], org_tree["ward_b"]])
    return services.campaign_transition(campaign=campaign, action="launch", actor=officer)


def test_scorer_sees_the_registration_their_unit_owes_until_done(client, scorer_a, launched, org_tree):
    client.force_login(scorer_a)
    page = client.get(reverse("home")).content.decode()
    assert "Thi đua năm 2023 của 10 phường" in page and "Đang chờ bạn đăng ký thi đua" in page
    participant = launched.participants.get(organization=org_tree["ward_a"])
    assert reverse("campaigns:registration-detail", args=[launched.pk, participant.pk]) in page
    ps.registration_submit(
        participant=participant,
        user=scorer_a,
        commitment="",
        products=[{"title": "Đề án", "product_type": "scheme", "owner": "", "due_date": None}],
    )
    page = client.get(reverse("home")).content.decode()
    assert "Đang chờ bạn đăng ký thi đua" not in page


def test_scorer_of_a_unit_outside_the_campaign_has_nothing_due(client, org_tree, launched):
    from organizations.enums import Role
    from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

    outsider = UserFactory(username="outsider")
    MembershipFactory(user=outsider, organization=OrganizationFactory(parent=org_tree["dept_a"]), role=Role.SCORER)
    client.force_login(outsider)
    page = client.get(reverse("home")).content.decode()
    assert "Thi đua năm 2023 của 10 phường" not in page


def test_officer_sees_campaigns_with_unregistered_counts(client, officer, launched):
    client.force_login(officer)
    response = client.get(reverse("home"))
    campaigns = response.context["officer_campaigns"]
    assert [c.pk for c in campaigns] == [launched.pk] and campaigns[0].unregistered_count == 2
    assert "2 đối tượng chưa đăng ký" in response.content.decode()


def test_campaign_record_shows_readable_steps(client, officer, launched):
    client.force_login(officer)
    page = client.get(reverse("campaigns:campaign-detail", args=[launched.pk])).content.decode()
    assert "Tạo dự thảo" in page and "Đã phát động" in page and "<code>launch</code>" not in page


def test_scorer_sees_phases_open_for_self_scoring(client, scorer_a, launched, settings):
    from django.utils import timezone

    from campaigns.models import Phase

    today = timezone.localdate()
    Phase.objects.filter(campaign=launched).update(start_date=today.replace(day=1), end_date=today)
    launched.__class__.objects.filter(pk=launched.pk).update(start_date=today.replace(day=1), end_date=today)
    client.force_login(scorer_a)
    response = client.get(reverse("home"))
    assert [item.phase.campaign_id for item in response.context["open_phases"]] == [launched.pk]
    assert reverse("scoring:submission-list") in response.content.decode()


def test_reviewer_sees_how_many_submissions_wait(client, launched, org_tree):
    from organizations.enums import Role
    from scoring.models import Submission
    from tests.factories import MembershipFactory, UserFactory

    reviewer = UserFactory(username="thamdinh")
    MembershipFactory(user=reviewer, organization=org_tree["root"], role=Role.REVIEWER)
    for participant in launched.participants.all():
        Submission.objects.create(participant=participant, phase=launched.phases.get(), status="submitted")
    client.force_login(reviewer)
    response = client.get(reverse("home"))
    assert response.context["review_waiting"] == 2
    assert "2 hồ sơ tự chấm đang chờ thẩm định" in response.content.decode()


def _every_state(launched, org_tree):
    """One submission in each state at the first level, and one handed in at the second (head) level."""
    from campaigns.participants import services as ps
    from scoring.models import Submission
    from tests.factories import OrganizationFactory

    units = [OrganizationFactory(parent=org_tree["dept_a"], name=f"Xã {n}") for n in range(4)]
    ps.participants_add_organizations(campaign=launched, organizations=units)
    launched.__class__.objects.filter(pk=launched.pk).update(review_levels=["reviewer", "head"])
    phase = launched.phases.get()
    participants = list(launched.participants.order_by("pk"))
    states = [("draft", 0), ("submitted", 0), ("under_review", 0), ("returned", 0), ("verified", 1), ("submitted", 1)]
    for participant, (status, stage) in zip(participants, states, strict=True):
        Submission.objects.create(participant=participant, phase=phase, status=status, review_stage=stage)


@pytest.mark.parametrize(("role", "waiting"), [("reviewer", 2), ("signer", 1), ("officer", 2), ("scorer", 0)])
def test_the_review_count_holds_only_what_waits_at_a_level_the_user_holds(client, launched, org_tree, role, waiting):
    from tests.factories import MembershipFactory, UserFactory

    _every_state(launched, org_tree)
    user = UserFactory(username=f"u_{role}")
    MembershipFactory(user=user, organization=org_tree["root"], role=role)
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.context["review_waiting"] == waiting
    page = response.content.decode()
    if waiting:
        assert f"{waiting} hồ sơ tự chấm đang chờ thẩm định" in page
    else:
        assert "đang chờ thẩm định" not in page


def test_cross_checking_waits_for_the_other_bloc_members(client, launched, org_tree, scorer_a, scorer_b):
    from scoring.models import Submission
    from tests.factories import BlocMemberFactory, EmulationBlocFactory

    bloc = EmulationBlocFactory(organizer=org_tree["root"], year=2023)
    for ward in ("ward_a", "ward_b"):
        BlocMemberFactory(bloc=bloc, organization=org_tree[ward])
    launched.__class__.objects.filter(pk=launched.pk).update(review_levels=["bloc_member", "reviewer"])
    ward_a = launched.participants.get(organization=org_tree["ward_a"])
    Submission.objects.create(participant=ward_a, phase=launched.phases.get(), status="submitted")
    for user, waiting in ((scorer_b, 1), (scorer_a, 0)):
        client.force_login(user)
        assert client.get(reverse("home")).context["review_waiting"] == waiting
