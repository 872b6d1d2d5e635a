"""Placeholder: replaced by the real views."""


def person_list(request, pk=None):
    raise NotImplementedError


def person_create(request, pk=None):
    raise NotImplementedError


def person_detail(request, pk=None):
    raise NotImplementedError


def person_update(request, pk=None):
    raise NotImplementedError
