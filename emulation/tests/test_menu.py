"""The navigation menus are rendered once per combination of roles and language, and each user gets his own."""

import pytest
from django.urls import reverse

from emulation.enums import Role
from emulation.tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def menu_of(client, user, language="vi"):
    client.force_login(user)
    client.cookies["django_language"] = language
    return client.get(reverse("notification_list"), headers={"accept-language": language}).content.decode()


def test_only_the_office_sees_the_audit_log_link_even_after_the_office_menu_was_rendered(client):
    office = UserFactory(roles=[(Role.OFFICE, None)])
    secretary = UserFactory(roles=[(Role.SECRETARY, UnitFactory())])
    audit = reverse("audit_log")

    assert audit in menu_of(client, office)
    assert audit not in menu_of(client, secretary)
    assert audit in menu_of(client, office)


def test_a_new_role_shows_its_menu_at_once(client):
    user = UserFactory(roles=[(Role.PROPAGANDA, None)])
    assert reverse("awards:ballot_list") not in menu_of(client, user)

    user.role_assignments.create(role=Role.COUNCIL)
    assert reverse("awards:ballot_list") in menu_of(client, user)


def test_the_menu_follows_the_language(client):
    user = UserFactory(roles=[(Role.OFFICE, None)])
    assert "Phong trào thi đua" in menu_of(client, user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("notification_list")).content.decode()
    assert "Phong trào thi đua" not in english
