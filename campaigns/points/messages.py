"""Messages (English msgids kept with their parameters; callers translate) and their errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

POINTS_QUANTUM = Decimal("0.01")
ZERO = Decimal(0)
LEGACY_PART = "yes"  # the single part of a legacy yes/no (boolean) criterion


def gettext_noop(message: str) -> str:
    """Mark a message for extraction by ``makemessages`` without translating it (no Django here)."""
    return message


# ---- messages -------------------------------------------------------------------------------------------------------

# Input errors (parse_inputs, parse_submission, input_errors).
INPUTS_NOT_A_MAPPING = gettext_noop("%(criterion)s: the answers must be given field by field.")
UNKNOWN_INPUT_KEY = gettext_noop("%(criterion)s: “%(field)s” is not a known answer.")
INPUT_NOT_TAKEN = gettext_noop("%(criterion)s: this criterion does not take “%(field)s”.")
FIELD_NOT_A_NUMBER = gettext_noop("%(criterion)s: “%(field)s” must be a number.")
FIELD_NEGATIVE = gettext_noop("%(criterion)s: “%(field)s” cannot be negative.")
FIELD_NOT_WHOLE = gettext_noop("%(criterion)s: “%(field)s” must be a whole number.")
POINTS_OUT_OF_RANGE = gettext_noop("%(criterion)s: points must be between 0 and %(max_points)s.")
INPUT_TARGET_NOT_POSITIVE = gettext_noop("%(criterion)s: the target must be greater than 0.")
PARTS_NOT_A_MAPPING = gettext_noop("%(criterion)s: the parts must be answered part by part.")
UNKNOWN_PART = gettext_noop("%(criterion)s: there is no part %(part)s.")
PART_NOT_YES_NO = gettext_noop("%(criterion)s: part %(part)s must be answered yes or no.")
RULES_NOT_A_MAPPING = gettext_noop("%(criterion)s: the rule lines must be answered rule by rule.")
UNKNOWN_RULE = gettext_noop("%(criterion)s: there is no rule %(rule)s.")
RULE_NOT_A_NUMBER = gettext_noop("%(criterion)s, rule %(rule)s: the answer must be a number.")
RULE_NEGATIVE = gettext_noop("%(criterion)s, rule %(rule)s: the answer cannot be negative.")
RULE_NOT_WHOLE = gettext_noop("%(criterion)s, rule %(rule)s: the answer must be a whole number.")
RULE_NOT_YES_NO = gettext_noop("%(criterion)s, rule %(rule)s: the answer must be yes or no.")
UNKNOWN_CRITERION = gettext_noop("%(criterion)s: there is no such criterion in this table.")
# Table problems (validate_table).
EMPTY_GROUP_CODE = gettext_noop("Group number %(position)s has no code.")
DUPLICATE_GROUP_CODE = gettext_noop("%(code)s: the group code is used more than once.")
EMPTY_CRITERION_CODE = gettext_noop("Criterion number %(position)s has no code.")
DUPLICATE_CRITERION_CODE = gettext_noop("%(code)s: the criterion code is used more than once.")
EMPTY_RULE_CODE = gettext_noop("%(criterion)s: rule number %(position)s has no code.")
DUPLICATE_RULE_CODE = gettext_noop("%(code)s: the rule code is used more than once.")
EMPTY_PART_CODE = gettext_noop("%(criterion)s: part number %(position)s has no code.")
DUPLICATE_PART_CODE = gettext_noop("%(criterion)s: the part code %(code)s is used more than once.")
AMOUNT_NOT_A_NUMBER = gettext_noop("%(where)s: “%(field)s” must be a number.")
AMOUNT_NEGATIVE = gettext_noop("%(where)s: “%(field)s” cannot be negative.")
AMOUNT_TOO_PRECISE = gettext_noop("%(where)s: “%(field)s” can have at most 2 decimals.")
PARTS_SUM_MISMATCH = gettext_noop(
    "%(criterion)s: the parts add up to %(actual)s points but the standard is %(standard)s."
)
NO_RANGES = gettext_noop("%(criterion)s: “%(field)s” needs at least one range.")
RANGE_EMPTY = gettext_noop("%(criterion)s: in “%(field)s”, the range from %(lower)s below %(below)s is empty.")
RANGES_OVERLAP = gettext_noop("%(criterion)s: in “%(field)s”, the ranges from %(first)s and from %(second)s overlap.")
RANGES_GAP = gettext_noop("%(criterion)s: in “%(field)s”, no range covers %(lower)s to below %(below)s.")
RANGES_OPEN_END = gettext_noop("%(criterion)s: in “%(field)s”, no range covers values from %(lower)s upward.")
LOOKUP_SHAPE = gettext_noop("%(criterion)s: the points table must have %(rows)s rows of %(columns)s points.")
POINTS_ABOVE_STANDARD = gettext_noop("%(criterion)s: %(points)s points is more than the standard %(standard)s.")
TARGET_MISSING = gettext_noop("%(criterion)s: a target criterion needs a target greater than 0.")
MINIMUM_MISSING = gettext_noop("%(criterion)s: a count criterion needs a required minimum of at least 1.")
SCOPE_MISSING = gettext_noop("%(criterion)s: choose whether the leader is the bloc's or the campaign's.")
RULE_POINTS_MISSING = gettext_noop("%(criterion)s, %(rule)s: the rule needs points.")
RULE_PER_MISSING = gettext_noop("%(criterion)s, %(rule)s: choose per occurrence or once.")
EITHER_INCOMPLETE = gettext_noop("%(criterion)s, %(rule)s: a yes/no rule needs both a bonus and a deduction.")
STEP_THRESHOLD_MISSING = gettext_noop("%(criterion)s, %(rule)s: a step bonus needs the value it counts above.")
STEP_NOT_POSITIVE = gettext_noop("%(criterion)s, %(rule)s: the step must be greater than 0.")
ONLY_WITHOUT_DEDUCTIONS_NOT_BONUS = gettext_noop(
    "%(criterion)s, %(rule)s: only a bonus can depend on there being no deductions."
)
MINIMUM_POINTS_OUT_OF_RANGE = gettext_noop("%(criterion)s: the minimum points must be between 0 and %(max_points)s.")
MINIMUM_POINTS_NOT_REGULAR = gettext_noop("%(criterion)s: only regular criteria can have minimum points.")
GROUP_MAX_MISMATCH = gettext_noop(
    "%(group)s: the group declares %(declared)s points but its criteria add up to %(actual)s."
)
TOTAL_MISMATCH = gettext_noop("The criteria add up to %(actual)s points but the table declares %(declared)s.")
EMPTY_TIER_NAME = gettext_noop("Tier number %(position)s has no name.")
DUPLICATE_TIER_NAME = gettext_noop("The tier “%(name)s” appears more than once.")
TIERS_NOT_DESCENDING = gettext_noop("“%(name)s” must have a lower bound below that of “%(previous)s”.")
# Descriptions (describe_base, describe_band, describe_rule).
BASE_STANDARD = gettext_noop("Starts at %(standard)s points; only deviations are entered")
BASE_PARTS = gettext_noop("%(count)s yes/no parts worth %(standard)s points in all")
BASE_BANDS = gettext_noop("Points by band of the value entered, at most %(standard)s")
BASE_TARGET = gettext_noop("%(standard)s points × value / %(target)s, at most %(standard)s")
BASE_COUNT_PARTIAL = gettext_noop("%(standard)s points × count / %(minimum)s, at most %(standard)s")
BASE_COUNT_ALL_OR_NOTHING = gettext_noop("%(standard)s points when the count reaches %(minimum)s, otherwise 0")
BASE_LOOKUP = gettext_noop("Points from a table by size and value, at most %(standard)s")
BASE_MANUAL = gettext_noop("Points entered between 0 and %(standard)s")
BASE_RELATIVE_BLOC = gettext_noop(
    "Against the bloc: %(half)s points at the target, in proportion below it; %(standard)s points for the largest "
    "share above the target, the others in proportion"
)
BASE_RELATIVE_CAMPAIGN = gettext_noop(
    "Against the campaign: %(half)s points at the target, in proportion below it; %(standard)s points for the "
    "largest share above the target, the others in proportion"
)
BAND_BOUNDED = gettext_noop("From %(lower)s to below %(below)s: %(points)s points")
BAND_OPEN = gettext_noop("From %(lower)s: %(points)s points")
DEDUCTION_EACH = gettext_noop("Each occurrence: −%(points)s points")
DEDUCTION_EACH_CAPPED = gettext_noop("Each occurrence: −%(points)s points (at most %(cap)s)")
BONUS_EACH = gettext_noop("Each occurrence: +%(points)s points")
BONUS_EACH_CAPPED = gettext_noop("Each occurrence: +%(points)s points (at most %(cap)s)")
DEDUCTION_ONCE = gettext_noop("Once: −%(points)s points")
DEDUCTION_ONCE_CAPPED = gettext_noop("Once: −%(points)s points (at most %(cap)s)")
BONUS_ONCE = gettext_noop("Once: +%(points)s points")
BONUS_ONCE_CAPPED = gettext_noop("Once: +%(points)s points (at most %(cap)s)")
EITHER = gettext_noop("Yes: +%(bonus)s; no: −%(deduction)s")
EITHER_CAPPED = gettext_noop("Yes: +%(bonus)s; no: −%(deduction)s (at most %(cap)s)")
STEP = gettext_noop("Each full %(step)s above %(above)s: +%(points)s")
STEP_CAPPED = gettext_noop("Each full %(step)s above %(above)s: +%(points)s (at most %(cap)s)")
GATE = gettext_noop("If yes: not classified")
ONLY_WITHOUT_DEDUCTIONS = gettext_noop("%(rule)s, only when nothing is deducted")


class Message(str):
    """An English message (a plain ``str``) that keeps its template and parameters for translation."""

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, **params: object) -> Message:
        message = super().__new__(cls, template % params)
        message.template = template
        message.params = params
        return message

    def translate(  # type: ignore[override]  # str.translate is of no use on a message
        self, gettext: Callable[[str], str], number_format: Callable[[Decimal], str] | None = None
    ) -> str:
        """This message in the language of ``gettext``; Decimal params through ``number_format`` when given."""
        params = {name: _translated(value, gettext, number_format) for name, value in self.params.items()}
        return gettext(self.template) % params


def _translated(value: object, gettext: Callable[[str], str], number_format: Callable[[Decimal], str] | None) -> object:
    if isinstance(value, Message):
        return value.translate(gettext, number_format)
    if isinstance(value, Decimal):
        return number_format(value) if number_format is not None else str(value)
    return value


class ScoringInputError(ValueError):
    """An input that cannot be turned into points; ``message`` is a translatable ``Message``."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


class ScoringInputErrors(ScoringInputError):
    """Several input errors at once: ``messages`` lists them all, ``message`` is the first."""

    def __init__(self, messages: Sequence[Message]) -> None:
        super().__init__(messages[0])
        self.messages = tuple(messages)


class TableFormatError(ValueError):
    """A table dict that cannot be read (programming or storage error, not an officer's mistake)."""
