"""The declared permission matrix: URL name × method → expected status for each of the ten roles.

Read a row as "every logged-in role gets the first status, except the named ones". Anonymous users are sent
to the login page (302) unless a row names ``anonymous``. Statuses follow the project's rule: what a user may
not see is 404 (another unit's submission, another organisation's campaign), a visible but forbidden action is
403 (a scorer opening the table editor of a campaign it takes part in), 405 for a method the view does not
take, and a POST with an empty (or, in ``routes.POST_DATA``, minimal) body answers 302 (done or refused with a
message), 200 / 400 (the form again with its errors), never 500.

Roles (tests/permissions/world.py): ``scorer_a`` / ``scorer_b`` score units A / B (ward_a under dept_a,
ward_b under dept_b) of the campaign launched by ``root``; ``reviewer``, ``officer``, ``signer``, ``admin``
(Membership role admin), ``member`` and ``secretary`` (council member / secretary, seated on root's council)
belong to root; ``other_officer`` is the officer of an unrelated organisation.
Where an object has a state, the row uses the object in the state the action needs (a draft submission for
self-scoring, a submitted one for review, a session in preparation for the agenda, a voting one for ballots,
a draft decision to edit, an issued one to download); see ``routes.KWARGS``.

Noted, accepted behaviours (kept explicit here so a change shows up):
- read-only pages that have no POST handler answer a POST like a GET (200): home, the organisation, person,
  bloc and campaign lists and details, registration, covenant lists, the plan document. Harmless (nothing
  is written) but listed in the report.
- the nominations, plans and decisions of a campaign are 404 (not 403) for reviewers and signers who see
  the campaign: those pages are the officers' (and, for nominations, the nominated unit's).
- covenant-sign answers 302 with an error message (nothing signed) to users who see the campaign but may
  not sign for a member unit.
- import jobs are visible to their creator only (404 even for an admin of the same organisation).
"""

from __future__ import annotations

from tests.permissions.world import ROLES


class E:
    """Expected statuses of one (URL, method): ``default`` for every logged-in role, ``overrides`` by role."""

    def __init__(self, default: int, **overrides: int):
        unknown = set(overrides) - set(ROLES)
        assert not unknown, f"unknown roles {unknown}"
        self.default, self.overrides = default, overrides

    def status(self, role: str) -> int:
        if role in self.overrides:
            return self.overrides[role]
        return 302 if role == "anonymous" else self.default


def expected(row, role: str) -> int:
    return (row if isinstance(row, E) else E(row)).status(role)


MATRIX: dict[str, dict[str, E | int]] = {
    "calendar": {"GET": 200, "POST": 405},
    "calendar-feed": {"GET": E(404, anonymous=404), "POST": E(405, anonymous=405)},
    # The JSON API answers a token only (tests/awards/test_api.py): a session login gets 401 like anyone; the
    # OpenAPI description is public; the API's root has no page (docs_url=None).
    "api:api-root": {"GET": E(404, anonymous=404), "POST": E(404, anonymous=404)},
    "api:award_list": {"GET": E(401, anonymous=401), "POST": E(405, anonymous=405)},
    "api:decision_list": {"GET": E(401, anonymous=401), "POST": E(405, anonymous=405)},
    "api:openapi-json": {"GET": E(200, anonymous=200), "POST": E(200, anonymous=200)},
    "api:ranking_entries": {"GET": E(401, anonymous=401), "POST": E(405, anonymous=405)},
    "api:ranking_list": {"GET": E(401, anonymous=401), "POST": E(405, anonymous=405)},
    "awards:apitoken-list": {"GET": E(403, admin=200), "POST": E(403, admin=400)},
    "awards:apitoken-revoke": {"GET": 405, "POST": E(404, admin=302)},
    # Yearly statistics forms: officers and administrators of the organisation (others who see it: 403).
    "awards:statistics-index": {"GET": 200, "POST": 405},
    "awards:statistics-detail": {
        "GET": E(403, officer=200, admin=200, scorer_a=404, scorer_b=404, other_officer=404),
        "POST": 405,
    },
    "awards:statistics-input": {
        "GET": E(403, officer=200, admin=200, scorer_a=404, scorer_b=404, other_officer=404),
        "POST": E(403, officer=400, admin=400, scorer_a=404, scorer_b=404, other_officer=404),
    },
    "awards:statistics-download": {
        "GET": E(403, officer=200, admin=200, scorer_a=404, scorer_b=404, other_officer=404),
        "POST": 405,
    },
    # Public pages: anyone, logged in or not (a comment's empty POST is the form again with its errors).
    "public:index": {"GET": E(200, anonymous=200), "POST": E(405, anonymous=405)},
    "public:disclosure": {"GET": E(200, anonymous=200), "POST": E(400, anonymous=400)},
    "public:organization": {"GET": E(200, anonymous=200), "POST": E(405, anonymous=405)},
    "public:ranking": {"GET": E(200, anonymous=200), "POST": E(405, anonymous=405)},
    "public:decision": {"GET": E(200, anonymous=200), "POST": E(405, anonymous=405)},
    # Moderating public comments and choosing what is public: the organisation's officers and administrators.
    "awards:public-comment-queue": {"GET": 200, "POST": 405},
    "awards:public-comment-moderate": {"GET": 405, "POST": E(404, officer=302, admin=302)},
    "awards:publication-edit": {
        "GET": E(403, officer=200, admin=200, scorer_a=404, scorer_b=404, other_officer=404),
        "POST": E(403, officer=302, admin=302, scorer_a=404, scorer_b=404, other_officer=404),
    },
    # Exemplary models: seen with their unit (ward A here); recorded and moved on by the unit's officers (the
    # officer's own proposal cannot be confirmed by them: 302 with a message; an empty step or adoption: 400).
    "awards:exemplary-list": {"GET": 200, "POST": 405},
    "awards:exemplary-create": {
        "GET": E(403, officer=200, other_officer=200, admin=200),
        "POST": E(403, officer=400, other_officer=400, admin=400),
    },
    "awards:exemplary-detail": {
        "GET": E(200, scorer_b=404, other_officer=404, member=404, secretary=404),
        "POST": 405,
    },
    "awards:exemplary-propose": {
        "GET": 405,
        "POST": E(403, officer=400, admin=400, scorer_b=404, other_officer=404, member=404, secretary=404),
    },
    "awards:exemplary-confirm": {
        "GET": 405,
        "POST": E(403, officer=302, admin=302, scorer_b=404, other_officer=404, member=404, secretary=404),
    },
    "awards:exemplary-adopt": {
        "GET": 405,
        "POST": E(403, officer=400, admin=400, scorer_b=404, other_officer=404, member=404, secretary=404),
    },
    # Campaign reports: the campaign officers' (like the transitions that produce them).
    "awards:report-list": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": E(403, officer=400, other_officer=404, member=404, secretary=404, admin=400),
    },
    "awards:report-detail": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": 405,
    },
    "awards:report-download": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": 405,
    },
    "awards:agenda-add": {"GET": 405, "POST": E(404, officer=302, member=403, secretary=302, admin=302)},
    "awards:agenda-remove": {"GET": 405, "POST": E(404, officer=302, member=403, secretary=302, admin=302)},
    "awards:catalogue-activate": {"GET": 405, "POST": E(403, admin=302)},
    "awards:catalogue-create": {"GET": E(403, admin=200), "POST": E(403, admin=200)},
    "awards:catalogue-delete": {"GET": E(403, admin=200), "POST": E(403, admin=302)},
    "awards:catalogue-detail": {"GET": 200, "POST": 405},
    "awards:catalogue-list": {"GET": 200, "POST": 405},
    "awards:catalogue-prerequisite-add": {"GET": 405, "POST": E(403, admin=200)},
    "awards:catalogue-prerequisite-remove": {"GET": E(403, admin=200), "POST": E(403, admin=302)},
    "awards:catalogue-update": {"GET": E(403, admin=200), "POST": E(403, admin=200)},
    "awards:catalogue-version": {"GET": E(403, admin=200), "POST": E(403, admin=200)},
    "awards:certificate-download": {
        "GET": E(200, scorer_b=404, other_officer=404, member=404, secretary=404),
        "POST": 405,
    },
    "awards:certificatetemplate-create": {
        "GET": E(403, officer=200, other_officer=200, admin=200),
        "POST": E(403, officer=200, other_officer=200, admin=200),
    },
    "awards:certificatetemplate-list": {"GET": 200, "POST": 405},
    "awards:certificatetemplate-update": {
        "GET": E(404, officer=200, admin=200),
        "POST": E(404, officer=200, admin=200),
    },
    "awards:council-create": {
        "GET": E(403, officer=200, other_officer=200, admin=200),
        "POST": E(403, officer=200, other_officer=200, admin=200),
    },
    "awards:council-detail": {"GET": E(404, officer=200, member=200, secretary=200, admin=200), "POST": 405},
    "awards:council-list": {"GET": 200, "POST": 405},
    "awards:council-update": {
        "GET": E(404, officer=200, member=403, secretary=403, admin=200),
        "POST": E(404, officer=200, member=403, secretary=403, admin=200),
    },
    "awards:decision-certificate-overlay": {"GET": E(404, officer=302, signer=302, admin=302), "POST": 405},
    "awards:decision-certificates-pdf": {"GET": E(404, officer=200, signer=200, admin=200), "POST": 405},
    "awards:decision-certificates-zip": {"GET": E(404, officer=200, signer=200, admin=200), "POST": 405},
    "awards:decision-create": {
        "GET": E(403, officer=200, other_officer=200, admin=200),
        "POST": E(403, officer=200, other_officer=200, admin=200),
    },
    "awards:decision-delete": {
        "GET": E(404, officer=200, signer=403, admin=200),
        "POST": E(404, officer=302, signer=403, admin=302),
    },
    "awards:decision-detail": {"GET": E(404, officer=200, signer=200, admin=200), "POST": 405},
    "awards:decision-followup": {
        "GET": E(404, officer=200, signer=403, admin=200),
        "POST": E(404, officer=200, signer=403, admin=200),
    },
    "awards:decision-issue": {
        "GET": E(404, officer=403, signer=200, admin=403),
        "POST": E(404, officer=403, signer=200, admin=403),
    },
    "awards:decision-list": {"GET": 200, "POST": 405},
    "awards:decision-pdf": {"GET": E(404, officer=200, signer=200, admin=200), "POST": 405},
    "awards:decision-retry": {"GET": 405, "POST": E(404, officer=302, signer=302, admin=302)},
    "awards:decision-update": {
        "GET": E(404, officer=200, signer=403, admin=200),
        "POST": E(404, officer=200, signer=403, admin=200),
    },
    "awards:disclosure-comment": {"GET": 405, "POST": E(400, other_officer=404, member=404, secretary=404)},
    "awards:disclosure-comment-paper": {
        "GET": 405,
        "POST": E(403, officer=400, other_officer=404, member=404, secretary=404, admin=400),
    },
    "awards:disclosure-create": {"GET": E(404, officer=200, admin=200), "POST": E(404, officer=200, admin=200)},
    "awards:disclosure-detail": {"GET": E(200, other_officer=404, member=404, secretary=404), "POST": 405},
    "awards:disclosure-list": {"GET": E(200, other_officer=404, member=404, secretary=404), "POST": 405},
    "awards:history-create": {
        "GET": E(403, officer=200, other_officer=200, admin=200),
        "POST": E(403, officer=200, other_officer=200, admin=200),
    },
    "awards:history-delete": {
        "GET": E(404, scorer_a=403, reviewer=403, officer=200, signer=403, admin=200),
        "POST": E(404, scorer_a=403, reviewer=403, officer=302, signer=403, admin=302),
    },
    "awards:history-detail": {"GET": E(200, scorer_b=404, other_officer=404, member=404, secretary=404), "POST": 405},
    "awards:history-import": {
        "GET": E(403, officer=200, other_officer=200, admin=200),
        "POST": E(403, officer=400, other_officer=400, admin=400),
    },
    "awards:history-import-template": {"GET": 200, "POST": 405},
    "awards:history-list": {"GET": 200, "POST": 405},
    "awards:history-update": {
        "GET": E(404, scorer_a=403, reviewer=403, officer=200, signer=403, admin=200),
        "POST": E(404, scorer_a=403, reviewer=403, officer=200, signer=403, admin=200),
    },
    "awards:member-create": {
        "GET": E(404, officer=200, member=403, secretary=403, admin=200),
        "POST": E(404, officer=200, member=403, secretary=403, admin=200),
    },
    "awards:member-deactivate": {
        "GET": E(404, officer=200, member=403, secretary=403, admin=200),
        "POST": E(404, officer=302, member=403, secretary=403, admin=302),
    },
    "awards:member-update": {
        "GET": E(404, officer=200, member=403, secretary=403, admin=200),
        "POST": E(404, officer=200, member=403, secretary=403, admin=200),
    },
    "awards:nomination-add": {"GET": E(404, officer=200, admin=200), "POST": E(404, officer=200, admin=200)},
    "awards:dossier-cover-request": {"GET": E(404, officer=200, admin=200), "POST": 405},
    "awards:nomination-achievement-report": {"GET": E(404, scorer_a=403, officer=200, admin=200), "POST": 405},
    "awards:nomination-detail": {"GET": E(404, scorer_a=200, officer=200, admin=200), "POST": 405},
    "awards:nomination-document-delete": {
        "GET": E(404, officer=200, admin=200),
        "POST": E(404, officer=302, admin=302),
    },
    "awards:nomination-document-download": {"GET": E(404, officer=200, admin=200), "POST": 405},
    "awards:nomination-document-upload": {"GET": 405, "POST": E(404, scorer_a=400, officer=400, admin=400)},
    "awards:nomination-generate": {"GET": 405, "POST": E(404, officer=302, admin=302)},
    "awards:nomination-list": {"GET": E(404, scorer_a=200, scorer_b=200, officer=200, admin=200), "POST": 405},
    "awards:nomination-withdraw": {
        "GET": E(404, scorer_a=403, officer=200, admin=200),
        "POST": E(404, scorer_a=403, officer=200, admin=200),
    },
    "awards:plan-create": {"GET": E(404, officer=200, admin=200), "POST": E(404, officer=200, admin=200)},
    "awards:plan-delete": {"GET": E(404, officer=200, admin=200), "POST": E(404, officer=302, admin=302)},
    "awards:plan-edit": {"GET": E(404, officer=200, admin=200), "POST": E(404, officer=200, admin=200)},
    "awards:plan-list": {"GET": E(404, officer=200, admin=200), "POST": 405},
    "awards:recipient-create": {
        "GET": E(404, officer=200, signer=403, admin=200),
        "POST": E(404, officer=200, signer=403, admin=200),
    },
    "awards:recipient-delete": {
        "GET": E(404, officer=200, signer=403, admin=200),
        "POST": E(404, officer=302, signer=403, admin=302),
    },
    "awards:recipient-update": {
        "GET": E(404, officer=200, signer=403, admin=200),
        "POST": E(404, officer=200, signer=403, admin=200),
    },
    "awards:session-attendance": {"GET": 405, "POST": E(404, officer=403, member=403, secretary=200, admin=403)},
    "awards:session-ballot": {
        "GET": E(404, officer=403, member=200, secretary=200, admin=403),
        "POST": E(404, officer=403, member=200, secretary=200, admin=403),
    },
    "awards:session-close": {
        "GET": E(404, officer=403, member=403, secretary=200, admin=403),
        "POST": E(404, officer=403, member=403, secretary=302, admin=403),
    },
    "awards:session-create": {
        "GET": E(404, officer=200, member=403, secretary=200, admin=200),
        "POST": E(404, officer=200, member=403, secretary=200, admin=200),
    },
    "awards:session-detail": {"GET": E(404, officer=200, member=200, secretary=200, admin=200), "POST": 405},
    "awards:session-minutes": {"GET": E(404, officer=200, member=200, secretary=200, admin=200), "POST": 405},
    # Proposals to the level above (#13): unit A proposes to root. Root's officers and admin are its desk (and, by
    # tree reach, officers of unit A too); root's reviewer and signer see what root received; nobody else sees it.
    "awards:proposal-list": {"GET": 200, "POST": 405},
    "awards:proposal-create": {
        "GET": E(404, officer=200, admin=200, member=403, secretary=403),
        "POST": E(404, officer=302, admin=302, member=403, secretary=403),
    },
    "awards:proposal-detail": {"GET": E(404, officer=200, admin=200, reviewer=200, signer=200), "POST": 405},
    "awards:proposal-act": {"GET": 405, "POST": E(404, officer=302, admin=302, reviewer=302, signer=302)},
    "awards:proposal-history": {"GET": E(404, officer=200, admin=200, reviewer=200, signer=200), "POST": 405},
    # An agenda item's dossier (ranking snapshot, eligibility, files) for whoever sees the session (#13).
    "awards:agenda-item-dossier": {"GET": E(404, officer=200, member=200, secretary=200, admin=200), "POST": 405},
    "awards:agenda-item-document": {"GET": E(404, officer=200, member=200, secretary=200, admin=200), "POST": 405},
    # The secretary's pages for the minutes while voting (the member here is present: a written vote is refused).
    "awards:session-minutes-details": {
        "GET": E(404, officer=403, member=403, secretary=200, admin=403),
        "POST": E(404, officer=403, member=403, secretary=200, admin=403),
    },
    "awards:session-written-votes": {
        "GET": E(404, officer=403, member=403, secretary=200, admin=403),
        "POST": E(404, officer=403, member=403, secretary=200, admin=403),
    },
    "awards:session-open": {
        "GET": E(404, officer=403, member=403, secretary=200, admin=403),
        "POST": E(404, officer=403, member=403, secretary=302, admin=403),
    },
    "awards:session-start": {
        "GET": E(404, officer=403, member=403, secretary=302, admin=403),
        "POST": E(404, officer=403, member=403, secretary=302, admin=403),
    },
    "campaigns:campaign-clone": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
    },
    "campaigns:campaign-create": {
        "GET": E(403, officer=200, other_officer=200, admin=200),
        "POST": E(403, officer=400, other_officer=400, admin=400),
    },
    "campaigns:campaign-delete": {
        "GET": E(403, other_officer=404, member=404, secretary=404),
        "POST": E(403, other_officer=404, member=404, secretary=404),
    },
    "campaigns:campaign-detail": {
        "GET": E(200, other_officer=404, member=404, secretary=404),
        "POST": E(200, other_officer=404, member=404, secretary=404),
    },
    "campaigns:campaign-list": {"GET": 200, "POST": 200},
    "campaigns:campaign-plan-document": {
        "GET": E(200, other_officer=404, member=404, secretary=404),
        "POST": E(200, other_officer=404, member=404, secretary=404),
    },
    "campaigns:campaign-transition": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": E(403, officer=302, other_officer=404, member=404, secretary=404, admin=302),
    },
    "campaigns:campaign-update": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": E(403, officer=400, other_officer=404, member=404, secretary=404, admin=400),
    },
    "campaigns:covenant-create": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
    },
    "campaigns:covenant-detail": {
        "GET": E(200, other_officer=404, member=404, secretary=404),
        "POST": E(200, other_officer=404, member=404, secretary=404),
    },
    "campaigns:covenant-list": {
        "GET": E(200, other_officer=404, member=404, secretary=404),
        "POST": E(200, other_officer=404, member=404, secretary=404),
    },
    "campaigns:covenant-sign": {"GET": 405, "POST": E(302, other_officer=404, member=404, secretary=404)},
    "campaigns:participant-add-bloc": {
        "GET": 405,
        "POST": E(403, officer=302, other_officer=404, member=404, secretary=404, admin=302),
    },
    "campaigns:participant-add-organization": {
        "GET": 405,
        "POST": E(403, officer=302, other_officer=404, member=404, secretary=404, admin=302),
    },
    "campaigns:participant-add-selected": {
        "GET": 405,
        "POST": E(403, officer=302, other_officer=404, member=404, secretary=404, admin=302),
    },
    "campaigns:participant-list": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
    },
    "campaigns:participant-remove": {
        "GET": 405,
        "POST": E(403, officer=302, other_officer=404, member=404, secretary=404, admin=302),
    },
    # a scorer is assigned to individual participants only: the matrix's participant is a unit (404 once the
    # campaign is visible and editable); tests/scoring/test_windows_and_people.py covers the individual case.
    "campaigns:participant-scorer": {
        "GET": E(404, scorer_a=403, scorer_b=403, reviewer=403, signer=403),
        "POST": E(404, scorer_a=403, scorer_b=403, reviewer=403, signer=403),
    },
    "campaigns:phase-window": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": E(403, officer=400, other_officer=404, member=404, secretary=404, admin=400),
    },
    "campaigns:phase-create": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": E(403, officer=400, other_officer=404, member=404, secretary=404, admin=400),
    },
    "campaigns:phase-update": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": E(403, officer=400, other_officer=404, member=404, secretary=404, admin=400),
    },
    "campaigns:registration-detail": {
        "GET": E(404, scorer_a=200, officer=200, admin=200),
        "POST": E(404, scorer_a=403, officer=403, admin=403),
    },
    "campaigns:registration-list": {
        "GET": E(200, other_officer=404, member=404, secretary=404),
        "POST": E(200, other_officer=404, member=404, secretary=404),
    },
    "campaigns:registration-product-add": {"GET": 405, "POST": E(404, scorer_a=200, officer=403, admin=403)},
    "campaigns:registration-product-delete": {"GET": 405, "POST": E(404, scorer_a=302, officer=403, admin=403)},
    "campaigns:registration-product-update": {
        "GET": E(404, scorer_a=200, officer=403, admin=403),
        "POST": E(404, scorer_a=200, officer=403, admin=403),
    },
    "campaigns:table-create": {
        "GET": 405,
        "POST": E(403, officer=302, other_officer=404, member=404, secretary=404, admin=302),
    },
    "campaigns:table-criterion-create": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
    },
    "campaigns:table-criterion-delete": {
        "GET": 405,
        "POST": E(403, officer=302, other_officer=404, member=404, secretary=404, admin=302),
    },
    "campaigns:table-criterion-move": {
        "GET": 405,
        "POST": E(403, officer=302, other_officer=404, member=404, secretary=404, admin=302),
    },
    "campaigns:table-criterion-update": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
    },
    "campaigns:table-delete": {
        "GET": 405,
        "POST": E(403, officer=302, other_officer=404, member=404, secretary=404, admin=302),
    },
    "campaigns:table-detail": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": 405,
    },
    "campaigns:table-export": {"GET": E(200, other_officer=404, member=404, secretary=404), "POST": 405},
    "campaigns:table-group-create": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
    },
    "campaigns:table-group-delete": {
        "GET": 405,
        "POST": E(403, officer=302, other_officer=404, member=404, secretary=404, admin=302),
    },
    "campaigns:table-group-move": {
        "GET": 405,
        "POST": E(403, officer=302, other_officer=404, member=404, secretary=404, admin=302),
    },
    "campaigns:table-group-update": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
    },
    "campaigns:table-import": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": E(403, officer=400, other_officer=404, member=404, secretary=404, admin=400),
    },
    "campaigns:table-list": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": 405,
    },
    "campaigns:table-preview": {"GET": E(200, other_officer=404, member=404, secretary=404), "POST": 405},
    "campaigns:table-rule-create": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
    },
    "campaigns:table-rule-delete": {
        "GET": 405,
        "POST": E(403, officer=302, other_officer=404, member=404, secretary=404, admin=302),
    },
    "campaigns:table-rule-move": {
        "GET": 405,
        "POST": E(403, officer=302, other_officer=404, member=404, secretary=404, admin=302),
    },
    "campaigns:table-rule-update": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
    },
    "campaigns:table-template": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": 405,
    },
    "campaigns:table-update": {
        "GET": 405,
        "POST": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
    },
    "campaigns:tier-list": {
        "GET": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
        "POST": E(403, officer=200, other_officer=404, member=404, secretary=404, admin=200),
    },
    "healthz": {"GET": E(200, anonymous=200), "POST": E(405, anonymous=405)},
    "home": {"GET": 200, "POST": 200},
    "organizations:bloc-detail": {
        "GET": E(200, other_officer=404),
        "POST": E(403, officer=200, other_officer=404, admin=200),
    },
    "organizations:bloc-list": {"GET": 200, "POST": 200},
    "organizations:import-create": {
        "GET": E(403, officer=200, other_officer=200, admin=200),
        "POST": E(403, officer=400, other_officer=400, admin=400),
    },
    "organizations:import-detail": {"GET": E(404, officer=200), "POST": 405},
    "organizations:import-template": {"GET": 200, "POST": 405},
    # administrators only; unlocking a name or address that is not locked in one's reach is refused (403)
    "organizations:audit-list": {"GET": E(404, officer=200, other_officer=200, admin=200), "POST": 405},
    "organizations:lockout-list": {"GET": E(404, admin=200), "POST": 405},
    "organizations:lockout-unlock": {"GET": 405, "POST": E(404, admin=403)},
    # Notifications are each user's own: another user's is 404; an empty preferences POST shows the form's errors.
    "organizations:notification-bell": {"GET": 200, "POST": 405},
    "organizations:notification-list": {"GET": 200, "POST": 405},
    "organizations:notification-preferences": {"GET": 200, "POST": 200},
    "organizations:notification-read": {"GET": 405, "POST": E(404, scorer_a=302)},
    "organizations:notification-read-all": {"GET": 405, "POST": 302},
    "organizations:organization-create": {
        "GET": E(403, officer=200, other_officer=200, admin=200),
        "POST": E(403, officer=200, other_officer=200, admin=200),
    },
    "organizations:organization-detail": {
        "GET": E(200, scorer_b=404, other_officer=404, member=404, secretary=404),
        "POST": E(200, scorer_b=404, other_officer=404, member=404, secretary=404),
    },
    "organizations:organization-list": {"GET": 200, "POST": 200},
    "organizations:organization-update": {
        "GET": E(404, scorer_a=403, reviewer=403, officer=200, signer=403, admin=200),
        "POST": E(404, scorer_a=403, reviewer=403, officer=200, signer=403, admin=200),
    },
    "organizations:person-create": {
        "GET": E(403, officer=200, other_officer=200, admin=200),
        "POST": E(403, officer=200, other_officer=200, admin=200),
    },
    "organizations:person-detail": {
        "GET": E(200, scorer_b=404, other_officer=404, member=404, secretary=404),
        "POST": E(200, scorer_b=404, other_officer=404, member=404, secretary=404),
    },
    "organizations:person-list": {"GET": 200, "POST": 200},
    "organizations:person-account": {
        "GET": E(404, scorer_a=403, reviewer=403, officer=403, signer=403, admin=200),
        "POST": 405,
    },
    "organizations:person-account-create": {
        "GET": E(404, scorer_a=403, reviewer=403, officer=403, signer=403, admin=200),
        "POST": E(404, scorer_a=403, reviewer=403, officer=403, signer=403, admin=200),
    },
    "organizations:person-role-add": {
        "GET": 405,
        "POST": E(404, scorer_a=403, reviewer=403, officer=403, signer=403, admin=200),
    },
    "organizations:person-role-remove": {
        "GET": 405,
        "POST": E(404, scorer_a=403, reviewer=403, officer=403, signer=403, admin=302),
    },
    "organizations:person-account-active": {
        "GET": 405,
        "POST": E(404, scorer_a=403, reviewer=403, officer=403, signer=403, admin=302),
    },
    "organizations:person-account-password": {
        "GET": 405,
        "POST": E(404, scorer_a=403, reviewer=403, officer=403, signer=403, admin=302),
    },
    "organizations:person-update": {
        "GET": E(404, scorer_a=403, reviewer=403, officer=200, signer=403, admin=200),
        "POST": E(404, scorer_a=403, reviewer=403, officer=200, signer=403, admin=200),
    },
    "readyz": {"GET": E(200, anonymous=200), "POST": E(405, anonymous=405)},
    "scoring:evidence-add": {"GET": 405, "POST": E(404, scorer_a=400, reviewer=403, officer=403, admin=403)},
    "scoring:evidence-download": {"GET": E(404, scorer_a=200, reviewer=200, officer=200, admin=200), "POST": 405},
    "scoring:evidence-remove": {"GET": 405, "POST": E(404, scorer_a=302, reviewer=403, officer=403, admin=403)},
    "scoring:ranking-chart": {"GET": E(404, reviewer=200, officer=200, signer=200, admin=200), "POST": 405},
    # Progress: the launching organisation's officers, admins and reviewers only; reminding is not the reviewer's.
    "scoring:progress-dashboard": {"GET": E(404, reviewer=200, officer=200, admin=200), "POST": 405},
    "scoring:progress-export": {"GET": E(404, reviewer=200, officer=200, admin=200), "POST": 405},
    "scoring:progress-remind": {"GET": 405, "POST": E(404, reviewer=403, officer=302, admin=302)},
    "scoring:ranking-export": {"GET": E(404, reviewer=200, officer=200, signer=200, admin=200), "POST": 405},
    "scoring:ranking-list": {"GET": E(404, reviewer=200, officer=200, signer=200, admin=200), "POST": 405},
    "scoring:ranking-list-phase": {"GET": E(404, reviewer=200, officer=200, signer=200, admin=200), "POST": 405},
    "scoring:ranking-request": {"GET": 405, "POST": E(404, reviewer=302, officer=302, signer=403, admin=302)},
    "scoring:rankingentry-detail": {"GET": E(404, reviewer=200, officer=200, signer=200, admin=200), "POST": 405},
    "scoring:review-queue": {"GET": 200, "POST": 405},
    "scoring:score-verify": {"GET": 405, "POST": E(404, reviewer=302, officer=302, admin=302)},
    "scoring:submission-approve": {"GET": 405, "POST": E(404, reviewer=302, officer=302, admin=302)},
    "scoring:submission-detail": {"GET": E(404, scorer_a=200, reviewer=200, officer=200, admin=200), "POST": 405},
    "scoring:submission-history": {"GET": E(404, scorer_a=200, reviewer=200, officer=200, admin=200), "POST": 405},
    "scoring:submission-list": {"GET": 200, "POST": 405},
    "scoring:extension-grant": {"GET": E(404, officer=200, admin=200), "POST": E(404, officer=400, admin=400)},
    "scoring:results-list": {"GET": 200, "POST": 405},
    "scoring:results-participant": {"GET": E(404, scorer_a=200, reviewer=200, officer=200, admin=200), "POST": 405},
    "scoring:results-submission": {"GET": E(404, scorer_a=200, reviewer=200, officer=200, admin=200), "POST": 405},
    "scoring:submission-reopen": {"GET": 405, "POST": E(404, scorer_a=403, reviewer=403, officer=400, admin=400)},
    "scoring:submission-return": {"GET": 405, "POST": E(404, reviewer=200, officer=200, admin=200)},
    "scoring:submission-review": {"GET": E(404, reviewer=200, officer=200, admin=200), "POST": 405},
    "scoring:submission-score-save": {"GET": 405, "POST": E(404, scorer_a=400, reviewer=403, officer=403, admin=403)},
    "scoring:submission-start": {"GET": 405, "POST": E(404, scorer_a=302)},
    "scoring:submission-submit": {"GET": 405, "POST": E(404, scorer_a=302, reviewer=403, officer=403, admin=403)},
    "verify": {"GET": E(200, anonymous=200), "POST": E(405, anonymous=405)},
    "verify-search": {"GET": E(200, anonymous=200), "POST": E(405, anonymous=405)},
}
