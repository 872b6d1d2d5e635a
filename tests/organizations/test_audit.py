"""The audit log: append-only in the database, written by the services' steps and by every admin action, and shown
to administrators and officers within their reach, with filters."""

# ruff: noqa: F811 - the fixtures imported from decision_factories are used as parameters

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from awards.councils.services import ballots as ballot
from awards.models import AgendaItem
from organizations.audit import audit_record
from organizations.models import AuditEntry, Person
from tests.awards.council_factories import campaign_with_nominations, council_with_members, custom_award, session_voting
from tests.awards.decision_factories import draft_decision, issue, media, signer  # noqa: F401
from tests.factories import PersonFactory, UserFactory
from tests.scoring.phases_world import build_campaign, days, score_and_submit

pytestmark = pytest.mark.django_db
AUDIT = reverse("organizations:audit-list")


def _refused(action):
    with pytest.raises(IntegrityError), transaction.atomic():
        action()


def test_lines_cannot_be_changed_or_deleted(org_tree, officer):
    entry = audit_record(actor=officer, action="test.step", obj=org_tree["ward_a"], before={"a": 1}, after={"a": 2})
    _refused(lambda: AuditEntry.objects.filter(pk=entry.pk).update(reason="rewritten"))
    _refused(lambda: AuditEntry.objects.filter(pk=entry.pk).delete())

    def raw():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM organizations_auditentry WHERE id = %s", [entry.pk])

    _refused(raw)
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.actor_name, stored.organization_path, stored.before, stored.after) == (
        "officer",
        org_tree["ward_a"].path,
        {"a": 1},
        {"a": 2},
    )


def test_session_steps_are_logged_and_nothing_about_ballots(org_tree, officer):
    council, members = council_with_members(org_tree["root"], 3)
    award = custom_award("QUA_BAN", percent=50, base="all", inclusive=False)
    _campaign, nominations = campaign_with_nominations(org_tree, officer, award=award, count=1)
    session = session_voting(council, members, nominations)
    item = AgendaItem.objects.get(session=session)
    for member in members:
        ballot.ballot_cast(session=session, member=member, choices={item.pk: "approve"})
    ballot.voting_close(session=session, actor=members[1].user)

    lines = AuditEntry.objects.filter(object_type="awards.councilsession", object_id=str(session.pk))
    actions = list(lines.order_by("pk").values_list("action", flat=True))
    assert actions == ["session.open", "session.attendance", "session.voting_start", "session.voting_close"]
    closing = lines.get(action="session.voting_close")
    assert closing.before == {"status": "voting"} and closing.after["status"] == "closed"
    assert closing.after["results"] == {str(item.nomination_id): "approved"}
    assert closing.organization_id == org_tree["root"].pk and closing.actor == members[1].user
    assert not AuditEntry.objects.filter(action__icontains="ballot").exists()
    voter_ids = {m.user_id for m in members}
    assert not AuditEntry.objects.filter(actor_id__in=voter_ids - {members[1].user_id}).exists()


def test_issuing_a_decision_and_submitting_are_logged(org_tree, officer, signer, media, client, scorer_a):
    decision = issue(draft_decision(org_tree["root"], lines=1), signer)
    line = AuditEntry.objects.get(action="decision.issue.award", object_id=str(decision.pk))
    assert line.after["number"] == decision.number_text and line.actor == signer
    assert line.organization_name == org_tree["root"].name

    campaign = build_campaign(
        organization=org_tree["root"],
        officer=officer,
        phases=[("Cả năm", days(-20), days(20))],
        organizations=[org_tree["ward_a"]],
    )
    assert AuditEntry.objects.filter(action="campaign.launch", object_id=str(campaign.pk)).exists()
    client.force_login(scorer_a)
    participant = campaign.participants.get(organization=org_tree["ward_a"])
    submission = score_and_submit(client, participant, campaign.phases.get(), 60, 35)
    submitted = AuditEntry.objects.get(action="submission.submit", object_id=str(submission.pk))
    assert submitted.organization_id == org_tree["ward_a"].pk and submitted.after == {"status": "submitted"}
    assert not AuditEntry.objects.filter(action="submission.self_score").exists()


def test_admin_changes_and_deletes_are_logged_with_before_and_after(client, org_tree):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    person = PersonFactory(organization=org_tree["ward_a"], full_name="Lê Văn Tám")
    response = client.post(reverse("admin:organizations_person_delete", args=[person.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Person.objects.filter(pk=person.pk).exists()
    line = AuditEntry.objects.get(action="admin.delete", object_type="organizations.person")
    assert line.before["full_name"] == "Lê Văn Tám" and line.object_id == str(person.pk)
    assert line.organization_id == org_tree["ward_a"].pk and line.actor == root

    # Users and groups (Django's own admin pages) are audited the same way; a password hash never reaches the log.
    client.post(reverse("admin:auth_group_add"), {"name": "Thư ký"})
    group = Group.objects.get(name="Thư ký")
    added = AuditEntry.objects.get(action="admin.add", object_type="auth.group", object_id=str(group.pk))
    assert added.after["name"] == "Thư ký"
    user = UserFactory(username="canbo_moi", email="cu@example.com")
    page = client.get(reverse("admin:auth_user_change", args=[user.pk]))
    data = {k: v for k, v in page.context["adminform"].form.initial.items() if v is not None and k != "password"}
    data |= {"username": "canbo_moi", "email": "moi@example.com", "date_joined_0": "2026-01-01",
             "date_joined_1": "08:00:00", "groups": [], "user_permissions": []}  # fmt: skip
    data.pop("last_login", None)
    assert client.post(reverse("admin:auth_user_change", args=[user.pk]), data).status_code == 302
    changed = AuditEntry.objects.get(action="admin.change", object_type="auth.user", object_id=str(user.pk))
    assert (changed.before["email"], changed.after["email"]) == ("cu@example.com", "moi@example.com")
    assert changed.before["password"] == changed.after["password"] == "<ẩn>"


@pytest.fixture
def lines(org_tree, officer):
    ward = audit_record(actor=officer, action="campaign.launch", obj=org_tree["ward_a"], reason="Khởi động đợt phường")
    other = audit_record(actor=officer, action="campaign.launch", obj=org_tree["other"], reason="Đơn vị ngoài")
    nowhere = audit_record(actor=officer, action="admin.add", object_type="auth.group", object_id=1)
    return ward, other, nowhere


def test_the_viewer_shows_what_is_within_reach(client, lines, officer, other_officer, scorer_a):
    ward, other, nowhere = lines
    client.force_login(officer)
    html = client.get(AUDIT).content.decode()
    assert "Khởi động đợt phường" in html and "Đơn vị ngoài" not in html and "auth.group" not in html

    client.force_login(other_officer)
    html = client.get(AUDIT).content.decode()
    assert "Đơn vị ngoài" in html and "Khởi động đợt phường" not in html

    client.force_login(scorer_a)
    assert client.get(AUDIT).status_code == 404

    client.force_login(UserFactory(username="root", is_superuser=True))
    html = client.get(AUDIT).content.decode()
    assert "Khởi động đợt phường" in html and "Đơn vị ngoài" in html and "auth.group" in html


def test_the_viewer_filters_and_refuses_bad_filters_without_error(client, lines, org_tree, officer):
    client.force_login(officer)
    today = timezone.localdate()
    found = client.get(AUDIT, {"actor": "officer", "since": today.isoformat()})
    assert "Khởi động đợt phường" in found.content.decode()
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert "Khởi động đợt phường" not in client.get(AUDIT, {"since": tomorrow}).content.decode()
    assert "Khởi động đợt phường" not in client.get(AUDIT, {"actor": "someone"}).content.decode()
    assert "Khởi động đợt phường" not in client.get(AUDIT, {"organization": org_tree["ward_b"].pk}).content.decode()
    assert "Khởi động đợt phường" in client.get(AUDIT, {"object_type": "organizations.organization"}).content.decode()
    # Another organisation's id is not a choice; dates out of order are an error on the form, never a 500.
    outside = client.get(AUDIT, {"organization": org_tree["other"].pk})
    assert outside.status_code == 200 and "Đơn vị ngoài" not in outside.content.decode()
    backwards = client.get(AUDIT, {"since": tomorrow, "until": today.isoformat()})
    assert backwards.status_code == 200
    for bad in ("-1", "99999999999999999999999", "abc", "\x00", "ngày"):
        assert client.get(AUDIT, {"organization": bad, "since": bad, "page": bad}).status_code in (200, 400)


def test_the_navigation_links_the_audit_log_for_officers(client, officer, scorer_a):
    client.force_login(officer)
    assert AUDIT in client.get(reverse("home")).content.decode()
    client.force_login(scorer_a)
    assert AUDIT not in client.get(reverse("home")).content.decode()


class _Form(HTMLParser):
    """The fields of an admin change page as a browser would post them (inputs, selects, textareas)."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            value = a.get("value", "on" if a.get("type") in ("checkbox", "radio") else "")
            # a browser posts a number field's value in the dot notation it was given (the admin localises it)
            self.data[a["name"]] = value.replace(",", ".") if a.get("type") == "number" else value
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self.data.setdefault(a["name"], "")
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.data[a["name"]] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def test_admin_inline_rows_are_logged_with_their_id_and_before(client):
    from awards.models import AwardPrerequisite, AwardType

    root = UserFactory(username="root_inline", is_superuser=True, is_staff=True)
    client.force_login(root)
    award = AwardType.objects.filter(prerequisites__isnull=False).order_by("pk").first()
    prerequisite = award.prerequisites.order_by("pk").first()
    url = reverse("admin:awards_awardtype_change", args=[award.pk])
    parser = _Form()
    parser.feed(client.get(url).content.decode())
    data = {k: v for k, v in parser.data.items() if "__prefix__" not in k}
    index = next(k.split("-")[1] for k, v in data.items() if k.endswith("-id") and v == str(prerequisite.pk))
    data[f"prerequisites-{index}-DELETE"] = "on"

    response = client.post(url, data)

    assert response.status_code == 302, re.findall(r"errorlist[^>]*>(.{0,200})", response.content.decode(), re.S)
    assert not AwardPrerequisite.objects.filter(pk=prerequisite.pk).exists()
    line = AuditEntry.objects.get(action="admin.delete", object_type="awards.awardprerequisite")
    assert line.object_id == str(prerequisite.pk) and line.before["required_code"] == prerequisite.required_code
