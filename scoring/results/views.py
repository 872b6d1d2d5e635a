"""Results pages for units (and the officers and reviewers of their campaigns): what the unit's submissions earned.

Ranking and decision pages are for officers; this is where a unit sees its verified points, the reviewers' changes,
its tier or "not classified", its published ranks and (through registered sections) its awards. A participant or
submission the user may not see is 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from scoring.results import selectors as sel
from scoring.results.sections import results_sections


@login_required
@require_GET
def results_list(request):
    """Every participant the user scores for, past campaigns included, with each submission's outcome."""
    return render(request, "scoring/results_list.html", {"items": sel.results_list_for_user(request.user)})


@login_required
@require_GET
def results_participant(request, pk: int):
    """One participant's submissions across phases (and its other campaigns), ranks and awards."""
    participant = sel.participant_get_for_results(request.user, pk=pk)
    if participant is None:
        raise Http404
    context = {
        "results": sel.participant_results(request.user, participant=participant),
        "participant": participant,
        "campaign": participant.campaign,
        "sections": results_sections(request, participant),
    }
    return render(request, "scoring/results_participant.html", context)


@login_required
@require_GET
def results_submission(request, pk: int):
    """One submission's verified points per criterion and group, the reviewers' changes and reasons, its ranks."""
    submission = sel.submission_get_for_results(request.user, pk=pk)
    if submission is None:
        raise Http404
    context = {
        "results": sel.submission_results(submission),
        "submission": submission,
        "participant": submission.participant,
        "campaign": submission.phase.campaign,
    }
    return render(request, "scoring/results_submission.html", context)
