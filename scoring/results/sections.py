"""Sections other apps add to a participant's results page, without scoring importing them.

An app registers a provider in its ``AppConfig.ready()`` (awards: the participant's awards and certificates);
the results page renders every provider's section below the scores. Dependencies keep pointing one way
(awards → scoring), as with ``organizations/profile.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

# provider(request, participant) -> (template_name, context) or None when it has nothing to show.
Provider = Callable[..., tuple[str, dict] | None]

_providers: list[Provider] = []


def results_section_register(provider: Provider) -> None:
    """Add ``provider`` to every participant's results page; registering twice is harmless."""
    if provider not in _providers:
        _providers.append(provider)


def results_sections(request, participant) -> list[SafeString]:
    """The rendered HTML of every registered section for ``participant``, in registration order."""
    sections = []
    for provider in _providers:
        result = provider(request, participant)
        if result is not None:
            template_name, context = result
            sections.append(render_to_string(template_name, context, request=request))
    return sections
