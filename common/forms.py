"""Form helpers shared by every app's views."""

import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.utils.translation import gettext_lazy as _


def add_service_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors next to their field, the rest on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def json_depth_exceeds(text: str, limit: int) -> bool:
    """Whether ``text`` nests arrays/objects deeper than ``limit`` (brackets inside strings are not counted)."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def _no_constant(name: str) -> None:
    raise ValueError(name)


class BoundedJSONField(forms.JSONField):
    """JSON typed by a user, refused with a clear message when too long, too deeply nested, or holding NaN or
    Infinity (which JSON does not have and comparisons silently let through)."""

    default_error_messages = {
        "too_long": _("This JSON is too long (at most %(limit)s characters)."),
        "too_deep": _("This JSON is nested too deeply (at most %(limit)s levels)."),
        "not_finite": _("Numbers must be finite (NaN and Infinity are not allowed)."),
    }

    def __init__(self, *, max_chars: int = 20_000, max_depth: int = 4, **kwargs: Any) -> None:
        self.max_chars, self.max_depth = max_chars, max_depth
        super().__init__(**kwargs)

    def _error(self, code: str, limit: int) -> ValidationError:
        return ValidationError(self.error_messages[code], code=code, params={"limit": limit})

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and not self.disabled:
            if len(value) > self.max_chars:
                raise ValidationError(
                    self.error_messages["too_long"], code="too_long", params={"limit": self.max_chars}
                )
            if json_depth_exceeds(value, self.max_depth):
                raise ValidationError(
                    self.error_messages["too_deep"], code="too_deep", params={"limit": self.max_depth}
                )
            try:
                json.loads(value, parse_constant=_no_constant)
            except ValueError as error:
                if not isinstance(error, json.JSONDecodeError):
                    raise ValidationError(self.error_messages["not_finite"], code="not_finite") from error
        return super().to_python(value)
