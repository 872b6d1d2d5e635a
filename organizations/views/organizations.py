"""Placeholder: replaced by the real views."""


def organization_list(request, pk=None):
    raise NotImplementedError


def organization_create(request, pk=None):
    raise NotImplementedError


def organization_detail(request, pk=None):
    raise NotImplementedError


def organization_update(request, pk=None):
    raise NotImplementedError
