"""Hostile uploads: a generated corpus is sent to every upload endpoint as a legitimate user. Every file is refused
with a 4xx and a message next to the field; nothing is stored (MEDIA_ROOT stays empty, no rows are written) and
the server never errors. Legitimate files of every accepted type still pass ``check_upload``."""

import html
from collections import Counter
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from awards.enums import DocumentKind
from awards.models import AwardRecord, Nomination, NominationDocument
from campaigns.models import Campaign, Criterion, ScoringTable
from common.uploads import CSV, DOCX, JPEG, PDF, PNG, XLSX, check_upload
from organizations.models import ImportJob
from scoring.models import Evidence, Score
from scoring.submissions import services as self_services
from tests.campaigns.table_helpers import draft_campaign as _campaign
from tests.campaigns.test_plan_document import _form as campaign_form
from tests.hostile.corpus import hostile_files, legitimate_files
from tests.scoring.factories import launched_campaign

pytestmark = pytest.mark.django_db

ALL_TYPES = {PDF, JPEG, PNG, DOCX, XLSX, CSV}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}


@pytest.fixture(scope="module")
def corpus():
    return hostile_files()


def test_the_corpus_is_large_and_varied(corpus):
    categories = Counter(category for category, _name, _content in corpus)
    print(f"\nhostile corpus: {len(corpus)} files; " + ", ".join(f"{k} {v}" for k, v in sorted(categories.items())))
    assert len(corpus) >= 300 and len(categories) >= 12


@pytest.mark.parametrize(("kind", "name", "content"), legitimate_files(), ids=lambda v: str(v)[:20])
def test_legitimate_files_of_every_type_pass(kind, name, content):
    assert check_upload(SimpleUploadedFile(name, content), allowed=ALL_TYPES, max_bytes=10 * 1024 * 1024) == kind


def test_every_hostile_file_is_refused_by_check_upload_with_a_message(corpus):
    passed = []
    for category, name, content in corpus:
        try:
            check_upload(SimpleUploadedFile(_as_django_names_it(name), content), allowed=ALL_TYPES)
        except ValidationError as refused:
            assert refused.messages and all(len(m) > 8 for m in refused.messages), (category, name)
        else:
            passed.append((category, name))
    assert passed == []


def _as_django_names_it(name: str) -> str:
    """What the multipart parser hands a view: directories and unprintable characters removed, 255 at most."""
    name = html.unescape(name).rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return "".join(c for c in name if c.isprintable())[-255:] or "x"


# --- every endpoint --------------------------------------------------------------------------------------------


@pytest.fixture
def endpoints(org_tree, officer, scorer_a):
    """Each upload endpoint: (label, user, url, the other form fields, the file field, the rows it may write)."""
    today = timezone.localdate()
    campaign = launched_campaign(
        organization=org_tree["root"],
        officer=officer,
        participants=[org_tree["ward_a"]],
        start=today - timedelta(days=10),
        end=today + timedelta(days=30),
    )
    participant = campaign.participants.get(organization=org_tree["ward_a"])
    submission = self_services.submission_get_or_create(participant=participant, phase=campaign.phases.get())
    score = Score.objects.filter(submission=submission).first()
    nomination = _nomination(campaign, org_tree["ward_a"])
    draft = _campaign(org_tree["root"], plan_number="99-KH/HOSTILE")
    rows = (Evidence, NominationDocument, Campaign, AwardRecord, ImportJob, ScoringTable, Criterion)
    return rows, [
        (
            "evidence",
            scorer_a,
            reverse("scoring:evidence-add", args=[submission.pk, score.pk]),
            {},
            f"e{score.pk}-file",
        ),
        (
            "campaign plan",
            officer,
            reverse("campaigns:campaign-create"),
            campaign_form(org_tree["root"]),
            "plan_document",
        ),
        (
            "nomination dossier",
            officer,
            reverse("awards:nomination-document-upload", args=[campaign.pk, nomination.pk]),
            {"kind": DocumentKind.values[0]},
            "file",
        ),
        ("award history import", officer, reverse("awards:history-import"), {}, "file"),
        ("organisation and people import", officer, reverse("organizations:import-create"), {"kind": "people"}, "file"),
        (
            "scoring table import",
            officer,
            reverse("campaigns:table-import", args=[draft.pk]),
            {"participant_kind": "collective"},
            "file",
        ),
    ]


def _nomination(campaign, organization):
    from tests.awards.factories import AwardPlanFactory, award_type

    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"), quota=None)
    return Nomination.objects.create(plan=plan, organization=organization, source="manual")


def _shows_an_error(body: bytes) -> bool:
    """The refusal is explained on the page: a field error (crispy), a form error or the evidence row's alert."""
    return any(
        marker in body for marker in (b"invalid-feedback", b"alert-danger", b'text-danger fw-semibold" role="alert"')
    )


def _counts(models):
    return {model.__name__: model.objects.count() for model in models}


ENDPOINTS = (
    "evidence",
    "campaign plan",
    "nomination dossier",
    "award history import",
    "organisation and people import",
    "scoring table import",
)
PER_CATEGORY = 3


def _sample(corpus):
    """A representative sample for the endpoints: the first, middle and last file of every category (the whole
    corpus goes through the shared checker above; every endpoint calls that checker)."""
    by_category: dict[str, list] = {}
    for item in corpus:
        by_category.setdefault(item[0], []).append(item)
    sample = []
    for items in by_category.values():
        picks = {0, len(items) // 2, len(items) - 1}
        sample += [items[i] for i in sorted(picks)][:PER_CATEGORY]
    return sample


def test_the_endpoint_list_is_complete(endpoints):
    assert tuple(label for label, *_ in endpoints[1]) == ENDPOINTS


@pytest.mark.parametrize("label", ENDPOINTS)
def test_every_endpoint_refuses_a_sample_of_every_category_and_stores_nothing(
    client, endpoints, corpus, settings, label
):
    rows, targets = endpoints
    _label, user, url, fields, file_field = next(t for t in targets if t[0] == label)
    sample = _sample(corpus)
    before = _counts(rows)
    statuses, server_errors, unclear = Counter(), [], []
    client.force_login(user)
    for category, name, content in sample:
        response = client.post(url, {**fields, file_field: SimpleUploadedFile(name, content)})
        statuses[response.status_code] += 1
        if response.status_code >= 500:
            server_errors.append(name)
        elif not 400 <= response.status_code < 500 or not _shows_an_error(response.content):
            unclear.append((category, name, response.status_code))
    stored = [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]
    rejected = sum(n for status, n in statuses.items() if 400 <= status < 500)
    print(f"\n{label}: {len(sample)} hostile files, {rejected} rejected, statuses {dict(statuses)}")
    assert len({category for category, _n, _c in sample}) >= 12
    assert server_errors == [] and unclear == [] and rejected == len(sample)
    assert stored == [] and _counts(rows) == before
