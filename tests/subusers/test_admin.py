import datetime

import pytest
from django.utils import timezone

from portal.subusers.models import SubuserInvitation
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

VENDOR_URL = "https://app.vendor.example/signup?invite=secret-invite-code"


@pytest.fixture
def invitation():
    return SubuserInvitation.objects.create(
        customer=CustomerFactory(),
        email="sam@client.example",
        token_hash="0" * 64,
        expires_at=timezone.now() + datetime.timedelta(days=7),
        vendor_invite_url=VENDOR_URL,
    )


def test_ops_staff_see_an_invitation_but_never_its_vendor_link(admin_client, invitation):
    listing = admin_client.get("/admin/subusers/subuserinvitation/")
    page = admin_client.get(f"/admin/subusers/subuserinvitation/{invitation.pk}/change/")

    assert listing.status_code == page.status_code == 200
    assert "sam@client.example" in listing.text
    content = page.text
    assert "secret-invite-code" not in content
    assert "0" * 64 not in content
    assert ">set<" in content


def test_the_admin_cannot_add_invitations(admin_client):
    assert admin_client.get("/admin/subusers/subuserinvitation/add/").status_code == 403
