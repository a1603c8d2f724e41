import pytest

from portal.e2.client import E2Client

from .scripted_server import ScriptedServer

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture
def server():
    """A scripted HTTP server on 127.0.0.1, stopped after the test."""
    scripted = ScriptedServer().start()
    yield scripted
    scripted.stop()


@pytest.fixture
def make_client(server):
    """Builds clients for the scripted server with short timeouts and no backoff wait."""
    clients = []

    def build(**options):
        settings = {
            "connect_timeout": 1.0,
            "read_timeout": 2.0,
            "deadline": 5.0,
            "max_attempts": 3,
            "backoff_base": 0.0,
            "backoff_cap": 0.0,
            **options,
        }
        client = E2Client(server.url, TOKEN, **settings)
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.close()


@pytest.fixture
def client(make_client):
    return make_client()


@pytest.fixture
def sandbox_client(sandbox):
    """A client for a fresh, empty sandbox, with timeouts short enough for tests."""
    client = E2Client(
        sandbox.url,
        sandbox.token,
        connect_timeout=2.0,
        read_timeout=5.0,
        deadline=10.0,
        max_attempts=3,
        backoff_base=0.01,
        backoff_cap=0.05,
    )
    yield client
    client.close()
