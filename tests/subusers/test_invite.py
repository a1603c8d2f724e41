import pytest
from django.core import mail
from django.db import connection

from portal.accounts.invitations import hash_token
from portal.audit.models import AuditRecord
from portal.e2.client import get_client
from portal.e2.limits import PERMISSION_READ
from portal.e2.types import StorageAccess
from portal.subusers.errors import SubuserAlreadyExists
from portal.subusers.invitations import invite_subuser
from portal.subusers.models import SubuserInvitation
from portal.subusers.services import create_subuser, disable_subuser, remove_subuser
from tests.subusers.scenario import (
    PASSWORD,
    accept_url_for,
    remote_subuser,
    settings_for,
    token_from,
)

pytestmark = pytest.mark.django_db


def invite_sam(actor, customer, **values):
    return invite_subuser(
        actor,
        customer,
        settings_for("Sam@Client.example", **values),
        accept_url_for=accept_url_for,
        first_name="Sam",
    )


def test_an_invited_person_is_pending_in_e2_and_has_a_portal_invitation(actor, customer):
    invitation = invite_sam(actor, customer, permissions=PERMISSION_READ)

    listed = remote_subuser(customer, "sam@client.example")
    assert listed is not None
    assert listed.signed_up is False
    assert listed.permissions == PERMISSION_READ
    assert invitation.email == "sam@client.example"
    assert invitation.status == SubuserInvitation.Status.PENDING
    assert invitation.invited_by == actor.user
    assert invitation.emailed_at is not None
    assert customer.subusers.get().status == "invited"


def test_the_email_carries_the_brand_and_the_portal_link_only(actor, customer, storage_dn):
    invitation = invite_sam(actor, customer, storage_access=(StorageAccess(storage_dn, ("a1b",)),))

    [message] = mail.outbox
    html = message.alternatives[0][0]
    vendor_url = remote_subuser(customer, "sam@client.example").invite_url
    assert message.to == ["sam@client.example"]
    assert message.from_email == "Northwind Storage <no-reply@northwind.example>"
    assert message.reply_to == ["help@northwind.example"]
    assert "Northwind Storage" in message.subject
    assert "Olive Owner" in message.body
    token = token_from(message)
    assert f"https://storage.northwind.example/team/join/{token}/" in html
    assert "#0a7f5a" in html
    for text in (message.subject, message.body, html):
        assert vendor_url not in text
        assert "idrive" not in text.lower()
        assert storage_dn not in text
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash


def test_the_vendor_link_is_kept_encrypted(actor, customer):
    invitation = invite_sam(actor, customer)

    vendor_url = remote_subuser(customer, "sam@client.example").invite_url
    stored = SubuserInvitation.objects.get(pk=invitation.pk).vendor_invite_url
    assert stored.reveal() == vendor_url
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT vendor_invite_url FROM subusers_subuserinvitation WHERE id = %s",
            [invitation.pk],
        )
        [raw] = cursor.fetchone()
    assert "idrive" not in raw and vendor_url not in raw


def test_inviting_is_audited_with_the_settings_but_no_secret(actor, customer):
    invite_sam(actor, customer, is_admin=True)

    record = AuditRecord.objects.get(action="subuser.invite")
    assert record.outcome == AuditRecord.Outcome.SUCCEEDED
    assert record.target == "sam@client.example"
    assert record.customer == customer
    assert record.details["is_admin"] is True
    assert "invite_url" not in str(record.details)


def test_inviting_a_team_member_again_is_refused_before_e2_is_asked(actor, customer, e2):
    invite_sam(actor, customer)
    e2.clear_request_counts()

    with pytest.raises(SubuserAlreadyExists) as refusal:
        invite_sam(actor, customer)

    assert "Resend the invitation" in refusal.value.human_message
    assert e2.request_counts() == {}


def test_e2_is_never_asked_to_email_anyone(actor, customer):
    payloads = []
    client = get_client()
    send = client.transport.call

    def recording_call(endpoint, payload=None, parse=None):
        payloads.append(dict(payload or {}))
        return send(endpoint, payload, parse)

    client.transport.call = recording_call
    settings = settings_for("kim@client.example")
    invite_subuser(actor, customer, settings, accept_url_for=accept_url_for, client=client)
    create_subuser(actor, customer, settings_for("lee@client.example"), "Lee", "", PASSWORD, client)
    disable_subuser(actor, customer, "lee@client.example", client)
    remove_subuser(actor, customer, "lee@client.example", client)

    assert len(payloads) == 4
    assert not any(payload.get("email_notification") for payload in payloads)
    assert [payload.get("email_notification") for payload in payloads[2:]] == [False, False]
