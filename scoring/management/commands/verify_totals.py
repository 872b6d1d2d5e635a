"""Recompute every stored score result and submission total from the answers; print the number of differences.

Exit status 0 when there are none, 1 otherwise (each difference is listed on stderr, at most ``--show``).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from campaigns.models import Campaign
from scoring.submissions.verify import submission_differences, submissions_of


class Command(BaseCommand):
    help = "Recompute stored points and totals from the answers with the pure engine; print how many differ."

    def add_arguments(self, parser):
        parser.add_argument("--campaign", type=int, help="Only this campaign (its id).")
        parser.add_argument("--show", type=int, default=50, help="List at most this many differences (default 50).")

    def handle(self, *args, campaign: int | None, show: int, **options):
        if campaign is not None and not Campaign.objects.filter(pk=campaign).exists():
            raise CommandError(f"No campaign with id {campaign}.")
        submissions = submissions_of(campaign)
        count = 0
        for difference in submission_differences(submissions):
            count += 1
            if count <= show:
                self.stderr.write(str(difference))
        self.stdout.write(f"{count} differences in {submissions.count()} submissions.")
        if count:
            raise CommandError(f"{count} stored values differ from the recomputation.", returncode=1)
