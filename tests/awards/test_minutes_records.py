"""What the secretary records for the minutes while voting (chair, counting committee, place name, absent members'
written votes), how written votes count, the minutes' number and what the minutes print, in each style."""

from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from awards.councils.services import ballots as ballot
from awards.councils.services import minutes
from awards.enums import AgendaResult, SessionStatus
from awards.models import AgendaItem, BallotCast, CouncilSession, CountingCommitteeSeat, WrittenVote
from organizations.enums import DocumentStyle
from organizations.models import Organization
from tests.awards.council_factories import council_with_members, custom_award, session_in_preparation
from tests.awards.factories import AwardPlanFactory, NominationFactory
from tests.factories import OrganizationFactory
from tests.scoring.factories import launched_campaign

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
OPENED, VOTING, CLOSED = (datetime(2024, 1, 16, h, m, tzinfo=TZ) for h, m in ((14, 0), (14, 30), (15, 10)))


@pytest.fixture
def en_client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def council(org_tree):
    """Five members: chair, secretary, three members; the last one will be absent."""
    return council_with_members(org_tree["root"], 5)


def _voting(org_tree, officer, council, awards, *, plan_number="05-KH/BTGTU"):
    """A session with one nomination per award on its agenda, four of five members present, voting started."""
    council_obj, members = council
    units = [
        OrganizationFactory(name=f"Ban Tuyên giáo Phường {n + 1}", parent=org_tree["root"]) for n in range(len(awards))
    ]
    campaign = launched_campaign(
        organization=org_tree["root"], officer=officer, participants=units, plan_number=plan_number
    )
    nominations = [
        NominationFactory(plan=AwardPlanFactory(campaign=campaign, award_type=award, quota=None), organization=unit)
        for award, unit in zip(awards, units, strict=True)
    ]
    session = session_in_preparation(council_obj, nominations)
    CouncilSession.objects.filter(pk=session.pk).update(place="Phòng họp số 1", place_name="Sóc Trăng")
    secretary = members[1].user
    ballot.session_open(session=session, actor=secretary, now=OPENED)
    ballot.attendance_record(session=session, present_member_ids=[m.pk for m in members[:4]])
    ballot.voting_start(session=session, actor=secretary, now=VOTING)
    return session, members


def _cast(session, members, choice_by_item):
    for member in members:
        ballot.ballot_cast(session=session, member=member, choices=choice_by_item)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).split())


def test_written_votes_count_on_an_all_members_base_and_not_on_a_present_base(org_tree, officer, council):
    # Arrange: 80% of all 5 members (4 needed) and more than half of those present (3 of 4 needed).
    eighty_all = custom_award("TAM_MUOI", percent=80, base="all", inclusive=True)
    half_present = custom_award("QUA_BAN_CO_MAT", percent=50, base="present", inclusive=False)
    session, members = _voting(org_tree, officer, council, [eighty_all, half_present])
    items = {
        item.nomination.plan.award_type.code: item
        for item in session.agenda.select_related("nomination__plan__award_type")
    }
    # Present: 3 approve both, 1 rejects both; the absent member approves both in writing.
    _cast(session, members[:3], {item.pk: "approve" for item in items.values()})
    _cast(session, members[3:4], {item.pk: "reject" for item in items.values()})
    votes = {item.pk: ("approve", "Nhất trí.") for item in items.values()}
    minutes.written_votes_record(session=session, member=members[4], votes=votes, actor=members[1].user)

    # Act
    ballot.voting_close(session=session, actor=members[1].user, now=CLOSED)

    # Assert: 3 + 1 written = 4 of 5 (80%) passes; on the present base the written vote is ignored: 3 of 4 passes.
    counted = {code: AgendaItem.objects.get(pk=item.pk) for code, item in items.items()}
    assert (counted["TAM_MUOI"].result, counted["TAM_MUOI"].written_approve_count) == (AgendaResult.APPROVED, 1)
    assert counted["TAM_MUOI"].approve_count == 3  # the secret tally holds present members' ballots only
    assert counted["QUA_BAN_CO_MAT"].result == AgendaResult.APPROVED
    rules = {code: minutes.threshold_rule_text(item) for code, item in counted.items()}
    assert rules["TAM_MUOI"].startswith("từ 80% trở lên tổng số thành viên Hội đồng đồng ý, kể cả ý kiến bằng văn bản")
    assert "ý kiến bằng văn bản của thành viên vắng mặt không được tính" in rules["QUA_BAN_CO_MAT"]


def test_without_the_written_vote_the_eighty_percent_rule_fails(org_tree, officer, council):
    eighty_all = custom_award("TAM_MUOI", percent=80, base="all", inclusive=True)
    session, members = _voting(org_tree, officer, council, [eighty_all])
    item = session.agenda.get()
    _cast(session, members[:3], {item.pk: "approve"})
    _cast(session, members[3:4], {item.pk: "reject"})

    ballot.voting_close(session=session, actor=members[1].user, now=CLOSED)

    assert AgendaItem.objects.get(pk=item.pk).result == AgendaResult.REJECTED


def test_a_present_member_cannot_vote_in_writing_and_nothing_links_a_present_member_to_a_choice(
    org_tree, officer, council
):
    session, members = _voting(org_tree, officer, council, [custom_award("A", percent=50, base="all", inclusive=False)])
    item = session.agenda.get()

    with pytest.raises(ValidationError) as caught:
        minutes.written_votes_record(session=session, member=members[0], votes={item.pk: ("approve", "")}, actor=None)
    _cast(session, members[:4], {item.pk: "approve"})

    assert caught.value.code == "present"
    assert WrittenVote.objects.count() == 0
    assert set(BallotCast.objects.values_list("member_id", flat=True)) == {m.pk for m in members[:4]}


def test_details_are_chosen_among_the_members_present(org_tree, officer, council):
    session, members = _voting(org_tree, officer, council, [custom_award("A", percent=50, base="all", inclusive=False)])

    with pytest.raises(ValidationError) as absent_in_committee:
        minutes.minutes_details_record(
            session=session, chair_id=members[0].pk, committee_ids=[members[4].pk], place_name="Sóc Trăng"
        )
    with pytest.raises(ValidationError) as absent_chair:
        minutes.minutes_details_record(session=session, chair_id=members[4].pk, committee_ids=[], place_name="X")
    minutes.minutes_details_record(
        session=session, chair_id=members[0].pk, committee_ids=[members[3].pk, members[2].pk], place_name=" Sóc Trăng "
    )

    assert "committee" in absent_in_committee.value.message_dict and "chair" in absent_chair.value.message_dict
    session.refresh_from_db()
    assert (session.chair_id, session.place_name) == (members[0].pk, "Sóc Trăng")
    seats = CountingCommitteeSeat.objects.filter(session=session).order_by("position")
    assert [seat.member_id for seat in seats] == [members[3].pk, members[2].pk]


def test_secretary_records_details_and_written_votes_on_their_pages(en_client, org_tree, officer, council):
    session, members = _voting(org_tree, officer, council, [custom_award("A", percent=50, base="all", inclusive=False)])
    item = session.agenda.get()
    en_client.force_login(members[1].user)
    page = en_client.get(reverse("awards:session-detail", args=[session.pk])).content.decode()
    details_url = reverse("awards:session-minutes-details", args=[session.pk])
    written_url = reverse("awards:session-written-votes", args=[session.pk, members[4].pk])

    bad = en_client.post(details_url, {"place_name": "Sóc Trăng", "chair": members[4].pk})
    good = en_client.post(
        details_url,
        {
            "place_name": "Sóc Trăng",
            "chair": members[0].pk,
            "committee_head": members[2].pk,
            "committee": [members[3].pk],
        },
    )
    written = en_client.post(written_url, {f"choice_{item.pk}": "reject", f"opinion_{item.pk}": "Chưa đủ hồ sơ."})
    refused = en_client.post(
        reverse("awards:session-written-votes", args=[session.pk, members[0].pk]), {f"choice_{item.pk}": "approve"}
    )

    assert details_url in page and written_url in page
    assert bad.status_code == 200 and "Select a valid choice" in bad.content.decode()  # only those present
    assert good.status_code == 302 and CouncilSession.objects.get(pk=session.pk).chair_id == members[0].pk
    assert written.status_code == 302
    vote = WrittenVote.objects.get()
    assert (vote.member_id, vote.item_id, vote.choice, vote.opinion) == (
        members[4].pk,
        item.pk,
        "reject",
        "Chưa đủ hồ sơ.",
    )
    assert refused.status_code == 200 and "votes by secret ballot, not in writing" in refused.content.decode()


def test_only_the_secretary_records_and_only_while_voting(en_client, org_tree, officer, council, other_officer):
    session, members = _voting(org_tree, officer, council, [custom_award("A", percent=50, base="all", inclusive=False)])
    url = reverse("awards:session-minutes-details", args=[session.pk])

    en_client.force_login(members[2].user)  # a member, not the secretary
    member = en_client.get(url)
    en_client.force_login(other_officer)
    outsider = en_client.get(url)
    en_client.force_login(members[1].user)
    _cast(session, members[:4], {session.agenda.get().pk: "approve"})
    ballot.voting_close(session=session, actor=members[1].user, now=CLOSED)
    after_close = en_client.get(url)

    assert member.status_code == 403 and outsider.status_code == 404
    assert after_close.status_code == 302 and after_close["Location"].endswith(f"/sessions/{session.pk}/")


@pytest.mark.parametrize(
    ("style", "number", "national"),
    [
        (DocumentStyle.STATE, "Số: 01/BB-ROOT", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"),
        (DocumentStyle.PARTY, "Số 01-BB/ROOT", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ],
)
def test_the_minutes_print_every_element_in_the_organisations_style(
    org_tree, officer, council, media, style, number, national
):
    Organization.objects.filter(pk=org_tree["root"].pk).update(document_style=style)
    session, members = _voting(org_tree, officer, council, [custom_award("A", percent=50, base="all", inclusive=False)])
    item = session.agenda.get()
    minutes.minutes_details_record(
        session=session, chair_id=members[0].pk, committee_ids=[members[2].pk, members[3].pk], place_name="Sóc Trăng"
    )
    _cast(session, members[:4], {item.pk: "approve"})
    minutes.written_votes_record(
        session=session, member=members[4], votes={item.pk: ("approve", "Nhất trí.")}, actor=members[1].user
    )

    closed = ballot.voting_close(session=session, actor=members[1].user, now=CLOSED)
    rendered = minutes.minutes_render(session_id=closed.pk)

    assert rendered.minutes_number_text == number.removeprefix("Số: ").removeprefix("Số ")
    assert rendered.minutes_style == style
    text = _text(rendered.minutes_file.read())
    parts = [
        "BAN TUYÊN GIÁO THÀNH ỦY",
        number,
        national,
        "Sóc Trăng, ngày 16 tháng 01 năm 2024",
        "BIÊN BẢN KIỂM PHIẾU",
        "Thời gian: bắt đầu lúc 14 giờ 00 phút ngày 16/01/2024; kết thúc lúc 15 giờ 10 phút cùng ngày.",
        "Địa điểm: Phòng họp số 1.",
        "Chủ trì: Lâm Văn Mẫn",
        "Thư ký: Trần Thị Thu Hằng.",
        "Ban kiểm phiếu: Nguyễn Hoàng Phúc (Trưởng ban), Lê Thị Ngọc Bích.",
        "Tổng số thành viên Hội đồng: 5. Số thành viên có mặt: 4",
        "Số thành viên vắng mặt: 1 (Phạm Quốc Việt).",
        "Tiêu chuẩn đạt:",
        "trên 50% tổng số thành viên Hội đồng đồng ý, kể cả ý kiến bằng văn bản của thành viên vắng mặt",
        "Kết quả kiểm phiếu:",
        "1 Ban Tuyên giáo Phường 1 Danh hiệu A 4 0 0 1 0 100% Đạt",
        "Ý kiến bằng văn bản của thành viên vắng mặt:",
        "- Phạm Quốc Việt: Ban Tuyên giáo Phường 1: Đồng ý. Ý kiến: Nhất trí.",
        "THƯ KÝ Trần Thị Thu Hằng CHỦ TRÌ Lâm Văn Mẫn",
        "BAN KIỂM PHIẾU TRƯỞNG BAN Nguyễn Hoàng Phúc THÀNH VIÊN Lê Thị Ngọc Bích",
    ]
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} not found in order in {text[position : position + 300]!r}"
        position = found + len(part)
    assert "Phòng họp số 1, ngày" not in text  # the room is never the place of the date line
    assert CouncilSession.objects.get(pk=session.pk).status == SessionStatus.CLOSED


def test_minutes_numbers_follow_the_organisations_register(org_tree, officer, council, media):
    numbers = []
    for n in (1, 2):
        award = custom_award(f"A{n}", percent=50, base="all", inclusive=False)
        session, members = _voting(org_tree, officer, council, [award], plan_number=f"0{n}-KH/BTGTU")
        _cast(session, members[:4], {session.agenda.get().pk: "approve"})
        numbers.append(ballot.voting_close(session=session, actor=members[1].user, now=CLOSED).minutes_number_text)

    assert numbers == ["01/BB-ROOT", "02/BB-ROOT"]
