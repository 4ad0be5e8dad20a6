"""Login with a limit on failed attempts per username and per client address."""

import rules
from django import forms
from django.conf import settings
from django.contrib.auth import backends as auth_backends
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from .services import client_ip


def _keys(username, ip):
    return [f"login-fail:user:{(username or '').strip().lower()[:150]}", f"login-fail:ip:{ip or 'unknown'}"]


def is_locked_out(username, ip):
    return any((cache.get(key) or 0) >= settings.LOGIN_RATE_LIMIT for key in _keys(username, ip))


def record_failure(username, ip):
    for key in _keys(username, ip):
        if cache.add(key, 1, settings.LOGIN_RATE_WINDOW) is False:
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, settings.LOGIN_RATE_WINDOW)


def clear_failures(username, ip):
    cache.delete(_keys(username, ip)[0])


class RateLimitedAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."),
        "inactive": _("Tài khoản này đã bị khóa."),
        "locked_out": _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút."),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        ip = client_ip()
        if is_locked_out(username, ip):
            raise forms.ValidationError(
                self.error_messages["locked_out"],
                code="locked_out",
                params={"minutes": max(1, settings.LOGIN_RATE_WINDOW // 60)},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            record_failure(username, ip)
            raise
        clear_failures(username, ip)
        return cleaned


class PortalLoginView(LoginView):
    form_class = RateLimitedAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class ModelBackend(auth_backends.ModelBackend):
    """Django's backend for passwords and the admin's model permissions, minus the portal's own permissions.

    A permission defined in the rules (rules.py of each app) is decided there alone. Django asks every backend in
    turn, so when a rule said no, the model backend loaded all of the user's group permissions (two queries) only to
    say no as well, on every page that hides a button.
    """

    def has_perm(self, user_obj, perm, obj=None):
        if rules.perm_exists(perm) and not user_obj.is_superuser:  # a superuser keeps Django's "everything"
            return False
        return super().has_perm(user_obj, perm, obj)
