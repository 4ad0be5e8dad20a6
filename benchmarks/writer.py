"""Fast bulk writes for the synthetic data: COPY on PostgreSQL, bulk_create elsewhere (the tests' SQLite).

Rows are tuples of the given attnames; every other concrete field gets its model default (or NULL, or an empty
string, or a fixed timestamp for auto_now fields), so a field added to a model later does not break the loader
as long as it has a default.
"""

import datetime
import decimal
import io
import json

from django.db import connection, models

CHUNK = 200_000
FIXED_NOW = datetime.datetime(2025, 12, 31, 9, 0, tzinfo=datetime.UTC)


def _encode(value):
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return value
    if isinstance(value, (dict, list)):
        return _encode(json.dumps(value, ensure_ascii=False))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (int, float, decimal.Decimal)):
        return str(value)
    return _encode(str(value))


def _filler(field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return FIXED_NOW
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if isinstance(field, (models.CharField, models.TextField)):
        return ""
    raise ValueError(f"{field.model.__name__}.{field.name} has no default: give it in the rows")


class Writer:
    """Counts rows per table and writes them in chunks."""

    def __init__(self):
        self.counts = {}
        self.postgres = connection.vendor == "postgresql"

    def write(self, model, fields, rows):
        concrete = {f.attname: f for f in model._meta.concrete_fields}
        missing = [f for name, f in concrete.items() if name not in fields]
        if self.postgres:
            n = self._copy(model, fields, concrete, missing, rows)
        else:
            n = self._bulk(model, fields, rows)
        self.counts[model._meta.db_table] = self.counts.get(model._meta.db_table, 0) + n
        return n

    def _copy(self, model, fields, concrete, missing, rows):
        columns = [concrete[name].column for name in fields] + [f.column for f in missing]
        suffix = "".join("\t" + _encode(_filler(f)) for f in missing)
        sql = f'COPY "{model._meta.db_table}" ({", ".join(chr(34) + c + chr(34) for c in columns)}) FROM STDIN'
        n = 0
        buffer = io.StringIO()
        with connection.cursor() as cursor:
            raw = cursor.cursor
            for row in rows:
                buffer.write("\t".join(map(_encode, row)))
                buffer.write(suffix)
                buffer.write("\n")
                n += 1
                if n % CHUNK == 0:
                    buffer.seek(0)
                    raw.copy_expert(sql, buffer)
                    buffer = io.StringIO()
            if buffer.tell():
                buffer.seek(0)
                raw.copy_expert(sql, buffer)
        return n

    def _bulk(self, model, fields, rows):
        batch, n = [], 0
        for row in rows:
            batch.append(model(**dict(zip(fields, row, strict=True))))
            if len(batch) >= 2000:
                model.objects.bulk_create(batch)
                n += len(batch)
                batch = []
        if batch:
            model.objects.bulk_create(batch)
            n += len(batch)
        return n

    def reset_sequences(self, model_list):
        if not self.postgres:
            return
        with connection.cursor() as cursor:
            for model in model_list:
                table = model._meta.db_table
                pk = model._meta.pk.column
                cursor.execute(
                    f'SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE((SELECT MAX("{pk}") FROM "{table}"), 1))',  # noqa: S608
                    [table, pk],
                )


def next_id(model):
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1
