import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# beside one unless told that this thread is still synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.fixtures.services", "tests.fixtures.sandbox"]


@pytest.fixture(autouse=True)
def _no_saved_token_from_another_test():
    """A test's saved API token is rolled back with its transaction, which sends no signal."""
    from portal.e2.credentials import forget_saved_token

    forget_saved_token()


@pytest.fixture
def e2(settings, sandbox):
    """Points the portal at a fresh, empty, running e2 sandbox and returns its handle."""
    settings.E2_API_URL = sandbox.url
    settings.E2_API_TOKEN = sandbox.token
    return sandbox


@pytest.fixture
def unused_tcp_port():
    """A local port on which nothing listens."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session", autouse=True)
def _plain_http_for_live_servers():
    """The shared live server builds its middleware once, before any per-test setting applies:
    on the production stack it would redirect the browser to HTTPS that nobody serves."""
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture(autouse=True)
def _test_server_settings(settings):
    """Tests speak plain HTTP, also on the production stack, and build no static manifest."""
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # pytest-django's live server answers on "localhost".
    settings.PORTAL_HOSTS = [*settings.PORTAL_HOSTS, "localhost"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
