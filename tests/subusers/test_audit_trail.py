import pytest
from django.core import mail

from portal.audit.models import AuditRecord
from portal.subusers.invitations import (
    accept_subuser_invitation,
    cancel_subuser_invite,
    invite_subuser,
    resend_subuser_invitation,
)
from portal.subusers.services import (
    create_subuser,
    disable_subuser,
    enable_subuser,
    remove_subuser,
    update_subuser,
)
from tests.subusers.scenario import PASSWORD, accept_url_for, settings_for, token_from

pytestmark = pytest.mark.django_db


def test_every_change_leaves_a_finished_audit_record(actor, customer):
    invite_subuser(
        actor, customer, settings_for("sam@client.example"), accept_url_for=accept_url_for
    )
    resend_subuser_invitation(actor, customer, "sam@client.example", accept_url_for=accept_url_for)
    accept_subuser_invitation(token_from(mail.outbox[-1]), PASSWORD, "Sam")
    invite_subuser(
        actor, customer, settings_for("kim@client.example"), accept_url_for=accept_url_for
    )
    cancel_subuser_invite(actor, customer, "kim@client.example")
    create_subuser(actor, customer, settings_for("lee@client.example"), "Lee", "", PASSWORD)
    update_subuser(actor, customer, "lee@client.example", is_admin=True)
    disable_subuser(actor, customer, "lee@client.example")
    enable_subuser(actor, customer, "lee@client.example")
    disable_subuser(actor, customer, "lee@client.example")
    remove_subuser(actor, customer, "lee@client.example")

    records = AuditRecord.objects.order_by("id")
    assert [record.action for record in records] == [
        "subuser.invite",
        "subuser.resend_invite",
        "subuser.accept_invite",
        "subuser.invite",
        "subuser.cancel_invite",
        "subuser.create",
        "subuser.update",
        "subuser.disable",
        "subuser.enable",
        "subuser.disable",
        "subuser.remove",
    ]
    assert {record.outcome for record in records} == {AuditRecord.Outcome.SUCCEEDED}
    assert all(record.customer == customer and record.finished_at for record in records)
    assert all(
        record.actor == actor.user for record in records if record.action != "subuser.accept_invite"
    )
