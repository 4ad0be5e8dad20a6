from django.apps import apps

from .rules import roles_of


def portal(request):
    """Navigation partials of every app and the user's roles and unread count, for the base layout."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"portal": {"nav_templates": [], "roles": set()}}
    nav = [cfg.nav_template for cfg in apps.get_app_configs() if getattr(cfg, "nav_template", None)]
    return {
        "portal": {
            "nav_templates": nav,
            "roles": roles_of(user),
            "unread_count": user.notifications.filter(read_at__isnull=True).count,
        }
    }
