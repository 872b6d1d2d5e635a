"""Secret ballots: voting from each member's browser, secrecy, one ballot per member (also concurrently),
thresholds on both bases, quorum, closing and the minutes PDF."""

import re
import threading
from io import BytesIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse
from pypdf import PdfReader

from awards.councils.services import ballots as ballot
from awards.councils.services import minutes
from awards.enums import AgendaResult, NominationStatus, SessionStatus
from awards.models import AgendaItem, BallotCast, CouncilMember, CouncilSession
from tests.awards.council_factories import (
    campaign_with_nominations,
    council_with_members,
    custom_award,
    session_in_preparation,
    session_voting,
)
from tests.awards.factories import AwardPlanFactory, NominationFactory

CHOICE_WORDS = re.compile(r"\b(approve|reject|abstain)\b")


@pytest.fixture
def en_client(client, settings):
    """The English interface: assertions read the msgids, whatever the Vietnamese catalogue says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def majority(db):
    return custom_award("QUA_BAN", percent=50, base="all", inclusive=False)


@pytest.fixture
def council5(org_tree):
    return council_with_members(org_tree["root"], 5)


@pytest.fixture
def voting(org_tree, officer, council5, majority):
    council, members = council5
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=majority, count=2)
    session = session_voting(council, members, nominations)
    return session, members, nominations


def _ballot_url(session):
    return reverse("awards:session-ballot", args=[session.pk])


def _choices(session, *values):
    items = list(session.agenda.order_by("position", "pk"))
    return {f"item_{item.pk}": value for item, value in zip(items, values, strict=True)}


def _vote(client, session, member, *values):
    client.force_login(member.user)
    data = _choices(session, *values)
    client.post(_ballot_url(session), data)  # the confirmation page
    return client.post(_ballot_url(session), data | {"confirm": "1"})


def _tallies(session):
    return list(session.agenda.order_by("position", "pk").values_list("approve_count", "reject_count", "abstain_count"))


def test_present_member_votes_after_a_confirmation(en_client, voting):
    session, members, _nominations = voting
    en_client.force_login(members[3].user)

    paper = en_client.get(_ballot_url(session)).content.decode()
    assert "Ban Tuyên giáo Phường 1" in paper and "Ban Tuyên giáo Phường 2" in paper

    confirm = en_client.post(_ballot_url(session), _choices(session, "approve", "reject"))
    assert "Confirm your ballot" in confirm.content.decode()
    assert not BallotCast.objects.exists() and _tallies(session) == [(0, 0, 0), (0, 0, 0)]

    done = en_client.post(_ballot_url(session), _choices(session, "approve", "reject") | {"confirm": "1"}, follow=True)

    html = done.content.decode()
    assert "Your ballot was recorded" in html and "You have voted" in html
    assert list(BallotCast.objects.values_list("member_id", flat=True)) == [members[3].pk]
    assert _tallies(session) == [(1, 0, 0), (0, 1, 0)]
    assert not CHOICE_WORDS.search(html.split('id="ballot-done"')[1])  # the page after voting names no choice


def test_ballot_needs_a_choice_for_every_nomination_and_keeps_what_was_chosen(en_client, voting):
    session, members, _nominations = voting
    en_client.force_login(members[2].user)
    first = session.agenda.order_by("position").first()

    response = en_client.post(_ballot_url(session), {f"item_{first.pk}": "abstain", "confirm": "1"})

    html = response.content.decode()
    assert "Choose approve, reject or abstain." in html
    assert re.search(
        rf'value="abstain"[^>]*name="item_{first.pk}"[^>]*checked|name="item_{first.pk}"[^>]*value="abstain"[^>]*checked',
        html,
    )
    assert not BallotCast.objects.exists() and _tallies(session) == [(0, 0, 0), (0, 0, 0)]


def test_a_second_ballot_is_refused_and_changes_nothing(en_client, voting):
    session, members, _nominations = voting
    _vote(en_client, session, members[0], "approve", "approve")

    again = en_client.post(_ballot_url(session), _choices(session, "reject", "reject") | {"confirm": "1"})

    assert "You have voted" in again.content.decode()
    with pytest.raises(ValidationError) as error:
        ballot.ballot_cast(session=session, member=members[0], choices={i.pk: "reject" for i in session.agenda.all()})
    assert error.value.code == "already_voted"
    assert BallotCast.objects.count() == 1
    assert _tallies(session) == [(1, 0, 0), (1, 0, 0)]


def _voter_rows_with_a_choice(voters) -> list[str]:
    """Every row of every table that identifies a voter (foreign key, name or username) and holds a choice word."""
    user_model = get_user_model()
    member_ids = {m.pk for m in voters}
    user_ids = {m.user_id for m in voters}
    names = {m.full_name for m in voters} | {m.user.username for m in voters}
    found = []
    for model in apps.get_models():
        relations = {
            field.attname: field.related_model
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model in (CouncilMember, user_model)
        }
        for row in model.objects.values():
            text = " ".join(str(value) for value in row.values())
            names_voter = any(name in text for name in names)
            points_to_voter = any(
                row[name] in (member_ids if related is CouncilMember else user_ids)
                for name, related in relations.items()
            )
            is_voter_row = model in (CouncilMember, user_model) and row["id"] in (
                member_ids if model is CouncilMember else user_ids
            )
            if (names_voter or points_to_voter or is_voter_row) and CHOICE_WORDS.search(text):
                found.append(f"{model._meta.label}: {row}")
    return found


def test_no_table_links_a_member_to_a_choice(en_client, voting):
    session, members, _nominations = voting
    plan = [("approve", "reject"), ("reject", "abstain"), ("abstain", "approve"), ("approve", "approve")]
    for member, choices in zip(members, plan, strict=False):
        _vote(en_client, session, member, *choices)

    assert _voter_rows_with_a_choice(members) == []
    assert {field.name for field in BallotCast._meta.concrete_fields} == {"id", "session", "member"}
    for stored in Session.objects.all():  # nor does any login session keep a choice
        assert not CHOICE_WORDS.search(str(stored.get_decoded()))
    assert _tallies(session) == [(2, 1, 1), (2, 1, 1)]


@pytest.mark.django_db(transaction=True)
def test_concurrent_ballots_of_one_member_count_once_on_postgresql(seeded_catalogue, org_tree, officer):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent transactions need PostgreSQL")
    award = custom_award("QUA_BAN_PG", percent=50, base="all", inclusive=False)
    council, members = council_with_members(org_tree["root"], 3)
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=award, count=1)
    session = session_voting(council, members, nominations)
    item = session.agenda.get()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def cast():
        try:
            barrier.wait(timeout=10)
            ballot.ballot_cast(
                session=CouncilSession.objects.get(pk=session.pk),
                member=CouncilMember.objects.get(pk=members[2].pk),
                choices={item.pk: "approve"},
            )
            outcomes.append("recorded")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cast) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["already_voted", "recorded"]
    assert BallotCast.objects.filter(session=session).count() == 1
    item.refresh_from_db()
    assert (item.approve_count, item.reject_count, item.abstain_count) == (1, 0, 0)


def test_absent_member_and_officer_cannot_vote_outsider_sees_nothing(en_client, org_tree, officer, council5, majority):
    council, members = council5
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=majority, count=1)
    session = session_voting(council, members, nominations, present=members[:4])
    data = _choices(session, "approve") | {"confirm": "1"}

    en_client.force_login(members[4].user)  # recorded absent
    assert en_client.get(_ballot_url(session)).status_code == 403
    assert en_client.post(_ballot_url(session), data).status_code == 403
    detail = en_client.get(reverse("awards:session-detail", args=[session.pk])).content.decode()
    assert "recorded as absent" in detail

    en_client.force_login(officer)  # sees the session, is not a member
    assert en_client.post(_ballot_url(session), data).status_code == 403

    outsider = get_user_model().objects.create_user("outsider", password="x")
    en_client.force_login(outsider)
    assert en_client.post(_ballot_url(session), data).status_code == 404
    assert not BallotCast.objects.exists() and _tallies(session) == [(0, 0, 0)]
    with pytest.raises(ValidationError) as error:
        ballot.ballot_cast(session=session, member=members[4], choices=_choices(session, "approve"))
    assert error.value.code == "absent"


def test_secretary_sees_progress_but_no_tallies_before_closing(en_client, voting):
    session, members, _nominations = voting
    _vote(en_client, session, members[0], "approve", "reject")
    _vote(en_client, session, members[2], "approve", "approve")

    en_client.force_login(members[1].user)
    html = en_client.get(reverse("awards:session-detail", args=[session.pk])).content.decode()

    assert "2 of 5 present members have voted." in html
    assert "Approvals needed" not in html and "Results" not in html
    live = en_client.get(
        reverse("awards:session-detail", args=[session.pk]) + "?status=voting", headers={"HX-Request": "true"}
    )
    assert "2 of 5 present members have voted." in live.content.decode()
    assert "<html" not in live.content.decode()


def _cast_all(session, members, plan):
    """Cast ballots through the service: ``plan`` is one tuple of choices (in agenda order) per member."""
    items = list(session.agenda.order_by("position", "pk"))
    for member, choices in zip(members, plan, strict=False):
        ballot.ballot_cast(
            session=session, member=member, choices={i.pk: c for i, c in zip(items, choices, strict=True)}
        )


def test_ninety_percent_of_all_members_nine_of_ten_pass_eight_fail(org_tree, officer, media):
    award = custom_award("CO_90", percent=90, base="all", inclusive=True)
    council, members = council_with_members(org_tree["root"], 10)
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=award, count=2)
    session = session_voting(council, members, nominations)
    _cast_all(session, members, [("approve", "approve")] * 8 + [("approve", "reject"), ("reject", "abstain")])

    ballot.voting_close(session=session, actor=members[1].user)

    first, second = session.agenda.order_by("position")
    assert (first.approve_count, first.needed, first.result) == (9, 9, AgendaResult.APPROVED)
    assert (second.approve_count, second.needed, second.result) == (8, 9, AgendaResult.REJECTED)
    assert (first.threshold_percent, first.threshold_base, first.threshold_inclusive) == (90, "all", True)
    nominations[0].refresh_from_db()
    nominations[1].refresh_from_db()
    assert (nominations[0].status, nominations[1].status) == (NominationStatus.APPROVED, NominationStatus.REJECTED)


def test_more_than_half_of_those_present_versus_of_all_members(org_tree, officer, media):
    of_present = custom_award("QB_CO_MAT", percent=50, base="present", inclusive=False)
    of_all = custom_award("QB_TONG", percent=50, base="all", inclusive=False)
    council, members = council_with_members(org_tree["root"], 9)
    _c1, present_noms = campaign_with_nominations(org_tree, officer, award=of_present, count=2)
    plan = present_noms[0].plan
    all_plan = AwardPlanFactory(campaign=plan.campaign, award_type=of_all, quota=None)
    all_nomination = NominationFactory(plan=all_plan, person=None, organization=org_tree["ward_a"])
    session = session_voting(council, members, [*present_noms, all_nomination], present=members[:7])
    _cast_all(
        session,
        members[:7],
        [("approve", "approve", "approve")] * 3
        + [("approve", "abstain", "approve")]
        + [("reject", "abstain", "reject")] * 3,
    )

    ballot.voting_close(session=session, actor=members[1].user)

    rows = list(session.agenda.order_by("position").values_list("approve_count", "needed", "result"))
    # 7 present: more than half of them is 4; more than half of all 9 members is 5.
    assert rows == [(4, 4, "approved"), (3, 4, "rejected"), (4, 5, "rejected")]


def test_voting_cannot_start_without_quorum(en_client, org_tree, officer, council5, majority):
    council, members = council5
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=majority, count=1)
    session = session_in_preparation(council, nominations)
    ballot.session_open(session=session, actor=members[1].user)
    ballot.attendance_record(session=session, present_member_ids=[m.pk for m in members[:3]])  # 3 of 5; 4 needed
    en_client.force_login(members[1].user)
    url = reverse("awards:session-start", args=[session.pk])

    confirm = en_client.get(url).content.decode()
    response = en_client.post(url, follow=True)

    assert "Voting cannot start without a quorum." in confirm
    assert "No quorum: 3 of 5 members are present; at least 4 must be present" in response.content.decode()
    session.refresh_from_db()
    assert session.status == SessionStatus.OPEN
    assert session.agenda.get().needed is None


def test_the_strictest_quorum_of_the_agenda_applies(org_tree, officer):
    strict = custom_award("BA_PHAN_TU", percent=50, base="all", inclusive=False, quorum=(3, 4))
    council, members = council_with_members(org_tree["root"], 9)
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=strict, count=1)
    session = session_in_preparation(council, nominations)
    ballot.session_open(session=session, actor=members[1].user)
    ballot.attendance_record(
        session=session, present_member_ids=[m.pk for m in members[:6]]
    )  # 6 of 9: 2/3 yes, 3/4 (7) no

    with pytest.raises(ValidationError) as error:
        ballot.voting_start(session=session, actor=members[1].user)

    assert error.value.code == "no_quorum"
    ballot.attendance_record(session=session, present_member_ids=[m.pk for m in members[:6]] + [members[6].pk])
    assert ballot.voting_start(session=session, actor=members[1].user).status == SessionStatus.VOTING


def test_closing_counts_once_sets_statuses_and_renders_the_minutes(
    en_client, voting, media, django_capture_on_commit_callbacks
):
    session, members, nominations = voting
    _cast_all(session, members, [("approve", "reject")] * 3 + [("reject", "approve"), ("abstain", "abstain")])
    en_client.force_login(members[1].user)
    url = reverse("awards:session-close", args=[session.pk])
    assert "This cannot be undone." in en_client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        en_client.post(url)
    again = en_client.post(url, follow=True)

    assert "not open" in again.content.decode()
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED
    assert list(
        session.agenda.order_by("position").values_list("approve_count", "reject_count", "abstain_count", "result")
    ) == [
        (3, 1, 1, "approved"),
        (1, 3, 1, "rejected"),
    ]
    statuses = [
        n.status for n in type(nominations[0]).objects.filter(pk__in=[n.pk for n in nominations]).order_by("position")
    ]
    assert statuses == [NominationStatus.APPROVED, NominationStatus.REJECTED]
    assert len(session.minutes_sha256) == 64 and session.minutes_file.name.startswith("awards/minutes/")

    page = en_client.get(reverse("awards:session-detail", args=[session.pk])).content.decode()
    assert "Download the minutes (PDF)" in page and "Approvals needed" in page
    download = en_client.get(reverse("awards:session-minutes", args=[session.pk]))
    pdf = b"".join(download.streaming_content)
    assert download["Content-Type"] == "application/pdf" and pdf.startswith(b"%PDF")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).split())
    assert "BIÊN BẢN KIỂM PHIẾU" in text
    assert "Ban Tuyên giáo Phường 1" in text and "Ban Tuyên giáo Phường 2" in text
    # approve, reject, abstain of those present; written approve, reject; share of all 5 members; result
    assert "1 Ban Tuyên giáo Phường 1 Danh hiệu QUA_BAN 3 1 1 0 0 60% Đạt" in text
    assert "2 Ban Tuyên giáo Phường 2 Danh hiệu QUA_BAN 1 3 1 0 0 20% Không đạt" in text
    assert "Lâm Văn Mẫn" in text and "Trần Thị Thu Hằng" in text  # chair and secretary
    assert "trên 50% tổng số thành viên Hội đồng đồng ý" in text


def test_minutes_render_is_idempotent_and_repairs_a_missing_file(voting, media):
    session, members, _nominations = voting
    ballot.voting_close(session=session, actor=members[1].user)  # the on-commit task does not run in this test
    first = minutes.minutes_render(session_id=session.pk)
    name, digest = first.minutes_file.name, first.minutes_sha256

    second = minutes.minutes_render(session_id=session.pk)
    assert (second.minutes_file.name, second.minutes_sha256) == (name, digest)
    assert len(list((media / "awards" / "minutes").iterdir())) == 1

    (media / name).unlink()
    repaired = minutes.minutes_render(session_id=session.pk)
    assert (media / repaired.minutes_file.name).exists() and len(repaired.minutes_sha256) == 64


def test_minutes_are_for_members_and_officers_only(en_client, voting, media, other_officer, officer):
    session, members, _nominations = voting
    ballot.voting_close(session=session, actor=members[1].user)
    minutes.minutes_render(session_id=session.pk)
    url = reverse("awards:session-minutes", args=[session.pk])

    en_client.force_login(officer)
    assert en_client.get(url).status_code == 200
    en_client.force_login(other_officer)
    assert en_client.get(url).status_code == 404


def test_live_part_asks_for_a_reload_when_the_step_changed(en_client, voting, media):
    session, members, _nominations = voting
    ballot.voting_close(session=session, actor=members[1].user)
    en_client.force_login(members[0].user)
    url = reverse("awards:session-detail", args=[session.pk])

    changed = en_client.get(url + "?status=voting", headers={"HX-Request": "true"})
    pending = en_client.get(url + "?status=closed", headers={"HX-Request": "true"})

    assert changed["HX-Refresh"] == "true"
    assert "The minutes are being generated" in pending.content.decode()
    assert AgendaItem.objects.filter(session=session, result=AgendaResult.PENDING).count() == 0
