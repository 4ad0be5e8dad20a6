from django.http import HttpResponse


def trivial(request):
    """The floor: Django with its full middleware stack and a logged-in session, no query of its own."""
    return HttpResponse("ok", content_type="text/plain")
