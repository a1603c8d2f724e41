"""The tokens of emailed links (password resets, customer, team and staff invitations) never
reach a log line, although every request and every 404 is logged with its path."""

import io
import logging
import re
import secrets

import pytest
from django.core import mail
from django.test import Client

from portal.observability import TOKEN_PATH_PREFIXES
from tests.console.conftest import HOST_A
from tests.fixtures.consoles import customer  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_output():
    """What the portal's configured log handler writes, formatted and filtered as in
    production."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def follow(path, host="127.0.0.1"):
    browser = Client(HTTP_HOST=host)
    browser.get(path)
    browser.get(f"{path}?next=/console/&token={secrets.token_urlsafe(8)}")


@pytest.mark.parametrize("prefix", TOKEN_PATH_PREFIXES)
def test_no_link_token_is_logged(log_output, prefix, customer):  # noqa: F811
    token = secrets.token_urlsafe(32)
    path = (
        f"{prefix}MQ/{token}/" if "reset" in prefix or "password" in prefix else f"{prefix}{token}/"
    )

    follow(path, HOST_A if prefix.startswith("/console/") else "127.0.0.1")

    written = log_output.getvalue()
    assert "[redacted]" in written
    assert token not in written


def test_a_real_password_reset_link_leaves_no_token_in_the_log(log_output, customer):  # noqa: F811
    Client(HTTP_HOST=HOST_A).post("/console/reset/", {"email": customer.email})
    path = re.search(r"https?://[^/]+(/console/reset/\S+/)", mail.outbox[-1].body).group(1)
    token = path.rstrip("/").rsplit("/", 1)[1]

    follow(path, HOST_A)

    assert token not in log_output.getvalue()
