"""Hostile text: XSS and template-injection strings in user-editable fields are shown escaped on every page,
rendered as literal text into the PDFs (with no network or file fetch) and written as plain strings (never
formulas) into the .xlsx exports and templates."""

import io
import socket
import unicodedata
from dataclasses import replace
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from awards.documents import DecisionRecipient, MinutesRow, html_to_pdf
from awards.documents.html import certificate_html, decision_html, minutes_html
from campaigns.models import Criterion, CriterionGroup, Phase, ScoringTable, Tier
from common.pdf.fetcher import make_fetcher
from organizations.models import Organization
from scoring.submissions import services as self_services
from tests.awards.test_pdf import CERTIFICATE, DECISION, MINUTES
from tests.factories import OrganizationFactory, PersonFactory
from tests.scoring.factories import launched_campaign

pytestmark = pytest.mark.django_db

LOOPBACK = "http://127.0.0.1:{port}"


def payloads(port: int) -> list[str]:
    """At least 50 hostile strings; those with a URL point at a loopback listener that counts connections."""
    url = LOOPBACK.format(port=port)
    return [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "'><svg onload=alert(1)>",
        "<svg/onload=alert(1)>",
        "{{ 7*7 }}",
        "{% debug %}",
        "{% load static %}{% static 'x' %}",
        "{{ request.user.password }}",
        "{{ settings.SECRET_KEY }}",
        "${7*7}",
        "#{7*7}",
        "<%= 7*7 %>",
        "%(x)s %s %d",
        "{0.__class__}",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        f'<a href="javascript:alert(1)">x</a><a href="{url}/a">y</a>',
        f'<img src="{url}/img.png">',
        f'<link rel="stylesheet" href="{url}/x.css">',
        f"<style>@import url({url}/i.css);</style>",
        f"<style>body{{background:url({url}/bg.png)}}</style>",
        f'<iframe src="{url}/frame"></iframe>',
        f'<object data="{url}/o"></object>',
        f'<embed src="{url}/e">',
        f'<base href="{url}/">',
        f'<meta http-equiv="refresh" content="0;url={url}/m">',
        "<img src=file:///etc/passwd>",
        '<div style="width: expression(alert(1))">',
        "<style>*{x:expression(alert(1))}</style>",
        "</textarea><script>alert(1)</script>",
        "</title><script>alert(1)</script>",
        "</script><script>alert(1)</script>",
        "<!--<script>alert(1)//-->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<body onload=alert(1)>",
        "<input autofocus onfocus=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        '<a href="#" onclick="alert(1)">bấm vào đây</a>',
        "'; DROP TABLE campaigns_campaign; --",
        '" onmouseover="alert(1)',
        "' onmouseover='alert(1)",
        "Phường 1 <b>đậm</b> & <i>nghiêng</i>",
        "=cmd|' /C calc'!A0",
        '=HYPERLINK("http://127.0.0.1:9/x","bấm")',
        "+1+1",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\u202eexe.pdf <script>alert(1)</script>",
        "{{'a'|upper}} {% now 'Y' %}",
    ]


DANGEROUS = tuple("<>\"'")


@pytest.fixture
def listener():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def _connections(server) -> int:
    count = 0
    while True:
        try:
            connection, _ = server.accept()
        except BlockingIOError:
            return count
        connection.close()
        count += 1


def _pdf_text(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


# --- pages -----------------------------------------------------------------------------------------------------


@pytest.fixture
def hostile_campaign(org_tree, officer, listener):
    """A launched campaign whose every editable text (and its organisations and people) holds a hostile string."""
    strings = payloads(listener.getsockname()[1])
    today = timezone.localdate()
    campaign = launched_campaign(
        organization=org_tree["root"],
        officer=officer,
        participants=[org_tree["ward_a"]],
        start=today - timedelta(days=10),
        end=today + timedelta(days=30),
    )
    joined = "\n".join(strings)
    fields = {}
    fields["campaign"] = {"name": strings[0], "theme": joined, "objectives": joined, "signer_name": strings[1]}
    type(campaign).objects.filter(pk=campaign.pk).update(**fields["campaign"])
    Phase.objects.filter(campaign=campaign).update(name=strings[2], theme=joined)
    CriterionGroup.objects.filter(table__campaign=campaign).update(title=strings[3])
    criteria = list(Criterion.objects.filter(table__campaign=campaign))
    for index, criterion in enumerate(criteria):
        criterion.text, criterion.guidance = strings[index % len(strings)], joined
    Criterion.objects.bulk_update(criteria, ["text", "guidance"])
    for index, tier in enumerate(Tier.objects.filter(table__campaign=campaign)):
        tier.name = strings[(index + 4) % len(strings)][:100]
        tier.save(update_fields=["name"])
    Organization.objects.filter(pk=org_tree["ward_a"].pk).update(name=strings[5])
    for index, text in enumerate(strings):
        OrganizationFactory(code=f"X{index}", name=text, parent=org_tree["dept_a"])
        PersonFactory(code=f"P{index}", full_name=text[:150], organization=org_tree["ward_a"])
    participant = campaign.participants.get(organization=org_tree["ward_a"])
    submission = self_services.submission_get_or_create(participant=participant, phase=campaign.phases.get())
    field_count = 4 + 2 + 1 + 2 + 1 + 1 + 1  # campaign 4, phase 2, group 1, criterion 2, tier 1, organisation, person
    return campaign, submission, strings, field_count


def _unescaped(body: str, strings: list[str]) -> list[str]:
    return [s for s in strings if any(c in s for c in DANGEROUS) and s in body]


def test_every_page_escapes_hostile_text(client, officer, scorer_a, hostile_campaign, listener):
    campaign, submission, strings, field_count = hostile_campaign
    table = ScoringTable.objects.filter(campaign=campaign).first()
    pages = [
        (officer, reverse("campaigns:campaign-list")),
        (officer, reverse("campaigns:campaign-detail", args=[campaign.pk])),
        (officer, reverse("campaigns:campaign-update", args=[campaign.pk])),
        (officer, reverse("campaigns:table-detail", args=[campaign.pk, table.pk])),
        (officer, reverse("campaigns:tier-list", args=[campaign.pk])),
        (officer, reverse("organizations:organization-list") + "?q="),
        (officer, reverse("organizations:person-list")),
        (officer, reverse("organizations:person-list") + "?q=%3Cscript%3Ealert(1)%3C/script%3E"),
        (scorer_a, reverse("scoring:submission-detail", args=[submission.pk])),
        (officer, "/"),
    ]
    unescaped, shown = [], 0
    for user, url in pages:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        unescaped += [(url, s) for s in _unescaped(body, strings)]
        shown += sum(1 for s in strings if s in body or _escaped(s) in body)
    detail = client.get(reverse("campaigns:campaign-detail", args=[campaign.pk])).content.decode()
    assert "{{ 7*7 }}" in detail and "${7*7}" in detail  # shown literally, never evaluated to 49
    assert _escaped("<script>alert(1)</script>") in detail
    print(
        f"\nhostile text: {len(strings)} strings × {field_count} fields on {len(pages)} pages, "
        f"{len(unescaped)} unescaped, {_connections(listener)} fetches"
    )
    assert unescaped == [] and shown > len(strings)


def _escaped(text: str) -> str:
    from django.utils.html import escape

    return str(escape(text))


# --- PDFs ------------------------------------------------------------------------------------------------------


def test_pdfs_render_hostile_text_literally_without_any_fetch(listener):
    strings = payloads(listener.getsockname()[1])
    decision = replace(
        DECISION,
        title=strings[0],
        legal_basis=strings,
        recipients=[DecisionRecipient(n + 1, s, s, s) for n, s in enumerate(strings)],
    )
    minutes = replace(
        MINUTES,
        session_title=strings[1],
        rows=[MinutesRow(s, s, 1, 0, 0, True) for s in strings],
        absent_names=strings[:5],
    )
    certificates = [
        replace(CERTIFICATE, recipient_name=s, recipient_unit=s, achievement=s, signer_name=s[:40])
        for s in strings[:12]
    ]
    documents = [decision_html(decision), minutes_html(minutes)] + [certificate_html(c) for c in certificates]
    fetches, texts = 0, []
    for html in documents:
        fetcher = make_fetcher()
        texts.append(_pdf_text(html_to_pdf(html, fetcher=fetcher)))
        fetches += fetcher.refused_count
    connections = _connections(listener)
    literal = ["<script>alert(1)</script>", "{{ 7*7 }}", '"><img src=x onerror=alert(1)>', "${7*7}"]
    for marker in literal:
        assert marker in texts[0] and marker in texts[1], marker  # literal text in the decision and the minutes
    assert "<script>alert(1)</script>" in texts[2]
    print(
        f"\nhostile PDFs: {len(strings)} strings × {len(documents)} PDFs, "
        f"{fetches} refused fetches, {connections} connections"
    )
    assert fetches == 0 and connections == 0


# --- spreadsheets ----------------------------------------------------------------------------------------------


def _formula_cells(content: bytes) -> list[str]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def test_xlsx_exports_write_hostile_text_as_plain_strings(client, officer, hostile_campaign):
    campaign, _submission, strings, _fields = hostile_campaign
    criteria = list(Criterion.objects.filter(table__campaign=campaign))
    formulas = [s for s in strings if s.startswith(("=", "+", "-", "@"))]
    for criterion, text in zip(criteria, formulas, strict=False):
        criterion.text = text
    Criterion.objects.bulk_update(criteria, ["text"])
    client.force_login(officer)
    table = ScoringTable.objects.filter(campaign=campaign).first()
    exports = {
        "scoring table": client.get(reverse("campaigns:table-export", args=[campaign.pk, table.pk])).content,
        "organisation template": client.get(reverse("organizations:import-template", args=["organizations"])).content,
        "people template": client.get(reverse("organizations:import-template", args=["people"])).content,
        "award history template": client.get(reverse("awards:history-import-template")).content,
    }
    for name, content in exports.items():
        assert _formula_cells(content) == [], name
    values = {
        cell.value
        for sheet in openpyxl.load_workbook(io.BytesIO(exports["scoring table"])).worksheets
        for row in sheet.iter_rows()
        for cell in row
    }
    assert set(formulas[: len(criteria)]) <= values  # the typed text, unchanged, as a string


def test_formula_strings_are_text_in_every_writer():
    from common.spreadsheets import cells_as_text

    workbook = openpyxl.Workbook()
    workbook.active.append(["=1+1", "+1", "-1", "@A1", "bình thường", -1, 5])
    buffer = io.BytesIO()
    cells_as_text(workbook).save(buffer)
    cells = next(openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows())
    assert [c.data_type for c in cells] == ["s", "s", "s", "s", "s", "n", "n"]
    assert [c.value for c in cells][:4] == ["=1+1", "+1", "-1", "@A1"]


def test_formula_strings_are_text_in_write_only_sheets():
    from common.spreadsheets import text_row

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("x")
    sheet.append(text_row(sheet, ["=1+1", "@A1", "Phường 1", 3]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    cells = next(openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0].iter_rows())
    assert [(c.value, c.data_type) for c in cells] == [("=1+1", "s"), ("@A1", "s"), ("Phường 1", "s"), (3, "n")]
