"""Links to pages by primary key, for lists that print one or two per row (the |link_to filter of portal).

reverse() matches the URL pattern again on every call, a cost that lists of 25 to 100 rows feel; here the pattern
of a name is resolved once (per script prefix) and the key put in.
"""

from django.urls import get_script_prefix, reverse

_SENTINEL = 987654321
_patterns = {}


def link(name, pk):
    """reverse(name, args=[pk]) for a URL whose only argument is an integer key."""
    key = (name, get_script_prefix())
    pattern = _patterns.get(key)
    if pattern is None:
        url = reverse(name, args=[_SENTINEL])
        head, sentinel, tail = url.partition(str(_SENTINEL))
        pattern = (head, tail)
        if sentinel and len(_patterns) < 256:
            _patterns[key] = pattern
        elif not sentinel:
            return reverse(name, args=[pk])
    return f"{pattern[0]}{int(pk)}{pattern[1]}"


def absolute_url(path):
    """The address a mail client opens for a path of the portal: settings.SITE_URL in front of it.

    Paths come from reverse() or get_absolute_url(), which carry the script prefix inside a request but not in a
    Celery worker; a SITE_URL with a path of its own (https://host/thidua) is put in front once either way. An
    address that already has a scheme is left alone.
    """
    from urllib.parse import urlsplit

    from django.conf import settings

    if urlsplit(path).scheme:
        return path
    site = urlsplit(settings.SITE_URL)
    origin = f"{site.scheme}://{site.netloc}"
    prefix = site.path.rstrip("/")
    path = "/" + path.lstrip("/")
    if prefix and not (path == prefix or path.startswith(prefix + "/")):
        path = prefix + path
    return origin + path
