"""Browser flows: Playwright drives Debian's Chromium against a live Tessera server.

Fixtures:
    ``browser`` (session): headless Chromium from ``/usr/bin/chromium``
        (``$TESSERA_CHROMIUM`` overrides the path). Without it, or without the
        ``playwright`` package, the tests are skipped, or fail when
        ``TESSERA_REQUIRE_BROWSER=1`` (as in CI).
    ``live_server`` (module): the WSGI app on 127.0.0.1 in a thread, serving a
        database of its own with ``base``, the addons of the module's
        ``addons`` marker and their demo data; a `LiveServer`.
    ``page`` (function): a new page in a new context (1280x800, en-US) whose
        relative URLs go to ``live_server``; a failing test leaves
        ``var/screenshots/failures/<test name>.png``.
    ``login``: ``login(page, login, password)`` submits the login form.
    ``screenshot``: ``screenshot(page, name)`` saves ``var/screenshots/<name>.png``.

Every test here is marked ``e2e``: ``pytest -m "not e2e"`` runs the rest without a browser::

    def test_admin_sees_the_home_page(page, live_server, login):
        login(page, live_server.admin_login, live_server.admin_password)
        expect(page.get_by_role("banner")).to_contain_text("Administrator")
"""

from __future__ import annotations

import os
import re
import threading
import warnings
from collections.abc import Callable
from collections.abc import Generator
from collections.abc import Iterable
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from typing import NoReturn
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import BaseWSGIServer
from werkzeug.serving import make_server

from core.database import Database
from core.loader.lifecycle import install
from core.testing import cheap_hashing
from core.testing import make_user
from core.testing.plugin import DatabaseFactory
from core.web.app import create_app

if TYPE_CHECKING:
    from playwright.sync_api import Browser
    from playwright.sync_api import Page

CHROMIUM = Path(os.environ.get("TESSERA_CHROMIUM", "/usr/bin/chromium"))
REQUIRED = os.environ.get("TESSERA_REQUIRE_BROWSER") == "1"
TIMEOUT_MS = 10_000  # a step that takes longer is a failure, not a slow machine
REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


def unavailable(reason: str) -> NoReturn:
    """Skip the test for ``reason``, or fail it when the browser is required."""
    if REQUIRED:
        pytest.fail(f"{reason} (TESSERA_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


def playwright_missing() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return True
    return False


class SkippedModule(pytest.Module):
    """A test module that cannot be imported without playwright: reported as skipped."""

    def collect(self) -> Iterable[pytest.Item]:
        unavailable("the playwright package is missing: pip install -e '.[test]'")


def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    if module_path.name != "conftest.py" and playwright_missing():
        return SkippedModule.from_parent(parent, path=module_path)
    return None


def pytest_itemcollected(item: pytest.Item) -> None:
    """Mark every test of this folder ``e2e``."""
    item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the item, so ``page`` knows whether the test failed."""
    report = yield
    item.stash.setdefault(REPORTS, {})[report.when] = report
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium, shared by the session (each test gets its own context)."""
    if playwright_missing():
        unavailable("the playwright package is missing: pip install -e '.[test]'")
    if not os.access(CHROMIUM, os.X_OK):
        unavailable(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        yield chromium
        chromium.close()


@dataclass
class LiveServer:
    """A Tessera server on a loopback port, and how to log in to it."""

    url: str
    db: Database
    admin_login: str
    admin_password: str

    def make_user(self, login: str, password: str, groups: Iterable[str] = ("base.group_user",)) -> int:
        """A new user of the main company in ``groups`` who logs in with ``password``: its id.

        Its name is the login in title case (``ayse_demir`` → ``Ayse Demir``), as `make_user` makes it.
        """
        with self.db.transaction() as env:
            return int(make_user(env, login, groups=groups, password=password).id)


@pytest.fixture(scope="module")
def live_server(request: pytest.FixtureRequest, tessera_databases: DatabaseFactory) -> Iterator[LiveServer]:
    """The app on a database of its own, with demo data and the admin's password set, in a thread."""
    marker = request.node.get_closest_marker("addons")
    addons = ["base", *(marker.args if marker else ())]
    password = "e2e-admin-password"
    with cheap_hashing():  # for the whole module: logins cost milliseconds
        db = tessera_databases.create("e2e")  # SQLite: a file, so the server's threads share it
        try:
            install(db, addons, demo=True)
            with db.transaction() as env:
                admin = env.ref("base.user_admin")
                admin.set_password(password)
                admin_login = admin.login
            server = make_server("127.0.0.1", 0, create_app(db, secret_key="e2e"), threaded=True)
            with serving(server):
                yield LiveServer(f"http://127.0.0.1:{server.server_port}", db, admin_login, password)
        finally:
            tessera_databases.release(db)


@contextmanager
def serving(server: BaseWSGIServer) -> Iterator[BaseWSGIServer]:
    """Serve ``server`` in a daemon thread for the block, then shut it down and wait for the thread."""
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="e2e-server", daemon=True
    )
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture
def page(browser: Browser, live_server: LiveServer, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a fresh context (no cookies); ``page.goto("/login")`` opens the live server's page."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 800}, locale="en-US"
    )
    context.set_default_timeout(TIMEOUT_MS)
    new_page = context.new_page()
    try:
        yield new_page
    finally:
        report = request.node.stash.get(REPORTS, {}).get("call")
        if report is not None and report.failed:
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            try:
                save_screenshot(new_page, screenshots_folder(request.config) / "failures" / f"{name}.png")
            except Exception as error:  # a crashed page must not hide the test's own failure
                warnings.warn(f"no failure screenshot for {request.node.nodeid}: {error}", stacklevel=1)
        context.close()


def screenshots_folder(config: pytest.Config) -> Path:
    return config.rootpath / "var" / "screenshots"


def save_screenshot(page: Page, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")  # else the sticky top bar is drawn where the view was
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def screenshot(pytestconfig: pytest.Config) -> Callable[[Page, str], Path]:
    """``screenshot(page, name)``: the whole page as ``var/screenshots/<name>.png``; returns the path."""
    folder = screenshots_folder(pytestconfig)
    return lambda page, name: save_screenshot(page, folder / f"{name}.png")


@pytest.fixture
def login() -> Callable[[Page, str, str], None]:
    """``login(page, login, password)``: submit the login form and wait for the next page.

    Uses the form of the page when it is the login page (``/login?next=...``
    after a redirect), else opens ``/login`` first. The next page is wherever the
    server sends the browser: ``next`` or the home page after a success, the
    form with its error after a failure.
    """

    def log_in(page: Page, login: str, password: str) -> None:
        if urlsplit(page.url).path != "/login":
            page.goto("/login")
        page.get_by_label("Login", exact=True).fill(login)
        page.get_by_label("Password", exact=True).fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()

    return log_in
