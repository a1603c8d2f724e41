import datetime

import pytest
from django.core import mail
from django.utils import timezone

from portal.accounts.invitations import InvitationCancelled, InvitationNotUsable
from portal.audit.models import AuditRecord
from portal.e2.errors import AccountNonExistant
from portal.subusers.invitations import (
    accept_subuser_invitation,
    cancel_subuser_invite,
    invite_subuser,
    resend_subuser_invitation,
)
from portal.subusers.models import SubuserInvitation
from portal.subusers.services import subuser_capacity
from tests.subusers.scenario import (
    PASSWORD,
    accept_url_for,
    remote_subuser,
    settings_for,
    token_from,
)

pytestmark = pytest.mark.django_db

SAM = "sam@client.example"


@pytest.fixture
def invitation(actor, customer):
    return invite_subuser(actor, customer, settings_for(SAM), accept_url_for=accept_url_for)


def test_cancelling_withdraws_both_invitations(actor, customer, invitation):
    token = token_from(mail.outbox[0])

    cancel_subuser_invite(actor, customer, SAM)

    assert remote_subuser(customer, SAM) is None
    invitation.refresh_from_db()
    assert invitation.status == SubuserInvitation.Status.CANCELLED
    assert invitation.vendor_invite_url is None
    assert subuser_capacity(customer) == (0, 25)
    with pytest.raises(InvitationCancelled):
        accept_subuser_invitation(token, PASSWORD, "Sam")
    record = AuditRecord.objects.get(action="subuser.cancel_invite")
    assert record.outcome == AuditRecord.Outcome.SUCCEEDED


def test_cancelling_an_invitation_nobody_has_is_refused_by_e2(actor, customer):
    with pytest.raises(AccountNonExistant) as refusal:
        cancel_subuser_invite(actor, customer, "nobody@client.example")

    assert refusal.value.human_message == "We could not find an account with this email address."
    record = AuditRecord.objects.get(action="subuser.cancel_invite")
    assert record.outcome == AuditRecord.Outcome.FAILED


def test_resending_sends_a_new_link_and_the_old_one_stops_working(actor, customer, invitation):
    old_token = token_from(mail.outbox[0])
    first_expiry = invitation.expires_at

    resend_subuser_invitation(actor, customer, SAM, accept_url_for=accept_url_for)

    assert len(mail.outbox) == 2
    new_token = token_from(mail.outbox[1])
    assert new_token != old_token
    invitation.refresh_from_db()
    assert invitation.expires_at > first_expiry
    assert invitation.sent_count == 2
    with pytest.raises(InvitationNotUsable):
        accept_subuser_invitation(old_token, PASSWORD, "Sam")
    accept_subuser_invitation(new_token, PASSWORD, "Sam")
    assert remote_subuser(customer, SAM).signed_up is True
    assert AuditRecord.objects.get(action="subuser.resend_invite").outcome == "succeeded"


def test_an_expired_invitation_can_be_resent(actor, customer, invitation):
    invitation.status = SubuserInvitation.Status.EXPIRED
    invitation.expires_at = timezone.now() - datetime.timedelta(days=1)
    invitation.save()

    resend_subuser_invitation(actor, customer, SAM, accept_url_for=accept_url_for)

    invitation.refresh_from_db()
    assert invitation.status == SubuserInvitation.Status.PENDING
    assert invitation.expires_at > timezone.now()
    accept_subuser_invitation(token_from(mail.outbox[-1]), PASSWORD, "Sam")
    assert remote_subuser(customer, SAM).signed_up is True


def test_an_accepted_invitation_cannot_be_resent(actor, customer, invitation):
    accept_subuser_invitation(token_from(mail.outbox[0]), PASSWORD, "Sam")

    with pytest.raises(InvitationNotUsable):
        resend_subuser_invitation(actor, customer, SAM, accept_url_for=accept_url_for)
    assert len(mail.outbox) == 1


def test_a_mail_server_failure_leaves_the_invitation_to_be_resent(actor, customer, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("portal.subusers.invitations.send_branded_email", refuse)

    invitation = invite_subuser(actor, customer, settings_for(SAM), accept_url_for=accept_url_for)

    assert invitation.emailed_at is None
    assert invitation.status == SubuserInvitation.Status.PENDING
    monkeypatch.undo()
    resend_subuser_invitation(actor, customer, SAM, accept_url_for=accept_url_for)
    invitation.refresh_from_db()
    assert invitation.emailed_at is not None
