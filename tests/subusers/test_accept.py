import datetime

import pytest
from django.core import mail
from django.utils import timezone

from portal.accounts.invitations import (
    InvitationAlreadyAccepted,
    InvitationCancelled,
    InvitationExpired,
    InvitationNotUsable,
)
from portal.audit.models import AuditRecord
from portal.e2.errors import E2ServerError
from portal.e2.limits import PERMISSION_WRITE
from portal.e2.types import StorageAccess
from portal.subusers.invitations import (
    accept_subuser_invitation,
    cancel_subuser_invite,
    invite_subuser,
)
from portal.subusers.models import SubuserInvitation
from tests.subusers.scenario import (
    PASSWORD,
    accept_url_for,
    remote_subuser,
    settings_for,
    token_from,
)

pytestmark = pytest.mark.django_db

CANCEL_PATH = "/api/subusers/v1/invite/cancel"
CREATE_PATH = "/api/subusers/v1/create_account"


def invite_and_read_token(actor, customer, **values):
    invitation = invite_subuser(
        actor, customer, settings_for("sam@client.example", **values), accept_url_for=accept_url_for
    )
    return invitation, token_from(mail.outbox[-1])


def test_accepting_signs_the_person_up_in_e2_with_the_invited_settings(actor, customer, storage_dn):
    invitation, token = invite_and_read_token(
        actor,
        customer,
        permissions=PERMISSION_WRITE,
        disable_delete_object=True,
        idle_timeout=600,
        concurrent_sessions=False,
        allow_session_timeout_settings=True,
        allow_concurrent_session_settings=True,
        storage_access=(StorageAccess(storage_dn, ("reports", "invoices")),),
    )

    accept_subuser_invitation(token, PASSWORD, "Sam", "Jones")

    listed = remote_subuser(customer, "sam@client.example")
    assert (listed.signed_up, listed.first_name, listed.last_name) == (True, "Sam", "Jones")
    assert listed.permissions == PERMISSION_WRITE
    assert listed.disable_delete_object is True
    assert listed.idle_timeout == 600
    assert listed.concurrent_sessions is False
    assert listed.allow_session_timeout_settings is True
    assert listed.allow_concurrent_session_settings is True
    assert listed.storage_access == (StorageAccess(storage_dn, ("reports", "invoices")),)
    assert listed.invite_url is None
    invitation.refresh_from_db()
    assert invitation.status == SubuserInvitation.Status.ACCEPTED
    assert invitation.vendor_invite_url is None
    assert customer.subusers.get().status == "active"
    record = AuditRecord.objects.get(action="subuser.accept_invite")
    assert record.outcome == AuditRecord.Outcome.SUCCEEDED
    assert record.actor_label == "sam@client.example"


def test_an_accepted_invitation_cannot_be_used_again(actor, customer, e2):
    _invitation, token = invite_and_read_token(actor, customer)
    accept_subuser_invitation(token, PASSWORD, "Sam")
    e2.clear_request_counts()

    with pytest.raises(InvitationAlreadyAccepted) as refusal:
        accept_subuser_invitation(token, PASSWORD, "Sam")

    assert refusal.value.human_message.startswith("This invitation has already been used.")
    assert e2.request_counts() == {}


def test_an_expired_invitation_is_refused_without_asking_e2(actor, customer, e2):
    invitation, token = invite_and_read_token(actor, customer)
    invitation.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    invitation.save()
    e2.clear_request_counts()

    with pytest.raises(InvitationExpired) as refusal:
        accept_subuser_invitation(token, PASSWORD, "Sam")

    assert refusal.value.human_message == "This invitation has expired. Ask for a new invitation."
    assert e2.request_counts() == {}
    invitation.refresh_from_db()
    assert invitation.status == SubuserInvitation.Status.EXPIRED
    assert remote_subuser(customer, "sam@client.example").signed_up is False


def test_the_invitation_lasts_as_many_days_as_configured(actor, customer, settings):
    settings.SUBUSER_INVITATION_DAYS = 2
    invitation, _token = invite_and_read_token(actor, customer)

    lifetime = invitation.expires_at - invitation.created_at
    assert datetime.timedelta(days=2) - lifetime < datetime.timedelta(seconds=5)


def test_an_unknown_link_is_refused(customer):
    with pytest.raises(InvitationNotUsable) as refusal:
        accept_subuser_invitation("not-a-real-token", PASSWORD, "Sam")

    assert refusal.value.human_message == (
        "This invitation link is not valid. Ask for a new invitation."
    )


def test_a_cancelled_invitation_is_refused(actor, customer):
    _invitation, token = invite_and_read_token(actor, customer)
    cancel_subuser_invite(actor, customer, "sam@client.example")

    with pytest.raises(InvitationCancelled):
        accept_subuser_invitation(token, PASSWORD, "Sam")


def test_accepting_again_after_the_create_failed_completes_the_sign_up(actor, customer, e2):
    invitation, token = invite_and_read_token(actor, customer)
    e2.fault(CREATE_PATH, status=500)

    with pytest.raises(E2ServerError):
        accept_subuser_invitation(token, PASSWORD, "Sam")

    invitation.refresh_from_db()
    assert invitation.status == SubuserInvitation.Status.PENDING
    assert invitation.vendor_invite_cancelled_at is not None
    failed = AuditRecord.objects.get(action="subuser.accept_invite")
    assert failed.outcome == AuditRecord.Outcome.UNKNOWN
    assert remote_subuser(customer, "sam@client.example") is None

    accept_subuser_invitation(token, PASSWORD, "Sam")

    assert remote_subuser(customer, "sam@client.example").signed_up is True
    assert e2.request_counts()[CANCEL_PATH] == 1
    invitation.refresh_from_db()
    assert invitation.status == SubuserInvitation.Status.ACCEPTED


def test_a_lost_answer_to_the_cancel_does_not_block_the_retry(actor, customer, e2):
    _invitation, token = invite_and_read_token(actor, customer)
    e2.fault(CANCEL_PATH, status=500, after=True)

    with pytest.raises(E2ServerError):
        accept_subuser_invitation(token, PASSWORD, "Sam")
    assert remote_subuser(customer, "sam@client.example") is None

    accept_subuser_invitation(token, PASSWORD, "Sam")

    assert remote_subuser(customer, "sam@client.example").signed_up is True
