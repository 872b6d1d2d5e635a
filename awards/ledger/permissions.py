"""Permission predicates of the award ledger (registered with `rules`; imported by awards/catalogue/permissions.py).

Officers (and administrators) of the recipient's organisation, or of one above it, enter and correct records.
Records written by an issued decision are read-only: corrections are new decisions.
"""

import rules

from awards.enums import RecordSource
from organizations.rules import is_any_officer, is_officer_of


def recipient_organization(record):
    """The organisation a record belongs to: the recipient itself, or the person's organisation."""
    return record.person.organization if record.person_id else record.organization


@rules.predicate
def can_edit_award_record(user, record) -> bool:
    if record is None or record.source == RecordSource.DECISION:
        return False
    return is_officer_of(user, recipient_organization(record))


rules.add_perm("awards.add_awardrecord", is_any_officer)
rules.add_perm("awards.change_awardrecord", can_edit_award_record)
rules.add_perm("awards.delete_awardrecord", can_edit_award_record)
rules.add_perm("awards.import_awardrecord", is_any_officer)
