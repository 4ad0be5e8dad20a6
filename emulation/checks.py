"""Checks of the deployment's settings that Django's own `check --deploy` does not know about."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def proxy_is_declared(app_configs, **kwargs):
    """HTTPS=1 trusts a proxy's X-Forwarded-Proto; the login limits need to know that proxy is there too.

    Without TRUSTED_PROXY_COUNT every client has the proxy's address, so the per-address ceiling of failed logins
    and password resets is shared by everyone, and a few anonymous requests lock the whole portal out.
    """
    if settings.SECURE_PROXY_SSL_HEADER and settings.TRUSTED_PROXY_COUNT <= 0:
        return [
            checks.Warning(
                "HTTPS=1 assumes a reverse proxy in front of the portal, but TRUSTED_PROXY_COUNT is 0: every client "
                "would share the proxy's address in the login limits and the audit log.",
                hint="Set TRUSTED_PROXY_COUNT to the number of proxies that append to X-Forwarded-For (usually 1).",
                id="emulation.W001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def site_address_is_set(app_configs, **kwargs):
    """Every link a mail carries is built on SITE_URL; left at its default it points recipients at 127.0.0.1."""
    from urllib.parse import urlsplit

    host = urlsplit(settings.SITE_URL).hostname or ""
    if host in {"127.0.0.1", "localhost", "::1"}:
        return [
            checks.Warning(
                f"SITE_URL is {settings.SITE_URL}: the links in notification and password-reset mails would point "
                "to the recipient's own machine.",
                hint="Set SITE_URL to the address users open the portal at, e.g. https://thidua.example.gov.vn.",
                id="emulation.W002",
            )
        ]
    return []
