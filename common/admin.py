"""Read-only rows in the Django admin: what the law protects (ballots, tallies, issued decisions, registers, scores
…) is changed by the services, never by hand.

``ProtectedAdminMixin`` goes before ``admin.ModelAdmin`` (or an inline class). With the default ``protected`` every
row is read-only and nothing can be added; a ModelAdmin that protects only some rows (issued decisions, verified
scores, ledger rows from decisions) overrides ``is_protected(obj)`` and sets ``protect_add = False`` when new rows
may still be added by hand. The bulk "delete selected" action is removed either way (it cannot ask row by row).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.admin.options import ActionLocation
from django.http import HttpRequest

if TYPE_CHECKING:  # the mixin sits before a ModelAdmin or an inline; mypy sees their methods through Any
    _Base: Any = object
else:
    _Base = object


class ProtectedAdminMixin(_Base):
    """No add, change or delete in the admin for protected rows; they can still be viewed."""

    protect_add = True

    def is_protected(self, obj: Any) -> bool:
        """Whether ``obj`` is read-only; every row by default."""
        return True

    def _protects(self, obj: Any) -> bool:
        # Without a row (the list, the bulk actions), a model whose every row is protected is protected.
        if obj is None:
            return type(self).is_protected is ProtectedAdminMixin.is_protected
        return self.is_protected(obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if self.protect_add or (obj is not None and self.is_protected(obj)):
            return False
        parent = super().has_add_permission
        return bool(parent(request, obj) if _takes_obj(parent) else parent(request))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._protects(obj) and bool(super().has_change_permission(request, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._protects(obj) and bool(super().has_delete_permission(request, obj))

    def get_actions(self, request: HttpRequest, action_location: Any = ActionLocation.CHANGE_LIST) -> dict:
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)
        return dict(actions)


def _takes_obj(method: Any) -> bool:
    """ModelAdmin.has_add_permission takes (request); an inline's takes (request, obj)."""
    code = getattr(method, "__code__", None)
    return code is not None and code.co_argcount > 2
