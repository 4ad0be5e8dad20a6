import contextvars

from django.conf import settings
from django.contrib.auth.views import redirect_to_login

current_request = contextvars.ContextVar("current_request", default=None)

# Pages anyone may open without logging in.
PUBLIC_PREFIXES = (
    "/accounts/login/",
    "/accounts/password-reset/",
    "/accounts/reset/",
    "/healthz/",
    "/cong-khai/",
    "/i18n/",
    "/static/",
)


class LoginRequiredMiddleware:
    """Every page requires login except the login and reset pages, the health check and public exemplars.

    It also remembers the request for the audit log, which records the client's address.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            if not request.user.is_authenticated and not self._is_public(request.path_info):
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            return self.get_response(request)
        finally:
            current_request.reset(token)

    @staticmethod
    def _is_public(path):
        return path.startswith(PUBLIC_PREFIXES) or path.startswith("/admin/")


class SecurityHeadersMiddleware:
    """A Content-Security-Policy that allows no inline script and no other origin: every asset is served from here."""

    POLICY = (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
        "form-action 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class DefaultVietnameseLocaleMiddleware:
    """Vietnamese unless the user picked another language with the switch (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many office machines run an
    English browser; the portal's users expect Vietnamese first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class BadInputMiddleware:
    """A value the database cannot even compare is the client's bad input: a 400 page, never a 500.

    On SQLite a choice field's ``__in`` lookup with an id beyond 64 bits raises OverflowError while the form
    validates (PostgreSQL compares such numbers and finds nothing); browsers never send one, hostile posts do.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            from django.shortcuts import render

            return render(request, "400.html", status=400)
        return None
