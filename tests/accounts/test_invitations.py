"""The invitation base that customer, team-member and staff invitations share."""

import datetime

import pytest
from django.utils import timezone

from portal.accounts.invitations import (
    InvitationAlreadyAccepted,
    InvitationCancelled,
    InvitationExpired,
    InvitationNotUsable,
    hash_token,
)
from portal.accounts.models import StaffInvitation
from portal.customers.models import Invitation
from portal.errors import PortalError
from portal.subusers.models import SubuserInvitation
from tests.factories import BrandFactory, CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db


def issued(invitation, **values):
    """The invitation saved with a new token (and `values`), and that plain token."""
    token = invitation.issue_token()
    for name, value in values.items():
        setattr(invitation, name, value)
    invitation.save()
    return invitation, token


def customer_invitation(**values) -> tuple[Invitation, str]:
    invitation = Invitation(brand=BrandFactory(), email="ines@client.example", first_name="Ines")
    return issued(invitation, **values)


def team_invitation(**values) -> tuple[SubuserInvitation, str]:
    invitation = SubuserInvitation(customer=CustomerFactory(), email="sam@client.example")
    return issued(invitation, **values)


def test_a_new_token_is_stored_only_as_its_hash():
    invitation, token = customer_invitation()

    invitation.refresh_from_db()
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert Invitation.for_token(token) == invitation


def test_the_lifetime_comes_from_each_kind_of_invitation_setting(settings):
    settings.CUSTOMER_INVITATION_DAYS, settings.STAFF_INVITATION_DAYS = 10, 2

    customer, _token = customer_invitation()
    staff = StaffInvitation(user=UserFactory())
    staff.issue_token()

    for invitation, days in ((customer, 10), (staff, 2)):
        lifetime = invitation.expires_at - timezone.now()
        assert datetime.timedelta(days=days) - lifetime < datetime.timedelta(seconds=5)


def test_a_new_token_replaces_the_old_link():
    invitation, old_token = customer_invitation()

    new_token = invitation.issue_token()
    invitation.save(update_fields=invitation.TOKEN_FIELDS)

    with pytest.raises(InvitationNotUsable):
        Invitation.for_token(old_token)
    assert Invitation.for_token(new_token) == invitation


def test_an_unknown_link_says_it_is_not_valid():
    with pytest.raises(InvitationNotUsable) as refusal:
        StaffInvitation.for_token("not-a-real-token")

    assert type(refusal.value) is InvitationNotUsable
    assert refusal.value.human_message == (
        "This invitation link is not valid. Ask for a new invitation."
    )


@pytest.mark.parametrize(
    ("values", "refusal", "sentence"),
    [
        (
            {"status": "accepted"},
            InvitationAlreadyAccepted,
            "This invitation has already been used. Sign in with the password you chose.",
        ),
        (
            {"status": "cancelled"},
            InvitationCancelled,
            "This invitation was withdrawn. Ask for a new invitation if you need one.",
        ),
        (
            {"expires_at": timezone.now() - datetime.timedelta(minutes=1)},
            InvitationExpired,
            "This invitation has expired. Ask for a new invitation.",
        ),
    ],
)
def test_a_link_that_no_longer_works_says_why(values, refusal, sentence):
    _invitation, token = customer_invitation(**values)

    with pytest.raises(refusal) as raised:
        Invitation.for_token(token)

    assert raised.value.human_message == sentence
    assert isinstance(raised.value, InvitationNotUsable)
    assert isinstance(raised.value, PortalError)


@pytest.mark.parametrize(
    ("make", "stored_status"),
    [
        # The staff's customer list shows pending invitations with an "expired" badge.
        (customer_invitation, "pending"),
        # The team page lists expired invitations apart from pending ones.
        (team_invitation, "expired"),
    ],
)
def test_an_expired_link_is_refused_and_its_status_kept_as_each_page_lists_it(make, stored_status):
    invitation, token = make(expires_at=timezone.now())

    with pytest.raises(InvitationExpired):
        type(invitation).for_token(token)

    invitation.refresh_from_db()
    assert invitation.status == stored_status
    assert invitation.is_expired


def test_a_new_token_reopens_an_expired_invitation():
    invitation, _old_token = team_invitation(status=SubuserInvitation.Status.EXPIRED)

    token = invitation.issue_token()
    invitation.save(update_fields=invitation.TOKEN_FIELDS)

    assert SubuserInvitation.for_token(token) == invitation
    assert not invitation.is_expired


def test_a_lookup_reads_only_the_queryset_given():
    invitation, token = customer_invitation()

    with pytest.raises(InvitationNotUsable):
        Invitation.for_token(token, Invitation.objects.exclude(pk=invitation.pk))
