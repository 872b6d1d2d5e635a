"""The figures of forms 0601–0605.N/BNV-TĐKT for an organisation and everything below it, for one year.

0601: campaigns launched by the subtree whose plan is dated in the year (not drafts), split regular / thematic;
"đã sơ kết" = an interim report was prepared, "đã tổng kết" = finalised or archived. 0602 / 0603: the award ledger
of the year (revoked records left out) for recipients in the subtree, one row per award of the State and
Government levels (0602) or the ministry/province level (0603), collectives and individuals apart. 0604: the
subtree's active emulation and commendation councils (from the data) and the dedicated bodies (from the yearly
input). 0605: staff (from the yearly input).
"""

from collections import Counter

from django.db.models import Q

from awards.enums import AwardLevel
from awards.models import AwardRecord, AwardType, CampaignReport, Council, ReportKind, ReportStatus, StatisticsInput
from awards.statistics.spec import DEFAULT_RECEIVING_UNIT, RECEIPT_DAY, RECEIPT_MONTH, forms_for
from campaigns.enums import CampaignKind, CampaignStatus
from campaigns.models import Campaign

DATA, INPUT = "data", "input"
STATE_LEVELS = (AwardLevel.STATE, AwardLevel.GOVERNMENT)
PROVINCE_LEVELS = (AwardLevel.MINISTRY_PROVINCE,)


def _row(label: str, values: list[int], source: str = DATA, indent: int = 0) -> dict:
    return {"label": label, "values": values, "source": source, "indent": indent}


def _campaigns(organization, year: int) -> list[dict]:
    campaigns = Campaign.objects.filter(
        launching_organization__path__startswith=organization.path, plan_date__year=year
    ).exclude(status=CampaignStatus.DRAFT)
    interim = set(
        CampaignReport.objects.filter(
            campaign__in=campaigns, kind=ReportKind.INTERIM, status=ReportStatus.DONE
        ).values_list("campaign_id", flat=True)
    )
    final_statuses = {CampaignStatus.FINALISED, CampaignStatus.ARCHIVED}
    rows = []
    for label, kind, indent in (
        ("Tổng số phong trào thi đua được phát động", None, 0),
        ("- Phong trào thi đua thường xuyên", CampaignKind.REGULAR, 1),
        ("- Phong trào thi đua theo đợt (chuyên đề)", CampaignKind.THEMATIC, 1),
    ):
        chosen = [c for c in campaigns if kind is None or c.kind == kind]
        rows.append(
            _row(
                label,
                [len(chosen), sum(c.pk in interim for c in chosen), sum(c.status in final_statuses for c in chosen)],
                indent=indent,
            )
        )
    return rows


def _awards(organization, year: int, levels) -> list[dict]:
    catalogue = AwardType.objects.filter(level__in=levels, owner__isnull=True).order_by("level", "name")
    names: dict[str, str] = {}
    for award in catalogue:
        names.setdefault(award.code, award.name)  # the newest wording wins below
    for award in catalogue.filter(valid_to__isnull=True):
        names[award.code] = award.name
    records = AwardRecord.objects.filter(
        Q(organization__path__startswith=organization.path)
        | Q(person__organization__path__startswith=organization.path),
        year=year,
        revoked_by__isnull=True,
    ).filter(Q(award_type__code__in=names) | Q(award_type__isnull=True, award_code__in=names))
    counts: Counter = Counter()
    for code, fallback, person_id in records.values_list("award_type__code", "award_code", "person_id"):
        counts[(code or fallback, "person" if person_id else "organization")] += 1
    rows = []
    for code, name in names.items():
        collective, individual = counts[(code, "organization")], counts[(code, "person")]
        rows.append(_row(f"- {name}", [collective + individual, collective, individual], indent=1))
    collective = sum(r["values"][1] for r in rows)
    individual = sum(r["values"][2] for r in rows)
    return [_row("Tổng số", [collective + individual, collective, individual]), *rows]


def statistics_forms(organization, year: int) -> dict:
    """The header and every form's rows for ``organization``'s subtree in ``year`` (JSON-ready)."""
    entered = StatisticsInput.objects.filter(organization=organization, year=year).first()
    councils = Council.objects.filter(organization__path__startswith=organization.path, is_active=True).count()
    bodies = entered.dedicated_bodies if entered else 0
    full, full_women = (entered.staff_full_time, entered.staff_full_time_women) if entered else (0, 0)
    part, part_women = (entered.staff_part_time, entered.staff_part_time_women) if entered else (0, 0)
    rows = {
        "0601": _campaigns(organization, year),
        "0602": _awards(organization, year, STATE_LEVELS),
        "0603": _awards(organization, year, PROVINCE_LEVELS),
        "0604": [
            _row("Tổng số", [councils + bodies], INPUT if entered else DATA),
            _row("- Hội đồng Thi đua - Khen thưởng", [councils], indent=1),
            _row("- Cơ quan, bộ phận chuyên trách công tác thi đua, khen thưởng", [bodies], INPUT, indent=1),
        ],
        "0605": [
            _row("Tổng số", [full + part, full_women + part_women], INPUT),
            _row("- Chuyên trách", [full, full_women], INPUT, indent=1),
            _row("- Kiêm nhiệm", [part, part_women], INPUT, indent=1),
        ],
    }
    forms = []
    for spec in forms_for(year):
        key = spec.number[:4]
        forms.append(
            {
                "number": spec.number,
                "title": spec.title,
                "unit": spec.unit,
                "columns": list(spec.columns),
                "basis": spec.basis.text,
                "rows": rows[key],
                "has_input": any(row["source"] == INPUT for row in rows[key]),
            }
        )
    return {
        "organization": organization.name,
        "year": year,
        "receiving_unit": (entered.receiving_unit if entered and entered.receiving_unit else DEFAULT_RECEIVING_UNIT),
        "receipt_date": f"{RECEIPT_DAY:02d}/{RECEIPT_MONTH:02d}/{year}",
        "input_entered": entered is not None,
        "forms": forms,
    }
