"""Real Chromium (the system's, never a downloaded build) driven by Playwright against ``live_server``.

The browser is skipped when /usr/bin/chromium or Playwright is missing, unless ``CI_REQUIRE_BROWSER=1``: then it
fails, so CI can never pass with these journeys silently left out. Every page opened through ``page_for`` logs in
through the real (Vietnamese) login form and records JavaScript errors, console errors (CSP violations are
reported there) and dialogs; ``Journey.step`` fails on any of them and keeps a screenshot of the step in
``ci-artifacts/screenshots/<journey>/<NN-step>.png``.
"""

import importlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connections

from tests.factories import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "ci-artifacts" / "screenshots"
TIMEOUT_MS = 15_000


def _unavailable(reason: str):
    if os.environ.get("CI_REQUIRE_BROWSER") == "1":
        pytest.fail(f"CI_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def _playwright(monkeypatch):
    """Playwright for one test (a second to start): its event loop never outlives the browser tests."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -r requirements-dev.txt)")
    # Playwright's sync API runs an asyncio event loop in the test thread, which Django's async-safety check takes
    # for async code, refusing ORM calls (SynchronousOnlyOperation). The test thread only runs sync code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        yield playwright
        # While that loop runs, asgiref keys Django's connections by async context, so the ORM calls of this test
        # had a database connection of their own: close it before the loop goes, or it outlives the test database.
        connections.close_all()


@pytest.fixture
def browser(_playwright):
    """A headless system Chromium; each user gets a context (cookies) of their own."""
    chromium = _playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def seeded_catalogue(transactional_db):
    """The award catalogue of migration 0003 again: a transactional test's database was flushed by an earlier one."""
    importlib.import_module("awards.migrations.0003_seed_catalogue").seed(apps, None)


@pytest.fixture
def issued_decisions_flushable(transactional_db):
    """Let the flush after a transactional test remove issued decisions on SQLite.

    Migration 0002's SQLite triggers refuse to delete an issued decision, and Django flushes SQLite with DELETE
    (PostgreSQL's TRUNCATE fires no row triggers). At teardown the issued rows are turned back into drafts with the
    triggers briefly dropped, then the triggers are put back exactly as the migration writes them.
    """
    yield
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    guards = [
        importlib.import_module("awards.migrations.0002_issued_decisions_immutable"),
        # Rendered certificates and used registers are refused a DELETE too (issue #16).
        importlib.import_module("awards.migrations.0006_certificates_and_registers_immutable"),
    ]
    with connection.cursor() as cursor:
        for guard in guards:
            for statement in guard.SQLITE_BACKWARD:
                cursor.execute(statement)
        cursor.execute("UPDATE awards_awarddecision SET status = 'draft' WHERE status = 'issued'")
        cursor.execute("UPDATE awards_certificate SET sha256 = '', status = 'pending'")
        cursor.execute("UPDATE awards_register SET last_number = 0")
        for guard in guards:
            for statement in guard.SQLITE_FORWARD:
                cursor.execute(statement)


@pytest.fixture
def browser_settings(settings, tmp_path):
    """Uploads and certificates in a temporary folder; absolute links (QR codes) point at the live server."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


@dataclass
class Journey:
    """Opens a logged-in page per user, watches it for errors and keeps a screenshot of each step."""

    name: str
    browser: object
    base_url: str
    problems: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)
    contexts: list = field(default_factory=list)
    count: int = 0

    def _console(self, who: str, message) -> None:
        if message.type != "error" and "Content Security Policy" not in message.text:
            return
        url = message.location.get("url", "")
        if url.endswith("/favicon.ico"):  # Chromium asks for it on its own; the app has none
            return
        self.problems.append(f"{who}: console {message.type}: {message.text} ({url})")

    def _watch(self, page, who: str) -> None:
        page.on("pageerror", lambda error: self.problems.append(f"{who}: JavaScript error: {error}"))
        page.on("console", lambda message: self._console(who, message))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.accept()))

    def page_for(self, user, *, who: str | None = None):
        """A new browser context for ``user``, logged in through the login form (Vietnamese, the default)."""
        who = who or user.username
        context = self.browser.new_context(base_url=self.base_url, locale="vi-VN", accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        page = context.new_page()
        self._watch(page, who)
        page.goto("/accounts/login/")
        assert page.locator("h1").inner_text() == "Đăng nhập"
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.locator("main form").get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))
        return page

    def anonymous_page(self, who: str = "anonymous"):
        context = self.browser.new_context(base_url=self.base_url, locale="vi-VN")
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        page = context.new_page()
        self._watch(page, who)
        return page

    def step(self, page, name: str) -> None:
        """Screenshot the page as ``NN-name.png``, then fail if anything went wrong in any page so far."""
        self.count += 1
        folder = SCREENSHOTS / self.name
        folder.mkdir(parents=True, exist_ok=True)
        # caret="initial": hiding the caret leaves style="" on every input, which htmx's settle step then copies
        # with setAttribute, a CSP violation that exists only because of the screenshot.
        page.screenshot(path=str(folder / f"{self.count:02d}-{name}.png"), full_page=True, caret="initial")
        problems, self.problems = self.problems, []  # reported once, here, rather than again at teardown
        assert not problems, "\n".join(problems)

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def journey_for(request, browser, live_server, browser_settings):
    """``journey_for("name")`` → a Journey whose screenshots go to ci-artifacts/screenshots/name/."""
    browser_settings.SITE_URL = live_server.url  # the certificates' QR codes lead to this server's /verify/
    made = []

    def make(name: str) -> Journey:
        folder = SCREENSHOTS / name
        if folder.exists():
            for old in folder.glob("*.png"):
                old.unlink()
        journey = Journey(name=name, browser=browser, base_url=live_server.url)
        made.append(journey)
        return journey

    yield make
    for journey in made:
        journey.close()
        assert not journey.problems, "\n".join(journey.problems)
