"""The portal's permissions are decided by its rules alone; Django's model permissions still serve the admin."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from emulation.enums import Role
from emulation.tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_rule_that_says_no_costs_no_query_for_model_permissions():
    secretary = UserFactory(roles=[(Role.SECRETARY, UnitFactory())])
    secretary.has_perm("emulation.list_units")  # reads the roles once
    with CaptureQueriesContext(connection) as queries:
        assert not secretary.has_perm("emulation.view_audit")
    assert len(queries) == 0


def test_a_model_permission_given_for_the_admin_still_counts():
    clerk = UserFactory(roles=[(Role.OFFICE, None)])
    clerk.user_permissions.add(Permission.objects.get(codename="view_cluster"))
    assert clerk.has_perm("emulation.view_cluster")


def test_a_superuser_still_has_every_permission():
    root = UserFactory(is_superuser=True)
    assert root.has_perm("emulation.view_audit")
