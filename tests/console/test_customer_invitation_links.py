"""A customer invitation link that no longer works says why, with the invitation base's
sentences, on the brand's own domain."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from portal.audit.services import Actor
from portal.customers.invitations import cancel_invitation, invite_customer
from portal.customers.models import Invitation
from tests.console.conftest import HOST_A

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation_path(brand_a):
    invite_customer(
        Actor.system("test"), brand=brand_a, email="ines@client.example", first_name="Ines"
    )
    return re.search(r"(/console/invitation/\S+/)", mail.outbox[-1].body).group(1)


def test_an_expired_link_says_it_has_expired_and_stays_open_for_a_resend(invitation_path):
    Invitation.objects.update(expires_at=timezone.now())

    response = Client(HTTP_HOST=HOST_A).get(invitation_path)

    assert response.status_code == 410
    assert "This invitation has expired. Ask for a new invitation." in response.content.decode()
    assert Invitation.objects.get().status == Invitation.Status.PENDING


def test_a_withdrawn_link_says_it_was_withdrawn(invitation_path):
    cancel_invitation(Actor.system("test"), Invitation.objects.get())

    response = Client(HTTP_HOST=HOST_A).get(invitation_path)

    assert response.status_code == 410
    assert "This invitation was withdrawn." in response.content.decode()
