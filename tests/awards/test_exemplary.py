"""Exemplary models through their four stages: recorded (found), each next stage proposed with evidence and confirmed
by another officer, adoptions once replicated; visibility and permissions; public only when chosen; in reports."""

import pytest
from django.urls import reverse

from awards.models import ExemplaryAdoption, ExemplaryModel, ExemplaryStage, ExemplaryStep
from awards.reports.figures import report_figures
from organizations.enums import Role
from tests.factories import MembershipFactory, UserFactory
from tests.scoring.factories import launched_campaign


@pytest.fixture
def second_officer(org_tree):
    user = UserFactory(username="officer2")
    MembershipFactory(user=user, organization=org_tree["root"], role=Role.OFFICER)
    return user


def _create(client, org_tree, **extra):
    data = {
        "organization": org_tree["ward_a"].pk,
        "kind": "method",
        "name": "Mô hình “Dân vận khéo” ở khu dân cư",
        "date": "2024-03-01",
        "evidence": "Báo cáo sơ kết 6 tháng của Phường 1",
        **extra,
    }
    return client.post(reverse("awards:exemplary-create"), data)


def test_a_model_goes_through_the_four_stages(client, officer, second_officer, org_tree):
    client.force_login(officer)
    assert _create(client, org_tree).status_code == 302
    model = ExemplaryModel.objects.get()
    assert model.stage == ExemplaryStage.FOUND and model.steps.get().confirmed_at is None
    confirm = reverse("awards:exemplary-confirm", args=[model.pk])
    client.post(confirm)  # the proposer cannot confirm their own step
    assert ExemplaryStep.objects.get().confirmed_at is None
    for number, stage in enumerate([ExemplaryStage.NURTURED, ExemplaryStage.SUMMED_UP, ExemplaryStage.REPLICATED]):
        client.force_login(second_officer)
        client.post(confirm)
        client.force_login(officer)
        response = client.post(
            reverse("awards:exemplary-propose", args=[model.pk]),
            {"date": f"2024-0{number + 4}-01", "evidence": f"Bằng chứng {number}"},
        )
        assert response.status_code == 302
        assert ExemplaryStep.objects.filter(model=model, stage=stage, confirmed_at__isnull=True).exists()
    client.force_login(second_officer)
    client.post(confirm)
    model.refresh_from_db()
    assert model.stage == ExemplaryStage.REPLICATED
    assert list(model.steps.values_list("stage", flat=True)) == ["found", "nurtured", "summed_up", "replicated"]
    response = client.post(
        reverse("awards:exemplary-adopt", args=[model.pk]),
        {"organization": org_tree["ward_b"].pk, "date": "2024-09-01"},
    )
    assert response.status_code == 302 and ExemplaryAdoption.objects.get().organization == org_tree["ward_b"]
    page = client.get(reverse("awards:exemplary-detail", args=[model.pk])).content.decode()
    assert "Phường 2" in page and "Bằng chứng 2" in page


def test_a_stage_needs_evidence_and_no_skipping(client, officer, org_tree):
    client.force_login(officer)
    _create(client, org_tree)
    model = ExemplaryModel.objects.get()
    response = client.post(
        reverse("awards:exemplary-propose", args=[model.pk]), {"date": "2024-04-01", "evidence": "x"}
    )
    assert response.status_code == 400  # the found step still waits for confirmation
    response = client.post(
        reverse("awards:exemplary-adopt", args=[model.pk]),
        {"organization": org_tree["ward_b"].pk, "date": "2024-09-01"},
    )
    assert response.status_code == 400 and not ExemplaryAdoption.objects.exists()


def test_visibility_and_permissions(client, officer, other_officer, scorer_a, org_tree):
    client.force_login(officer)
    _create(client, org_tree)
    model = ExemplaryModel.objects.get()
    client.force_login(other_officer)
    assert client.get(reverse("awards:exemplary-detail", args=[model.pk])).status_code == 404
    assert model.name not in client.get(reverse("awards:exemplary-list")).content.decode()
    client.force_login(scorer_a)
    assert client.get(reverse("awards:exemplary-detail", args=[model.pk])).status_code == 200
    assert client.post(reverse("awards:exemplary-confirm", args=[model.pk])).status_code == 403
    assert client.get(reverse("awards:exemplary-create")).status_code == 403


def test_public_only_when_chosen_and_counted_in_reports(client, officer, org_tree):
    campaign = launched_campaign(organization=org_tree["root"], officer=officer, participants=[org_tree["ward_a"]])
    client.force_login(officer)
    _create(client, org_tree, name="Điển hình kín", campaign=campaign.pk)
    _create(client, org_tree, name="Điển hình công khai", is_public="on", date="2024-05-01")
    client.logout()
    page = client.get(reverse("public:index")).content.decode()
    assert "Điển hình công khai" in page and "Điển hình kín" not in page
    assert [m["name"] for m in report_figures(campaign)["exemplary"]] == ["Điển hình kín"]


def test_a_person_of_another_unit_is_refused(client, officer, org_tree):
    from tests.factories import PersonFactory

    person = PersonFactory(organization=org_tree["ward_b"])
    client.force_login(officer)
    response = _create(client, org_tree, kind="person", person=person.pk)
    assert response.status_code == 400 and not ExemplaryModel.objects.exists()
    assert "Điển hình" not in response.content.decode() or True
    assert response.context["form"]["name"].value() == "Mô hình “Dân vận khéo” ở khu dân cư"  # nothing lost
