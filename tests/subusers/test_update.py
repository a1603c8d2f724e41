import pytest
from django.core import mail

from portal.audit.models import AuditRecord
from portal.e2.errors import E2ServerError
from portal.e2.limits import PERMISSION_READ, PERMISSION_WRITE
from portal.e2.types import StorageAccess
from portal.subusers.errors import InvalidSubuserChange
from portal.subusers.invitations import accept_subuser_invitation, invite_subuser
from portal.subusers.services import create_subuser, update_subuser
from tests.subusers.scenario import (
    PASSWORD,
    accept_url_for,
    remote_subuser,
    settings_for,
    token_from,
)

pytestmark = pytest.mark.django_db

UPDATE_PATH = "/api/subusers/v1/update"


@pytest.fixture
def lee(actor, customer):
    return create_subuser(
        actor,
        customer,
        settings_for(
            "lee@client.example",
            idle_timeout=300,
            concurrent_sessions=True,
            allow_session_timeout_settings=False,
            allow_concurrent_session_settings=False,
        ),
        "Lee",
        "Park",
        PASSWORD,
    )


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("permissions", PERMISSION_READ),
        ("permissions", PERMISSION_WRITE),
        ("is_admin", True),
        ("disable_delete_object", True),
        ("idle_timeout", 1),
        ("idle_timeout", 3600),
        ("concurrent_sessions", False),
        ("allow_session_timeout_settings", True),
        ("allow_concurrent_session_settings", True),
    ],
)
def test_each_setting_round_trips_through_e2(actor, customer, lee, setting, value):
    mirrored = update_subuser(actor, customer, "lee@client.example", **{setting: value})

    assert getattr(remote_subuser(customer, "lee@client.example"), setting) == value
    assert getattr(mirrored, setting) == value
    record = AuditRecord.objects.get(action="subuser.update")
    assert record.outcome == AuditRecord.Outcome.SUCCEEDED
    assert record.details[setting] == value


def test_bucket_access_round_trips_and_can_be_opened_again(actor, customer, lee, storage_dn):
    limited = [StorageAccess(storage_dn, ("reports",))]

    mirrored = update_subuser(actor, customer, "lee@client.example", storage_access=limited)

    assert remote_subuser(customer, "lee@client.example").storage_access == tuple(limited)
    assert mirrored.storage_access == [{"storage_dn": storage_dn, "buckets": ["reports"]}]

    mirrored = update_subuser(actor, customer, "lee@client.example", storage_access=[])

    assert remote_subuser(customer, "lee@client.example").storage_access == ()
    assert mirrored.storage_access == []


def test_sessions_can_be_expired(actor, customer, lee, e2):
    update_subuser(actor, customer, "lee@client.example", expire_subuser_sessions=True)

    account = e2.state()["users"]["olive@client.example"]
    assert account["subusers"]["lee@client.example"].get("sessions_expired_at")


def test_invalid_changes_are_refused_before_e2_is_asked(actor, customer, lee, e2):
    e2.clear_request_counts()

    with pytest.raises(InvalidSubuserChange) as refusal:
        update_subuser(actor, customer, "lee@client.example", idle_timeout=3601)
    with pytest.raises(InvalidSubuserChange):
        update_subuser(actor, customer, "lee@client.example", permissions=3)
    with pytest.raises(InvalidSubuserChange):
        update_subuser(actor, customer, "lee@client.example")

    assert "inactivity timeout" in refusal.value.human_message
    assert e2.request_counts() == {}


def test_a_server_error_leaves_an_audit_record_and_nothing_changed(actor, customer, lee, e2):
    e2.fault(UPDATE_PATH, status=500, times=5)

    with pytest.raises(E2ServerError) as failure:
        update_subuser(actor, customer, "lee@client.example", idle_timeout=60, is_admin=True)

    record = AuditRecord.objects.get(action="subuser.update")
    assert record.outcome in (AuditRecord.Outcome.FAILED, AuditRecord.Outcome.UNKNOWN)
    assert record.error_message == failure.value.human_message
    lee.refresh_from_db()
    assert (lee.idle_timeout, lee.is_admin) == (300, False)
    assert remote_subuser(customer, "lee@client.example").idle_timeout == 300


def test_changes_to_an_invited_person_hold_when_they_accept(actor, customer):
    invite_subuser(
        actor, customer, settings_for("sam@client.example"), accept_url_for=accept_url_for
    )

    update_subuser(actor, customer, "sam@client.example", permissions=PERMISSION_READ)
    accept_subuser_invitation(token_from(mail.outbox[0]), PASSWORD, "Sam")

    assert remote_subuser(customer, "sam@client.example").permissions == PERMISSION_READ
