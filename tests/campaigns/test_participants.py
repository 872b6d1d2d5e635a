"""Participants, registration with products (seed 000), bloc covenants (seed 002) and cloning a campaign."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.enums import CampaignStatus, ParticipantScope
from campaigns.models import (
    Campaign,
    CovenantSignature,
    EmulationProduct,
    Participant,
    Registration,
    Tier,
)
from campaigns.participants import selectors as sel
from campaigns.participants import services as svc
from campaigns.planning import services
from organizations.enums import BlocRole, Role
from tests.campaigns.table_helpers import add_minimal_scoring
from tests.factories import (
    BlocMemberFactory,
    EmulationBlocFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PLAN_2020 = {
    "plan_number": "383-KH/BTGTW",
    "plan_date": date(2020, 4, 20),
    "signer_name": "Võ Văn Phuông",
    "signer_title": "Phó Trưởng Ban Tuyên giáo Trung ương",
    "name": "Phong trào thi đua chào mừng 90 năm Ngày truyền thống ngành Tuyên giáo",
    "start_date": date(2020, 5, 1),
    "end_date": date(2020, 12, 31),
    "participant_scope": ParticipantScope.BOTH,
    "min_products_per_unit": 1,
}
PHASES_2020 = [
    ("Đợt 1", date(2020, 5, 1), date(2020, 6, 30)),
    ("Đợt 2", date(2020, 7, 1), date(2020, 8, 1)),
    ("Đợt 3", date(2020, 9, 1), date(2020, 12, 31)),
]
PRODUCT = {"title": "Đề án tuyên truyền 90 năm", "product_type": "scheme", "owner": "Phòng A", "due_date": None}


@pytest.fixture
def campaign(org_tree, officer):
    campaign = services.campaign_create(launching_organization=org_tree["root"], created_by=officer, **PLAN_2020)
    for name, start, end in PHASES_2020:
        services.phase_save(campaign=campaign, name=name, start_date=start, end_date=end)
    add_minimal_scoring(campaign)
    return campaign


@pytest.fixture
def launched(campaign, officer, org_tree):
    svc.participants_add_under(campaign=campaign, root=org_tree["root"], include_root=False)
    return services.campaign_transition(campaign=campaign, action="launch", actor=officer)


def _participant(campaign, organization):
    return Participant.objects.get(campaign=campaign, organization=organization)


def _url(name, *args):
    return reverse(f"campaigns:{name}", args=args)


def _formset(products, *, commitment="Cam kết hoàn thành 100% chỉ tiêu", rows=3):
    data = {
        "commitment": commitment,
        "products-TOTAL_FORMS": str(rows),
        "products-INITIAL_FORMS": "0",
        "products-MIN_NUM_FORMS": "0",
        "products-MAX_NUM_FORMS": "1000",
    }
    for i, product in enumerate(products):
        data |= {f"products-{i}-{k}": ("" if v is None else v) for k, v in product.items()}
    for i in range(len(products), rows):
        data[f"products-{i}-product_type"] = "other"
    return data


# --- adding and removing participants -----------------------------------------------------------


def test_all_units_under_a_department_are_added_once(client, officer, campaign, org_tree):
    client.force_login(officer)
    url = _url("participant-add-organization", campaign.pk)
    data = {"organization": org_tree["dept_a"].pk, "include_descendants": "on"}
    client.post(url, data)
    response = client.post(url, data, follow=True)
    codes = sorted(campaign.participants.values_list("organization__code", flat=True))
    assert codes == ["DA", "WA"]
    assert "Đã thêm 0 đối tượng" in response.content.decode()


def test_one_organisation_without_its_units(campaign, org_tree):
    assert svc.participants_add_organizations(campaign=campaign, organizations=[org_tree["dept_b"]]) == 1
    assert list(campaign.participants.values_list("organization__code", flat=True)) == ["DB"]


def test_bloc_members_are_added_without_duplicates(client, officer, campaign, org_tree):
    bloc = EmulationBlocFactory(organizer=org_tree["root"])
    members = [
        BlocMemberFactory(bloc=bloc, organization=OrganizationFactory(parent=org_tree["root"])) for _ in range(3)
    ]
    svc.participants_add_organizations(campaign=campaign, organizations=[members[0].organization])
    client.force_login(officer)
    client.post(_url("participant-add-bloc", campaign.pk), {"bloc": bloc.pk})
    client.post(_url("participant-add-bloc", campaign.pk), {"bloc": bloc.pk})
    added = set(campaign.participants.values_list("organization_id", flat=True))
    assert added == {m.organization_id for m in members} and campaign.participants.count() == 3


def test_search_finds_people_and_organisations_and_adds_the_ticked(client, officer, campaign, org_tree):
    person = PersonFactory(full_name="Trần Thị Hoa", organization=org_tree["ward_a"])
    client.force_login(officer)
    fragment = client.get(_url("participant-list", campaign.pk), {"find": "Hoa"}, headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert "Trần Thị Hoa" in html and "<html" not in html
    client.post(
        _url("participant-add-selected", campaign.pk), {"people": [person.pk], "organizations": [org_tree["ward_b"].pk]}
    )
    assert campaign.participants.filter(person=person).exists()
    assert campaign.participants.filter(organization=org_tree["ward_b"]).exists()


def test_bulk_remove_asks_for_confirmation_first(client, officer, campaign, org_tree):
    svc.participants_add_under(campaign=campaign, root=org_tree["root"])
    chosen = list(campaign.participants.filter(organization__code__in=["WA", "WB"]).values_list("pk", flat=True))
    client.force_login(officer)
    confirm = client.post(_url("participant-remove", campaign.pk), {"participants": chosen})
    assert confirm.status_code == 200 and "Phường 1" in confirm.content.decode()
    assert campaign.participants.count() == 5
    client.post(_url("participant-remove", campaign.pk), {"participants": chosen, "confirmed": "1"})
    assert sorted(campaign.participants.values_list("organization__code", flat=True)) == ["DA", "DB", "ROOT"]


def test_individual_into_collective_only_campaign_is_refused(client, officer, campaign, org_tree):
    Campaign.objects.filter(pk=campaign.pk).update(participant_scope=ParticipantScope.COLLECTIVE)
    campaign.refresh_from_db()
    person = PersonFactory(organization=org_tree["ward_a"])
    with pytest.raises(ValidationError):
        svc.participants_add_people(campaign=campaign, people=[person])
    client.force_login(officer)
    response = client.post(_url("participant-add-selected", campaign.pk), {"people": [person.pk]}, follow=True)
    assert "chỉ dành cho tập thể" in response.content.decode() and not campaign.participants.exists()


def test_ticked_organisations_and_people_are_added_together_or_not_at_all(client, officer, campaign, org_tree):
    Campaign.objects.filter(pk=campaign.pk).update(participant_scope=ParticipantScope.COLLECTIVE)
    person = PersonFactory(organization=org_tree["ward_a"])
    client.force_login(officer)
    client.post(
        _url("participant-add-selected", campaign.pk),
        {"organizations": [org_tree["ward_b"].pk], "people": [person.pk]},
    )
    assert not campaign.participants.exists()  # the people part was refused, so the unit was not added either


def test_organisation_into_individual_only_campaign_is_refused(campaign, org_tree):
    Campaign.objects.filter(pk=campaign.pk).update(participant_scope=ParticipantScope.INDIVIDUAL)
    campaign.refresh_from_db()
    with pytest.raises(ValidationError):
        svc.participants_add_under(campaign=campaign, root=org_tree["root"])
    assert not campaign.participants.exists()


def test_finalised_campaign_refuses_participant_changes(campaign, org_tree):
    svc.participants_add_organizations(campaign=campaign, organizations=[org_tree["ward_a"]])
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.FINALISED)
    campaign.refresh_from_db()
    with pytest.raises(ValidationError):
        svc.participants_add_organizations(campaign=campaign, organizations=[org_tree["ward_b"]])
    with pytest.raises(ValidationError):
        svc.participants_remove(campaign=campaign, ids=campaign.participants.values_list("pk", flat=True))
    assert campaign.participants.count() == 1


def test_participants_page_is_for_the_campaign_officers(client, launched, other_officer, scorer_a):
    client.force_login(other_officer)
    assert client.get(_url("participant-list", launched.pk)).status_code == 404
    client.force_login(scorer_a)
    assert client.get(_url("participant-list", launched.pk)).status_code == 403
    assert (
        client.post(_url("participant-remove", launched.pk), {"participants": [1], "confirmed": "1"}).status_code == 403
    )
    assert launched.participants.count() == 4


# --- registration and products ------------------------------------------------------------------


def test_registration_needs_a_launched_campaign(campaign, org_tree, scorer_a):
    svc.participants_add_organizations(campaign=campaign, organizations=[org_tree["ward_a"]])
    with pytest.raises(ValidationError):
        svc.registration_submit(
            participant=_participant(campaign, org_tree["ward_a"]), user=scorer_a, products=[PRODUCT]
        )
    assert not Registration.objects.exists()


def test_registration_needs_at_least_one_product_seed_000(client, launched, org_tree, scorer_a):
    participant = _participant(launched, org_tree["ward_a"])
    client.force_login(scorer_a)
    url = _url("registration-detail", launched.pk, participant.pk)
    response = client.post(url, _formset([]))
    assert response.status_code == 200 and not Registration.objects.exists()
    page = response.content.decode()
    assert "ít nhất 1 sản phẩm thi đua" in page and "Cam kết hoàn thành 100% chỉ tiêu" in page
    response = client.post(url, _formset([PRODUCT]))
    registration = Registration.objects.get(participant=participant)
    assert response.status_code == 302 and registration.registered_by == scorer_a
    assert list(registration.products.values_list("title", "product_type")) == [(PRODUCT["title"], "scheme")]
    with pytest.raises(ValidationError):
        svc.registration_submit(participant=participant, user=scorer_a, products=[PRODUCT])


def test_scorer_finds_their_unit_on_the_registration_page(client, launched, org_tree, scorer_a):
    client.force_login(scorer_a)
    page = client.get(_url("registration-list", launched.pk)).content.decode()
    assert "Phường 1" in page and "Phường 2" not in page


def test_scorer_of_ward_a_gets_404_on_ward_b(client, launched, org_tree, scorer_a):
    ward_b = _participant(launched, org_tree["ward_b"])
    client.force_login(scorer_a)
    url = _url("registration-detail", launched.pk, ward_b.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, _formset([PRODUCT])).status_code == 404
    assert not Registration.objects.exists()


def test_person_registers_themself(client, launched, org_tree):
    user = UserFactory(username="hoa")
    person = PersonFactory(full_name="Trần Thị Hoa", organization=org_tree["ward_a"], user=user)
    svc.participants_add_people(campaign=launched, people=[person])
    participant = Participant.objects.get(campaign=launched, person=person)
    client.force_login(user)
    assert client.get(_url("campaign-detail", launched.pk)).status_code == 200
    client.post(
        _url("registration-detail", launched.pk, participant.pk), _formset([PRODUCT, PRODUCT | {"title": "Bài"}])
    )
    assert Registration.objects.get(participant=participant).products.count() == 2


def test_products_are_added_changed_and_kept_above_the_minimum(client, launched, org_tree, scorer_a):
    participant = _participant(launched, org_tree["ward_a"])
    registration = svc.registration_submit(participant=participant, user=scorer_a, products=[PRODUCT])
    product = registration.products.get()
    client.force_login(scorer_a)
    delete = _url("registration-product-delete", launched.pk, participant.pk, product.pk)
    response = client.post(delete, follow=True)
    assert EmulationProduct.objects.filter(pk=product.pk).exists() and "ít nhất 1" in response.content.decode()
    client.post(
        _url("registration-product-add", launched.pk, participant.pk),
        {
            "title": "Sáng kiến số hóa",
            "product_type": "initiative",
            "owner": "",
            "due_date": "2020-10-01",
            "status": "planned",
        },
    )
    client.post(
        _url("registration-product-update", launched.pk, participant.pk, product.pk),
        PRODUCT | {"due_date": "2020-09-30", "status": "done"},
    )
    client.post(delete)
    rows = list(registration.products.values_list("title", "product_type", "due_date"))
    assert rows == [("Sáng kiến số hóa", "initiative", date(2020, 10, 1))]


def test_officers_see_who_has_not_registered(client, launched, org_tree, officer, scorer_a):
    svc.registration_submit(participant=_participant(launched, org_tree["ward_a"]), user=scorer_a, products=[PRODUCT])
    missing = sel.participant_not_registered(campaign=launched)
    assert sorted(p.organization.code for p in missing) == ["DA", "DB", "WB"]
    client.force_login(officer)
    response = client.get(_url("participant-list", launched.pk), {"status": "not_registered"})
    page = response.content.decode()
    assert "3 chưa đăng ký" in page and "<code>WB</code>" in page and "<code>WA</code>" not in page


def test_participant_list_query_count_is_constant(
    client, officer, campaign, org_tree, scorer_a, django_assert_num_queries
):
    svc.participants_add_organizations(campaign=campaign, organizations=[org_tree["ward_a"]])
    client.force_login(officer)
    url = _url("participant-list", campaign.pk)
    client.get(url)
    with django_assert_num_queries(9):
        client.get(url)
    person = PersonFactory(organization=org_tree["ward_b"])
    svc.participants_add_people(campaign=campaign, people=[person])
    svc.participants_add_under(campaign=campaign, root=org_tree["dept_b"])
    services.campaign_transition(campaign=campaign, action="launch", actor=officer)
    svc.registration_submit(participant=_participant(campaign, org_tree["ward_a"]), user=scorer_a, products=[PRODUCT])
    with django_assert_num_queries(9):
        page = client.get(url).content.decode()
    assert person.full_name in page and "Phường 2" in page
    helper = UserFactory(username="trogiup")
    MembershipFactory(user=helper, organization=org_tree["dept_a"], role=Role.REVIEWER)
    people = [PersonFactory(organization=org_tree["dept_a"]) for _ in range(3)]
    svc.participants_add_people(campaign=campaign, people=people)
    svc.participant_scorer_assign(participant=campaign.participants.get(person=people[0]), scorer=helper, actor=officer)
    with django_assert_num_queries(9):  # scorers and the warning come with the same queries
        page = client.get(url).content.decode()
    assert "Không ai chấm được 3 cá nhân" in page and "trogiup" in page


# --- who scores for an individual -----------------------------------------------------------------


@pytest.fixture
def individual(launched, org_tree):
    person = PersonFactory(full_name="Đỗ Thị Chưa Có Tài Khoản", organization=org_tree["dept_b"])
    svc.participants_add_people(campaign=launched, people=[person])
    return launched.participants.get(person=person)


def test_an_officer_assigns_and_clears_an_individuals_scorer(client, launched, officer, org_tree, individual):
    helper = UserFactory(username="trogiup", first_name="Hòa", last_name="Lê")
    MembershipFactory(user=helper, organization=org_tree["dept_b"], role=Role.REVIEWER)
    client.force_login(officer)
    url = _url("participant-scorer", launched.pk, individual.pk)
    page = client.get(url).content.decode()
    assert "Đỗ Thị Chưa Có Tài Khoản" in page and "trogiup" in page
    assert client.post(url, {"scorer": helper.pk}).status_code == 302
    individual.refresh_from_db()
    assert individual.scorer == helper
    assert client.post(url, {"scorer": ""}).status_code == 302
    individual.refresh_from_db()
    assert individual.scorer is None
    changes = [e.changes["scorer"] for e in launched.events.filter(action="scorer_assigned").order_by("pk")]
    assert changes == [[None, "trogiup"], ["trogiup", None]]


def test_an_account_outside_the_officers_reach_cannot_be_assigned(client, launched, officer, other_officer, individual):
    client.force_login(officer)
    response = client.post(_url("participant-scorer", launched.pk, individual.pk), {"scorer": other_officer.pk})
    assert response.status_code == 400 and "Đỗ Thị Chưa Có Tài Khoản" in response.content.decode()
    individual.refresh_from_db()
    assert individual.scorer is None
    with pytest.raises(ValidationError):
        svc.participant_scorer_assign(participant=individual, scorer=other_officer, actor=officer)


def test_only_officers_assign_scorers_and_only_to_individuals(
    client, launched, officer, scorer_a, other_officer, individual, org_tree
):
    url = _url("participant-scorer", launched.pk, individual.pk)
    client.force_login(scorer_a)
    assert client.post(url, {"scorer": scorer_a.pk}).status_code in (403, 404)
    client.force_login(other_officer)
    assert client.post(url, {"scorer": other_officer.pk}).status_code == 404
    individual.refresh_from_db()
    assert individual.scorer is None
    client.force_login(officer)
    unit = _participant(launched, org_tree["ward_a"])
    assert client.get(_url("participant-scorer", launched.pk, unit.pk)).status_code == 404


# --- covenants (seed 002: a bloc of 14 central agencies) ----------------------------------------


@pytest.fixture
def bloc_of_14(org_tree, launched):
    bloc = EmulationBlocFactory(name="Khối các cơ quan Đảng Trung ương", organizer=org_tree["root"])
    units = [OrganizationFactory(parent=org_tree["root"], name=f"Cơ quan {i:02d}") for i in range(1, 15)]
    for i, unit in enumerate(units):
        BlocMemberFactory(bloc=bloc, organization=unit, role=BlocRole.LEADER if i == 0 else BlocRole.MEMBER)
    svc.participants_add_bloc(campaign=launched, bloc=bloc)
    scorers = [MembershipFactory(organization=u, role=Role.SCORER).user for u in units[:2]]
    return bloc, units, scorers


def test_covenant_is_published_signed_once_and_missing_units_listed(client, launched, officer, bloc_of_14):
    bloc, units, (scorer_1, scorer_2) = bloc_of_14
    client.force_login(officer)
    client.post(
        _url("covenant-create", launched.pk),
        {"bloc": bloc.pk, "title": "Giao ước thi đua 2020", "body": "Các bên cam kết"},
    )
    covenant = launched.covenants.get()
    assert covenant.published_at is not None and covenant.published_by == officer
    client.force_login(scorer_1)
    page = client.get(_url("covenant-detail", launched.pk, covenant.pk)).content.decode()
    assert "Ký giao ước" in page and "chưa ký" not in page
    sign = _url("covenant-sign", launched.pk, covenant.pk)
    client.post(sign, {"organization": units[0].pk, "signer_title": "Chánh Văn phòng"})
    client.post(sign, {"organization": units[0].pk, "signer_title": "Lần hai"})
    client.post(sign, {"organization": units[1].pk})  # not scorer_1's unit
    signature = CovenantSignature.objects.get()
    assert (signature.organization, signature.signed_by, signature.signer_title) == (
        units[0],
        scorer_1,
        "Chánh Văn phòng",
    )
    with pytest.raises(ValidationError):
        svc.covenant_sign(covenant=covenant, organization=units[0], user=scorer_1)
    with pytest.raises(ValidationError):
        svc.covenant_sign(covenant=covenant, organization=units[1], user=scorer_1)
    svc.covenant_sign(covenant=covenant, organization=units[1], user=scorer_2)
    assert [o.pk for o in sel.covenant_missing_signers(covenant)] == [u.pk for u in units[2:]]
    client.force_login(officer)
    page = client.get(_url("covenant-detail", launched.pk, covenant.pk)).content.decode()
    assert "12 đơn vị chưa ký" in page and "Cơ quan 14" in page and "Chánh Văn phòng" in page


def test_non_member_cannot_sign(launched, org_tree, officer, scorer_a, bloc_of_14):
    bloc = bloc_of_14[0]
    covenant = svc.covenant_publish(bloc=bloc, campaign=launched, title="Giao ước", body="…", actor=officer)
    with pytest.raises(ValidationError):
        svc.covenant_sign(covenant=covenant, organization=org_tree["ward_a"], user=scorer_a)
    assert not CovenantSignature.objects.exists()


# --- clone --------------------------------------------------------------------------------------


def test_clone_shifts_phases_and_copies_tables_tiers_participants(client, officer, launched, org_tree, scorer_a):
    svc.registration_submit(participant=_participant(launched, org_tree["ward_a"]), user=scorer_a, products=[PRODUCT])
    client.force_login(officer)
    response = client.post(_url("campaign-clone", launched.pk), {"plan_number": "12-KH/BTGTW", "offset_days": "365"})
    clone = Campaign.objects.get(plan_number="12-KH/BTGTW")
    assert response.url == _url("campaign-detail", clone.pk)
    assert clone.is_draft and clone.name == launched.name and clone.created_by == officer
    assert clone.start_date == date(2021, 5, 1) and clone.min_products_per_unit == 1
    shift = timedelta(days=365)
    assert list(clone.phases.values_list("name", "start_date", "end_date")) == [
        (n, s + shift, e + shift) for n, s, e in PHASES_2020
    ]

    def table_rows(campaign):
        return sorted(
            campaign.scoring_tables.values_list(
                "participant_kind", "declared_total", "criteria__code", "criteria__max_points", "criteria__group__title"
            )
        )

    assert table_rows(clone) == table_rows(launched) and len(table_rows(clone)) == 2  # one table per kind in scope
    for table in clone.scoring_tables.all():  # criteria point at the copied groups, not the source's
        assert set(table.criteria.values_list("group__table", flat=True)) == {table.pk}
    assert list(Tier.objects.filter(table__campaign=clone).values_list("name", "lower_bound")) == list(
        Tier.objects.filter(table__campaign=launched).values_list("name", "lower_bound")
    )
    assert set(clone.participants.values_list("organization_id", flat=True)) == set(
        launched.participants.values_list("organization_id", flat=True)
    )
    assert not Registration.objects.filter(participant__campaign=clone).exists()
    assert Registration.objects.filter(participant__campaign=launched).count() == 1  # the source is untouched


def test_clone_to_a_new_start_date(launched, officer):
    clone = svc.campaign_clone(campaign=launched, actor=officer, plan_number="1-KH", start_date=date(2021, 5, 3))
    assert clone.end_date == date(2022, 1, 2) and clone.phases.first().start_date == date(2021, 5, 3)


def test_clone_with_the_same_plan_number_keeps_the_input(client, officer, launched):
    client.force_login(officer)
    response = client.post(
        _url("campaign-clone", launched.pk),
        {"plan_number": launched.plan_number, "name": "Năm sau", "offset_days": "365"},
    )
    assert response.status_code == 200 and "Năm sau" in response.content.decode()
    assert Campaign.objects.count() == 1


def test_other_officer_cannot_clone(client, other_officer, launched):
    client.force_login(other_officer)
    response = client.post(_url("campaign-clone", launched.pk), {"plan_number": "X", "offset_days": "1"})
    assert response.status_code == 404 and Campaign.objects.count() == 1
