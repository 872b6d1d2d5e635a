"""One world for the permission matrix: two organisation trees, each with an object behind every URL kwarg.

``ours`` is the launching organisation's tree (root ─┬─ dept_a ── ward_a, └─ dept_b ── ward_b) where the ten
roles of the matrix live; ``theirs`` is an unrelated tree built the same way by its own officer, whose ids are
swapped into the URLs to prove that nothing of another organisation leaks. Everything is arranged with the
services (and, for a few states, plain rows as in the award tests); the certificates, the decision document
and the minutes are rendered once so the download views have files to serve.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from awards.api.tokens import api_token_create
from awards.catalogue import services as catalogue_services
from awards.councils.services import ballots as ballot
from awards.councils.services import councils as council_services
from awards.councils.services import minutes as minutes_services
from awards.decisions.services.certificates import certificate_render, decision_document_render
from awards.decisions.services.issuing import decision_issue
from awards.enums import CouncilRole
from awards.exemplary.services import exemplary_create
from awards.models import (
    CampaignReport,
    Certificate,
    CertificateTemplate,
    Proposal,
    ProposalItem,
    Publication,
    PublicComment,
    PublicDisclosure,
)
from awards.nominations.services.dossiers import nomination_document_add
from awards.nominations.services.plans import plan_save
from awards.reports.services import report_generate
from campaigns.models import CriterionRule, Participant
from campaigns.participants import services as ps
from campaigns.planning import services as campaign_services
from campaigns.tables import services as ts
from organizations.enums import Role
from organizations.imports.jobs import import_job_create
from organizations.models import BlocMember
from organizations.notifications.services import notify
from scoring.enums import SubmissionStatus
from scoring.models import Submission
from scoring.submissions.services import evidence_add
from tests.awards.council_factories import custom_award
from tests.awards.factories import (
    AwardDecisionFactory,
    AwardRecordFactory,
    CouncilFactory,
    CouncilMemberFactory,
    DecisionRecipientFactory,
    NominationFactory,
    award_type,
)
from tests.awards.nomination_factories import publish_ranking
from tests.factories import EmulationBlocFactory, MembershipFactory, OrganizationFactory, PersonFactory, UserFactory
from tests.scoring.answers import manual, scored_submission

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
POINTS = (Decimal(40), Decimal(60))

# The ten roles of the matrix: username → (role, organisation key in ``org_tree``).
ROLE_SEATS = {
    "scorer_a": (Role.SCORER, "ward_a"),
    "scorer_b": (Role.SCORER, "ward_b"),
    "reviewer": (Role.REVIEWER, "root"),
    "officer": (Role.OFFICER, "root"),
    "other_officer": (Role.OFFICER, "other"),
    "member": (Role.COUNCIL_MEMBER, "root"),
    "secretary": (Role.COUNCIL_SECRETARY, "root"),
    "signer": (Role.SIGNER, "root"),
    "admin": (Role.ADMIN, "root"),
}
ROLES = ("anonymous", *ROLE_SEATS)


def _user(username: str, role: str, organization):
    user = UserFactory(username=username)
    MembershipFactory(user=user, organization=organization, role=role)
    return user


def _pdf(name: str = "hồ sơ.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def _campaign(root, officer, units, prefix: str):
    """A launched campaign of ``root`` with two phases (the first one open today), a table and three tiers."""
    today = timezone.localdate()
    start, end = today - timedelta(days=60), today + timedelta(days=120)
    campaign = campaign_services.campaign_create(
        launching_organization=root,
        created_by=officer,
        plan_number=f"05-KH/{prefix}",
        plan_date=start,
        signer_name="Lâm Văn Mẫn",
        signer_title="Trưởng Ban",
        name=f"Thi đua năm nay {prefix}",
        start_date=start,
        end_date=end,
        plan_document=_pdf("kế hoạch.pdf"),
    )
    campaign_services.phase_save(campaign=campaign, name="Đợt 1", start_date=start, end_date=today + timedelta(30))
    campaign_services.phase_save(campaign=campaign, name="Đợt 2", start_date=today + timedelta(31), end_date=end)
    table = ts.table_create(campaign=campaign, participant_kind="collective", declared_total=sum(POINTS))
    group = ts.group_save(table=table, code="I", title="Nội dung thi đua")
    criteria = [
        ts.criterion_save(table=table, group=group, code=str(n), text=f"Tiêu chí {n}", max_points=points)
        for n, points in enumerate(POINTS, start=1)
    ]
    ts.tiers_replace(
        campaign=campaign, tiers=[("Xuất sắc", Decimal(90)), ("Khá", Decimal(70)), ("Trung bình", Decimal(0))]
    )
    ps.participants_add_organizations(campaign=campaign, organizations=units)
    campaign = campaign_services.campaign_transition(campaign=campaign, action="launch", actor=officer)
    return campaign, table, group, criteria


def _submission(participant, phase, criteria, status: str) -> Submission:
    """Every (manual) criterion answered with its full points, stored as the services store them."""
    return scored_submission(participant, phase, manual({c.code: c.max_points for c in criteria}), status=status)


def _council(root, prefix: str, secretary, member):
    """A council of ``root``: a chair (a helper account), the secretary and one member."""
    council = CouncilFactory(organization=root, name=f"Hội đồng Thi đua - Khen thưởng {prefix}")
    chair = _user(f"{prefix}chair", Role.COUNCIL_MEMBER, root)
    seats = [(chair, CouncilRole.CHAIR), (secretary, CouncilRole.SECRETARY), (member, CouncilRole.MEMBER)]
    members = [CouncilMemberFactory(council=council, user=user, role=role) for user, role in seats]
    return council, members


def _sessions(council, members, campaign, nominations, secretary):
    """Three sessions: in preparation, voting, and closed with its minutes rendered."""
    when = timezone.now() + timedelta(days=1)
    draft, voting, closed = (
        council_services.session_create(council=council, title=title, scheduled_at=when, campaign=campaign)
        for title in ("Phiên chuẩn bị", "Phiên đang bỏ phiếu", "Phiên đã kết thúc")
    )
    item = council_services.agenda_add(session=draft, nomination=nominations[0])
    for session, nomination in ((voting, nominations[1]), (closed, nominations[2])):
        council_services.agenda_add(session=session, nomination=nomination)
        ballot.session_open(session=session, actor=secretary, early_reason="Họp sớm theo chỉ đạo của Thường trực")
        ballot.attendance_record(session=session, present_member_ids=[m.pk for m in members])
        ballot.voting_start(session=session, actor=secretary)
    for seat in members:
        choices = {agenda.pk: "approve" for agenda in closed.agenda.all()}
        ballot.ballot_cast(session=closed, member=seat, choices=choices)
    ballot.voting_close(session=closed, actor=secretary)
    minutes_services.minutes_render(session_id=closed.pk)
    voting_item = voting.agenda.get()
    return SimpleNamespace(draft=draft, voting=voting, closed=closed, agenda_item=item, voting_item=voting_item)


def _decisions(root, campaign, unit, officer, signer, *, render: bool):
    draft = AwardDecisionFactory(issuing_organization=root, campaign=campaign, created_by=officer)
    draft_line = DecisionRecipientFactory(decision=draft, organization=unit, recipient_name=unit.name, position=1)
    issued = AwardDecisionFactory(issuing_organization=root, campaign=campaign, created_by=officer)
    DecisionRecipientFactory(decision=issued, organization=unit, recipient_name=unit.name, position=1)
    issued = decision_issue(decision=issued, actor=signer, decision_date=timezone.localdate(), enqueue=False)
    certificate = Certificate.objects.get(recipient__decision=issued)
    if render:
        certificate_render(certificate_id=certificate.pk)
        decision_document_render(decision_id=issued.pk)
        certificate.refresh_from_db()
    return SimpleNamespace(draft=draft, draft_line=draft_line, issued=issued, certificate=certificate)


def _report(campaign, officer):
    """A final report of the campaign, generated (its three files are there to download)."""
    report = CampaignReport.objects.create(campaign=campaign, kind="final", requested_by=officer)
    report_generate(report_id=report.pk)
    return report


def build_tree(*, prefix: str, root, unit_a, unit_b, users: dict, render: bool = True) -> SimpleNamespace:
    """Every object a URL of the app names, inside the tree of ``root`` (units A and B take part)."""
    officer, scorer_a, secretary, member, signer = (
        users[k] for k in ("officer", "scorer_a", "secretary", "member", "signer")
    )
    campaign, table, group, criteria = _campaign(root, officer, [unit_a, unit_b], prefix)
    phase1, phase2 = campaign.phases.order_by("position")
    part_a = Participant.objects.get(campaign=campaign, organization=unit_a)
    part_b = Participant.objects.get(campaign=campaign, organization=unit_b)
    registration = ps.registration_submit(
        participant=part_a, user=scorer_a, commitment="Cam kết", products=[{"title": "Sản phẩm thi đua"}]
    )
    bloc = EmulationBlocFactory(organizer=root, name=f"Khối {prefix}")
    for unit in (unit_a, unit_b):
        BlocMember.objects.create(bloc=bloc, organization=unit)
    covenant = ps.covenant_publish(bloc=bloc, title="Giao ước", body="Nội dung", actor=officer, campaign=campaign)

    draft_sub = _submission(part_a, phase1, criteria, SubmissionStatus.DRAFT)  # self-scoring URLs
    submitted_sub = _submission(part_a, phase2, criteria, SubmissionStatus.SUBMITTED)  # review URLs
    evidence = evidence_add(score=draft_sub.scores.order_by("pk").first(), upload=_pdf(), actor=scorer_a)
    run = publish_ranking(campaign, {unit_a: 95, unit_b: 75}, officer=officer)

    plan = plan_save(campaign=campaign, award_type=award_type("GK_TT"), quota=None)
    extra = [OrganizationFactory(name=f"Đơn vị đề nghị {prefix}{n}", parent=root) for n in range(3)]
    nomination = NominationFactory(plan=plan, organization=unit_a, participant=part_a, created_by=officer)
    agenda_nominations = [NominationFactory(plan=plan, organization=org, position=n) for n, org in enumerate(extra, 1)]
    document = nomination_document_add(nomination=nomination, kind="other", upload=_pdf(), actor=officer)
    now = timezone.now()
    disclosure = PublicDisclosure.objects.create(
        campaign=campaign, starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=4), published_by=officer
    )
    disclosure.nominations.set([nomination])

    council, members = _council(root, prefix, secretary, member)
    sessions = _sessions(council, members, campaign, agenda_nominations, secretary)
    decisions = _decisions(root, campaign, unit_a, officer, signer, render=render)
    proposal = Proposal.objects.create(
        proposer=unit_a, recipient=root, session=sessions.closed, title=f"Đề nghị {prefix}", status="submitted"
    )
    ProposalItem.objects.create(proposal=proposal, nomination=agenda_nominations[2])
    sessions.voting_document = nomination_document_add(
        nomination=agenda_nominations[1], kind="other", upload=_pdf(), actor=officer
    )

    own_award = custom_award(f"{prefix}RIENG", percent=50, base="present", inclusive=False, owner=root)
    prerequisite = catalogue_services.prerequisite_add(
        award_type=own_award, required_code="GK_TT", times=1, scope="any"
    )
    account_user = UserFactory(username=f"login_{prefix.lower()}")
    account_membership = MembershipFactory(user=account_user, organization=unit_a, role=Role.SCORER)
    return SimpleNamespace(
        root=root,
        unit_a=unit_a,
        unit_b=unit_b,
        person=PersonFactory(organization=unit_a),
        account_person=PersonFactory(organization=unit_a, user=account_user),
        account_membership=account_membership,
        bloc=bloc,
        import_job=import_job_create(
            kind="people", file_name="x.csv", content=b"code\n", created_by=officer, enqueue=False
        ),
        campaign=campaign,
        phase=phase1,
        table=table,
        group=group,
        criterion=criteria[0],
        # Added around the services: the campaign is launched, and table edits are for drafts only.
        rule=CriterionRule.objects.create(criterion=criteria[0], code="1.1", kind="deduction", per="once", points=1),
        participant=part_a,
        participant_b=part_b,
        registration=registration,
        product=registration.products.get(),
        covenant=covenant,
        draft_submission=draft_sub,
        draft_score=draft_sub.scores.order_by("pk").first(),
        submitted_submission=submitted_sub,
        submitted_score=submitted_sub.scores.order_by("pk").first(),
        evidence=evidence,
        run=run,
        plan=plan,
        nomination=nomination,
        document=document,
        disclosure=disclosure,
        council=council,
        council_member=members[2],
        sessions=sessions,
        decisions=decisions,
        proposal=proposal,
        award=own_award,
        prerequisite=prerequisite,
        record=AwardRecordFactory(organization=unit_a, created_by=officer),
        template=CertificateTemplate.objects.create(organization=root, name=f"Phôi {prefix}"),
        notification=notify(event="reminder", recipients=[scorer_a], context={"phase": prefix}, link="/")[0],
        api_token=api_token_create(organization=root, name=f"API {prefix}", actor=None)[0],
        report=_report(campaign, officer),
        exemplary=exemplary_create(
            organization=unit_a,
            kind="method",
            name=f"Điển hình {prefix}",
            description="",
            date=timezone.localdate(),
            evidence="Báo cáo",
            actor=officer,
        ),
        publication=Publication.objects.create(organization=root, publish_rankings=True, publish_decisions=True),
        public_comment=PublicComment.objects.create(
            disclosure=disclosure, author_name="Người dân", contact="nguoidan@example.com", body="Ý kiến"
        ),
    )


def build_world(org_tree) -> SimpleNamespace:
    """The users of the ten roles, our tree (``ours``) and an unrelated one (``theirs``)."""
    users = {name: _user(name, role, org_tree[key]) for name, (role, key) in ROLE_SEATS.items()}
    ours = build_tree(
        prefix="A", root=org_tree["root"], unit_a=org_tree["ward_a"], unit_b=org_tree["ward_b"], users=users
    )
    other = org_tree["other"]
    their_units = [OrganizationFactory(code=f"OT{n}", name=f"Phường khác {n}", parent=other) for n in (1, 2)]
    helpers = {
        "officer": users["other_officer"],
        "scorer_a": _user("their_scorer", Role.SCORER, their_units[0]),
        "secretary": _user("their_secretary", Role.COUNCIL_SECRETARY, other),
        "member": _user("their_member", Role.COUNCIL_MEMBER, other),
        "signer": _user("their_signer", Role.SIGNER, other),
    }
    theirs = build_tree(
        prefix="T", root=other, unit_a=their_units[0], unit_b=their_units[1], users=helpers, render=False
    )
    return SimpleNamespace(users=users, ours=ours, theirs=theirs)
