"""A unit's answers: parsed and checked against its criterion, every problem at once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from campaigns.points.messages import (
    FIELD_NEGATIVE,
    FIELD_NOT_A_NUMBER,
    FIELD_NOT_WHOLE,
    INPUT_NOT_TAKEN,
    INPUT_TARGET_NOT_POSITIVE,
    INPUTS_NOT_A_MAPPING,
    PART_NOT_YES_NO,
    PARTS_NOT_A_MAPPING,
    POINTS_OUT_OF_RANGE,
    RULE_NEGATIVE,
    RULE_NOT_A_NUMBER,
    RULE_NOT_WHOLE,
    RULE_NOT_YES_NO,
    RULES_NOT_A_MAPPING,
    UNKNOWN_CRITERION,
    UNKNOWN_INPUT_KEY,
    UNKNOWN_PART,
    UNKNOWN_RULE,
    Message,
    ScoringInputErrors,
)
from campaigns.points.numbers import to_decimal
from campaigns.points.spec import BaseKind, CriterionSpec, Per, RuleKind, RuleSpec, TableSpec, iter_criteria

# ---- inputs ---------------------------------------------------------------------------------------------------------

INPUT_KEYS = ("value", "size", "count", "points", "target", "parts", "rules")
_BASE_KEYS: dict[BaseKind, tuple[str, ...]] = {
    BaseKind.STANDARD: (),
    BaseKind.YES_NO_PARTS: ("parts",),
    BaseKind.BANDS: ("value",),
    BaseKind.TARGET: ("value",),
    BaseKind.COUNT_MINIMUM: ("count",),
    BaseKind.LOOKUP: ("size", "value"),
    BaseKind.MANUAL: ("points",),
    BaseKind.RELATIVE_TO_LEADER: ("value", "target"),
}
_FIELD_TEMPLATES = {"number": FIELD_NOT_A_NUMBER, "negative": FIELD_NEGATIVE, "whole": FIELD_NOT_WHOLE}
_RULE_TEMPLATES = {
    "number": RULE_NOT_A_NUMBER,
    "negative": RULE_NEGATIVE,
    "whole": RULE_NOT_WHOLE,
    "yes_no": RULE_NOT_YES_NO,
}

type RuleAnswer = int | bool | Decimal


@dataclass(frozen=True)
class CriterionInputs:
    """One criterion's parsed answers; ``None`` / absent means not answered (counts as nothing)."""

    value: Decimal | None = None
    size: Decimal | None = None
    count: int | None = None
    points: Decimal | None = None
    target: Decimal | None = None
    parts: Mapping[str, bool] = field(default_factory=dict)
    rules: Mapping[str, RuleAnswer] = field(default_factory=dict)


class _Refused(Exception):
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _read_amount(raw: object) -> Decimal:
    number = to_decimal(raw)
    if number is None:
        raise _Refused("number")
    if number < 0:
        raise _Refused("negative")
    return number


def _read_whole(raw: object) -> int:
    number = to_decimal(raw)
    if number is None:
        raise _Refused("whole")
    if number < 0:
        raise _Refused("negative")
    if number != number.to_integral_value():
        raise _Refused("whole")
    return int(number)


def _read_yes_no(raw: object) -> bool:
    if not isinstance(raw, bool):
        raise _Refused("yes_no")
    return raw


def _answer[T](
    read: Callable[[object], T], raw: object, templates: Mapping[str, str], problems: list[Message], **params: object
) -> T | None:
    """``raw`` read by ``read``; None when unanswered or refused (the refusal is appended to ``problems``)."""
    if raw is None:
        return None
    try:
        return read(raw)
    except _Refused as refused:
        problems.append(Message(templates[refused.problem], **params))
        return None


def _accepted_keys(criterion: CriterionSpec) -> set[str]:
    keys = {*_BASE_KEYS[criterion.base.kind], "rules"}
    if any(rule.kind is RuleKind.STEP_BONUS for rule in criterion.rules):
        keys.add("value")
    return keys


def _key_problems(criterion: CriterionSpec, raw: Mapping[object, object]) -> list[Message]:
    accepted = _accepted_keys(criterion)
    problems = []
    for key in raw:
        if key not in INPUT_KEYS:
            problems.append(Message(UNKNOWN_INPUT_KEY, criterion=criterion.code, field=str(key)))
        elif key not in accepted:
            problems.append(Message(INPUT_NOT_TAKEN, criterion=criterion.code, field=key))
    return problems


def _field_answers(
    criterion: CriterionSpec, raw: Mapping[object, object], problems: list[Message]
) -> dict[str, object]:
    code, accepted = criterion.code, _accepted_keys(criterion)
    answers: dict[str, object] = {}
    for key in ("value", "size", "points", "target"):
        if key in accepted:
            answers[key] = _answer(_read_amount, raw.get(key), _FIELD_TEMPLATES, problems, criterion=code, field=key)
    if "count" in accepted:
        answers["count"] = _answer(
            _read_whole, raw.get("count"), _FIELD_TEMPLATES, problems, criterion=code, field="count"
        )
    points = answers.get("points")
    if isinstance(points, Decimal) and points > criterion.standard_points:
        problems.append(Message(POINTS_OUT_OF_RANGE, criterion=code, max_points=criterion.standard_points))
    target = answers.get("target")
    if isinstance(target, Decimal) and target == 0:
        problems.append(Message(INPUT_TARGET_NOT_POSITIVE, criterion=code))
    return answers


def _part_answers(criterion: CriterionSpec, raw: object, problems: list[Message]) -> dict[str, bool]:
    if raw is None or criterion.base.kind is not BaseKind.YES_NO_PARTS:
        return {}
    if not isinstance(raw, Mapping):
        problems.append(Message(PARTS_NOT_A_MAPPING, criterion=criterion.code))
        return {}
    known = {part.code for part in criterion.base.parts}
    answers: dict[str, bool] = {}
    for code, answer in raw.items():
        if code not in known:
            problems.append(Message(UNKNOWN_PART, criterion=criterion.code, part=str(code)))
        elif answer is not None and not isinstance(answer, bool):
            problems.append(Message(PART_NOT_YES_NO, criterion=criterion.code, part=code))
        elif answer is not None:
            answers[code] = answer
    return answers


def _rule_reader(rule: RuleSpec) -> Callable[[object], RuleAnswer]:
    if rule.kind is RuleKind.STEP_BONUS:
        return _read_amount
    if rule.kind in (RuleKind.DEDUCTION, RuleKind.BONUS) and rule.per is Per.OCCURRENCE:
        return _read_whole
    return _read_yes_no


def _rule_answers(criterion: CriterionSpec, raw: object, problems: list[Message]) -> dict[str, RuleAnswer]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        problems.append(Message(RULES_NOT_A_MAPPING, criterion=criterion.code))
        return {}
    rules = {rule.code: rule for rule in criterion.rules}
    answers: dict[str, RuleAnswer] = {}
    for code, answer in raw.items():
        if code not in rules:
            problems.append(Message(UNKNOWN_RULE, criterion=criterion.code, rule=str(code)))
            continue
        read = _rule_reader(rules[code])
        parsed = _answer(read, answer, _RULE_TEMPLATES, problems, criterion=criterion.code, rule=code)
        if parsed is not None:
            answers[code] = parsed
    return answers


def _parsed(criterion: CriterionSpec, raw: object) -> tuple[CriterionInputs, list[Message]]:
    """The parsed answers and every problem with them."""
    if isinstance(raw, CriterionInputs):
        return raw, []
    if raw is None:
        return CriterionInputs(), []
    if not isinstance(raw, Mapping):
        return CriterionInputs(), [Message(INPUTS_NOT_A_MAPPING, criterion=criterion.code)]
    problems = _key_problems(criterion, raw)
    answers = _field_answers(criterion, raw, problems)
    inputs = CriterionInputs(
        value=_as_decimal(answers.get("value")),
        size=_as_decimal(answers.get("size")),
        count=_as_int(answers.get("count")),
        points=_as_decimal(answers.get("points")),
        target=_as_decimal(answers.get("target")),
        parts=_part_answers(criterion, raw.get("parts"), problems),
        rules=_rule_answers(criterion, raw.get("rules"), problems),
    )
    return inputs, problems


def _as_decimal(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _as_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_inputs(criterion: CriterionSpec, raw: object) -> CriterionInputs:
    """One criterion's JSON-able answers, checked; raises ``ScoringInputErrors`` listing every problem."""
    inputs, problems = _parsed(criterion, raw)
    if problems:
        raise ScoringInputErrors(problems)
    return inputs


def input_errors(table: TableSpec, submission: Mapping[str, object]) -> list[Message]:
    """Every problem with a whole submission (criterion code → answers), empty when it can be scored."""
    return _parsed_submission(table, submission)[1]


def parse_submission(table: TableSpec, submission: Mapping[str, object]) -> dict[str, CriterionInputs]:
    """Parsed answers for every criterion of ``table`` (unanswered ones empty); raises listing every problem."""
    inputs, problems = _parsed_submission(table, submission)
    if problems:
        raise ScoringInputErrors(problems)
    return inputs


def _parsed_submission(
    table: TableSpec, submission: Mapping[str, object]
) -> tuple[dict[str, CriterionInputs], list[Message]]:
    criteria = {criterion.code: criterion for criterion in iter_criteria(table)}
    problems = [Message(UNKNOWN_CRITERION, criterion=str(code)) for code in submission if code not in criteria]
    inputs: dict[str, CriterionInputs] = {}
    for code, criterion in criteria.items():
        inputs[code], criterion_problems = _parsed(criterion, submission.get(code))
        problems.extend(criterion_problems)
    return inputs, problems
