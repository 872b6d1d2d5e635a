"""Every URL pattern of the project, the world object behind each of its kwargs, and a request runner.

A kwarg value is a dotted path into a tree of ``world.build_tree`` (``"sessions.draft"``), or a literal
written ``"=value"`` (``"=launch"``). The same paths read in the other tree give the ids of "their"
objects for the cross-organisation checks.
"""

from __future__ import annotations

from django.conf import settings
from django.core.signals import request_finished
from django.db import close_old_connections, transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

# Excluded on purpose, each with its reason.
EXCLUDED_PREFIXES = {
    "admin/": "Django admin: staff-only, guarded by the admin site itself (tests/organizations/test_admin.py).",
    "static/": "static files served in DEBUG only; public by nature.",
    "i18n/": "set_language: public by design (it only sets the language cookie).",
    "accounts/": "login, logout and password change: Django's auth views (tests/organizations/test_auth.py).",
}

# URL name → {kwarg: path into a tree, or "=literal"}; a URL without kwargs maps to {}.
KWARGS: dict[str, dict[str, str]] = {
    "home": {},
    "healthz": {},
    "readyz": {},
    "verify": {"code": "decisions.certificate.verify_code"},
    "verify-search": {},
    "calendar": {},
    "calendar-feed": {"token": "=no-such-token"},
    # the read-only JSON API (token only: a session login is not enough) and its token pages
    "api:api-root": {},
    "api:openapi-json": {},
    "api:ranking_list": {},
    "api:ranking_entries": {"run_id": "=1"},
    "api:decision_list": {},
    "api:award_list": {},
    "awards:apitoken-list": {},
    "awards:apitoken-revoke": {"pk": "api_token"},
    "awards:report-list": {"campaign_pk": "campaign"},
    "awards:statistics-index": {},
    "awards:exemplary-list": {},
    "awards:exemplary-create": {},
    "awards:exemplary-detail": {"pk": "exemplary"},
    "awards:exemplary-propose": {"pk": "exemplary"},
    "awards:exemplary-confirm": {"pk": "exemplary"},
    "awards:exemplary-adopt": {"pk": "exemplary"},
    "awards:public-comment-queue": {},
    "awards:public-comment-moderate": {"pk": "public_comment"},
    "awards:publication-edit": {"pk": "root"},
    # the public pages (no login)
    "public:index": {},
    "public:disclosure": {"pk": "disclosure"},
    "public:organization": {"pk": "root"},
    "public:ranking": {"pk": "root", "run_pk": "run"},
    "public:decision": {"pk": "root", "decision_pk": "decisions.issued"},
    "awards:statistics-detail": {"pk": "root", "year": "=2024"},
    "awards:statistics-input": {"pk": "root", "year": "=2024"},
    "awards:statistics-download": {"pk": "root", "year": "=2024", "fmt": "=xlsx"},
    "awards:report-detail": {"campaign_pk": "campaign", "pk": "report"},
    "awards:report-download": {"campaign_pk": "campaign", "pk": "report", "fmt": "=xlsx"},
    # organisations
    "organizations:organization-list": {},
    "organizations:organization-create": {},
    "organizations:organization-detail": {"pk": "unit_a"},
    "organizations:organization-update": {"pk": "unit_a"},
    "organizations:person-list": {},
    "organizations:person-create": {},
    "organizations:person-detail": {"pk": "person"},
    "organizations:person-update": {"pk": "person"},
    "organizations:bloc-list": {},
    "organizations:bloc-detail": {"pk": "bloc"},
    "organizations:import-create": {},
    "organizations:import-detail": {"pk": "import_job"},
    "organizations:import-template": {"kind": "=people"},
    "organizations:audit-list": {},
    "organizations:lockout-list": {},
    "organizations:person-account": {"pk": "account_person"},
    "organizations:person-account-create": {"pk": "person"},
    "organizations:person-role-add": {"pk": "account_person"},
    "organizations:person-role-remove": {"pk": "account_person", "membership_pk": "account_membership"},
    "organizations:person-account-active": {"pk": "account_person"},
    "organizations:person-account-password": {"pk": "account_person"},
    "organizations:lockout-unlock": {},
    "organizations:notification-list": {},
    "organizations:notification-bell": {},
    "organizations:notification-read-all": {},
    "organizations:notification-preferences": {},
    "organizations:notification-read": {"pk": "notification"},
    # campaigns
    "campaigns:campaign-list": {},
    "campaigns:campaign-create": {},
    "campaigns:campaign-detail": {"pk": "campaign"},
    "campaigns:campaign-update": {"pk": "campaign"},
    "campaigns:campaign-plan-document": {"pk": "campaign"},
    "campaigns:campaign-delete": {"pk": "campaign"},
    "campaigns:campaign-transition": {"pk": "campaign", "action": "=close_scoring"},
    "campaigns:phase-create": {"pk": "campaign"},
    "campaigns:phase-update": {"pk": "campaign", "phase_pk": "phase"},
    "campaigns:participant-list": {"pk": "campaign"},
    "campaigns:participant-scorer": {"pk": "campaign", "participant_pk": "participant"},
    "campaigns:phase-window": {"pk": "campaign"},
    "campaigns:participant-add-organization": {"pk": "campaign"},
    "campaigns:participant-add-bloc": {"pk": "campaign"},
    "campaigns:participant-add-selected": {"pk": "campaign"},
    "campaigns:participant-remove": {"pk": "campaign"},
    "campaigns:registration-list": {"pk": "campaign"},
    "campaigns:registration-detail": {"pk": "campaign", "participant_pk": "participant"},
    "campaigns:registration-product-add": {"pk": "campaign", "participant_pk": "participant"},
    "campaigns:registration-product-update": {
        "pk": "campaign",
        "participant_pk": "participant",
        "product_pk": "product",
    },
    "campaigns:registration-product-delete": {
        "pk": "campaign",
        "participant_pk": "participant",
        "product_pk": "product",
    },
    "campaigns:covenant-list": {"pk": "campaign"},
    "campaigns:covenant-create": {"pk": "campaign"},
    "campaigns:covenant-detail": {"pk": "campaign", "covenant_pk": "covenant"},
    "campaigns:covenant-sign": {"pk": "campaign", "covenant_pk": "covenant"},
    "campaigns:campaign-clone": {"pk": "campaign"},
    "campaigns:table-list": {"pk": "campaign"},
    "campaigns:table-create": {"pk": "campaign"},
    "campaigns:table-import": {"pk": "campaign"},
    "campaigns:table-detail": {"pk": "campaign", "table_pk": "table"},
    "campaigns:table-update": {"pk": "campaign", "table_pk": "table"},
    "campaigns:table-delete": {"pk": "campaign", "table_pk": "table"},
    "campaigns:table-preview": {"pk": "campaign", "table_pk": "table"},
    "campaigns:table-export": {"pk": "campaign", "table_pk": "table"},
    "campaigns:table-group-create": {"pk": "campaign", "table_pk": "table"},
    "campaigns:table-group-update": {"pk": "campaign", "table_pk": "table", "group_pk": "group"},
    "campaigns:table-group-delete": {"pk": "campaign", "table_pk": "table", "group_pk": "group"},
    "campaigns:table-group-move": {"pk": "campaign", "table_pk": "table", "group_pk": "group", "direction": "=up"},
    "campaigns:table-criterion-create": {"pk": "campaign", "table_pk": "table", "group_pk": "group"},
    "campaigns:table-criterion-update": {"pk": "campaign", "table_pk": "table", "criterion_pk": "criterion"},
    "campaigns:table-criterion-delete": {"pk": "campaign", "table_pk": "table", "criterion_pk": "criterion"},
    "campaigns:table-criterion-move": {
        "pk": "campaign",
        "table_pk": "table",
        "criterion_pk": "criterion",
        "direction": "=down",
    },
    "campaigns:table-template": {"pk": "campaign"},
    "campaigns:table-rule-create": {"pk": "campaign", "table_pk": "table", "criterion_pk": "criterion"},
    "campaigns:table-rule-update": {"pk": "campaign", "table_pk": "table", "rule_pk": "rule"},
    "campaigns:table-rule-delete": {"pk": "campaign", "table_pk": "table", "rule_pk": "rule"},
    "campaigns:table-rule-move": {"pk": "campaign", "table_pk": "table", "rule_pk": "rule", "direction": "=down"},
    "campaigns:tier-list": {"pk": "campaign"},
    # scoring
    "scoring:submission-list": {},
    "scoring:submission-start": {"participant_pk": "participant", "phase_pk": "phase"},
    "scoring:submission-detail": {"pk": "draft_submission"},
    "scoring:submission-score-save": {"pk": "draft_submission", "score_pk": "draft_score"},
    "scoring:submission-submit": {"pk": "draft_submission"},
    "scoring:submission-reopen": {"pk": "submitted_submission"},
    "scoring:evidence-add": {"pk": "draft_submission", "score_pk": "draft_score"},
    "scoring:evidence-download": {"pk": "draft_submission", "evidence_pk": "evidence"},
    "scoring:evidence-remove": {"pk": "draft_submission", "evidence_pk": "evidence"},
    "scoring:review-queue": {},
    "scoring:submission-review": {"pk": "submitted_submission"},
    "scoring:score-verify": {"pk": "submitted_submission", "score_pk": "submitted_score"},
    "scoring:submission-return": {"pk": "submitted_submission"},
    "scoring:submission-approve": {"pk": "submitted_submission"},
    "scoring:submission-history": {"pk": "draft_submission"},
    "scoring:extension-grant": {"participant_pk": "participant"},
    "scoring:results-list": {},
    "scoring:results-submission": {"pk": "submitted_submission"},
    "scoring:results-participant": {"pk": "participant"},
    "scoring:ranking-list": {"pk": "campaign"},
    "scoring:ranking-list-phase": {"pk": "campaign", "phase_pk": "phase"},
    "scoring:ranking-request": {"pk": "campaign"},
    "scoring:rankingentry-detail": {"pk": "campaign", "run_pk": "run", "participant_pk": "participant"},
    "scoring:ranking-chart": {"pk": "campaign", "run_pk": "run", "chart": "=tiers"},
    "scoring:ranking-export": {"pk": "campaign", "run_pk": "run"},
    "scoring:progress-dashboard": {"pk": "campaign"},
    "scoring:progress-export": {"pk": "campaign"},
    "scoring:progress-remind": {"pk": "campaign"},
    # awards: catalogue and history
    "awards:catalogue-list": {},
    "awards:catalogue-create": {},
    "awards:catalogue-detail": {"pk": "award"},
    "awards:catalogue-update": {"pk": "award"},
    "awards:catalogue-version": {"pk": "award"},
    "awards:catalogue-delete": {"pk": "award"},
    "awards:catalogue-activate": {"pk": "award"},
    "awards:catalogue-prerequisite-add": {"pk": "award"},
    "awards:catalogue-prerequisite-remove": {"pk": "award", "prerequisite_pk": "prerequisite"},
    "awards:history-list": {},
    "awards:history-create": {},
    "awards:history-import": {},
    "awards:history-import-template": {},
    "awards:history-detail": {"pk": "record"},
    "awards:history-update": {"pk": "record"},
    "awards:history-delete": {"pk": "record"},
    # awards: plan, nominations, disclosure
    "awards:plan-list": {"campaign_pk": "campaign"},
    "awards:plan-create": {"campaign_pk": "campaign"},
    "awards:plan-edit": {"campaign_pk": "campaign", "pk": "plan"},
    "awards:plan-delete": {"campaign_pk": "campaign", "pk": "plan"},
    "awards:nomination-generate": {"campaign_pk": "campaign", "pk": "plan"},
    "awards:nomination-list": {"campaign_pk": "campaign"},
    "awards:nomination-add": {"campaign_pk": "campaign"},
    "awards:nomination-detail": {"campaign_pk": "campaign", "pk": "nomination"},
    "awards:nomination-achievement-report": {"campaign_pk": "campaign", "pk": "nomination", "fmt": "=docx"},
    "awards:dossier-cover-request": {"campaign_pk": "campaign", "fmt": "=docx"},
    "awards:nomination-withdraw": {"campaign_pk": "campaign", "pk": "nomination"},
    "awards:nomination-document-upload": {"campaign_pk": "campaign", "pk": "nomination"},
    "awards:nomination-document-download": {"campaign_pk": "campaign", "pk": "nomination", "doc_pk": "document"},
    "awards:nomination-document-delete": {"campaign_pk": "campaign", "pk": "nomination", "doc_pk": "document"},
    "awards:disclosure-list": {"campaign_pk": "campaign"},
    "awards:disclosure-create": {"campaign_pk": "campaign"},
    "awards:disclosure-detail": {"campaign_pk": "campaign", "pk": "disclosure"},
    "awards:disclosure-comment": {"campaign_pk": "campaign", "pk": "disclosure"},
    "awards:disclosure-comment-paper": {"campaign_pk": "campaign", "pk": "disclosure"},
    # awards: councils and sessions
    "awards:council-list": {},
    "awards:council-create": {},
    "awards:council-detail": {"pk": "council"},
    "awards:council-update": {"pk": "council"},
    "awards:member-create": {"pk": "council"},
    "awards:member-update": {"pk": "council", "member_pk": "council_member"},
    "awards:member-deactivate": {"pk": "council", "member_pk": "council_member"},
    "awards:session-create": {"pk": "council"},
    "awards:session-detail": {"pk": "sessions.voting"},
    "awards:agenda-add": {"pk": "sessions.draft"},
    "awards:agenda-remove": {"pk": "sessions.draft", "item_pk": "sessions.agenda_item"},
    "awards:session-attendance": {"pk": "sessions.voting"},
    "awards:session-open": {"pk": "sessions.draft"},
    "awards:session-start": {"pk": "sessions.voting"},
    "awards:session-close": {"pk": "sessions.voting"},
    "awards:session-ballot": {"pk": "sessions.voting"},
    "awards:session-minutes": {"pk": "sessions.closed"},
    "awards:proposal-list": {},
    "awards:proposal-create": {"pk": "sessions.closed"},
    "awards:proposal-detail": {"pk": "proposal"},
    "awards:proposal-act": {"pk": "proposal"},
    "awards:proposal-history": {"pk": "proposal"},
    "awards:agenda-item-dossier": {"pk": "sessions.voting", "item_pk": "sessions.voting_item"},
    "awards:agenda-item-document": {
        "pk": "sessions.voting",
        "item_pk": "sessions.voting_item",
        "doc_pk": "sessions.voting_document",
    },
    "awards:session-minutes-details": {"pk": "sessions.voting"},
    "awards:session-written-votes": {"pk": "sessions.voting", "member_pk": "council_member"},
    # awards: decisions and certificates
    "awards:decision-list": {},
    "awards:decision-create": {},
    "awards:decision-detail": {"pk": "decisions.issued"},
    "awards:decision-update": {"pk": "decisions.draft"},
    "awards:decision-delete": {"pk": "decisions.draft"},
    "awards:recipient-create": {"pk": "decisions.draft"},
    "awards:recipient-update": {"pk": "decisions.draft", "line_pk": "decisions.draft_line"},
    "awards:recipient-delete": {"pk": "decisions.draft", "line_pk": "decisions.draft_line"},
    "awards:decision-issue": {"pk": "decisions.draft"},
    "awards:decision-followup": {"pk": "decisions.issued"},
    "awards:decision-retry": {"pk": "decisions.issued"},
    "awards:decision-pdf": {"pk": "decisions.issued"},
    "awards:decision-certificates-pdf": {"pk": "decisions.issued"},
    "awards:decision-certificates-zip": {"pk": "decisions.issued"},
    "awards:decision-certificate-overlay": {"pk": "decisions.issued"},
    "awards:certificate-download": {"pk": "decisions.certificate"},
    "awards:certificatetemplate-list": {},
    "awards:certificatetemplate-create": {},
    "awards:certificatetemplate-update": {"pk": "template"},
}

# The minimal body of a POST where an empty one is only what a tampered form sends (the view answers 404 to it).
POST_DATA: dict[str, dict[str, str]] = {
    "scoring:ranking-request": {"tie_break": "=shared"},
    "awards:agenda-add": {"nomination": "nomination"},
}

# Award types are one catalogue that every user reads: another organisation's own award is visible (200 on
# its page, so not cross-checked) and editing it is forbidden (403), not hidden.
SHARED_KWARGS = {
    "awards:catalogue-detail",
    # Public pages: another organisation's open disclosure or published results are public too.
    "public:disclosure",
    "public:organization",
    "public:ranking",
    "public:decision",
}
SHARED_VISIBLE = {
    "awards:catalogue-update",
    "awards:catalogue-version",
    "awards:catalogue-delete",
    "awards:catalogue-activate",
    "awards:catalogue-prerequisite-add",
    "awards:catalogue-prerequisite-remove",
}


def url_patterns(resolver=None, prefix: str = "", namespace: str = ""):
    """(route, URL name) of every pattern, walking includes like tests/test_url_access.py."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            yield from url_patterns(pattern, prefix + str(pattern.pattern), inner or namespace)
        else:
            name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
            yield prefix + str(pattern.pattern), name


def covered_routes() -> list[tuple[str, str]]:
    return sorted(
        (route, name) for route, name in url_patterns() if not route.lstrip("^").startswith(tuple(EXCLUDED_PREFIXES))
    )


def _resolve(tree, path: str):
    value = tree
    for part in path.split("."):
        value = getattr(value, part)
    return getattr(value, "pk", value)


def kwargs_for(name: str, tree, *, swap: dict | None = None) -> dict:
    """The kwargs of ``name`` read in ``tree``; ``swap`` maps some kwargs to the other tree."""
    values = {}
    for key, path in KWARGS[name].items():
        if path.startswith("="):
            values[key] = path[1:]
        else:
            values[key] = _resolve((swap or {}).get(key, tree), path)
    return values


def id_kwargs(name: str) -> list[str]:
    """The kwargs of ``name`` that are object ids (not literals, not the verify code)."""
    return [key for key, path in KWARGS[name].items() if not path.startswith("=") and key != "code"]


def post_data(name: str, tree) -> dict:
    """The minimal POST body of ``name`` with ids read in ``tree``."""
    items = POST_DATA.get(name, {}).items()
    return {key: path[1:] if path.startswith("=") else _resolve(tree, path) for key, path in items}


def client_for(user) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


def request(client: Client, method: str, url: str, data: dict | None = None) -> tuple[int, str]:
    """(status, detail) of one request, undone afterwards; an exception counts as a 500."""
    try:
        with transaction.atomic():
            response = getattr(client, method.lower())(url, data or {})
            transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 - any exception is the deviation we report
        return 500, f"{type(error).__name__}: {error}"[:300]
    detail = response.get("Location", "")
    # Close the served files, without the request_finished signal closing the test's database connection
    # (Django's test client does the same around its own handler).
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    return response.status_code, detail


def url_of(name: str, kwargs: dict) -> str:
    return reverse(name, kwargs=kwargs)
