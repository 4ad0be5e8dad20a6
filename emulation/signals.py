from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .services import log_action


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    log_action(actor=user, action="auth.login", obj=user)


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        log_action(actor=user, action="auth.logout", obj=user)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    log_action(actor=None, action="auth.login_failed", data={"username": str(credentials.get("username", ""))[:150]})


def _forget_overview(sender, **kwargs):
    from .selectors import forget_organization_overview

    forget_organization_overview()


# The Office's overview counts and the cluster choices are cached; any saved or deleted unit, cluster or person
# makes them stale.
for _model in ("Unit", "Cluster", "Person"):
    post_save.connect(_forget_overview, sender=f"emulation.{_model}", dispatch_uid=f"overview-save-{_model}")
    post_delete.connect(_forget_overview, sender=f"emulation.{_model}", dispatch_uid=f"overview-delete-{_model}")
