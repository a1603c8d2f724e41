import pytest

from portal.audit.models import AuditRecord
from portal.e2.errors import E2InvalidParameters
from portal.e2.limits import PERMISSION_READ
from portal.subusers.services import create_subuser, subuser_capacity
from tests.subusers.scenario import PASSWORD, remote_subuser, settings_for

pytestmark = pytest.mark.django_db


def test_creating_a_team_member_signs_them_up_at_once(actor, customer):
    subuser = create_subuser(
        actor,
        customer,
        settings_for("Lee@Client.example", permissions=PERMISSION_READ, idle_timeout=900),
        "Lee",
        "Park",
        PASSWORD,
    )

    listed = remote_subuser(customer, "lee@client.example")
    assert (listed.signed_up, listed.first_name, listed.last_name) == (True, "Lee", "Park")
    assert (listed.permissions, listed.idle_timeout) == (PERMISSION_READ, 900)
    assert listed.disable_delete_object is False
    assert (subuser.email, subuser.status, subuser.name) == (
        "lee@client.example",
        "active",
        "Lee Park",
    )
    assert subuser_capacity(customer) == (1, 25)


def test_creating_is_audited_without_the_password(actor, customer):
    create_subuser(actor, customer, settings_for("lee@client.example"), "Lee", "", PASSWORD)

    record = AuditRecord.objects.get(action="subuser.create")
    assert record.outcome == AuditRecord.Outcome.SUCCEEDED
    assert record.details["first_name"] == "Lee"
    assert PASSWORD not in str(record.details)


def test_a_refused_create_is_audited_and_mirrors_nothing(actor, customer):
    with pytest.raises(E2InvalidParameters):
        create_subuser(actor, customer, settings_for("lee@client.example"), "Lee", "", "x" * 80)

    assert AuditRecord.objects.get(action="subuser.create").outcome == AuditRecord.Outcome.FAILED
    assert not customer.subusers.exists()
