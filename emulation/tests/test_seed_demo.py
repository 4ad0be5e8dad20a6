import pytest
from django.apps import apps
from django.core.management import call_command

from emulation.enums import Role
from emulation.models import Person, RoleAssignment, Unit

pytestmark = pytest.mark.django_db


def snapshot():
    """Every row of every model of the project's apps, as comparable tuples (ids excluded where they are surrogate)."""
    state = {}
    for config in apps.get_app_configs():
        if config.name not in {"emulation", "campaigns", "awards", "reports"}:
            continue
        for model in config.get_models():
            if model._meta.model_name in {"auditentry", "notification"}:
                continue
            state[model._meta.label] = model.objects.count()
    state["units"] = sorted(Unit.objects.values_list("code", "name", "parent__code", "cluster__code", "path"))
    state["people"] = sorted(Person.objects.values_list("unit__code", "full_name", "position", "user__username"))
    state["roles"] = sorted(RoleAssignment.objects.values_list("user__username", "role", "unit__code"))
    return state


def test_seed_demo_twice_gives_the_same_data(capsys):
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first
    assert "ThiDua@2025" in capsys.readouterr().out


def test_seed_demo_makes_one_account_per_role_with_the_demo_password():
    call_command("seed_demo")
    from django.contrib.auth.models import User

    expected = {
        "vanphong": Role.OFFICE,
        "bithu1": Role.SECRETARY,
        "bithu2": Role.SECRETARY,
        "bithu3": Role.SECRETARY,
        "hoidong1": Role.COUNCIL,
        "hoidong2": Role.COUNCIL,
        "hoidong3": Role.COUNCIL,  # also on the Standing Committee: one person, two roles
        "thuongvu": Role.STANDING,
        "tuyengiao": Role.PROPAGANDA,
    }
    for username, role in expected.items():
        user = User.objects.get(username=username)
        assert user.check_password("ThiDua@2025")
        assert RoleAssignment.objects.filter(user=user, role=role).exists()
    assert RoleAssignment.objects.filter(user__username="hoidong3", role=Role.STANDING).exists()
    bithu1 = RoleAssignment.objects.get(user__username="bithu1").unit
    bithu2 = RoleAssignment.objects.get(user__username="bithu2").unit
    assert bithu1 != bithu2


def test_seed_demo_builds_about_twenty_units_in_three_clusters():
    call_command("seed_demo")
    grassroots = Unit.objects.exclude(level="bloc").exclude(level="sub_cell")
    assert 18 <= grassroots.count() <= 25
    assert grassroots.values("cluster").distinct().count() == 3
    assert Person.objects.count() > 100
