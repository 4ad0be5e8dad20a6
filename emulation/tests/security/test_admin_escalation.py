"""Issue #12, finding 1: the Office's staff account cannot grow a role through the admin, and the admin is audited.

The Office is staff (not superuser) and manages the catalog, the organization and the schedules in the admin.
Users, groups, permissions and role assignments are the superuser's alone, even when a deployment granted the
Office's group those permissions by hand. Every add, change and delete made in the admin reaches the portal's
audit log with the old and new values, never a password hash.
"""

import json
import re
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.db import transaction
from django.test import Client
from django.urls import reverse

from emulation.admin_site import MASK
from emulation.demo import _office_group
from emulation.enums import Role
from emulation.models import AuditEntry, Notification, Person, RoleAssignment, Unit

from .test_authorization_matrix import walk
from .world import PASSWORD

NEW_PASSWORD = "Chiem@Quyen-2026"
# Admin pages that are the superuser's alone: accounts, groups (and their permissions), role assignments.
SUPERUSER_ONLY = ("admin/auth/user/", "admin/auth/group/", "admin/emulation/roleassignment/")


class FormValues(HTMLParser):
    """The POST forms of a page with the values a browser would submit as the page stands."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._form = self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self._form = {"action": attrs.get("action") or "", "data": {}, "actions": []}
                self.forms.append(self._form)
            return
        if self._form is None:
            return
        name, data = attrs.get("name"), self._form["data"]
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "reset", "image", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    data.setdefault(name, []).append(attrs.get("value") or "on")
                if name == "_selected_action":
                    self._form.setdefault("selectable", []).append(attrs.get("value"))
                return
            data.setdefault(name, []).append(attrs.get("value") or "")
            if kind == "text" and not attrs.get("value"):
                self._form.setdefault("blank", []).append(name)
        elif tag == "textarea" and name:
            self._textarea = data.setdefault(name, [""])
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "first": None, "chosen": []}
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["chosen"].append(value)
            if self._select["name"] == "action" and value:
                self._form["actions"].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None:
            select, self._select = self._select, None
            chosen = select["chosen"] or ([] if select["multiple"] or select["first"] is None else [select["first"]])
            if self._form is not None and chosen:
                self._form["data"][select["name"]] = chosen


def page_forms(response):
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = FormValues()
    parser.feed(response.content.decode())
    return [form for form in parser.forms if "csrfmiddlewaretoken" in form["data"] or form["data"] or form["actions"]]


def main_form(response, path):
    """The data of the page's own form (not the header's logout form): the largest form posting to the page."""
    own = [f for f in page_forms(response) if f["action"] in ("", path)]
    return (
        {name: list(values) for name, values in max(own, key=lambda f: len(f["data"]))["data"].items()} if own else {}
    )


def staff_client(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def accounts_state(office):
    """Everything that makes up who may do what: flags, groups, permissions, roles, other users' passwords."""
    through_groups = User.groups.through.objects.values_list("user_id", "group_id")
    through_perms = User.user_permissions.through.objects.values_list("user_id", "permission_id")
    group_perms = Group.permissions.through.objects.values_list("group_id", "permission_id")
    return {
        "flags": sorted(User.objects.values_list("pk", "is_superuser", "is_staff", "is_active")),
        "passwords": sorted(User.objects.exclude(pk=office.pk).values_list("pk", "password")),
        "groups": sorted(through_groups),
        "user_permissions": sorted(through_perms),
        "group_permissions": sorted(group_perms),
        "roles": sorted(RoleAssignment.objects.values_list("user_id", "role", "unit_id")),
        "accounts_of_people": sorted(Person.objects.filter(user__isnull=False).values_list("pk", "user_id")),
    }


def grant_everything_by_hand():
    """What the old seed gave the Office, as a deployment may still have it: every auth and role permission."""
    group = Group.objects.get(name="Văn phòng Đảng ủy Khối")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="auth"),
        *Permission.objects.filter(content_type__app_label="emulation", content_type__model="roleassignment"),
    )


def forbidden_fields(office):
    """What an attacker adds to any admin form: the flags, every group and permission, a role, a password."""
    every_perm = [str(pk) for pk in Permission.objects.values_list("pk", flat=True)]
    forced = {
        "is_superuser": ["on"],
        "is_staff": ["on"],
        "is_active": ["on"],
        "groups": [str(pk) for pk in Group.objects.values_list("pk", flat=True)],
        "user_permissions": every_perm,
        "password1": [NEW_PASSWORD],
        "password2": [NEW_PASSWORD],
        "usable_password": ["true"],
        "set_usable_password": ["true"],
    }
    added = {
        "user": [str(office.pk)],
        "role": [Role.COUNCIL],
        "permissions": every_perm,
        "roleassignment_set-TOTAL_FORMS": ["1"],
        "roleassignment_set-INITIAL_FORMS": ["0"],
        "roleassignment_set-0-role": [Role.COUNCIL],
        "roleassignment_set-0-user": [str(office.pk)],
    }
    return forced, added


def with_forbidden(data, office):
    forced, added = forbidden_fields(office)
    merged = {**data, **forced}
    for name, value in added.items():
        if not any(merged.get(name, [])):
            merged[name] = value
    return merged


def filled(form):
    """The form's data with its empty text boxes filled in, so that add forms (a new user, a group) validate."""
    data = dict(form["data"])
    for n, name in enumerate(form.get("blank", ())):
        data[name] = [f"thu{n}"]
    return data


def council_member():
    return User.objects.get(username="hoidong2")


@pytest.fixture(params=["as seeded", "granted by hand"])
def office(request, in_world):
    """The Office's staff account, with its group as the seed leaves it, or with every auth permission by hand."""
    if request.param == "granted by hand":
        grant_everything_by_hand()
    return in_world.users["office"]


def test_office_cannot_make_itself_superuser(office, in_world):
    client = staff_client(office)
    path = reverse("admin:auth_user_change", args=[office.pk])
    data = main_form(client.get(path), path) or {"username": [office.username]}
    response = client.post(path, {**data, "is_superuser": ["on"], "is_staff": ["on"], "is_active": ["on"]})

    assert response.status_code == 403
    office.refresh_from_db()
    assert not office.is_superuser
    # Without the flag, another unit's draft dossier stays closed to the Office.
    draft = in_world.objects["draft_proposal"]
    assert staff_client(office).get(reverse("awards:proposal_detail", args=[draft.pk])).status_code in (403, 404)


def test_office_cannot_give_itself_the_council_role(office):
    client = staff_client(office)
    add = client.post(reverse("admin:emulation_roleassignment_add"), {"user": office.pk, "role": Role.COUNCIL})
    inline = client.post(
        reverse("admin:auth_user_change", args=[office.pk]),
        with_forbidden({"username": [office.username]}, office),
    )

    assert (add.status_code, inline.status_code) == (403, 403)
    assert not RoleAssignment.objects.filter(user=office, role=Role.COUNCIL).exists()


def test_office_cannot_change_a_council_members_password(office):
    member = council_member()
    path = reverse("admin:auth_user_password_change", args=[member.pk])
    client = staff_client(office)
    response = client.post(
        path,
        {
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "usable_password": "true",
            "set_usable_password": "true",
        },
    )

    assert client.get(path).status_code == 403
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.check_password(PASSWORD) and not member.check_password(NEW_PASSWORD)


def test_office_cannot_schedule_a_password_reset_mail_to_another_user(office, mailoutbox):
    """A scheduled reset mail with a domain of the Office's choosing would hand it the member's reset link."""
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    member = council_member()
    client = staff_client(office)
    add = reverse("admin:django_celery_beat_periodictask_add")
    data = main_form(client.get(add), add)
    task = "emulation.tasks.send_password_reset_mail"
    data.update(
        name=["Nhắc mật khẩu"],
        regtask=[task],
        interval=[str(IntervalSchedule.objects.create(every=1, period="days").pk)],
        args=[json.dumps([member.pk, "thidua.example.net", "Thi đua", True])],
        kwargs=["{}"],
    )
    refused = client.post(add, data)
    planted = PeriodicTask.objects.create(
        name="Cài sẵn",
        task=task,
        args=json.dumps([member.pk, "x", "y", True]),
        interval=IntervalSchedule.objects.first(),
    )
    changelist = reverse("admin:django_celery_beat_periodictask_changelist")
    client.post(changelist, {"action": "run_tasks", "_selected_action": [planted.pk], "index": 0})

    assert refused.status_code == 200 and "Chỉ quản trị viên hệ thống được lập lịch" in refused.content.decode()
    assert not PeriodicTask.objects.filter(name="Nhắc mật khẩu").exists()
    assert mailoutbox == []


def test_the_office_schedules_the_portals_jobs_only_from_an_allow_list(office):
    """Tasks opt in with office_may_schedule; notification mails by id, a reset mail, Celery's own do not."""
    from emulation.admin import is_account_task

    for job in (
        "reports.tasks.scheduled_reports",
        "reports.tasks.send_deadline_reminders",
        "reports.tasks.sweep_queued_reports",
        "campaigns.tasks.rebuild_summaries",
        "emulation.tasks.send_pending_notification_emails",
        "emulation.tasks.send_reminder_digests",
    ):
        assert not is_account_task(job), job
    for task in (
        "emulation.tasks.send_notification_emails",
        "emulation.tasks.send_password_reset_mail",
        "reports.tasks.generate_report",
        "celery.chord_unlock",
        "khong.co.tac.vu",
    ):
        assert is_account_task(task), task


def test_the_office_reads_notifications_in_the_admin_but_cannot_write_one(office):
    """A notice written in the admin would be mailed to any account with a link of the writer's choosing."""
    client = staff_client(office)
    add = client.post(
        reverse("admin:emulation_notification_add"),
        {"recipient": council_member().pk, "title": "Đổi mật khẩu", "url": "https://evil.example/"},
    )
    assert add.status_code == 403
    assert not Notification.objects.filter(title="Đổi mật khẩu").exists()
    assert client.get(reverse("admin:emulation_notification_changelist")).status_code == 200


def test_the_accounts_autocomplete_is_refused_to_the_office(office):
    """The user list (usernames, names, addresses searchable) is not the Office's: Person.user is read-only to it."""
    query = "?app_label=emulation&model_name=person&field_name=user&term=hoidong"
    office_answer = staff_client(office).get(reverse("admin:autocomplete") + query)
    superuser = User.objects.create_superuser("quantri", "quantri@thidua.local", PASSWORD)
    superuser_answer = staff_client(superuser).get(reverse("admin:autocomplete") + query)
    person_page = staff_client(office).get(reverse("admin:emulation_person_change", args=[Person.objects.first().pk]))

    assert office_answer.status_code == 403
    assert superuser_answer.status_code == 200 and "hoidong2" in superuser_answer.content.decode()
    assert person_page.status_code == 200 and 'name="user"' not in person_page.content.decode()


def test_seed_takes_the_excess_permissions_away_from_an_existing_office_group(in_world):
    grant_everything_by_hand()

    group = _office_group()

    labels = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
    assert not {label for label in labels if label.startswith("auth.")}
    assert not {label for label in labels if label.endswith("roleassignment")}
    assert not labels & {"emulation.add_auditentry", "emulation.change_auditentry", "emulation.delete_auditentry"}
    # What the Office manages stays: organization, catalog, schedules.
    assert {
        "emulation.change_unit",
        "emulation.change_person",
        "emulation.change_organizationprofile",
        "awards.change_award",
        "django_celery_beat.change_periodictask",
        "emulation.view_auditentry",
    } <= labels


def admin_paths(world):
    """(path, superuser only) for every admin URL pattern, on a real record of its model where it names one."""
    office = world.users["office"]
    targets = {
        "auth/user": council_member().pk,
        "auth/group": Group.objects.get(name="Văn phòng Đảng ủy Khối").pk,
        "emulation/roleassignment": RoleAssignment.objects.filter(user=council_member()).first().pk,
        "emulation/person": Person.objects.filter(user=council_member()).first().pk,
    }
    paths = []
    for _name, route in walk():
        if not route.startswith("admin/"):
            continue
        route = route.replace("^", "").replace("$", "").replace("\\", "")
        if "(?P<app_label>" in route:
            for app_label in ("auth", "emulation", "campaigns", "awards", "reports", "django_celery_beat"):
                paths.append((f"/admin/{app_label}/", app_label == "auth"))
            continue
        if "(?P<url>" in route:
            paths.append(("/admin/khong-co/", False))
            continue
        if route.startswith("admin/r/"):
            paths.append((f"/admin/r/{content_type_id(User)}/{council_member().pk}/", False))
            continue
        if route == "admin/autocomplete/":
            paths.extend((path, False) for path in autocomplete_paths())
            continue
        model_key = "/".join(route.split("/")[1:3])
        model = next(
            (m for m in admin.site._registry if f"{m._meta.app_label}/{m._meta.model_name}" == model_key), None
        )
        object_id = None
        if model is not None and re.search(r"<[^>]*>", route):
            object_id = targets.get(model_key) or getattr(model._default_manager.order_by("pk").first(), "pk", 1)
        path = "/" + re.sub(r"<[^>]*>", str(object_id or office.pk), route)
        paths.append((path, path.startswith(tuple("/" + p for p in SUPERUSER_ONLY))))
    return paths


def content_type_id(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


def autocomplete_paths():
    """The autocomplete query of every autocomplete field of every admin and inline of the site."""
    paths = []
    for model, model_admin in admin.site._registry.items():
        admins = [(model, model_admin)] + [(i.model, i) for i in model_admin.get_inline_instances(_superuser_request())]
        for source_model, source_admin in admins:
            for field_name in source_admin.autocomplete_fields:
                paths.append(
                    f"{reverse('admin:autocomplete')}?app_label={source_model._meta.app_label}"
                    f"&model_name={source_model._meta.model_name}&field_name={field_name}&term="
                )
    paths.append(f"{reverse('admin:autocomplete')}?app_label=auth&model_name=user&field_name=groups&term=")
    return paths


def _superuser_request():
    request = mock.Mock()
    request.user = mock.Mock(is_superuser=True, is_active=True, has_perm=lambda *a, **k: True)
    return request


def posts_for(path, response, office):
    """What the page's own forms would post (one post per changelist action), each plus the forbidden fields."""
    posts = []
    for form in page_forms(response):
        target = form["action"] if form["action"].startswith("/") else path
        if form["actions"]:
            for action in form["actions"]:
                data = {**filled(form), "action": [action], "index": ["0"], "post": ["yes"], "select_across": ["0"]}
                data["_selected_action"] = form.get("selectable", [])
                posts.append((target, with_forbidden(data, office)))
        else:
            posts.append((target, with_forbidden(filled(form), office)))
    return posts or [(path, with_forbidden({}, office))]


def refused(response):
    """403/404, or the admin's redirect of an object's bare URL to its change page, itself refused (also walked)."""
    location = response.get("Location", "")
    return response.status_code in (403, 404) or (
        response.status_code == 302 and location.startswith(tuple("/" + p for p in SUPERUSER_ONLY))
    )


def test_no_admin_path_reaches_flags_groups_permissions_roles_or_passwords(in_world, capsys):
    world = in_world
    grant_everything_by_hand()  # the admin itself must refuse, whatever a deployment granted
    office = world.users["office"]
    before = accounts_state(office)
    failures, gets, posts, saved = [], 0, 0, 0
    for path, superuser_only in admin_paths(world):
        with transaction.atomic():
            response = staff_client(office).get(path)
            gets += 1
            if response.status_code >= 500:
                failures.append(f"GET {path}: {response.status_code}")
            if superuser_only and not refused(response):
                failures.append(f"GET {path}: {response.status_code}, not refused")
            if path.startswith("/admin/autocomplete/") and "model_name=person&field_name=user" in path:
                if response.status_code != 403:
                    failures.append(f"GET {path}: the user list answered {response.status_code}")
            transaction.set_rollback(True)
        if path.startswith("/admin/logout/"):
            continue
        for target, data in posts_for(path, response, office):
            with transaction.atomic():
                answer = staff_client(office).post(target, data)
                posts += 1
                after = accounts_state(office)
                transaction.set_rollback(True)
            saved += answer.status_code == 302
            if answer.status_code >= 500:
                failures.append(f"POST {target}: {answer.status_code}")
            if superuser_only and not refused(answer):
                failures.append(f"POST {target}: {answer.status_code}, not refused")
            changed = [key for key in before if before[key] != after[key]]
            if changed:
                failures.append(f"POST {target} changed {changed}")
    with capsys.disabled():
        print(
            f"\nadmin escalation: {gets} admin pages read, {posts} forms posted by the Office ({saved} answered with a "
            "redirect), 0 changes to flags, groups, permissions, roles or passwords"
        )
    assert gets > 150
    assert not failures, "\n".join(failures)
    assert accounts_state(office) == before


def entries(action, model, pk=None):
    found = AuditEntry.objects.filter(action=action, data__model=model).order_by("id")
    return [e for e in found if pk is None or e.data["pk"] == pk]


def form_of(client, path):
    return main_form(client.get(path), path)


def test_admin_changes_reach_the_audit_log_with_old_and_new_values(in_world):
    office = in_world.users["office"]
    client = staff_client(office)

    data = form_of(client, reverse("admin:emulation_cluster_add"))
    data.update(name=["Cụm thi đua thử"], code=["cum-thu"], description=["Mô tả"])
    assert client.post(reverse("admin:emulation_cluster_add"), data).status_code == 302
    cluster_pk = Unit._meta.get_field("cluster").related_model.objects.get(code="cum-thu").pk
    (added,) = entries("admin.added", "emulation.cluster", cluster_pk)
    assert added.actor == office
    assert added.data["changes"]["name"] == [None, "Cụm thi đua thử"]
    assert added.object_repr == "Cụm thi đua: Cụm thi đua thử"

    unit = in_world.unit_a
    path = reverse("admin:emulation_unit_change", args=[unit.pk])
    data = form_of(client, path)
    data["name"] = ["Sở Tài chính (đổi tên)"]
    assert client.post(path, data).status_code == 302
    (changed,) = entries("admin.changed", "emulation.unit", unit.pk)
    assert changed.data["changes"] == {"name": [unit.name, "Sở Tài chính (đổi tên)"]}

    award = in_world.objects["draft_nominee"].award
    path = reverse("admin:awards_award_change", args=[award.pk])
    data = form_of(client, path)
    old_documents = sorted(f"{d} (#{d.pk})" for d in award.required_documents.all())
    from awards.models import DocumentType

    new_document = DocumentType.objects.exclude(pk__in=award.required_documents.all()).first()
    data["required_documents"] = [str(new_document.pk)]
    assert client.post(path, data).status_code == 302
    (m2m,) = entries("admin.changed", "awards.award", award.pk)
    assert m2m.data["changes"]["required_documents"] == [old_documents, [f"{new_document} (#{new_document.pk})"]]

    term = in_world.objects["term"]
    movement = in_world.objects["movement"]
    path = reverse("admin:campaigns_term_change", args=[term.pk])
    data = form_of(client, path)
    index = next(k.split("-")[1] for k, v in data.items() if k.endswith("-id") and v == [str(movement.pk)])
    data[f"movements-{index}-name"] = ["Phong trào đổi tên"]
    assert client.post(path, data).status_code == 302
    (child,) = entries("admin.changed", "campaigns.movement", movement.pk)
    assert child.data["changes"] == {"name": [movement.name, "Phong trào đổi tên"]}
    assert child.data["parent"] == f"campaigns.term#{term.pk}"

    delete = reverse("admin:emulation_cluster_delete", args=[cluster_pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    (deleted,) = entries("admin.deleted", "emulation.cluster", cluster_pk)
    assert deleted.data["changes"]["code"] == ["cum-thu", None]

    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.filter(enabled=True).first()
    changelist = reverse("admin:django_celery_beat_periodictask_changelist")
    response = client.post(changelist, {"action": "disable_tasks", "_selected_action": [task.pk], "index": 0})
    assert response.status_code == 302
    (action,) = entries("admin.changed", "django_celery_beat.periodictask", task.pk)
    assert action.data["changes"]["enabled"] == [True, False]
    assert action.data["action"] == "disable_tasks"

    log = client.get(reverse("audit_log")).content.decode()
    for text in ("Thêm mới trong trang quản trị", "Sửa trong trang quản trị", "Xóa trong trang quản trị"):
        assert text in log
    assert "Đơn vị: Sở Tài chính (đổi tên)" in log


def test_password_hashes_never_reach_the_audit_log(in_world):
    superuser = User.objects.create_superuser("quantri", "quantri@thidua.local", PASSWORD)
    client = staff_client(superuser)
    member = council_member()

    add = reverse("admin:auth_user_add")
    data = form_of(client, add)
    data.update(username=["canbomoi"], password1=[NEW_PASSWORD], password2=[NEW_PASSWORD], usable_password=["true"])
    assert client.post(add, data).status_code == 302
    password = reverse("admin:auth_user_password_change", args=[member.pk])
    data = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    assert client.post(password, data).status_code == 302
    change = reverse("admin:auth_user_change", args=[member.pk])
    data = form_of(client, change)
    data["first_name"] = ["Đổi"]
    assert client.post(change, data).status_code == 302
    newcomer = User.objects.get(username="canbomoi")
    hashes = [newcomer.password, *User.objects.values_list("password", flat=True)]
    delete = reverse("admin:auth_user_delete", args=[newcomer.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302

    logged = AuditEntry.objects.filter(action__startswith="admin.")
    written = json.dumps([[e.data, e.comment, e.object_repr] for e in logged], ensure_ascii=False)
    assert entries("admin.changed", "auth.user", member.pk)[0].data["changes"]["password"] == [MASK, MASK]
    assert entries("admin.deleted", "auth.user", newcomer.pk)[0].data["changes"]["password"] == [MASK, None]
    assert entries("admin.added", "auth.user", newcomer.pk)[0].data["changes"]["password1"] == [None, MASK]
    assert NEW_PASSWORD not in written
    assert not [h for h in hashes if h and h in written]


def test_an_admin_change_and_its_audit_entry_are_one_transaction(in_world):
    client = staff_client(in_world.users["office"])
    unit = in_world.unit_a
    path = reverse("admin:emulation_unit_change", args=[unit.pk])
    data = form_of(client, path)
    data["name"] = ["Không được lưu"]

    with mock.patch("emulation.admin_site.log_action", side_effect=RuntimeError("audit log unavailable")):
        response = client.post(path, data)

    assert response.status_code == 500
    unit.refresh_from_db()
    assert unit.name != "Không được lưu"
