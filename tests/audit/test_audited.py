import pytest

from portal.audit.models import AuditRecord
from portal.audit.services import Actor, audited
from portal.e2.errors import E2Timeout, UserAccountNotDisabled
from tests.factories import CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_successful_operation_is_recorded_with_who_what_when_and_outcome():
    staff = UserFactory(email="admin@reseller.example")
    customer = CustomerFactory(email="c@client.example")
    with audited(
        "customer.disable",
        actor=Actor(staff, staff.email, "10.0.0.1"),
        target=customer.email,
        customer=customer,
    ):
        assert AuditRecord.objects.get().outcome == AuditRecord.Outcome.PENDING
    record = AuditRecord.objects.get()
    assert record.outcome == AuditRecord.Outcome.SUCCEEDED
    assert (record.actor, record.actor_label, record.action) == (
        staff,
        "admin@reseller.example",
        "customer.disable",
    )
    assert record.customer_email == "c@client.example"
    assert record.ip_address == "10.0.0.1"
    assert record.finished_at >= record.started_at


def test_a_refused_operation_records_the_code_and_the_readable_sentence():
    with pytest.raises(Exception), audited("customer.remove", actor=Actor.system(), target="x"):
        raise UserAccountNotDisabled(
            "User account not disabled", code="user_account_not_disabled", status=403
        )
    record = AuditRecord.objects.get()
    assert record.outcome == AuditRecord.Outcome.FAILED
    assert record.error_code == "user_account_not_disabled"
    assert record.error_message == "Disable the account before you delete it."


def test_a_timeout_is_recorded_as_an_unknown_outcome():
    with pytest.raises(E2Timeout), audited("customer.create", actor=Actor.system(), target="x"):
        raise E2Timeout("read timed out", code="timeout")
    assert AuditRecord.objects.get().outcome == AuditRecord.Outcome.UNKNOWN


def test_a_crash_between_the_two_writes_leaves_a_visible_pending_record():
    context = audited("key.create", actor=Actor.system(), target="x")
    context.__enter__()  # the process dies here: the block never finishes
    record = AuditRecord.objects.get()
    assert record.outcome == AuditRecord.Outcome.PENDING
    assert record.needs_attention


def test_secrets_never_enter_the_audit_details():
    with audited(
        "customer.create",
        actor=Actor.system(),
        details={"email": "a@b.example", "password": "hunter2hunter2", "private_key": "PEM"},
    ):
        pass
    assert AuditRecord.objects.get().details == {"email": "a@b.example"}
