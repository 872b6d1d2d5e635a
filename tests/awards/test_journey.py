"""The whole awards flow through the web UI, one role per client: ranking → plan → nominations → disclosure →
council ballot → decision → certificates → public verification → revocation.

Only the starting point (a launched 2024 campaign whose units' scores are verified, and the users' accounts) is
arranged with the ORM. Every later step is an HTTP request of the user who does it in real life, reached by a link
or a form on the page that user was looking at (the seams between the four parts of the app are those links), and
asserts a status code and a visible effect. Work that runs after commit (ranking, minutes, decision PDF,
certificates) runs in-process through ``django_capture_on_commit_callbacks(execute=True)`` around the request that
enqueues it.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pypdf import PdfReader

from awards.enums import NominationStatus
from awards.models import (
    AuthorityHolder,
    AwardDecision,
    AwardType,
    Certificate,
    CouncilSession,
    Nomination,
    PublicDisclosure,
)
from campaigns.models import Participant, Tier
from organizations.enums import Role
from tests.awards.nomination_factories import campaign_2024
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.scoring.answers import verified_with_total

pytestmark = pytest.mark.django_db

# Units and their totals (criterion 6 of the Sóc Trăng table, 40 points, carries the difference from 100).
UNITS = (
    ("KH", "Ban Tuyên giáo Phường Khánh Hòa", 98),
    ("MX", "Ban Tuyên giáo Phường Mỹ Xuyên", 94),
    ("VP", "Ban Tuyên giáo Phường Vĩnh Phước", 80),
    ("LL", "Ban Tuyên giáo Phường Lê Lợi", 60),
)
WINNER, RUNNER_UP, THIRD = (name for _code, name, _total in UNITS[:3])
SEATS = (  # username, role in the organisation, full name in the council, role in the council
    ("reviewer", Role.REVIEWER, "Trần Thị Chủ Tịch", "chair"),
    ("secretary", Role.COUNCIL_SECRETARY, "Lê Văn Thư Ký", "secretary"),
    ("member1", Role.COUNCIL_MEMBER, "Phạm Thị Ủy Viên", "member"),
    ("member2", Role.COUNCIL_MEMBER, "Huỳnh Văn Ủy Viên", "member"),
)


@dataclass
class Journey:
    """The campaign, its units and one logged-in client per user (all reading the pages in English)."""

    campaign: object
    units: dict
    clients: dict  # username → Client
    ids: dict = field(default_factory=dict)  # what one step found out and a later one needs

    def __getattr__(self, username: str) -> Client:
        try:
            return self.clients[username]
        except KeyError as error:
            raise AttributeError(username) from error


def _client(user=None) -> Client:
    client = Client()
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


def _user(username: str, role: str, organization):
    user = UserFactory(username=username)
    MembershipFactory(user=user, organization=organization, role=role)
    return user


def _verified_scores(campaign, organization, total: int) -> None:
    """A verified submission of ``organization`` totalling ``total`` (full marks but on criterion 6), its answers and
    stored totals as the scoring services keep them."""
    participant = Participant.objects.get(campaign=campaign, organization=organization)
    verified_with_total(participant, campaign.phases.get(), total, carrier="6")


@pytest.fixture
def journey(org_tree, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    root = org_tree["root"]
    units = {code: OrganizationFactory(code=code, name=name, parent=root) for code, name, _total in UNITS}
    campaign = campaign_2024(org_tree, officer, list(units.values()))
    for code, _name, total in UNITS:
        _verified_scores(campaign, units[code], total)
    users = [officer, _user("scorer_kh", Role.SCORER, units["KH"]), _user("signer", Role.SIGNER, root)]
    users += [_user(username, role, root) for username, role, _name, _seat in SEATS]
    clients = {user.username: _client(user) for user in users} | {"anonymous": _client()}
    return Journey(campaign=campaign, units=units, clients=clients)


# --- navigation helpers -------------------------------------------------------------------------------------------


def _text(response) -> str:
    return response.content.decode()


def _follow(client: Client, response) -> str:
    """The page a POST redirected to (with its flash messages)."""
    assert response.status_code == 302, _text(response)[:3000]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return _text(page)


def _open(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, _text(response)[:3000]
    return _text(response)


def _click(client: Client, page: str, url: str) -> str:
    """Follow a link that ``page`` shows: the link is the seam between two parts."""
    assert f'href="{escape(url)}"' in page, f"the page has no link to {url}"
    return _open(client, url)


def _posts_to(page: str, url: str) -> bool:
    """``page`` has a POST form whose action is ``url``, or one without an action (the page opened at ``url``)."""
    forms = re.findall(r"<form\b[^>]*>", page)
    posting = [tag for tag in forms if re.search(r'method="post"', tag, re.IGNORECASE)]
    return any(f'action="{escape(url)}"' in tag or "action=" not in tag for tag in posting)


def _submit(client: Client, page: str, url: str, data: dict, *, capture=None) -> str:
    """Post the form of ``page`` that goes to ``url`` and read the page it redirects to."""
    assert _posts_to(page, url), f"no form posts to {url}"
    if capture is None:
        return _follow(client, client.post(url, data))
    with capture(execute=True):
        response = client.post(url, data)
    return _follow(client, response)


def _campaign_page(j: Journey, client: Client) -> str:
    return _open(client, reverse("campaigns:campaign-detail", args=[j.campaign.pk]))


# --- 0. the overall ranking ---------------------------------------------------------------------------------------


def _compute_ranking(j: Journey, capture) -> None:
    """The reviewer asks for the overall ranking; the computation runs after commit."""
    url = reverse("scoring:ranking-list", args=[j.campaign.pk])
    page = _open(j.reviewer, url)
    request = reverse("scoring:ranking-request", args=[j.campaign.pk])
    page = _submit(j.reviewer, page, request, {"tie_break": "shared"}, capture=capture)
    assert WINNER in page and "98" in page


# --- 1. award plan and nominations --------------------------------------------------------------------------------


def _add_plan_line(j: Journey, plan_page: str, code: str, **fields) -> str:
    award = AwardType.objects.get(code=code, valid_to__isnull=True)
    url = reverse("awards:plan-create", args=[j.campaign.pk])
    form = _click(j.officer, plan_page, url)
    assert award.name in form
    data = {"award_type": award.pk, "quota": "", "minimum_tier": "", "minimum_points": "", "note": ""} | fields
    page = _submit(j.officer, form, url, data)
    assert "The award plan was saved." in page and award.name in page
    return page


def _generate(j: Journey, plan_page: str, code: str) -> str:
    plan = j.campaign.award_plans.get(award_type__code=code)
    page = _submit(j.officer, plan_page, reverse("awards:nomination-generate", args=[j.campaign.pk, plan.pk]), {})
    assert "come from the ranking" in page
    return page


def _plan_and_nominate(j: Journey) -> None:
    """GK_TT for the best unit; Cờ thi đua (public disclosure first) for every unit in the top tier."""
    campaign_page = _campaign_page(j, j.officer)
    plan_page = _click(j.officer, campaign_page, reverse("awards:plan-list", args=[j.campaign.pk]))
    assert "Nominations are generated from the current overall ranking" in plan_page
    plan_page = _add_plan_line(j, plan_page, "GK_TT", quota=1)
    top_tier = Tier.objects.get(table__campaign=j.campaign, table__participant_kind="collective", name="Xuất sắc")
    plan_page = _add_plan_line(j, plan_page, "CO_TD_TINH", minimum_tier=top_tier.pk, note="Công khai 5 ngày")
    assert "public disclosure" in plan_page
    page = _generate(j, plan_page, "GK_TT")
    assert WINNER in page and RUNNER_UP not in page and "Within the quota of 1." in page
    page = _generate(j, plan_page, "CO_TD_TINH")
    assert WINNER in page and RUNNER_UP in page and THIRD not in page
    assert "Tier Xuất sắc qualifies" in page and "No quota: every eligible candidate is nominated." in page
    listing = _click(j.officer, campaign_page, reverse("awards:nomination-list", args=[j.campaign.pk]))
    assert listing.count(WINNER) == 2 and listing.count(RUNNER_UP) == 1
    assert Nomination.objects.filter(plan__campaign=j.campaign, is_eligible=True).count() == 3


# --- 2. public disclosure -----------------------------------------------------------------------------------------


def _disclose(j: Journey) -> None:
    listing = _click(j.officer, _campaign_page(j, j.officer), reverse("awards:disclosure-list", args=[j.campaign.pk]))
    url = reverse("awards:disclosure-create", args=[j.campaign.pk])
    form = _click(j.officer, listing, url)
    assert RUNNER_UP in form and 'value="5"' in form  # the award's five days
    page = _submit(j.officer, form, url, {"days": 5, "starts_at": "", "note": "Niêm yết tại trụ sở"})
    assert "The nominations were published for comments." in page
    disclosure = PublicDisclosure.objects.get(campaign=j.campaign)
    assert disclosure.nominations.count() == 2  # only the award that asks for a disclosure
    j.ids["disclosure"] = disclosure.pk


def _unit_comments(j: Journey) -> None:
    """A user of a participating unit reads the disclosure from the campaign page and comments."""
    listing = _click(
        j.scorer_kh, _campaign_page(j, j.scorer_kh), reverse("awards:disclosure-list", args=[j.campaign.pk])
    )
    detail_url = reverse("awards:disclosure-detail", args=[j.campaign.pk, j.ids["disclosure"]])
    detail = _click(j.scorer_kh, listing, detail_url)
    assert WINNER in detail and RUNNER_UP in detail
    nomination = Nomination.objects.get(plan__award_type__code="CO_TD_TINH", organization=j.units["KH"])
    body = "Đơn vị đồng ý với danh sách đề nghị tặng Cờ thi đua."
    url = reverse("awards:disclosure-comment", args=[j.campaign.pk, j.ids["disclosure"]])
    page = _submit(j.scorer_kh, detail, url, {"nomination": nomination.pk, "body": body})
    assert "The comment was recorded." in page and body in page
    assert body in _open(j.officer, detail_url)


# --- 3. council, session, ballot ----------------------------------------------------------------------------------


def _council(j: Journey, root) -> None:
    """The officer creates the council from the councils list and seats the chair, secretary and two members."""
    listing = _open(j.officer, reverse("awards:council-list"))
    url = reverse("awards:council-create")
    form = _click(j.officer, listing, url)
    page = _submit(j.officer, form, url, {"organization": root.pk, "name": "Hội đồng Thi đua - Khen thưởng Ban"})
    assert "The council was created." in page
    council = root.councils.get()
    url = reverse("awards:member-create", args=[council.pk])
    for username, _role, name, seat in SEATS:
        form = _click(j.officer, page, url)
        user = get_user_model().objects.get(username=username)
        page = _submit(j.officer, form, url, {"user": user.pk, "full_name": name, "title": "Ủy viên", "role": seat})
        assert f"{name} now sits on the council." in page
    url = reverse("awards:session-create", args=[council.pk])
    form = _click(j.officer, page, url)
    data = {
        "title": "Phiên họp xét khen thưởng năm 2024",
        "campaign": j.campaign.pk,
        "scheduled_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "place_name": "Sóc Trăng",
        "place": "Hội trường Ban Tuyên giáo",
    }
    assert "The session was created." in _submit(j.officer, form, url, data)


def _agenda(j: Journey, session) -> None:
    """The GK nomination goes on the agenda at once; the disclosed ones only once the window has passed."""
    url = reverse("awards:agenda-add", args=[session.pk])
    page = _open(j.officer, reverse("awards:session-detail", args=[session.pk]))
    flags = list(Nomination.objects.filter(plan__award_type__code="CO_TD_TINH").order_by("position"))
    page = _submit(j.officer, page, url, {"nomination": flags[0].pk})
    assert "The public disclosure is still open until" in page and not session.agenda.exists()
    detail = _open(j.officer, reverse("awards:nomination-detail", args=[j.campaign.pk, flags[0].pk]))
    assert "The public disclosure is still open until" in detail
    gk = Nomination.objects.get(plan__award_type__code="GK_TT")
    page = _submit(j.officer, page, url, {"nomination": gk.pk})
    assert "was put on the agenda" in page
    # The five days pass: the window is a row with a start and an end, and neither the agenda view nor the
    # voting start takes a "now" from outside, so the window is moved into the past.
    past = timezone.now() - timedelta(minutes=1)
    PublicDisclosure.objects.filter(pk=j.ids["disclosure"]).update(starts_at=past - timedelta(days=5), ends_at=past)
    late = j.scorer_kh.post(
        reverse("awards:disclosure-comment", args=[j.campaign.pk, j.ids["disclosure"]]), {"body": "Góp ý trễ hạn."}
    )
    assert late.status_code == 400 and "comments are closed" in _text(late)
    for nomination in flags:
        assert f'name="nomination" value="{nomination.pk}"' in page  # still offered as a candidate
        page = _submit(j.officer, page, url, {"nomination": nomination.pk})
        assert "was put on the agenda" in page
    assert session.agenda.count() == 3


def _secretary_step(j: Journey, session, page: str, step: str, *, capture=None) -> str:
    """A step of the secretary from the session page: the link, the confirmation page, then the POST."""
    url = reverse(f"awards:session-{step}", args=[session.pk])
    confirm = _click(j.secretary, page, url)
    return _submit(j.secretary, confirm, url, {}, capture=capture)


def _vote(client: Client, session, choices: dict) -> None:
    """One member: from the home page to the ballot paper, the confirmation page, then the submission."""
    url = reverse("awards:session-ballot", args=[session.pk])
    paper = _click(client, _open(client, reverse("home")), url)
    assert WINNER in paper and RUNNER_UP in paper and _posts_to(paper, url)
    data = {f"item_{item.pk}": choices[item.nomination_id] for item in session.agenda.all()}
    confirm = client.post(url, data)
    assert confirm.status_code == 200 and 'name="confirm"' in _text(confirm)
    page = _follow(client, client.post(url, data | {"confirm": "1"}))
    assert "Your ballot was recorded." in page


def _ballot(j: Journey, session, capture) -> None:
    home = _open(j.secretary, reverse("home"))
    page = _click(j.secretary, home, reverse("awards:session-detail", args=[session.pk]))
    page = _secretary_step(j, session, page, "open")
    assert "The session is open" in page
    present = {"present": [str(m.pk) for m in session.council.members.all()]}
    page = _submit(j.secretary, page, reverse("awards:session-attendance", args=[session.pk]), present)
    assert "Attendance was saved." in page and "Quorum met." in page
    page = _secretary_step(j, session, page, "start")
    assert "Voting has started." in page
    assert j.officer.get(reverse("awards:session-ballot", args=[session.pk])).status_code == 403  # not a member
    runner_up = Nomination.objects.get(plan__award_type__code="CO_TD_TINH", organization=j.units["MX"])
    for number, (username, *_rest) in enumerate(SEATS):
        choices = {item.nomination_id: "approve" for item in session.agenda.all()}
        if number == 0:
            choices[runner_up.pk] = "reject"  # the flag needs 90 % of all members: one "no" is enough
        _vote(j.clients[username], session, choices)
    live_url = f"{reverse('awards:session-detail', args=[session.pk])}?status=voting"
    live = j.secretary.get(live_url, headers={"HX-Request": "true"})
    assert "4 of 4 present members have voted." in _text(live) and "<html" not in _text(live)
    page = _open(j.secretary, reverse("awards:session-detail", args=[session.pk]))
    page = _secretary_step(j, session, page, "close", capture=capture)
    assert "Voting is closed and the results are counted." in page
    assert j.reviewer.get(live_url, headers={"HX-Request": "true"})["HX-Refresh"] == "true"  # pollers reload
    assert page.count("text-bg-success") == 2 and page.count("text-bg-danger") == 1
    minutes = _pdf(j.reviewer.get(_link_target(page, reverse("awards:session-minutes", args=[session.pk]))))
    assert WINNER in " ".join(" ".join(p.extract_text() for p in minutes.pages).split())
    statuses = sorted(Nomination.objects.filter(plan__campaign=j.campaign).values_list("status", flat=True))
    assert statuses == [NominationStatus.APPROVED, NominationStatus.APPROVED, NominationStatus.REJECTED]


# --- 4. decision and certificates ---------------------------------------------------------------------------------


def _link_target(page: str, url: str) -> str:
    assert f'href="{escape(url)}"' in page, f"the page has no link to {url}"
    return url


def _pdf(response) -> PdfReader:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def _draft_decision(j: Journey, root) -> AwardDecision:
    url = f"{reverse('awards:decision-create')}?campaign={j.campaign.pk}"
    form = _click(j.officer, _campaign_page(j, j.officer), url)
    page = _submit(j.officer, form, url, {"organization": root.pk, "campaign": j.campaign.pk})
    assert "The draft decision was created." in page
    assert page.count(WINNER) == 2 and RUNNER_UP not in page  # two approved awards; the rejected one left out
    return AwardDecision.objects.get(kind="award")


def _issue(j: Journey, decision, capture) -> str:
    """The signer finds the draft on the home page (and in the decisions list), opens the confirmation, issues."""
    detail_url = reverse("awards:decision-detail", args=[decision.pk])
    home = _open(j.signer, reverse("home"))
    assert f'href="{detail_url}"' in _click(j.signer, home, reverse("awards:decision-list"))
    page = _click(j.signer, home, detail_url)
    url = reverse("awards:decision-issue", args=[decision.pk])
    assert j.officer.get(url).status_code == 403  # an officer drafts, a signer issues
    confirm = _click(j.signer, page, url)
    assert "will receive the next number of the register" in confirm
    data = {"decision_date": timezone.localdate().isoformat(), "symbol": "QĐ-BTG"}
    page = _submit(j.signer, confirm, url, data, capture=capture)
    decision.refresh_from_db()
    assert decision.number_text.endswith("/QĐ-BTG") and f"Decision {decision.number_text} was issued." in page
    return page


def _downloads(j: Journey, decision) -> dict:
    """Every file of the issued decision, from the links of its page; returns each certificate's PDF text."""
    page = _open(j.officer, reverse("awards:decision-detail", args=[decision.pk]))
    assert "Certificates generated: 2 / 2" in page
    fragment = _text(j.officer.get(reverse("awards:decision-detail", args=[decision.pk]), headers={"HX-Request": "1"}))
    assert "Certificates generated: 2 / 2" in fragment and "hx-trigger" not in fragment  # the polling stops
    decision_pdf = _pdf(j.officer.get(_link_target(page, reverse("awards:decision-pdf", args=[decision.pk]))))
    decision_text = " ".join(" ".join(p.extract_text() for p in decision_pdf.pages).split())
    assert decision.number_text in decision_text and WINNER in decision_text
    texts = {}
    for certificate in Certificate.objects.filter(recipient__decision=decision).select_related("recipient__award_type"):
        url = reverse("awards:certificate-download", args=[certificate.pk])
        one = _pdf(j.officer.get(_link_target(page, url)))
        assert len(one.pages) == 1
        texts[certificate.recipient.award_type.code] = " ".join(one.pages[0].extract_text().split())
    merged_url = reverse("awards:decision-certificates-pdf", args=[decision.pk])
    assert len(_pdf(j.officer.get(_link_target(page, merged_url))).pages) == 2
    bundle = j.officer.get(_link_target(page, reverse("awards:decision-certificates-zip", args=[decision.pk])))
    assert bundle.status_code == 200 and bundle["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(bundle.streaming_content))) as archive:
        assert len([name for name in archive.namelist() if name.endswith(".pdf")]) == 2
    return texts


def _printed_certificate(certificate_text: str) -> Certificate:
    """The certificate whose serial is printed on the PDF ("Số: …", next to the QR code of /verify/<code>/)."""
    return Certificate.objects.get(serial=certificate_text.split("Số: ")[1].split()[0])


def _ledger(j: Journey) -> str:
    """The award history block on the winning unit's page."""
    page = _open(j.officer, reverse("organizations:organization-detail", args=[j.units["KH"].pk]))
    assert "Giấy khen (tập thể)" in page and "Cờ thi đua cấp bộ, ban, ngành, tỉnh" in page
    return page


def _unit_downloads_its_certificate(j: Journey, certificate_text: str) -> None:
    """The recipient's unit may download its certificate: it finds it from its own page's award history."""
    certificate = _printed_certificate(certificate_text)
    page = _open(j.scorer_kh, reverse("organizations:organization-detail", args=[j.units["KH"].pk]))
    page = _click(j.scorer_kh, page, reverse("awards:history-detail", args=[certificate.recipient.record.pk]))
    url = reverse("awards:certificate-download", args=[certificate.pk])
    assert len(_pdf(j.scorer_kh.get(_link_target(page, url))).pages) == 1
    decision_url = reverse("awards:decision-detail", args=[certificate.recipient.decision_id])
    assert j.scorer_kh.get(decision_url).status_code == 404  # the decision page stays the officers' and signers'


def _unit_sees_its_nominations(j: Journey) -> None:
    """The scorer of a nominated unit sees that unit's nominations with their state, and no other unit's."""
    page = _open(j.scorer_kh, reverse("awards:nomination-list", args=[j.campaign.pk]))
    assert page.count(WINNER) == 2 and RUNNER_UP not in page and "Awarded by a decision" in page


# --- 5. public verification and revocation ------------------------------------------------------------------------


def _verify(j: Journey, certificate_text: str) -> str:
    response = j.anonymous.get(reverse("verify", args=[_printed_certificate(certificate_text).verify_code]))
    assert response.status_code == 200
    return _text(response)


def _revoke_the_flag(j: Journey, decision, capture) -> AwardDecision:
    """The officer drafts a revocation, keeps only the Cờ thi đua line; the signer issues it."""
    page = _open(j.officer, reverse("awards:decision-detail", args=[decision.pk]))
    url = reverse("awards:decision-followup", args=[decision.pk])
    form = _click(j.officer, page, url)
    data = {"kind": "revocation", "reason": "Phát hiện sai sót trong hồ sơ đề nghị tặng Cờ thi đua."}
    page = _submit(j.officer, form, url, data)
    assert "The draft was created" in page
    revocation = AwardDecision.objects.get(kind="revocation")
    gk_line = revocation.recipients.get(award_type__code="GK_TT")
    url = reverse("awards:recipient-delete", args=[revocation.pk, gk_line.pk])
    confirm = _click(j.officer, page, url)
    page = _submit(j.officer, confirm, url, {})
    assert "The recipient line was removed." in page and "Giấy khen (tập thể)" not in page
    _issue(j, revocation, capture)
    return revocation


def test_the_whole_awards_journey_through_the_web_ui(journey, org_tree, django_capture_on_commit_callbacks):
    j, capture, root = journey, django_capture_on_commit_callbacks, org_tree["root"]
    # The root decides the province-level flag itself (as a province's body would): #13's authority is data.
    AuthorityHolder.objects.create(authority="province_ministry", organization=root, legal_basis="Điều 78 Luật TĐKT")
    _compute_ranking(j, capture)
    _plan_and_nominate(j)
    _disclose(j)
    _unit_comments(j)
    _council(j, root)
    session = CouncilSession.objects.get()
    _agenda(j, session)
    _ballot(j, session, capture)
    decision = _draft_decision(j, root)
    _issue(j, decision, capture)
    texts = _downloads(j, decision)
    assert WINNER in texts["CO_TD_TINH"] and WINNER in texts["GK_TT"]  # the Vietnamese name, read back from the PDF
    for text in texts.values():
        page = _verify(j, text)
        assert "This certificate is authentic and valid." in page and WINNER in page and decision.number_text in page
    assert Nomination.objects.filter(status=NominationStatus.DECIDED).count() == 2
    _unit_sees_its_nominations(j)
    _unit_downloads_its_certificate(j, texts["GK_TT"])
    assert decision.number_text in _ledger(j)
    revocation = _revoke_the_flag(j, decision, capture)
    page = _verify(j, texts["CO_TD_TINH"])
    assert f"This award was revoked by decision {revocation.number_text}" in page
    assert "This certificate is authentic and valid." in _verify(j, texts["GK_TT"])
    assert _ledger(j).count(">revoked<") == 1
