"""Staff invitations and fresh set-password links: rows with the invitation base's token,
expiry and status, whose link leads to the set-password page."""

import datetime
import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.accounts import staff
from portal.accounts.invitations import InvitationAlreadyAccepted, hash_token
from portal.accounts.models import StaffInvitation, User
from portal.audit.services import Actor

pytestmark = pytest.mark.django_db

CHOSEN_PASSWORD = "my own long chosen passphrase"


def invite_newcomer(owner) -> User:
    return staff.invite_staff(
        Actor(user=owner, label="Olive Owner"),
        email="new.person@reseller.example",
        first_name="New",
        last_name="Person",
        role="support",
    )


def link_path(message) -> str:
    return urlparse(re.search(r"https?://\S+", message.body).group(0)).path


def token_of(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def choose_password(path: str):
    browser = Client()
    form_page = browser.get(path, follow=True)
    return form_page, browser.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"new_password1": CHOSEN_PASSWORD, "new_password2": CHOSEN_PASSWORD},
    )


def test_an_invitation_is_a_pending_row_that_keeps_only_the_token_hash(owner, settings):
    settings.STAFF_INVITATION_DAYS = 2

    member = invite_newcomer(owner)

    invitation = StaffInvitation.objects.get(user=member)
    token = token_of(link_path(mail.outbox[0]))
    assert invitation.status == StaffInvitation.Status.PENDING
    assert invitation.token_hash == hash_token(token)
    assert invitation.invited_by == owner
    assert invitation.sent_count == 1
    lifetime = invitation.expires_at - invitation.created_at
    assert datetime.timedelta(days=2) - lifetime < datetime.timedelta(seconds=5)


def test_choosing_the_password_accepts_the_invitation(owner):
    member = invite_newcomer(owner)
    path = link_path(mail.outbox[0])

    _form_page, saved = choose_password(path)

    assert saved["Location"] == reverse("accounts:login")
    invitation = StaffInvitation.objects.get(user=member)
    assert invitation.status == StaffInvitation.Status.ACCEPTED
    with pytest.raises(InvitationAlreadyAccepted):
        StaffInvitation.for_token(token_of(path))


def test_an_expired_link_no_longer_works(owner):
    member = invite_newcomer(owner)
    StaffInvitation.objects.filter(user=member).update(expires_at=timezone.now())

    form_page, _saved = choose_password(link_path(mail.outbox[0]))

    assert b"no longer works" in form_page.content
    member.refresh_from_db()
    assert not member.has_usable_password()


def test_a_fresh_link_replaces_the_one_sent_before(owner):
    member = invite_newcomer(owner)
    first_path = link_path(mail.outbox[0])

    staff.send_set_password_link(Actor(user=owner, label="Olive Owner"), member)

    invitation = StaffInvitation.objects.get(user=member)
    assert invitation.sent_count == 2
    assert b"no longer works" in Client().get(first_path, follow=True).content
    _form_page, saved = choose_password(link_path(mail.outbox[1]))
    assert saved["Location"] == reverse("accounts:login")


def test_a_link_works_only_for_the_member_it_was_sent_to(owner, admin):
    invite_newcomer(owner)
    token = token_of(link_path(mail.outbox[0]))

    form_page, _saved = choose_password(staff.set_password_path(admin, token))

    assert b"no longer works" in form_page.content
    admin.refresh_from_db()
    assert not admin.check_password(CHOSEN_PASSWORD)


def test_a_member_who_used_a_link_gets_a_new_one_when_the_owner_sends_it(owner, admin):
    actor = Actor(user=owner, label="Olive Owner")
    staff.send_set_password_link(actor, admin)
    choose_password(link_path(mail.outbox[0]))

    staff.send_set_password_link(actor, admin)

    statuses = list(StaffInvitation.objects.filter(user=admin).values_list("status", flat=True))
    assert sorted(statuses) == ["accepted", "pending"]
    assert "new password" in mail.outbox[1].subject
