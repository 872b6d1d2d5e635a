"""Search as people type: accent- and case-insensitive, the same on SQLite and PostgreSQL.

Many users type without diacritics ("nguyen", "phuong 1", "tuyen giao"). Every searchable model keeps a normalised
copy of its searched fields in ``search_text`` (lower case, no diacritics, đ → d, single spaces), written on every
``save()`` (``SearchTextModel``) and by ``search_text_fill`` before bulk writes. A query is normalised the same way
and split into words; each word must appear in the search text of one of the given rows (``search_q``), so
"nguyen an" finds "Nguyễn Văn An" and "phuong 1" finds "Phường 1".

On PostgreSQL the ``pg_trgm`` and ``unaccent`` extensions are installed by migration and every ``search_text`` has a
trigram GIN index (``trigram_index``), so ``LIKE '%word%'`` is an index scan; on SQLite the table is small enough
for a scan of the one column. The normalisation is done in Python on both databases so that the two always agree
(PostgreSQL's ``unaccent`` is available for ad-hoc SQL; the application does not depend on its rules).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from django.db import migrations, models
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

MAX_WORDS = 8  # more words than that narrows nothing further and only lengthens the query


def normalize(text: object) -> str:
    """Lower case, without diacritics (đ → d), whitespace collapsed: "  Phường  Tân Định " → "phuong tan dinh"."""
    value = str(text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


def search_words(query: str) -> list[str]:
    return normalize(query).split()[:MAX_WORDS]


def search_q(query: str, *relations: str) -> Q:
    """Rows where every word of ``query`` is in the search text of one of ``relations``.

    ``relations`` name the searchable rows from the queried model: ``""`` for the model itself, ``"organization__"``
    or ``"person__"`` for related ones. An empty query filters nothing.
    """
    condition = Q()
    for word in search_words(query):
        any_relation = Q()
        for relation in relations or ("",):
            any_relation |= Q(**{f"{relation}search_text__contains": word})
        condition &= any_relation
    return condition


def search_text_of(obj: models.Model) -> str:
    fields: tuple[str, ...] = getattr(type(obj), "SEARCH_FIELDS", ())
    return normalize(" ".join(str(getattr(obj, name) or "") for name in fields))


def search_text_fill(objects: Iterable[models.Model]) -> None:
    """Set ``search_text`` on rows about to be written by ``bulk_create``/``bulk_update`` (which skip ``save()``)."""
    for obj in objects:
        obj.search_text = search_text_of(obj)  # type: ignore[attr-defined]


class SearchTextModel(models.Model):
    """Abstract: ``search_text`` follows the fields named in ``SEARCH_FIELDS`` on every save."""

    SEARCH_FIELDS: tuple[str, ...] = ()

    # db_default: rows inserted in raw SQL (the ranking bench) get an empty search text rather than a NOT NULL error.
    search_text = models.TextField(_("search text"), blank=True, default="", db_default="", editable=False)

    class Meta:
        abstract = True

    def save(self, **kwargs: Any) -> None:
        self.search_text = search_text_of(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(self.SEARCH_FIELDS):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(**kwargs)


# Migrations ---------------------------------------------------------------------------------------------------------


def _postgres(schema_editor: Any) -> bool:
    return bool(schema_editor.connection.vendor == "postgresql")


def search_extensions() -> list[migrations.operations.base.Operation]:
    """``pg_trgm`` and ``unaccent`` on PostgreSQL (Django's operations do nothing on other databases)."""
    from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension  # lazy: optional

    return [TrigramExtension(), UnaccentExtension()]


def trigram_index(table: str, name: str) -> migrations.RunPython:
    """A trigram GIN index on ``table.search_text`` on PostgreSQL (for ``LIKE '%word%'``); nothing elsewhere."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        if _postgres(schema_editor):
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("search_text" gin_trgm_ops)'
            )

    def backwards(apps: Any, schema_editor: Any) -> None:
        if _postgres(schema_editor):
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(forwards, backwards, elidable=False)


def search_text_backfill(app_label: str, model_name: str, fields: tuple[str, ...]) -> migrations.RunPython:
    """Fill ``search_text`` of the rows already there (a data migration)."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        batch = []
        for obj in model.objects.only("pk", *fields).iterator(chunk_size=2000):
            obj.search_text = normalize(" ".join(str(getattr(obj, name) or "") for name in fields))
            batch.append(obj)
            if len(batch) >= 2000:
                model.objects.bulk_update(batch, ["search_text"])
                batch = []
        model.objects.bulk_update(batch, ["search_text"])

    return migrations.RunPython(forwards, migrations.RunPython.noop)


# Views --------------------------------------------------------------------------------------------------------------

SEARCH_AS_YOU_TYPE = {
    "hx-trigger": "input changed delay:300ms, search",
    "hx-target": "#results",
    "hx-swap": "outerHTML",
    "hx-include": "closest form",
    "hx-push-url": "true",
    "autocomplete": "off",
}


def search_input_attrs(path: str) -> dict[str, str]:
    """Widget attributes of a search box whose results follow the typing (a form built in Python)."""
    return {"hx-get": path, **SEARCH_AS_YOU_TYPE}


def results_template(request: HttpRequest, template: str) -> str:
    """The list page, or only its ``results`` partial when htmx asks for it as the user types."""
    htmx = getattr(request, "htmx", None)
    return f"{template}#results" if htmx and htmx.target == "results" else template
