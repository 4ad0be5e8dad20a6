"""A backup restored into an empty database holds every record."""

import pytest
from django.core.management import call_command
from django.db import connection

from emulation.backup import backup, restore
from emulation.models import AuditEntry, Person, RoleAssignment, Unit


def counts():
    return {model.__name__: model.objects.count() for model in (Unit, Person, RoleAssignment, AuditEntry)}


@pytest.mark.django_db(transaction=True)
def test_backup_restores_every_record_into_an_empty_database(tmp_path, settings):
    call_command("seed_demo")
    (tmp_path / "media" / "evidence").mkdir(parents=True)
    (tmp_path / "media" / "evidence" / "minh-chung.pdf").write_bytes(b"%PDF-1.4 demo")
    expected = counts()
    dump = backup(tmp_path / "backups")
    (tmp_path / "media" / "evidence" / "minh-chung.pdf").unlink()
    names = sorted(Person.objects.values_list("full_name", flat=True))
    if connection.vendor == "postgresql":
        import psycopg2

        db = settings.DATABASES["default"]
        params = {
            "host": db["HOST"] or "127.0.0.1",
            "port": db["PORT"] or 5432,
            "user": db["USER"],
            "password": db["PASSWORD"],
        }
        empty = f"{db['NAME']}_restore"
        admin = psycopg2.connect(dbname="postgres", **params)
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{empty}"')
            cursor.execute(f'CREATE DATABASE "{empty}"')
        try:
            restore(dump, database_name=empty)
            restored = psycopg2.connect(dbname=empty, **params)
            with restored.cursor() as cursor:
                for model in (Unit, Person, RoleAssignment, AuditEntry):
                    cursor.execute(f"SELECT count(*) FROM {model._meta.db_table}")  # noqa: S608 - table names from models
                    assert cursor.fetchone()[0] == expected[model.__name__]
                cursor.execute(f"SELECT full_name FROM {Person._meta.db_table} ORDER BY full_name")  # noqa: S608
                assert sorted(row[0] for row in cursor.fetchall()) == names
            restored.close()
        finally:
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{empty}"')
            admin.close()
    else:
        call_command("flush", "--no-input")
        assert Unit.objects.count() == 0
        restore(dump)
        assert counts() == expected
        assert sorted(Person.objects.values_list("full_name", flat=True)) == names
    assert (tmp_path / "media" / "evidence" / "minh-chung.pdf").read_bytes() == b"%PDF-1.4 demo"
