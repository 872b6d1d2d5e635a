"""The dossier forms' data, read from the database: the tờ trình of a campaign's nominations and the báo cáo thành
tích of one nomination, prefilled from the organisation, the person, the ranking (points, rank, tier), the award
history, the emulation products and the initiatives. Reads only; ``awards.documents.dossier`` lays them out.

The legal basis comes from the catalogue rows in force on the day (their ``legal_basis``), never from constants.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.utils import timezone

from awards.catalogue.selectors import award_type_in_force
from awards.documents import dossier as forms
from awards.enums import NominationStatus
from awards.models import AwardDecision, AwardRecord, Council, CouncilSession, Nomination
from campaigns.enums import ProductType
from campaigns.models import Campaign, EmulationProduct
from common.documents import short_date
from organizations.models import Organization

LIVE = (NominationStatus.PROPOSED, NominationStatus.APPROVED)
GENDERS = {"female": "Nữ", "male": "Nam", "other": "Khác"}


def _points(value: Decimal | None) -> str:
    return "" if value is None else format(value.quantize(Decimal("0.01")), "f").replace(".", ",")


def _place(organization: Organization) -> str:
    """The place name the organisation last wrote on a decision or minutes ("" when none: left for the officer)."""
    decision = AwardDecision.objects.filter(issuing_organization=organization).exclude(place="").order_by("-pk")
    place = decision.values_list("place", flat=True).first()
    if place:
        return place
    session = CouncilSession.objects.filter(council__organization=organization).exclude(place_name="").order_by("-pk")
    return session.values_list("place_name", flat=True).first() or ""


def _basis(award_types, day: date) -> list[str]:
    """ "Căn cứ …;" lines of the texts the awards' catalogue rows in force on ``day`` cite, each once."""
    lines: list[str] = []
    for award in award_types:
        for piece in re.split(r"[;\n]", award_type_in_force(award, day).legal_basis):
            piece = piece.strip().rstrip(".;").strip()
            if not piece:
                continue
            line = piece if piece.lower().startswith("căn cứ") else f"Căn cứ {piece}"
            if f"{line};" not in lines:
                lines.append(f"{line};")
    return lines


def _detail(nomination: Nomination) -> str:
    if nomination.person_id:
        person = nomination.person
        return ", ".join(part for part in (person.position, person.organization.name) if part)
    parent = nomination.organization.parent
    return parent.name if parent else ""


def live_nominations(campaign: Campaign):
    """The campaign's eligible nominations still proposed or approved, grouped by award, in plan order."""
    return (
        Nomination.objects.filter(plan__campaign=campaign, status__in=LIVE, is_eligible=True)
        .select_related("plan__award_type", "person__organization", "organization__parent")
        .order_by("plan__award_type__name", "plan_id", "position", "pk")
    )


def cover_request_data(campaign: Campaign, *, day: date | None = None) -> forms.CoverRequestData:
    """The tờ trình of the campaign's launching organisation, asking for its live nominations."""
    organization = campaign.launching_organization
    day = day or timezone.localdate()
    nominations = list(live_nominations(campaign))
    groups: dict[str, list[forms.NomineeLine]] = {}
    for nomination in nominations:
        lines = groups.setdefault(nomination.plan.award_type.name, [])
        line = forms.NomineeLine(
            order=len(lines) + 1,
            name=str(nomination.recipient),
            detail=_detail(nomination),
            points=_points(nomination.total),
            tier=nomination.tier_name,
        )
        lines.append(line)
    collectives = sum(1 for n in nominations if n.organization_id)
    individuals = len(nominations) - collectives
    council = Council.objects.filter(organization=organization).order_by("pk").first()
    addressee = council.name if council else (organization.parent.name if organization.parent else organization.name)
    awards = list({n.plan.award_type_id: n.plan.award_type for n in nominations}.values())
    plan_line = (
        f"Căn cứ Kế hoạch số {campaign.plan_number} ngày {short_date(campaign.plan_date)} của {organization.name} "
        f"về {campaign.name};"
    )
    request = (
        f"{organization.name} kính đề nghị {addressee} xem xét, khen thưởng cho {collectives} tập thể và "
        f"{individuals} cá nhân đã có thành tích xuất sắc trong {campaign.name} (có danh sách kèm theo)."
    )
    parent = organization.parent
    return forms.CoverRequestData(
        style=organization.document_style,
        superior=parent.name.upper() if parent else "",
        issuer=organization.name.upper(),
        place=_place(organization),
        day=None,  # dated when signed
        summary=f"Về việc đề nghị khen thưởng trong {campaign.name}",
        addressee=f"Kính gửi: {addressee}",
        basis=(*_basis(awards, day), plan_line),
        request=request,
        groups=tuple(forms.NomineeGroup(award=award, lines=tuple(lines)) for award, lines in groups.items()),
        signer_title=campaign.signer_title,
        signer_name=campaign.signer_name,
    )


def _history(nomination: Nomination) -> tuple[forms.HistoryLine, ...]:
    records = AwardRecord.objects.filter(
        person_id=nomination.person_id, organization_id=nomination.organization_id
    ).order_by("year", "award_name")
    lines = []
    for record in records:
        parts = []
        if record.decision_number:
            parts.append(f"Quyết định số {record.decision_number}")
        if record.decision_date:
            parts.append(f"ngày {short_date(record.decision_date)}")
        if record.issuer:
            parts.append(f"của {record.issuer}")
        lines.append(forms.HistoryLine(year=str(record.year), award=record.award_name, decision=" ".join(parts)))
    return tuple(lines)


def _products(nomination: Nomination) -> tuple[list[str], list[str]]:
    """The nominee's registered emulation products, initiatives apart."""
    if not nomination.participant_id:
        return [], []
    rows = EmulationProduct.objects.filter(registration__participant_id=nomination.participant_id).order_by("pk")
    products, initiatives = [], []
    for row in rows:
        (initiatives if row.product_type == ProductType.INITIATIVE else products).append(row.title)
    return products, initiatives


def achievement_report_data(nomination: Nomination) -> forms.AchievementReportData:
    """The báo cáo thành tích of one nominee, prefilled from the data (the officer completes the narrative)."""
    campaign = nomination.plan.campaign
    person = nomination.person if nomination.person_id else None
    unit = person.organization if person is not None else nomination.organization
    parent = unit.parent
    if person is not None:
        facts = [("Họ và tên", person.full_name)]
        if person.date_of_birth:
            facts.append(("Sinh ngày", short_date(person.date_of_birth)))
        facts += [
            ("Giới tính", GENDERS.get(person.gender, "")),
            ("Chức vụ", person.position or "…"),
            ("Đơn vị công tác", unit.name),
        ]
    else:
        facts = [("Tên tập thể", unit.name), ("Cơ quan, đơn vị cấp trên trực tiếp", parent.name if parent else "…")]
    results = []
    if nomination.total is not None:
        results.append(f"Tổng điểm: {_points(nomination.total)} điểm")
    if nomination.rank is not None:
        results.append(f"Xếp hạng: {nomination.rank}")
    if nomination.tier_name:
        results.append(f"Xếp loại: {nomination.tier_name}")
    if nomination.achievement:
        results.append(nomination.achievement)
    products, initiatives = _products(nomination)
    return forms.AchievementReportData(
        style=unit.document_style,
        is_collective=person is None,
        superior=parent.name.upper() if parent else "",
        issuer=unit.name.upper(),
        place=_place(campaign.launching_organization),
        day=None,
        award=nomination.plan.award_type.name,
        subject=person.full_name if person is not None else unit.name,
        facts=tuple(facts),
        campaign=campaign.name,
        results=tuple(results) or ("(Chưa có kết quả xếp hạng)",),
        products=tuple(products),
        initiatives=tuple(initiatives),
        history=_history(nomination),
    )
