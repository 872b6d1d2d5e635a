"""Placeholder: replaced by the real views."""


def bloc_list(request, pk=None):
    raise NotImplementedError


def bloc_detail(request, pk=None):
    raise NotImplementedError
