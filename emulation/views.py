import sqlite3
import sys

from django.apps import apps
from django.contrib import messages
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .caching import version
from .enums import NotificationKind
from .forms import MailSettingsForm, PersonForm, SearchForm, UnitFilterForm
from .models import Cluster, Person, Unit
from .params import id_list
from .rules import secretary_units
from .selectors import ORGANIZATION
from .views_mixins import paginate, permission_required, require


def related_links(request, obj):
    """Links other apps offer from a core object's page (a person's awards, a unit's pledges...)."""
    links = []
    for config in apps.get_app_configs():
        if hasattr(config, "related_links"):
            links.extend(config.related_links(request, obj))
    return links


def related_panels(request, obj):
    """Sections other apps add to a core object's page (a unit's scores over the years, a cluster's ranking), each
    {"template", "context", "chart": whether it draws a chart}; the app decides who sees its section."""
    panels = []
    for config in apps.get_app_configs():
        if hasattr(config, "related_panels"):
            panels.extend(config.related_panels(request, obj))
    return panels


def _chart_panels(panels):
    """Whether a page's panels draw a chart: Chart.js is loaded on those pages only."""
    return any(panel.get("chart") for panel in panels)


def home(request):
    """Each role's home: the panels every app contributes for this user, in their order."""
    panels = []
    for config in apps.get_app_configs():
        if hasattr(config, "home_panels"):
            panels.extend(config.home_panels(request))
    panels.sort(key=lambda panel: panel.get("order", 50))
    return render(request, "emulation/home.html", {"panels": panels})


@never_cache
@require_GET
def healthz(request):
    """Database and broker status for monitoring; 200 while the database answers."""
    from django.conf import settings

    status = {"database": "ok", "broker": "eager"}
    # A fresh connection each time: a reused one to a server that stopped answering would wait on its socket with
    # no limit, while connecting gives up after DB_CONNECT_TIMEOUT. (Inside a transaction, as in tests, there is
    # nothing to close without losing the transaction.)
    if not connection.in_atomic_block:
        connection.close()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means the database is down for this check
        status["database"] = "error"
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        status["broker"] = _broker_status()
    return JsonResponse(status, status=200 if status["database"] == "ok" else 503)


def _broker_status():
    from .celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception:  # noqa: BLE001 - an unreachable broker of any kind is reported, not raised
        return "error"


@permission_required("emulation.list_units")
def unit_list(request):
    form = UnitFilterForm(request.GET or None, clusters=selectors.cluster_choices())
    filters = form.cleaned_data if form.is_valid() else {}
    units = selectors.unit_list(
        user=request.user,
        search=filters.get("q", ""),
        cluster=filters.get("cluster"),
        sector=filters.get("sector"),
        parent=filters.get("parent"),
    )
    parent = (
        selectors.visible_units(request.user).filter(pk=filters.get("parent")).first()
        if filters.get("parent")
        else None
    )
    context = {"page": paginate(request, units, count_version=version(ORGANIZATION)), "form": form, "parent": parent}
    return render(request, "emulation/unit_list.html", context)


def unit_detail(request, pk):
    unit = get_object_or_404(Unit.objects.select_related("cluster", "parent"), pk=pk)
    require(request.user, "emulation.view_unit", unit)
    people = selectors.person_list(user=request.user, unit=unit, include_inactive=True)
    children, more_children = selectors.unit_children(unit)
    panels = related_panels(request, unit)
    return render(
        request,
        "emulation/unit_detail.html",
        {
            "unit": unit,
            "children": children,
            "more_children": more_children,
            "page": paginate(request, people, count_version=version(ORGANIZATION)),
            "can_manage": request.user.has_perm("emulation.manage_people", unit),
            # The parent is a link only for those who may open it: a secretary sees the Bloc's name, not a 403.
            "parent_link": unit.parent_id and request.user.has_perm("emulation.view_unit", unit.parent),
            "history": selectors.history_of(unit),
            "related_links": related_links(request, unit),
            "related_panels": panels,
            "has_charts": _chart_panels(panels),
        },
    )


@permission_required("emulation.list_units")
def cluster_list(request):
    return render(request, "emulation/cluster_list.html", {"page": paginate(request, selectors.cluster_list())})


@permission_required("emulation.list_units")
def cluster_detail(request, pk):
    cluster = get_object_or_404(Cluster.objects.select_related("lead_unit"), pk=pk)
    units = selectors.cluster_units(cluster).filter(pk__in=selectors.visible_units(request.user))
    panels = related_panels(request, cluster)
    context = {
        "cluster": cluster,
        "page": paginate(request, units, count_version=version(ORGANIZATION)),
        "related_panels": panels,
        "has_charts": _chart_panels(panels),
    }
    return render(request, "emulation/cluster_detail.html", context)


@permission_required("emulation.list_units")
def person_list(request):
    form = SearchForm(request.GET or None)
    search = form.cleaned_data.get("q", "") if form.is_valid() else ""
    people = selectors.person_list(user=request.user, search=search)
    page = paginate(request, people, count_version=version(ORGANIZATION))
    return render(request, "emulation/person_list.html", {"page": page, "form": form})


def person_detail(request, pk):
    person = get_object_or_404(Person.objects.select_related("unit", "user"), pk=pk)
    require(request.user, "emulation.view_person", person)
    return render(
        request,
        "emulation/person_detail.html",
        {
            "person": person,
            "can_manage": request.user.has_perm("emulation.manage_people", person),
            "history": selectors.history_of(person),
            "related_links": related_links(request, person),
        },
    )


def person_edit(request, pk=None, unit_pk=None):
    """Add a person to a unit or correct one; people are deactivated, never deleted."""
    if pk is not None:
        person = get_object_or_404(Person.objects.select_related("unit"), pk=pk)
    else:
        person = Person(unit=get_object_or_404(Unit, pk=unit_pk))
    require(request.user, "emulation.manage_people", person.unit)
    if request.user.has_perm("emulation.configure"):
        units = Unit.objects.filter(is_active=True)
    else:
        units = Unit.objects.subtree_of(secretary_units(request.user)).filter(is_active=True)
    form = PersonForm(request.POST or None, instance=person, units=units)
    if request.method == "POST" and form.is_valid():
        person = services.save_person(person=form.save(commit=False), by=request.user)
        messages.success(request, _("Đã lưu thông tin cá nhân."))
        return redirect(person)
    return render(request, "emulation/person_form.html", {"form": form, "person": person})


def notification_list(request):
    page = paginate(request, selectors.notifications_for(request.user))
    return render(request, "emulation/notification_list.html", {"page": page})


def notification_settings(request):
    """The kinds of notification the user also receives by mail."""
    opted_out = services.mail_opt_outs(request.user)
    initial = {"kinds": [kind for kind in NotificationKind if kind not in opted_out]}
    form = MailSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_mail_kinds(user=request.user, kinds=form.cleaned_data["kinds"])
        messages.success(request, _("Đã lưu cài đặt nhận thư thông báo."))
        return redirect("notification_settings")
    return render(request, "emulation/notification_settings.html", {"form": form, "email": request.user.email})


# A notifications page shows fewer; a longer list of ids is hostile.
MARK_READ_LIMIT = 1000


@require_POST
def notifications_mark_read(request):
    # Without ids: every notification; with ids, only the valid ones (hostile ids mark nothing).
    ids = id_list(request.POST.getlist("id"), limit=MARK_READ_LIMIT) if "id" in request.POST else None
    services.mark_notifications_read(user=request.user, ids=ids)
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("notification_list")


@permission_required("emulation.view_audit")
def audit_log(request):
    form = SearchForm(request.GET or None)
    search = form.cleaned_data.get("q", "") if form.is_valid() else ""
    entries = selectors.audit_log(action=search)
    return render(request, "emulation/audit_log.html", {"page": paginate(request, entries, 50), "form": form})


def forbidden(request, exception=None):
    return render(request, "403.html", status=403)


# PostgreSQL's codes for a statement cancelled (the statement timeout) and a server shutting down or starting.
UNAVAILABLE_CODES = {"57014", "57P01", "57P02", "57P03"}


def database_unavailable(error):
    """Whether an exception means the database cannot serve now (come back later), not a bug (a 500).

    A lost or refused connection has no SQLSTATE; a deadlock or a missing table (a bug) has one of its own.
    """
    from django.db import InterfaceError, OperationalError

    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    if isinstance(error.__cause__, sqlite3.Error):
        return "locked" in str(error)  # a busy database file; anything else is a bug
    code = getattr(error.__cause__, "pgcode", None)
    return code is None or code in UNAVAILABLE_CODES


def server_error(request):
    """Django's 500 handler, but a database that cannot be reached is a 503: the page says to come back later.

    Rendered without the request's context processors, which would ask the database again.
    """
    from django.template import loader

    unavailable = database_unavailable(sys.exc_info()[1])
    name, status = ("503.html", 503) if unavailable else ("500.html", 500)
    response = HttpResponse(loader.get_template(name).render(), status=status)
    if unavailable:
        response["Retry-After"] = "60"
    return response
