"""Login and password reset, each with limits on attempts per account and per client address."""

import ipaddress
import unicodedata

import rules
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import backends as auth_backends
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.views import LoginView
from django.utils.translation import gettext_lazy as _

from . import throttle
from .services import client_ip, queue_password_reset_mail


def client_network(ip):
    """What the per-address limits count: the address, or for IPv6 its /64, which one subscriber usually holds
    whole (counting each of its 2^64 addresses apart would give a spray as many budgets)."""
    try:
        address = ipaddress.ip_address(ip or "")
    except ValueError:
        return "unknown"
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))


def _login_counters(username, ip):
    """The client address's counter of failed logins and the username's, each with its limit."""
    return [
        (throttle.key("login-address", client_network(ip)), settings.LOGIN_RATE_LIMIT_PER_ADDRESS),
        (throttle.key("login-user", (username or "").strip().lower()[:150]), settings.LOGIN_RATE_LIMIT),
    ]


def reserve_login_attempt(*, username, ip):
    """Count a login attempt as failed before its password is checked; False if it must not be checked at all.

    Counting first and deciding from the count the increment returned is what keeps concurrent attempts within
    the limits: the attempt that would be one too many is refused whatever the others are doing.
    """
    return throttle.reserve(_login_counters(username, ip), window=settings.LOGIN_RATE_WINDOW)


def login_succeeded(*, username, ip):
    """The attempt reserved was not a failure: clear the username's failures and give the address back this one.

    The address keeps its other failures: a success from one desk must not reset a spray from the next one.
    """
    (address, _limit), (user, _limit) = _login_counters(username, ip)
    throttle.give_back(address, window=settings.LOGIN_RATE_WINDOW)
    throttle.reset(user)


def reserve_password_reset(*, email, ip):
    """Count a password-reset request, whether or not an account has that email; False if it must be refused."""
    counters = [
        (throttle.key("reset-address", client_network(ip)), settings.PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS),
        # Django finds the account by a case-insensitive match (ſ matches s on PostgreSQL): count one key for every
        # spelling that reaches the same account.
        (
            throttle.key("reset-email", unicodedata.normalize("NFKC", (email or "").strip()).casefold()),
            settings.PASSWORD_RESET_RATE_LIMIT,
        ),
    ]
    return throttle.reserve(counters, window=settings.PASSWORD_RESET_RATE_WINDOW)


def _window_minutes(seconds):
    return max(1, seconds // 60)


LOCKED_OUT = _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút.")


class ThrottledLogin:
    """The limits of a login form: the portal's and the admin's count against the same counters."""

    def clean(self):
        username = self.cleaned_data.get("username")
        if username is None or not self.cleaned_data.get("password"):
            return super().clean()  # a field is missing: no password is checked, so nothing is counted
        ip = client_ip(self.request)
        if not reserve_login_attempt(username=username, ip=ip):
            raise forms.ValidationError(
                LOCKED_OUT, code="locked_out", params={"minutes": _window_minutes(settings.LOGIN_RATE_WINDOW)}
            )
        cleaned = super().clean()  # a wrong password raises here and leaves the attempt counted
        login_succeeded(username=username, ip=ip)
        return cleaned


class RateLimitedAuthenticationForm(ThrottledLogin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }


class RateLimitedAdminAuthenticationForm(ThrottledLogin, AdminAuthenticationForm):
    """The admin's login (/admin/login/), which reaches the most powerful accounts, under the same limits."""


class RateLimitedPasswordResetForm(PasswordResetForm):
    """Django's reset form, limited per email address and per client address, its mail sent by a Celery task.

    Whether an account has that address is never told: known and unknown addresses are counted, refused and
    answered alike.
    """

    error_messages = {
        "throttled": _("Đã có quá nhiều yêu cầu đặt lại mật khẩu. Vui lòng thử lại sau %(minutes)s phút."),
    }

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if email is None:
            return cleaned
        if not reserve_password_reset(email=email, ip=client_ip(self.request)):
            raise forms.ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": _window_minutes(settings.PASSWORD_RESET_RATE_WINDOW)},
            )
        return cleaned

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        # The request's domain and protocol are left out: the link is built on settings.SITE_URL (emulation.mail).
        queue_password_reset_mail(user=context["user"])


class PortalPasswordResetView(auth_views.PasswordResetView):
    form_class = RateLimitedPasswordResetForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


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
