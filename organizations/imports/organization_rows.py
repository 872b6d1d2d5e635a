"""Organisations import: validate every row against the file and the existing tree, then upsert by code."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from organizations import services
from organizations.enums import OrganizationKind
from organizations.imports.common import (
    CREATED,
    UNCHANGED,
    UPDATED,
    ApplyError,
    Authority,
    RowErrors,
    by_code,
    choice_find,
    choice_lookup,
    clean_code,
    clean_text,
    count,
    no_authority,
    unique,
    unknown_unit,
)
from organizations.imports.reading import Column, Row, Table
from organizations.models import Organization

COLUMNS = (
    Column("code", "Mã đơn vị", ("code", "organisation code", "organization code"), required=True),
    Column("name", "Tên đơn vị", ("name", "organisation name", "organization name"), required=True),
    Column("short_name", "Tên viết tắt", ("short name",)),
    Column("kind", "Loại", ("kind", "type")),
    Column("parent_code", "Mã đơn vị cấp trên", ("parent code", "parent organisation code", "parent")),
)
EXAMPLE = ("PTCHC", "Phòng Tổ chức – Hành chính", "P.TCHC", "Phòng, ban, vụ", "BTG")


def _max_length(field: str) -> int:
    return Organization._meta.get_field(field).max_length


@dataclass(frozen=True)
class OrgRow:
    line: int
    code: str
    fields: dict[str, str]  # name, short_name, kind: only the columns the file has
    parent_code: str | None  # "" = a root; None = the file has no parent column (keep the current parent)


class Tree:
    """Existing organisations the file names, with their ancestors, and the tree the file would make."""

    def __init__(self, rows: list[OrgRow]):
        self.rows = {row.code: row for row in rows}
        existing = by_code(Organization.objects.all(), {*self.rows, *(row.parent_code for row in rows)})
        ancestor_ids = {pk for org in existing.values() for pk in org.ancestor_ids()}
        by_id = {org.pk: org for org in existing.values()}
        by_id |= {org.pk: org for org in Organization.objects.filter(pk__in=ancestor_ids - by_id.keys())}
        self.by_id = by_id
        self.by_code = {org.code.upper(): org for org in by_id.values()}

    def current_parent_code(self, organization: Organization) -> str:
        ids = organization.ancestor_ids()
        return self.by_id[ids[-2]].code.upper() if len(ids) > 1 else ""

    def final_parent_code(self, code: str) -> str:
        row = self.rows.get(code)
        if row is not None and row.parent_code is not None:
            return row.parent_code
        organization = self.by_code.get(code)
        return self.current_parent_code(organization) if organization else ""

    def chain(self, code: str) -> list[str]:
        """``code`` and its ancestors once the file is applied; ends on a repeated code when there is a loop."""
        chain = [code]
        parent = self.final_parent_code(code)
        while parent and parent not in chain:
            chain.append(parent)
            parent = self.final_parent_code(parent)
        return [*chain, parent] if parent else chain


@dataclass(frozen=True)
class Plan:
    rows: list[OrgRow]
    tree: Tree


def validate(*, table: Table, authority: Authority) -> tuple[Plan, RowErrors]:
    """Check every row (values, duplicates, parents, loops, reach); nothing is written."""
    errors = RowErrors()
    kinds = choice_lookup(OrganizationKind.choices)
    rows = unique([_clean(row, table, kinds, errors) for row in table.rows], errors)
    tree = Tree(rows)
    for row in rows:
        _check_parent(row, tree, errors)
        _check_loop(row, tree, errors)
        if not authority.is_unrestricted:
            _check_reach(row, tree, authority, errors)
    return Plan(rows=rows, tree=tree), errors


def _clean(row: Row, table: Table, kinds: dict[str, str], errors: RowErrors) -> OrgRow:
    code = clean_code(row, table, "code", errors, max_length=_max_length("code"))
    fields = {"name": clean_text(row, table, "name", errors, max_length=_max_length("name"), required=True)}
    if table.has("short_name"):
        fields["short_name"] = clean_text(row, table, "short_name", errors, max_length=_max_length("short_name"))
    if table.has("kind"):
        text = clean_text(row, table, "kind", errors, max_length=100)
        fields["kind"] = choice_find(kinds, text) if text else OrganizationKind.UNIT
        if fields["kind"] is None:
            errors.add(row.line, _("Unknown kind of organisation “%(value)s”.") % {"value": text})
    parent_code = None
    if table.has("parent_code"):
        parent_code = clean_code(row, table, "parent_code", errors, max_length=_max_length("code"), required=False)
    return OrgRow(line=row.line, code=code, fields=fields, parent_code=parent_code)


def _check_parent(row: OrgRow, tree: Tree, errors: RowErrors) -> None:
    code = row.parent_code
    if code and code == row.code:
        errors.add(row.line, _("An organisation cannot be placed under itself or one of its own units."))
        return
    if not code or code in tree.rows:  # a parent defined in the file is checked on its own line
        return
    parent = tree.by_code.get(code)
    if parent is None:
        errors.add(row.line, unknown_unit(code))
    elif not parent.is_active and _moves(row, tree):
        errors.add(row.line, _("Unit %(code)s is no longer active.") % {"code": code})


def _moves(row: OrgRow, tree: Tree) -> bool:
    """True when the row creates the organisation or gives it another parent."""
    existing = tree.by_code.get(row.code)
    if existing is None:
        return True
    return row.parent_code is not None and row.parent_code != tree.current_parent_code(existing)


def _check_loop(row: OrgRow, tree: Tree, errors: RowErrors) -> None:
    chain = tree.chain(row.code)
    if len(chain) > 2 and chain[-1] == row.code:  # a unit placed directly under itself is reported above
        message = _("Placing %(code)s under %(parent)s would make a loop: %(chain)s.")
        errors.add(row.line, message % {"code": row.code, "parent": chain[1], "chain": " → ".join(chain)})


def _check_reach(row: OrgRow, tree: Tree, authority: Authority, errors: RowErrors) -> None:
    """An officer may change units in reach, and place them only under units in reach (or in the file)."""
    existing = tree.by_code.get(row.code)
    if existing is not None and not authority.covers(existing.path):
        errors.add(row.line, no_authority(row.code))
        return
    if not _moves(row, tree):
        return
    if not row.parent_code:
        errors.add(row.line, _("Only an administrator can add a top-level unit; fill in the parent unit code."))
        return
    parent = tree.by_code.get(row.parent_code)
    if row.parent_code not in tree.rows and parent is not None and not authority.covers(parent.path):
        errors.add(row.line, unknown_unit(row.parent_code))  # as if it did not exist: nothing said about it


def apply(*, plan: Plan, changed_by, note: str) -> dict[str, int]:
    """Create or update every row, parents before children (by depth in the resulting tree)."""
    pks = {code: org.pk for code, org in plan.tree.by_code.items()}
    results = []
    for row in sorted(plan.rows, key=lambda row: len(plan.tree.chain(row.code))):
        try:
            results.append(_apply_row(row, pks, changed_by=changed_by, note=note))
        except ValidationError as error:
            raise ApplyError(row.line, error.messages) from error
    return count(results)


def _apply_row(row: OrgRow, pks: dict[str, int], *, changed_by, note: str) -> str:
    # Fetched fresh: moving an earlier row rewrites the paths below it.
    parent = Organization.objects.get(pk=pks[row.parent_code]) if row.parent_code else None
    if row.code not in pks:
        fields = {"kind": OrganizationKind.UNIT, **row.fields}
        created = services.organization_create(code=row.code, parent=parent, **fields)
        pks[row.code] = created.pk
        return CREATED
    existing = Organization.objects.get(pk=pks[row.code])
    changes = {name: value for name, value in row.fields.items() if getattr(existing, name) != value}
    moves = row.parent_code is not None and existing.parent_id != (parent.pk if parent else None)
    if not changes and not moves:
        return UNCHANGED
    services.organization_update(
        organization=existing, changed_by=changed_by, note=note, parent=parent if moves else ..., **changes
    )
    return UPDATED
