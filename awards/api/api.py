"""The read-only JSON API (django-ninja): published rankings, issued decisions with their recipients, the award
ledger. Every call presents an organisation's token (``Authorization: Bearer td_…``) and sees that organisation's
subtree only (awards/api/selectors.py); lists are paginated (``?page=``); each token is throttled
(``API_THROTTLE_RATE``). The OpenAPI description is served at ``openapi.json``.
"""

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.http import Http404
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import HttpBearer
from ninja.throttling import AuthRateThrottle

from awards.api import selectors
from awards.api.tokens import api_token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        return api_token_authenticate(token)


class TokenRateThrottle(AuthRateThrottle):
    """Requests per token (not per address), at the rate of ``settings.API_THROTTLE_RATE`` read on every call."""

    scope = "api_token"

    def __init__(self) -> None:
        super().__init__(settings.API_THROTTLE_RATE)

    def allow_request(self, request) -> bool:
        self.rate = settings.API_THROTTLE_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request) -> str:
        token = getattr(request, "auth", None)
        ident = f"token-{token.pk}" if token is not None else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class Pages(PageNumberPagination):
    """``?page=`` (1–100000) and ``?page_size=`` (up to 100); 50 a page by default."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int | None = Field(None, ge=1, le=100)

    def __init__(self, **kwargs) -> None:
        super().__init__(page_size=50, max_page_size=100, **kwargs)


api = NinjaAPI(
    title="Thi đua API",
    version="1",
    description="Read-only data of one organisation and the organisations below it.",
    auth=TokenAuth(),
    throttle=[TokenRateThrottle()],
    urls_namespace="api",
    docs_url=None,
)


class OrganizationOut(Schema):
    id: int
    code: str
    name: str


class RunOut(Schema):
    id: int
    campaign_id: int
    campaign_name: str = Field(..., alias="campaign.name")
    launching_organization: OrganizationOut = Field(..., alias="campaign.launching_organization")
    phase_id: int | None
    phase_name: str | None
    finished_at: datetime | None
    participant_count: int

    @staticmethod
    def resolve_phase_name(run) -> str | None:
        return run.phase.name if run.phase_id else None


class EntryOut(Schema):
    participant_id: int
    kind: str
    organization: OrganizationOut | None = Field(None, alias="participant.organization")
    person_name: str | None
    total: Decimal
    tier: str = Field(..., alias="tier_name")
    status: str
    rank: int | None

    @staticmethod
    def resolve_person_name(entry) -> str | None:
        return entry.participant.person.full_name if entry.participant.person_id else None


class RecipientOut(Schema):
    position: int
    award: str = Field(..., alias="award_type.name")
    recipient_name: str
    recipient_detail: str
    organization_id: int | None
    person_id: int | None


class DecisionOut(Schema):
    id: int
    number: str = Field(..., alias="number_text")
    decision_date: date | None
    kind: str
    title: str
    issuing_organization: OrganizationOut
    campaign_id: int | None
    signer_name: str
    recipients: list[RecipientOut]

    @staticmethod
    def resolve_recipients(decision) -> list:
        return list(decision.recipients.all())


class RecordOut(Schema):
    id: int
    year: int
    award_code: str
    award_name: str
    decision_number: str
    decision_date: date | None
    issuer: str
    recipient_kind: str
    recipient_name: str
    organization: OrganizationOut | None
    revoked: bool
    source: str

    @staticmethod
    def resolve_recipient_kind(record) -> str:
        return "person" if record.person_id else "organization"

    @staticmethod
    def resolve_recipient_name(record) -> str:
        return record.person.full_name if record.person_id else record.organization.name

    @staticmethod
    def resolve_organization(record):
        return record.person.organization if record.person_id else record.organization

    @staticmethod
    def resolve_revoked(record) -> bool:
        return record.revoked_by_id is not None


@api.get("/rankings", response=list[RunOut], summary="Published rankings")
@paginate(Pages)
def ranking_list(request, campaign: int | None = Query(None, ge=1, le=2**31 - 1)):
    """The current ranking of each campaign (and phase) launched in the token's subtree."""
    runs = selectors.ranking_runs(request.auth.organization)
    if campaign is not None:
        runs = runs.filter(campaign_id=campaign)
    return runs


@api.get("/rankings/{run_id}/entries", response=list[EntryOut], summary="Entries of a published ranking")
@paginate(Pages)
def ranking_entries(request, run_id: int = Path(..., ge=1, le=2**31 - 1)):
    """Every participant of one published ranking: total, tier, result and rank."""
    run = selectors.ranking_run(request.auth.organization, run_id)
    if run is None:
        raise Http404
    return selectors.ranking_entries(run)


@api.get("/decisions", response=list[DecisionOut], summary="Issued decisions and their recipients")
@paginate(Pages)
def decision_list(request, year: int | None = Query(None, ge=1945, le=2200)):
    """Issued decisions of the organisations in the token's subtree, newest first."""
    decisions = selectors.issued_decisions(request.auth.organization)
    if year is not None:
        decisions = decisions.filter(decision_date__year=year)
    return decisions


@api.get("/awards", response=list[RecordOut], summary="The award ledger")
@paginate(Pages)
def award_list(request, year: int | None = Query(None, ge=1945, le=2200)):
    """Award records of the organisations and people in the token's subtree, newest year first."""
    return selectors.ledger_records(request.auth.organization, year=year)
