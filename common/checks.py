"""Deployment checks (``manage.py check --deploy``) of settings the app itself introduces."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def is_loopback_url(url: str) -> bool:
    """Whether ``url`` points at this machine (localhost, 127.0.0.0/8, ::1): nobody else can open it."""
    host = (urlsplit(url).hostname or "").lower()
    if not host or host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@register(Tags.security, deploy=True)
def check_site_url(app_configs: object = None, **kwargs: object) -> list[Warning]:
    """SITE_URL is printed in every certificate's QR code: a loopback address in production makes them useless."""
    if settings.DEBUG or not is_loopback_url(settings.SITE_URL):
        return []
    return [
        Warning(
            f"SITE_URL is {settings.SITE_URL!r}, a loopback address, while DEBUG is off.",
            hint="Set SITE_URL to the public address of the site: the QR codes printed on certificates link to "
            "SITE_URL/verify/…, which nobody else can open.",
            id="common.W001",
        )
    ]
