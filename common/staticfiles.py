"""Static files with hashed names in production, and never a broken page because of them.

One storage whatever DEBUG says, so ``collectstatic`` always writes the manifest (the README once had people run it
before switching DEBUG off, which left production without a manifest and every page a server error). With DEBUG on,
Django serves the plain names anyway; without a manifest or a collected file, a page falls back to the plain name
(logged) instead of failing.
"""

from __future__ import annotations

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class ForgivingManifestStorage(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def stored_name(self, name: str) -> str:
        try:
            return str(super().stored_name(name))
        except ValueError:
            logger.warning(
                "Static file %s is not collected (run `manage.py collectstatic`); using its plain name", name
            )
            return name
