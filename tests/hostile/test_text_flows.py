"""Hostile text through the real flows: XSS and template-injection strings typed into the forms of the review,
self-scoring, disclosure, nomination, council and decision pages are shown escaped on every page that displays
them, printed literally into the decision PDF, the certificate and the minutes rendered by the real tasks
(in-process) with no fetch, and written as plain strings into the ranking .xlsx.

Each field gets a slice of the corpus of tests/hostile/test_text.py (every string is used at least once).
Prints "hostile text (flows): N strings × F fields, 0 unescaped, 0 fetches" (run with -s).
"""

from __future__ import annotations

import io
import logging

import openpyxl
import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from awards.councils.services import ballots as ballot
from awards.councils.services import councils as council_services
from awards.decisions.services.drafts import HEADER_FIELDS
from awards.models import AwardDecision, Certificate, CouncilMember, CouncilSession, Nomination
from organizations.models import Organization
from scoring.models import RankingRun
from tests.awards.factories import NominationFactory
from tests.factories import OrganizationFactory
from tests.hostile.test_text import _connections, _formula_cells, _unescaped, listener, payloads  # noqa: F401 - listener: fixture
from tests.permissions.routes import client_for
from tests.permissions.world import ROLE_SEATS, _user, build_tree

pytestmark = pytest.mark.django_db
FETCHER_LOGGER = "common.pdf.fetcher"


@pytest.fixture
def tree(org_tree, settings, tmp_path):
    """One organisation tree with every object (tests/permissions/world.py), PDFs not rendered yet."""
    settings.MEDIA_ROOT = tmp_path / "media"
    users = {name: _user(name, role, org_tree[key]) for name, (role, key) in ROLE_SEATS.items()}
    built = build_tree(
        prefix="H", root=org_tree["root"], unit_a=org_tree["ward_a"], unit_b=org_tree["ward_b"], users=users
    )
    built.users = users
    return built


def _post(user, url: str, data: dict, *, ok=(302,)):
    response = client_for(user).post(url, data)
    assert response.status_code in ok, (url, response.status_code, response.content[:800])
    return response


def _joined(strings: list[str]) -> str:
    return "\n".join(strings)


# --- the flows: each types its slice of strings through the real forms and returns {field: strings} -----------------


def _review(tree, s) -> dict:
    """A reviewer's reasons (one verify per string, each kept in the history) and the return reason."""
    submission, score = tree.submitted_submission, tree.submitted_score
    url = reverse("scoring:score-verify", args=[submission.pk, score.pk])
    prefix = f"s{score.pk}"
    for n, text in enumerate(s[0:8]):
        score.refresh_from_db()
        points = score.max_points - 1 - n % 2  # differs from the unit's answer: the reason is required
        data = {f"{prefix}-points": str(points), f"{prefix}-note": text, f"{prefix}-version": str(score.version)}
        _post(tree.users["reviewer"], url, data)
        score.refresh_from_db()
        assert score.review_note == text.strip()
    url = reverse("scoring:submission-return", args=[submission.pk])
    _post(tree.users["reviewer"], url, {"reason": _joined(s[8:16])})
    submission.refresh_from_db()
    assert submission.status == "returned"
    return {"review reason": s[0:8], "return reason": s[8:16]}


def _self_notes(tree, s) -> dict:
    submission, score = tree.draft_submission, tree.draft_score
    url = reverse("scoring:submission-score-save", args=[submission.pk, score.pk])
    prefix = f"s{score.pk}"
    for n, text in enumerate(s[16:24]):
        score.refresh_from_db()
        data = {f"{prefix}-points": str(10 + n), f"{prefix}-note": text, f"{prefix}-version": str(score.version)}
        _post(tree.users["scorer_a"], url, data)
    return {"self-score note": s[16:24]}


def _comments(tree, s) -> dict:
    disclosure = tree.disclosure
    url = reverse("awards:disclosure-comment", args=[tree.campaign.pk, disclosure.pk])
    for text in s[24:30]:
        _post(tree.users["scorer_a"], url, {"body": text})
    assert disclosure.comments.count() == 6
    return {"disclosure comment": s[24:30]}


def _nominations(tree, s) -> dict:
    """The withdrawal reason through its form; the achievement wording has no form of its own (it is copied into
    decision lines, whose achievement field goes through the recipient form below), so it is stored directly."""
    Nomination.objects.filter(pk=tree.nomination.pk).update(achievement=_joined(s[36:40]))
    withdrawn = NominationFactory(plan=tree.plan, organization=OrganizationFactory(name=s[30], parent=tree.root))
    url = reverse("awards:nomination-withdraw", args=[tree.campaign.pk, withdrawn.pk])
    _post(tree.users["officer"], url, {"reason": _joined(s[30:36])})
    tree.withdrawn = withdrawn
    return {"withdrawal reason": s[30:36], "nomination achievement": s[36:40]}


def _council(tree, s, captured) -> dict:
    """Council name and session titles through their forms; one new session voted and closed (minutes task)."""
    council = tree.council
    url = reverse("awards:council-update", args=[council.pk])
    _post(tree.users["officer"], url, {"name": s[40], "is_active": "on"})
    when = (timezone.localtime() + timezone.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    for text in s[41:45]:
        data = {"title": text, "campaign": tree.campaign.pk, "scheduled_at": when, "place_name": text, "place": text}
        _post(tree.users["secretary"], reverse("awards:session-create", args=[council.pk]), data)
    session = CouncilSession.objects.filter(council=council, title=s[44]).get()
    nominee = NominationFactory(plan=tree.plan, organization=OrganizationFactory(name=s[45], parent=tree.root))
    council_services.agenda_add(session=session, nomination=nominee)
    seats = list(CouncilMember.objects.filter(council=council))
    ballot.session_open(session=session, actor=tree.users["secretary"], early_reason=f"Họp sớm {text}")
    ballot.attendance_record(session=session, present_member_ids=[m.pk for m in seats])
    ballot.voting_start(session=session, actor=tree.users["secretary"])
    for seat in seats:
        ballot.ballot_cast(session=session, member=seat, choices={item.pk: "approve" for item in session.agenda.all()})
    with captured(execute=True):  # the minutes task runs after commit, in-process
        ballot.voting_close(session=session, actor=tree.users["secretary"])
    tree.hostile_session = session
    return {"council name": [s[40]], "session title / place": s[41:45], "agenda recipient": [s[45]]}


def _decision(tree, s, captured) -> dict:
    """Title, legal basis and the recipient line through the forms; the signer issues it (PDF tasks run)."""
    officer, draft, line = tree.users["officer"], tree.decisions.draft, tree.decisions.draft_line
    header = {k: v or "" for k, v in model_to_dict(draft, fields=HEADER_FIELDS).items()}
    header |= {"title": f"{s[0]} {s[46]}", "legal_basis": _joined(s[47:52]), "body": s[4]}
    _post(officer, reverse("awards:decision-update", args=[draft.pk]), header)
    fields = {
        "award_type": line.award_type_id,
        "recipient_name": s[52],
        "recipient_detail": s[53],
        "achievement": _joined([s[0], *s[54:56]]),
        "position": "1",
    }
    _post(officer, reverse("awards:recipient-update", args=[draft.pk, line.pk]), fields)
    issue = {"decision_date": timezone.localdate().isoformat(), "symbol": "QĐ-H"}
    with captured(execute=True):  # certificate and decision PDF tasks after commit, in-process
        _post(tree.users["signer"], reverse("awards:decision-issue", args=[draft.pk]), issue)
    assert AwardDecision.objects.get(pk=draft.pk).status == "issued"
    return {
        "decision title": [s[0], s[46]],
        "legal basis": s[47:52],
        "decision body": [s[4]],
        "recipient name": [s[52]],
        "recipient detail": [s[53]],
        "recipient achievement": [s[0], *s[54:56]],
    }


# --- checks -------------------------------------------------------------------------------------------------------


def _pages(tree) -> list[tuple[object, str]]:
    users, campaign = tree.users, tree.campaign
    session = tree.hostile_session
    return [
        (users["reviewer"], reverse("scoring:submission-history", args=[tree.submitted_submission.pk])),
        (users["scorer_a"], reverse("scoring:submission-history", args=[tree.submitted_submission.pk])),
        (users["scorer_a"], reverse("scoring:submission-detail", args=[tree.submitted_submission.pk])),
        (users["reviewer"], reverse("scoring:submission-review", args=[tree.submitted_submission.pk])),
        (users["scorer_a"], reverse("scoring:submission-history", args=[tree.draft_submission.pk])),
        (users["scorer_a"], reverse("scoring:submission-detail", args=[tree.draft_submission.pk])),
        (users["officer"], reverse("awards:disclosure-detail", args=[campaign.pk, tree.disclosure.pk])),
        (users["scorer_a"], reverse("awards:disclosure-detail", args=[campaign.pk, tree.disclosure.pk])),
        (users["officer"], reverse("awards:nomination-detail", args=[campaign.pk, tree.withdrawn.pk])),
        (users["officer"], reverse("awards:nomination-detail", args=[campaign.pk, tree.nomination.pk])),
        (users["officer"], reverse("awards:nomination-list", args=[campaign.pk])),
        (users["officer"], reverse("awards:council-list")),
        (users["officer"], reverse("awards:council-detail", args=[tree.council.pk])),
        (users["secretary"], reverse("awards:session-detail", args=[session.pk])),
        (users["officer"], reverse("awards:decision-list")),
        (users["officer"], reverse("awards:decision-detail", args=[tree.decisions.draft.pk])),
        (users["signer"], reverse("awards:decision-detail", args=[tree.decisions.draft.pk])),
        (users["officer"], "/"),
    ]


def _pdf_text(path) -> str:
    with open(path, "rb") as handle:
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    return " ".join(text.split())


def _pdfs(tree) -> dict[str, str]:
    certificate = Certificate.objects.get(recipient=tree.decisions.draft_line)
    session = CouncilSession.objects.get(pk=tree.hostile_session.pk)
    document = AwardDecision.objects.get(pk=tree.decisions.draft.pk).document
    for row in (certificate, document):
        assert row.status == "done", (row, row.error)
    assert session.minutes_file, "the minutes were not rendered"
    return {
        "decision": _pdf_text(document.file.path),
        "certificate": _pdf_text(certificate.file.path),
        "minutes": _pdf_text(session.minutes_file.path),
    }


def _ranking_export(tree, s, captured) -> list[str]:
    """Participants named with formula strings, a new ranking computed by its task, the .xlsx exported."""
    formulas = [text for text in s if text.startswith(("=", "+", "-", "@"))]
    Organization.objects.filter(pk=tree.unit_a.pk).update(name=formulas[0])
    Organization.objects.filter(pk=tree.unit_b.pk).update(name=formulas[1])
    officer = tree.users["officer"]
    with captured(execute=True):
        _post(officer, reverse("scoring:ranking-request", args=[tree.campaign.pk]), {"tie_break": "shared"})
    run = RankingRun.objects.filter(campaign=tree.campaign, phase=None).latest("pk")
    assert run.status == "done", run.status
    response = client_for(officer).get(reverse("scoring:ranking-export", args=[tree.campaign.pk, run.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert _formula_cells(content) == []
    values = {
        cell.value
        for sheet in openpyxl.load_workbook(io.BytesIO(content)).worksheets
        for row in sheet.iter_rows()
        for cell in row
    }
    assert {formulas[0], formulas[1]} <= values  # the names, unchanged, as strings
    return formulas[:2]


def test_hostile_text_through_the_flows(tree, listener, caplog, django_capture_on_commit_callbacks):  # noqa: F811
    s = payloads(listener.getsockname()[1])
    caplog.set_level(logging.WARNING, logger=FETCHER_LOGGER)
    fields = {}
    fields |= _review(tree, s)
    fields |= _self_notes(tree, s)
    fields |= _comments(tree, s)
    fields |= _nominations(tree, s)
    fields |= _council(tree, s, django_capture_on_commit_callbacks)
    fields |= _decision(tree, s, django_capture_on_commit_callbacks)
    fields["ranking participant name (.xlsx)"] = _ranking_export(tree, s, django_capture_on_commit_callbacks)

    unescaped, shown = [], set()
    for user, url in _pages(tree):
        response = client_for(user).get(url)
        assert response.status_code == 200, (user, url, response.status_code)
        body = response.content.decode()
        unescaped += [(url, text) for text in _unescaped(body, s)]
        shown |= {text for text in s if str(_escaped(text)) in body}
    texts = _pdfs(tree)
    for name, marker in (("decision", s[0]), ("certificate", s[0]), ("minutes", s[44])):
        assert " ".join(marker.split()) in texts[name], (name, marker)  # printed literally, never interpreted
    assert "{{ 7*7 }}" in texts["decision"]  # the body's template tag, as typed
    refused = [r.getMessage() for r in caplog.records if r.name == FETCHER_LOGGER]
    fetches = len(refused) + _connections(listener)

    used = {text for strings in fields.values() for text in strings}
    print(
        f"\nhostile text (flows): {len(used)} strings × {len(fields)} fields on {len(_pages(tree))} pages + "
        f"{len(texts)} PDFs + 1 .xlsx, {len(unescaped)} unescaped, {fetches} fetches"
    )
    assert len(used) >= 50
    assert unescaped == [], unescaped[:10]
    assert fetches == 0, refused
    missing = {field for field, strings in fields.items() if not any(t in shown for t in strings)}
    assert missing <= {"nomination achievement", "ranking participant name (.xlsx)"}, missing


def _escaped(text: str) -> str:
    from django.utils.html import escape

    return escape(text)
