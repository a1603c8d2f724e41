import pytest

from portal.audit.models import AuditRecord
from portal.e2.client import get_client
from portal.e2.errors import MaximumLimitReached
from portal.e2.limits import SUBUSER_LIMIT
from portal.subusers.errors import SubuserLimitReached
from portal.subusers.invitations import invite_subuser
from portal.subusers.services import create_subuser, list_subusers, subuser_capacity
from tests.subusers.scenario import PASSWORD, accept_url_for, settings_for

pytestmark = pytest.mark.django_db


def fill_e2_with_subusers(customer, count):
    with get_client() as client:
        for number in range(count):
            client.invite_subuser(customer.email, settings_for(f"member{number}@client.example"))


def test_capacity_counts_signed_up_and_invited_members(actor, customer):
    create_subuser(actor, customer, settings_for("lee@client.example"), "Lee", "", PASSWORD)
    invite_subuser(
        actor, customer, settings_for("sam@client.example"), accept_url_for=accept_url_for
    )

    assert subuser_capacity(customer) == (2, SUBUSER_LIMIT)


def test_the_limit_is_refused_before_e2_is_asked(actor, customer, e2):
    fill_e2_with_subusers(customer, SUBUSER_LIMIT)
    list_subusers(customer)
    assert subuser_capacity(customer) == (SUBUSER_LIMIT, SUBUSER_LIMIT)
    e2.clear_request_counts()

    with pytest.raises(SubuserLimitReached) as refusal:
        invite_subuser(
            actor, customer, settings_for("one-more@client.example"), accept_url_for=accept_url_for
        )
    with pytest.raises(SubuserLimitReached):
        create_subuser(actor, customer, settings_for("one-more@client.example"), "A", "", PASSWORD)

    assert "already has 25 team members" in refusal.value.human_message
    assert e2.request_counts() == {}
    assert not AuditRecord.objects.exists()


def test_e2s_own_limit_is_reported_when_the_mirror_is_behind(actor, customer):
    fill_e2_with_subusers(customer, SUBUSER_LIMIT)

    with pytest.raises(MaximumLimitReached) as refusal:
        invite_subuser(
            actor, customer, settings_for("one-more@client.example"), accept_url_for=accept_url_for
        )

    assert refusal.value.human_message == (
        "You have reached the maximum number of team members for this account."
    )
    assert AuditRecord.objects.get(action="subuser.invite").outcome == "failed"
    assert not customer.subuser_invitations.exists()
