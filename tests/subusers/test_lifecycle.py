import pytest

from portal.audit.models import AuditRecord
from portal.e2.client import get_client
from portal.e2.errors import UserAccountAlreadyDisabled, UserAccountNotDisabled
from portal.subusers.errors import SubuserNotDisabled
from portal.subusers.services import (
    create_subuser,
    disable_subuser,
    enable_subuser,
    list_subusers,
    remove_subuser,
)
from tests.subusers.scenario import PASSWORD, remote_subuser, settings_for

pytestmark = pytest.mark.django_db

LEE = "lee@client.example"


@pytest.fixture
def lee(actor, customer):
    return create_subuser(actor, customer, settings_for(LEE), "Lee", "Park", PASSWORD)


def outcomes(action):
    return list(AuditRecord.objects.filter(action=action).values_list("outcome", flat=True))


def test_a_team_member_can_be_disabled_and_enabled_again(actor, customer, lee):
    disable_subuser(actor, customer, LEE)

    assert remote_subuser(customer, LEE).is_active is False
    lee.refresh_from_db()
    assert lee.status == "disabled"

    enable_subuser(actor, customer, LEE)

    assert remote_subuser(customer, LEE).is_active is True
    lee.refresh_from_db()
    assert lee.status == "active"
    assert outcomes("subuser.disable") == [AuditRecord.Outcome.SUCCEEDED]
    assert outcomes("subuser.enable") == [AuditRecord.Outcome.SUCCEEDED]


def test_removing_an_enabled_team_member_is_refused_before_e2_is_asked(actor, customer, lee, e2):
    e2.clear_request_counts()

    with pytest.raises(SubuserNotDisabled) as refusal:
        remove_subuser(actor, customer, LEE)

    assert refusal.value.human_message == "Disable this team member before you delete them."
    assert e2.request_counts() == {}
    assert remote_subuser(customer, LEE) is not None


def test_e2s_refusal_to_remove_an_enabled_member_reads_well(actor, customer, lee):
    lee.is_active = None  # the mirror does not know
    lee.save()

    with pytest.raises(UserAccountNotDisabled) as refusal:
        remove_subuser(actor, customer, LEE)

    assert refusal.value.human_message == "Disable the account before you delete it."
    assert outcomes("subuser.remove") == [AuditRecord.Outcome.FAILED]


def test_a_disabled_team_member_can_be_removed(actor, customer, lee):
    disable_subuser(actor, customer, LEE)

    remove_subuser(actor, customer, LEE)

    assert remote_subuser(customer, LEE) is None
    assert not customer.subusers.exists()
    assert outcomes("subuser.remove") == [AuditRecord.Outcome.SUCCEEDED]


def test_a_stale_mirror_is_corrected_when_e2_says_already_disabled(actor, customer, lee):
    disable_subuser(actor, customer, LEE)
    lee.refresh_from_db()
    lee.is_active = True
    lee.save()

    with pytest.raises(UserAccountAlreadyDisabled):
        disable_subuser(actor, customer, LEE)

    lee.refresh_from_db()
    assert lee.is_active is False


def test_listing_refreshes_the_mirror_from_e2(actor, customer, lee):
    with get_client() as client:
        client.invite_subuser(customer.email, settings_for("kim@client.example"))
    customer.subusers.create(email="gone@client.example", synced_at=lee.synced_at)

    listed = list_subusers(customer)

    assert sorted(subuser.email for subuser in listed) == ["kim@client.example", LEE]
    mirrored = {subuser.email: subuser.status for subuser in customer.subusers.all()}
    assert mirrored == {"kim@client.example": "invited", LEE: "active"}
