import contextvars

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

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
    """The client's bad input is a 400 page, never a 500.

    Before the view: a NUL character anywhere in the path, the query string, the cookies or the posted fields
    (names, values, upload file names), or text that is not valid UTF-8 (which is also how a lone surrogate arrives), is refused.
    No form or database can keep such text (PostgreSQL refuses NUL in a string), and no browser sends it.
    Uploaded files' contents are not read here: only the fields Django has already decoded.

    After the view: a value the database cannot even compare. On SQLite a choice field's ``__in`` lookup with an
    id beyond 64 bits raises OverflowError while the form validates (PostgreSQL compares such numbers and finds
    nothing); browsers never send one, hostile posts do.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cookies_are_text(request):
            _forget_cookies(request)
            return _bad_request(request, _invalid_text())
        if not _input_is_text(request):
            return _bad_request(request, _invalid_text())
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            return _bad_request(request)
        return None


def _invalid_text():
    return _("Dữ liệu gửi lên chứa ký tự không hợp lệ (ký tự NUL hoặc mã hóa sai). Hãy quay lại, kiểm tra và gửi lại.")


def _forget_cookies(request):
    """Answer as to a visitor without cookies: the page must not look the session up by the poisoned key."""
    from importlib import import_module

    request.COOKIES = {}
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()


def _bad_request(request, reason=""):
    from django.shortcuts import render

    return render(request, "400.html", {"reason": reason}, status=400)


def _wsgi_bytes(text):
    """The bytes a WSGI string stands for (latin-1 by the WSGI spec); ASGI gives decoded text instead."""
    try:
        return text.encode("iso-8859-1")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def _clean_bytes(raw, encoding):
    """Whether ``raw`` (percent-decoded) is text in ``encoding`` without NUL."""
    if b"\x00" in raw:
        return False
    try:
        raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _clean_text(text):
    return "\x00" not in text and not any("\ud800" <= char <= "\udfff" for char in text)


def _input_is_text(request):
    from urllib.parse import unquote_to_bytes

    encoding = request.encoding or settings.DEFAULT_CHARSET
    # The path as the server decoded it: Django would re-escape invalid UTF-8 in path_info and let it through.
    path = _wsgi_bytes(request.META.get("PATH_INFO", ""))
    query = unquote_to_bytes(_wsgi_bytes(request.META.get("QUERY_STRING", "")))
    return _clean_bytes(path, "utf-8") and _clean_bytes(query, encoding) and _posted_is_text(request, encoding)


def _cookies_are_text(request):
    # Django unquotes cookie values, octal escapes included: "\000" on the wire is a NUL in the session key,
    # which PostgreSQL refuses with a 500 on every page, before any view runs.
    return all(_clean_text(name) and _clean_text(value) for name, value in request.COOKIES.items())


def _posted_is_text(request, encoding):
    from urllib.parse import unquote_to_bytes

    if request.method != "POST":
        return True
    if request.content_type == "application/x-www-form-urlencoded":
        # Django decodes invalid bytes as U+FFFD without a word: the raw body is the only place they show.
        return _clean_bytes(unquote_to_bytes(request.body), encoding)
    if request.content_type == "multipart/form-data":
        # Django has decoded the fields (invalid bytes as U+FFFD); the files stay where the upload handlers put them.
        fields = request.POST.lists()
        files = ((name, [upload.name or "" for upload in uploads]) for name, uploads in request.FILES.lists())
        return all(_clean_text(name) and all(map(_clean_text, values)) for name, values in (*fields, *files))
    return True
