"""Sections that other apps add to the person and organisation pages, without this app importing them.

An app registers a provider in its ``AppConfig.ready()``; the detail views render every provider's section
below their own content. Dependencies keep pointing one way (awards → organizations).
"""

from __future__ import annotations

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

PERSON, ORGANIZATION = "person", "organization"
KINDS = (PERSON, ORGANIZATION)

# provider(request, obj) -> (template_name, context) or None when it has nothing to show.
Provider = Callable[..., tuple[str, dict] | None]

_providers: dict[str, list[Provider]] = {kind: [] for kind in KINDS}


def profile_section_register(kind: str, provider: Provider) -> None:
    """Add ``provider`` to the pages of ``kind`` ("person" or "organization"); registering twice is harmless."""
    if kind not in KINDS:
        raise ValueError(f"unknown profile kind {kind!r}")
    if provider not in _providers[kind]:
        _providers[kind].append(provider)


def profile_sections(request, kind: str, obj) -> list[SafeString]:
    """The rendered HTML of every registered section for ``obj``, in registration order."""
    sections = []
    for provider in _providers[kind]:
        result = provider(request, obj)
        if result is not None:
            template_name, context = result
            sections.append(render_to_string(template_name, context, request=request))
    return sections
