"""Fetch the PDF fonts (Noto Serif and Tinos) from the npm registry into static/common/fonts/, checking their hashes."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from common.pdf import fonts


class Command(BaseCommand):
    help = (
        "Fetch the fonts of the PDF certificates (Noto Serif) and administrative documents (Tinos, Times New Roman "
        "metrics), both with full Vietnamese coverage, from "
        "the npm registry into static/common/fonts/, verifying the pinned hashes. Does nothing when present."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        directory = fonts.font_dir()
        try:
            written = fonts.fetch_fonts(directory)
        except fonts.FontFetchError as exc:
            raise CommandError(f"Fonts not fetched: {exc}") from exc
        if written:
            self.stdout.write(f"Fetched {', '.join(written)} into {directory}.")
        else:
            self.stdout.write(f"PDF fonts present in {directory}.")
