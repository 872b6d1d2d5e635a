"""``manage.py load_demo``: recreate the five seed situations (safe to run again and again)."""

from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import import_string

from organizations import demo

LOGIN_HEADERS = ("Username", "Password", "Role", "Organisation")


class Command(BaseCommand):
    help = (
        "Create or repair the demo organisations, people, blocs and one login per role from the seed articles. "
        "Idempotent: a second run changes nothing."
    )

    def handle(self, *args, **options):
        # Role labels come from the Vietnamese catalogue, like the rest of the demo data.
        # Each app contributes a loader (settings.DEMO_LOADERS, in dependency order), so the base app
        # never imports the apps built on it; all of them run in one transaction.
        summary: dict[str, Counter] = {}
        with translation.override("vi"), transaction.atomic():
            for path in settings.DEMO_LOADERS:
                summary |= import_string(path)()
            logins = demo.demo_logins()
        self._write_summary(summary)
        self._write_logins(logins)

    def _write_summary(self, summary: dict[str, Counter]) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING("Demo data loaded:"))
        width = max(len(section) for section in summary)
        for section, tally in summary.items():
            outcomes = (demo.CREATED, demo.UPDATED, demo.UNCHANGED)
            counts = ", ".join(f"{tally[outcome]} {outcome}" for outcome in outcomes)
            self.stdout.write(f"  {section.replace('_', ' '):<{width}}  {counts}")

    def _write_logins(self, logins: list[tuple[str, ...]]) -> None:
        rows = [LOGIN_HEADERS, *logins]
        widths = [max(len(row[column]) for row in rows) for column in range(len(LOGIN_HEADERS))]
        self.stdout.write(self.style.MIGRATE_HEADING("Demo logins:"))
        for index, row in enumerate(rows):
            line = " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(f"  {line}".rstrip())
            if index == 0:
                self.stdout.write("  " + "-+-".join("-" * width for width in widths))
