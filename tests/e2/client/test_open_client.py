"""open_client, the one way the portal gets an e2 client, and the saved token it reads once.

The sandbox accepts only its own token, so whether a call answers shows which token was sent.
A queryset ``update`` sends no model signal: to this process it looks like a save made by
another process (a second web worker, a Celery worker).
"""

import pytest

from portal.e2 import credentials
from portal.e2.client import E2Client, get_client, open_client
from portal.e2.errors import E2Unauthorized
from portal.e2.models import ApiCredential
from portal.e2.types import Secret

pytestmark = pytest.mark.django_db

REVOKED_TOKEN = "revoked-token-5c1e"


@pytest.fixture
def environment_token_is_wrong(e2, settings):
    """Only a token saved in the portal can work."""
    settings.E2_API_TOKEN = "not-the-sandbox-token"
    return e2


def call_e2():
    with open_client() as client:
        client.list_regions()


def save_token(token: str) -> ApiCredential:
    credential = ApiCredential.objects.first() or ApiCredential()
    credential.token = Secret(token)
    credential.save()
    return credential


def save_token_in_another_process(token: str) -> None:
    ApiCredential.objects.update(token=Secret(token))


def test_the_saved_token_is_read_once_for_several_clients(
    environment_token_is_wrong, django_assert_num_queries
):
    save_token(environment_token_is_wrong.token)

    with django_assert_num_queries(1):
        for _ in range(3):
            call_e2()


def test_having_no_saved_token_is_remembered_too(e2, django_assert_num_queries):
    with django_assert_num_queries(1):
        call_e2()
        call_e2()


def test_a_token_saved_in_this_process_is_used_by_the_next_client(
    environment_token_is_wrong, django_assert_num_queries
):
    save_token(environment_token_is_wrong.token)
    call_e2()

    save_token(REVOKED_TOKEN)

    with django_assert_num_queries(1), pytest.raises(E2Unauthorized):
        call_e2()


def test_a_deleted_token_gives_way_to_the_environments(e2, django_assert_num_queries):
    credential = save_token(REVOKED_TOKEN)
    with pytest.raises(E2Unauthorized):
        call_e2()
    credential.delete()

    with django_assert_num_queries(1):
        call_e2()


def test_a_token_saved_by_another_process_is_read_once_the_copy_is_old(
    environment_token_is_wrong, django_assert_num_queries, monkeypatch
):
    save_token(environment_token_is_wrong.token)
    call_e2()
    save_token_in_another_process(REVOKED_TOKEN)

    with django_assert_num_queries(0):
        call_e2()  # the copy is fresh: still the old token

    later = credentials.monotonic() + credentials.SAVED_TOKEN_MAX_AGE + 1
    monkeypatch.setattr(credentials, "monotonic", lambda: later)
    with django_assert_num_queries(1), pytest.raises(E2Unauthorized):
        call_e2()


def test_a_token_the_api_rejects_is_read_again_at_once(
    environment_token_is_wrong, django_assert_num_queries
):
    save_token(REVOKED_TOKEN)
    credentials.saved_token()
    save_token_in_another_process(environment_token_is_wrong.token)

    with django_assert_num_queries(0), pytest.raises(E2Unauthorized):
        call_e2()
    with django_assert_num_queries(1):
        call_e2()


def test_a_given_client_is_used_as_it_is_and_left_open(e2, monkeypatch):
    closed = []
    monkeypatch.setattr(E2Client, "close", lambda client: closed.append(client))
    given = get_client()

    with open_client(given, max_attempts=1) as client:
        assert client is given
    assert closed == []

    with open_client(max_attempts=1) as own:
        assert own is not given
        assert own.transport.max_attempts == 1
    assert closed == [own]
