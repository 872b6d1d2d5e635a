"""Locust scenario: unit scorers self-scoring (page + htmx autosave) and officers reading the leaderboard.

Run by ``benchmarks/run_load.py`` (``make load``), which builds the data and writes the manifest named by
``LOAD_MANIFEST``. Each simulated user logs in once, through the real login form and with the right
password (so django-axes never counts a failure), then:

- ``ScorerUser`` (50): opens its unit's scoring page from "My submissions", then alternates between
  re-opening the page and saving one criterion the way the page's htmx form does (POST of the row's answer
  fields — ``value``, ``count``, ``points``, ``part_<code>``, ``rule_<code>`` as the manifest lists them —
  with ``note`` / ``version``, ``HX-Request`` and the ``X-CSRFToken`` header from ``<body hx-headers>``); the
  new version comes back in the fragment's out-of-band input.
- ``OfficerUser`` (5): opens the campaign leaderboard and the phase leaderboard.

A response counts as an error when its status is not the expected one or the page lacks what it must
show (the row's "Saved" mark after a save, the ranking table on the leaderboard).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from decimal import Decimal
from pathlib import Path

from locust import HttpUser, between, events, task

MANIFEST = json.loads(Path(os.environ["LOAD_MANIFEST"]).read_text(encoding="utf-8"))
PASSWORD = MANIFEST["password"]
SCORERS = itertools.cycle(MANIFEST["scorers"])
OFFICERS = itertools.cycle(MANIFEST["officers"])

CSRF_FORM = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_HX = re.compile(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'')
VERSION = re.compile(r'name="s(\d+)-version"[^>]*? value="(\d+)"')  # the row's input, or the out-of-band one
OPEN_LINK = re.compile(r'href="(/scoring/(\d+)/)"')
TIMES: list[tuple[str, float, bool, float]] = []  # every request: (name, milliseconds, succeeded, ended at)


@events.request.add_listener
def _record(name: str, response_time: float, exception=None, **_kwargs) -> None:
    """Keep each response time, so the runner computes exact percentiles (Locust's own are rounded)."""
    TIMES.append((name, response_time, exception is None, time.time()))


@events.quitting.add_listener
def _write_times(**_kwargs) -> None:
    if os.environ.get("LOAD_TIMES"):
        Path(os.environ["LOAD_TIMES"]).write_text(json.dumps(TIMES), encoding="utf-8")


def _login(user: HttpUser, username: str) -> None:
    """The login form as a browser submits it: GET for the CSRF cookie and token, then POST."""
    with user.client.get("/accounts/login/", name="login (form)", catch_response=True) as page:
        token = CSRF_FORM.search(page.text or "")
        if page.status_code != 200 or token is None:
            page.failure(f"login form: {page.status_code}")
            raise RuntimeError("no login form")
    with user.client.post(
        "/accounts/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": user.host + "/accounts/login/", "Origin": user.host},
        name="login (POST)",
        allow_redirects=False,
        catch_response=True,
    ) as response:
        if response.status_code != 302:
            response.failure(f"login of {username} refused: {response.status_code}")
            raise RuntimeError("login refused")


def _status(response) -> str:
    """The status code, or the connection error when there was no response (status 0)."""
    return str(response.status_code) if response.status_code else f"no response ({response.error!r})"[:200]


def _answers(criterion: dict) -> dict[str, str]:
    """Valid answers as a person types them into the row's fields (the manifest's kinds; see load_data.sample_typed):
    yes/no, occurrences (mostly none), whole numbers, numbers with a decimal comma half of the time."""
    typed = {}
    for name, (kind, largest) in criterion["fields"].items():
        if kind == "gate":
            typed[name] = "yes" if random.random() < 0.02 else "no"
        elif kind == "yes_no":
            typed[name] = "yes" if random.random() < 0.7 else "no"
        elif kind == "whole" and name.startswith("rule_"):
            typed[name] = str(random.choice((0, 0, 0, 1, 2)))
        elif kind == "whole":
            typed[name] = str(random.randint(0, int(Decimal(largest))))
        else:
            text = format(Decimal(random.randint(0, int(Decimal(largest) * 4))) / 4, "f")
            typed[name] = text.replace(".", ",") if random.random() < 0.5 else text
    return typed


class ScorerUser(HttpUser):
    """A unit's scorer filling in the self-scoring page; saves are per criterion, as the page autosaves."""

    fixed_count = 50
    wait_time = between(1, 3)

    def on_start(self) -> None:
        me = next(SCORERS)
        self.criteria = me["criteria"]
        self.versions: dict[str, str] = {}
        _login(self, me["username"])
        with self.client.get("/scoring/mine/", name="my submissions", catch_response=True) as page:
            link = OPEN_LINK.search(page.text or "")
            if page.status_code != 200 or link is None or int(link.group(2)) != me["submission"]:
                page.failure("my submissions: no link to the unit's submission")
                raise RuntimeError("no submission")
        self.page_url = link.group(1)
        self.open_page()

    @task(1)
    def open_page(self) -> None:
        with self.client.get(self.page_url, name="scoring page", catch_response=True) as page:
            body = page.text or ""
            token = CSRF_HX.search(body)
            versions = dict(VERSION.findall(body))
            if page.status_code != 200 or token is None or set(versions) != set(self.criteria):
                page.failure(f"scoring page: {_status(page)}, {len(versions)} editable rows")
                return
            self.csrf, self.versions = token.group(1), versions

    @task(4)
    def save_criterion(self) -> None:
        if not self.versions:
            return
        score_pk = random.choice(list(self.criteria))
        prefix = f"s{score_pk}"
        data = {
            f"{prefix}-version": self.versions[score_pk],
            f"{prefix}-note": random.choice(("", "Theo báo cáo sơ kết của đơn vị.", "Có biên bản kèm theo.")),
        }
        data |= {f"{prefix}-{name}": typed for name, typed in _answers(self.criteria[score_pk]).items()}
        headers = {
            "HX-Request": "true",
            "HX-Current-URL": self.host + self.page_url,
            "HX-Target": f"score-{score_pk}-feedback",
            "X-CSRFToken": self.csrf,
            "Origin": self.host,
            "Referer": self.host + self.page_url,
        }
        url = f"{self.page_url}scores/{score_pk}/"
        with self.client.post(
            url, data=data, headers=headers, name="save criterion (htmx)", catch_response=True
        ) as response:
            body = response.text or ""
            new_version = dict(VERSION.findall(body)).get(score_pk)
            if response.status_code != 200 or new_version is None or "✓" not in body:  # the row's "Saved" mark
                response.failure(f"save: {_status(response)} {body[:120]!r}")
                return
            self.versions[score_pk] = new_version


class OfficerUser(HttpUser):
    """An officer of the launching board following the leaderboard (whole campaign and phase 1)."""

    fixed_count = 5
    wait_time = between(1, 3)

    def on_start(self) -> None:
        _login(self, next(OFFICERS))

    @task
    def leaderboard(self) -> None:
        url = random.choice(MANIFEST["leaderboards"])
        name = "leaderboard (phase)" if "/phases/" in url else "leaderboard (campaign)"
        with self.client.get(url, name=name, catch_response=True) as page:
            if page.status_code != 200 or "<table" not in (page.text or ""):
                page.failure(f"leaderboard: {_status(page)}")
