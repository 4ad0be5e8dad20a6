from django.apps import apps

from .rules import roles_of


def nav_templates():
    """The navigation partial of every app that has one, in INSTALLED_APPS order."""
    return [cfg.nav_template for cfg in apps.get_app_configs() if getattr(cfg, "nav_template", None)]


def portal(request):
    """The user's roles and unread count, for the base layout, and what its menus are drawn from.

    Every permission the apps' menus test is decided by the user's roles alone, so the navigation bar caches the
    menus under ``menu_key`` (the roles, superuser and active flags) and the language.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"portal": {"roles": set()}}
    roles = roles_of(user)
    return {
        "portal": {
            "roles": roles,
            "menu_key": ",".join(sorted(roles)) + f"|{user.is_superuser:d}{user.is_active:d}",
            "nav_templates": nav_templates,
            "unread_count": user.notifications.filter(read_at__isnull=True).count,
        }
    }
