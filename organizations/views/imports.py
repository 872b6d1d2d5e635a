"""Placeholder: replaced by the real views."""


def import_create(request, pk=None, kind=None):
    raise NotImplementedError


def import_detail(request, pk=None, kind=None):
    raise NotImplementedError


def import_template(request, pk=None, kind=None):
    raise NotImplementedError
