from django.apps import apps

from .rules import roles_of


def nav_templates():
    """The navigation partial of every app that has one, in INSTALLED_APPS order."""
    return [cfg.nav_template for cfg in apps.get_app_configs() if getattr(cfg, "nav_template", None)]


def portal(request):
    """The user's roles and unread count, for the base layout (the menus come from {% portal_menu %})."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"portal": {"roles": set()}}
    return {
        "portal": {
            "roles": roles_of(user),
            "unread_count": user.notifications.filter(read_at__isnull=True).count,
        }
    }
