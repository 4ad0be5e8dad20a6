"""Browser journeys in Debian's headless Chromium, driven by Playwright against Django's live server.

Each journey runs at desktop width and at a phone width (390 px). Every page visited is checked with
axe-core (no violation of serious or critical impact), and every step is saved as a screenshot under
e2e-screenshots/ (ignored by git).
"""

import os
import re
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


@pytest.fixture
def demo(transactional_db):
    from django.core.management import call_command

    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


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
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        return response

    def login(self, username, password=PASSWORD):
        self.goto("/accounts/login/")
        self.page.get_by_label("Tên đăng nhập").fill(username)
        self.page.get_by_label("Mật khẩu").fill(password)
        self.page.get_by_role("button", name="Đăng nhập").click()
        self.page.wait_for_load_state()

    def logout(self):
        self.context.clear_cookies()

    def step(self, label):
        """Screenshot the page and check it with axe-core."""
        self.step_number += 1
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        self.page.screenshot(path=str(self.folder / f"{self.step_number:02d}-{slug}.png"), full_page=True)
        self.check_accessibility(label)

    def check_accessibility(self, label):
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
