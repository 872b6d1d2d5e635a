"""Arrange helpers for the plan / nomination / disclosure tests: a 2024 campaign, a published overall ranking."""

from datetime import date
from decimal import Decimal

from campaigns.models import Participant
from scoring.enums import RankingStatus
from scoring.models import RankingEntry, RankingRun
from tests.factories import OrganizationFactory, PersonFactory
from tests.scoring.factories import launched_campaign


def campaign_2024(org_tree, officer, units, **kwargs):
    """A launched collective campaign of the root ending in 2024 (the seeded catalogue is valid from 1/1/2024)."""
    return launched_campaign(
        organization=org_tree["root"],
        officer=officer,
        participants=units,
        start=date(2024, 1, 15),
        end=date(2024, 12, 15),
        **kwargs,
    )


def wards(org_tree, count: int, *, prefix: str = "P"):
    return [
        OrganizationFactory(code=f"{prefix}{i:02d}", name=f"Phường {i}", parent=org_tree["root"])
        for i in range(1, count + 1)
    ]


def people_participants(campaign, organization, genders):
    """One enrolled person per gender given ("female" / "male"), in organisation ``organization``."""
    people = [PersonFactory(organization=organization, gender=gender) for gender in genders]
    Participant.objects.bulk_create(Participant(campaign=campaign, person=person) for person in people)
    return people


def tier_of(total: Decimal) -> str:
    return "Xuất sắc" if total >= 90 else "Khá" if total >= 70 else "Trung bình"


def publish_ranking(campaign, totals: dict, *, officer=None) -> RankingRun:
    """A current overall run: ``totals`` maps an organisation or person to its total; ranks 1, 2, 2, 4."""
    RankingRun.objects.filter(campaign=campaign, phase__isnull=True).update(is_current=False)
    run = RankingRun.objects.create(
        campaign=campaign, phase=None, status=RankingStatus.DONE, is_current=True, requested_by=officer
    )
    participants = {(p.organization_id, p.person_id): p for p in Participant.objects.filter(campaign=campaign)}
    ordered = sorted(totals.items(), key=lambda item: -item[1])
    entries = []
    for recipient, total in ordered:
        total = Decimal(total)
        rank = 1 + sum(1 for _r, other in ordered if Decimal(other) > total)
        is_person = recipient.__class__.__name__ == "Person"
        key = (None, recipient.pk) if is_person else (recipient.pk, None)
        entries.append(
            RankingEntry(
                run=run, participant=participants[key], total=total, regular=total, tier_name=tier_of(total), rank=rank
            )
        )
    RankingEntry.objects.bulk_create(entries)
    run.participant_count = len(entries)
    run.save(update_fields=["participant_count"])
    return run


def use_english(client, settings) -> None:
    """Pages in English, so the tests read the msgids whatever the catalogue says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
