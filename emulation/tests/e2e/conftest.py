"""Browser journeys in Debian's headless Chromium, driven by Playwright against Django's live server.

Each journey runs at desktop width and at a phone width (390 px). Every page visited is checked with
axe-core (no violation of serious or critical impact), and every step is saved as a screenshot under
e2e-screenshots/ (ignored by git).
"""

import os
import re
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
SCREENSHOTS = Path(__file__).resolve().parents[3] / "e2e-screenshots"
PASSWORD = "ThiDua@2025"
WIDTHS = {"desktop": 1280, "phone": 390}
# GUIDE_SCREENSHOTS=1 copies the steps the user guide shows into docs/img/ (see docs/huong-dan-su-dung.md).
GUIDE_IMAGES = Path(__file__).resolve().parents[3] / "docs" / "img"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make e2e`, which installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(params=list(WIDTHS))
def width(request):
    return request.param


# The demo data, seeded once per session and copied back before each test that asks for it: seeding takes
# 10-30 s on a small machine, restoring the rows (a few thousand) and the media files well under a second.
_SNAPSHOT = {}


def _snapshot_tables():
    from django.db import connection

    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))
        snapshot = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - Django's own table names
            snapshot[table] = ([column[0] for column in cursor.description], cursor.fetchall())
    return snapshot


def _restore_tables(snapshot):
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection, transaction

    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import Json

            cursor.execute(f"TRUNCATE {', '.join(quote(t) for t in snapshot)} RESTART IDENTITY CASCADE")
        else:
            Json = None  # noqa: N806 - SQLite stores JSON as text already
            for table in snapshot:
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
        for table, (columns, rows) in snapshot.items():
            if not rows:
                continue
            if Json is not None:
                rows = [[Json(v) if isinstance(v, dict | list) else v for v in row] for row in rows]
            names = ", ".join(quote(c) for c in columns)
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)  # noqa: S608
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
            cursor.execute(statement)


@pytest.fixture
def demo(transactional_db, settings, tmp_path_factory):
    """The database as `manage.py seed_demo` leaves it, with its media files (a fresh copy for every test)."""
    from django.core.management import call_command
    from django.db import connection

    key = (connection.vendor, connection.settings_dict["NAME"])
    media = Path(settings.MEDIA_ROOT)
    if key not in _SNAPSHOT:
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        saved_media = tmp_path_factory.mktemp("demo-media")
        if media.exists():
            shutil.copytree(media, saved_media, dirs_exist_ok=True)
        _SNAPSHOT[key] = (_snapshot_tables(), saved_media)
        return
    tables, saved_media = _SNAPSHOT[key]
    _restore_tables(tables)
    shutil.copytree(saved_media, media, dirs_exist_ok=True)


class Journey:
    """One user's browser session: log in, visit, check accessibility, keep a screenshot of every step."""

    def __init__(self, browser, base_url, width, name):
        self.context = browser.new_context(
            viewport={"width": WIDTHS[width], "height": 900}, locale="vi-VN", bypass_csp=True, accept_downloads=True
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(15000)
        self.base_url = base_url
        self.folder = SCREENSHOTS / f"{name}-{width}"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.step_number = 0
        self.errors = []
        self.width = width
        self.dialogs = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        # The portal asks "are you sure?" with window.confirm before irreversible actions: the user agrees.
        self.page.on("dialog", self._accept_dialog)

    def _accept_dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.accept()

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        return response

    def login(self, username, password=PASSWORD):
        self.goto("/accounts/login/")
        self.page.get_by_label("Tên đăng nhập").fill(username)
        self.page.get_by_label("Mật khẩu").fill(password)
        self.page.get_by_role("button", name="Đăng nhập").click()
        # Wait for the page the login leads to: load state alone may still be the login page's, under load.
        self.page.wait_for_url(lambda url: "/accounts/login/" not in url)
        self.page.wait_for_load_state()

    def logout(self):
        self.context.clear_cookies()

    def open_menu(self):
        """On a narrow screen the navigation is folded behind the toggler: unfold it (decided by the journey's width,
        not by what the page shows at one instant, and waited for, not read)."""
        if self.width == "desktop":
            return
        toggler = self.page.locator(".navbar-toggler")
        toggler.wait_for(state="visible")
        if toggler.get_attribute("aria-expanded") != "true":
            toggler.click()
        self.page.locator("#nav-main").wait_for(state="visible")

    def menu(self, *names):
        """Follow the navigation bar: a top entry, then (for a dropdown) one of its items."""
        self.open_menu()
        nav = self.page.get_by_role("navigation", name="Điều hướng chính")
        for name in names[:-1]:
            nav.get_by_role("button", name=name, exact=True).click()
        nav.get_by_role("link", name=names[-1], exact=True).click()
        self.page.wait_for_load_state()

    def field(self, label):
        """The form field whose label is exactly `label` (a required field's label ends with an asterisk)."""
        return self.page.get_by_label(label, exact=True).or_(self.page.get_by_label(f"{label}*", exact=True))

    def click(self, name, role="button", exact=False):
        """Click a button (or a link) by its visible name and wait for the next page."""
        self.page.get_by_role(role, name=name, exact=exact).first.click()
        self.page.wait_for_load_state()

    def download(self, name, role="link"):
        """Click what starts a download; the file's name and bytes."""
        with self.page.expect_download() as info:
            self.page.get_by_role(role, name=name).first.click()
        download = info.value
        return download.suggested_filename, Path(download.path()).read_bytes()

    def fetch(self, name, role="link"):
        """Open what a link points to (a PDF shown in the browser, say) with the user's session: type and bytes."""
        href = self.page.get_by_role(role, name=name).first.get_attribute("href")
        response = self.page.request.get(self.base_url + href if href.startswith("/") else href)
        assert response.ok, f"{href}: {response.status}"
        return response.headers.get("content-type", "").split(";")[0], response.body()

    def guide(self, name, *, widths=("desktop",), full_page=False):
        """Keep the current screen for the user guide when GUIDE_SCREENSHOTS is set (docs/img/<name>.png)."""
        if not os.environ.get("GUIDE_SCREENSHOTS") or self.width not in widths:
            return
        from PIL import Image

        GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
        suffix = "" if self.width == "desktop" else f"-{self.width}"
        path = GUIDE_IMAGES / f"{name}{suffix}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        # A 256-colour palette keeps a screenshot of the portal legible at a third of the size.
        with Image.open(path) as image:
            palette = image.convert("RGB").quantize(colors=256)
        palette.save(path, optimize=True)

    def step(self, label):
        """Screenshot the page and check it with axe-core."""
        self.step_number += 1
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        self.page.screenshot(path=str(self.folder / f"{self.step_number:02d}-{slug}.png"), full_page=True)
        self.check_width(label)
        self.check_accessibility(label)

    def check_width(self, label):
        """Nothing pushes the page wider than the screen (wide tables scroll inside their own region)."""
        overflow = self.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"'{label}' ({self.page.url}) is {overflow} px wider than the {self.width} screen"

    def check_accessibility(self, label):
        # Measure colours at rest: no hover left by the last click, no transition caught half-way.
        self.page.mouse.move(0, 0)
        self.page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        self.page.evaluate(AXE)
        result = self.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not serious, f"axe-core on '{label}' ({self.page.url}):\n" + "\n".join(serious)

    def close(self):
        self.context.close()
        assert not self.errors, f"JavaScript errors: {self.errors}"


@pytest.fixture
def journey(browser, live_server, width, request, demo):
    journeys = []

    def start(name=None):
        j = Journey(browser, live_server.url, width, name or request.node.originalname)
        journeys.append(j)
        return j

    yield start
    for j in journeys:
        j.close()
