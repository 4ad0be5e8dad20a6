from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
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
