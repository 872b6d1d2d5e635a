"""Hostile text in real Chromium: 0 script executions.

Campaign name and theme, organisation names, disclosure comments and a decision title hold XSS payloads (the
corpus of tests/hostile/test_text.py plus payloads that set a ``window.__xss`` sentinel instead of alerting). Each
page that shows them is opened by its user; a dialog (alert / confirm / prompt), a JavaScript or console error
(CSP violations are reported there) or a set sentinel is a failure. Prints "browser: P pages, 0 script executions".
"""

import pytest
from django.urls import reverse

from awards.models import AwardDecision
from awards.nominations.services.disclosure import disclosure_comment_add
from campaigns.models import Campaign
from organizations.models import Organization
from tests.factories import OrganizationFactory
from tests.hostile.test_text import payloads
from tests.permissions.world import ROLE_SEATS, _user, build_tree

pytest.importorskip("playwright.sync_api")  # without Playwright this skips (and CI, which fails on any skip, goes red)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENTINEL = [
    '<img src=x onerror="window.__xss=1">',
    "<img src=x onerror=window.__xss=1>",
    "<script>window.__xss=1</script>",
    '"><svg onload="window.__xss=1">',
    "'><img src=x onerror='window.__xss=1'>",
    '<details open ontoggle="window.__xss=1">',
    '<input autofocus onfocus="window.__xss=1">',
    '<iframe srcdoc="&lt;script&gt;parent.__xss=1&lt;/script&gt;"></iframe>',
    '<div hx-get="/" hx-trigger="load" hx-on::before-request="window.__xss=1">',
    '<div hx-on:htmx:load="window.__xss=1">x</div>',
    "</textarea></title><script>window.__xss=1</script>",
    '<a id="x" href="javascript:window.__xss=1">x</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "{{ 7*7 }}<img src=x onerror=window.__xss=1>",
]
CLOSED_PORT = 9  # the corpus's URLs point here: nothing listens, and a fetch would show as a console error


def _strings() -> list[str]:
    return SENTINEL + payloads(CLOSED_PORT)


@pytest.fixture
def hostile_world(seeded_catalogue, issued_decisions_flushable, org_tree, browser_settings):
    """One organisation tree (tests/permissions/world.py) whose displayed texts hold the hostile strings."""
    strings = _strings()
    users = {name: _user(name, role, org_tree[key]) for name, (role, key) in ROLE_SEATS.items()}
    tree = build_tree(
        prefix="X", root=org_tree["root"], unit_a=org_tree["ward_a"], unit_b=org_tree["ward_b"], users=users
    )
    Campaign.objects.filter(pk=tree.campaign.pk).update(name=strings[0], theme="\n".join(strings))
    Organization.objects.filter(pk=tree.unit_a.pk).update(name=strings[1])
    for n, text in enumerate(strings[2:]):
        OrganizationFactory(code=f"H{n}", name=text[:255], parent=org_tree["dept_a"])
    for text in strings[:20]:
        disclosure_comment_add(disclosure=tree.disclosure, body=text, author_name=text[:150], actor=users["scorer_a"])
    AwardDecision.objects.filter(pk=tree.decisions.draft.pk).update(title=" ".join(SENTINEL)[:500])
    tree.users, tree.strings = users, strings
    return tree


def _pages(tree) -> list[tuple[str, str]]:
    campaign = tree.campaign
    return [
        ("officer", "/"),
        ("officer", reverse("campaigns:campaign-list")),
        ("officer", reverse("campaigns:campaign-detail", args=[campaign.pk])),
        ("officer", reverse("organizations:organization-list") + "?q="),
        ("officer", reverse("organizations:organization-detail", args=[tree.unit_a.pk])),
        ("officer", reverse("awards:disclosure-detail", args=[campaign.pk, tree.disclosure.pk])),
        ("officer", reverse("awards:nomination-list", args=[campaign.pk])),
        ("officer", reverse("scoring:ranking-list", args=[campaign.pk])),
        ("officer", reverse("awards:decision-list")),
        ("officer", reverse("awards:decision-detail", args=[tree.decisions.draft.pk])),
        ("scorer_a", "/"),
        ("scorer_a", reverse("scoring:submission-list")),
        ("scorer_a", reverse("scoring:submission-detail", args=[tree.draft_submission.pk])),
        ("scorer_a", reverse("awards:disclosure-detail", args=[campaign.pk, tree.disclosure.pk])),
    ]


def _control_executes(browser) -> tuple[int, int]:
    """(sentinel, dialogs) of two payloads written raw into a blank page with no CSP: proves the checks can fire."""
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_content(SENTINEL[0] + "<script>alert(1)</script>")
    page.wait_for_function("() => window.__xss === 1")
    sentinel = page.evaluate("() => window.__xss")
    page.close()
    return sentinel, len(dialogs)


def test_hostile_text_runs_no_script_in_the_browser(journey_for, hostile_world):
    tree = hostile_world
    j = journey_for("hostile-text")
    pages = {who: j.page_for(tree.users[who]) for who in ("officer", "scorer_a")}
    executions, shown = [], 0
    for who, url in _pages(tree):
        page = pages[who]
        page.goto(url)
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)  # let onerror / onload handlers and htmx's load processing run if they were to
        if page.evaluate("() => window.__xss !== undefined || window.top.__xss !== undefined"):
            executions.append(f"{who} {url}: window.__xss was set")
        body = page.locator("body").inner_text()
        shown += sum(1 for text in tree.strings if text in body)
        j.step(page, who)  # fails on any JavaScript error, console error or CSP violation
    executions += [f"dialog: {message}" for message in j.dialogs]
    assert _control_executes(j.browser) == (1, 1), "the sentinel and dialog checks must see an unescaped payload run"
    print(f"\nbrowser: {len(_pages(tree))} pages, {len(executions)} script executions ({shown} strings shown as text)")
    assert executions == [], executions
    assert shown > len(tree.strings)  # the strings are on the pages, as text
