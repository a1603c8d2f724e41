"""A customer's own password and browsers go through the same audited service as staff's:
each change is in the audit log, on the customer's record, and this browser stays in."""

import pytest

from portal.audit.models import AuditRecord
from tests.console.conftest import HOST_A, PASSWORD, logged_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "quiet-lantern-meadow-97"


def recorded(action, customer) -> AuditRecord:
    record = AuditRecord.objects.get(action=action)
    assert (record.actor, record.target, record.customer) == (
        customer.user,
        customer.email,
        customer,
    )
    assert record.outcome == AuditRecord.Outcome.SUCCEEDED
    return record


def test_a_new_password_is_audited_and_ends_the_other_browsers_only(browser_a, customer_a):
    other = logged_in(customer_a, HOST_A)

    response = browser_a.post(
        "/console/account/password/",
        {"current_password": PASSWORD, "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
    )

    assert response.status_code == 302
    recorded("account.password_change", customer_a)
    assert browser_a.get("/console/account/").status_code == 200
    assert other.get("/console/account/").status_code == 302
    assert PASSWORD not in str(AuditRecord.objects.values_list("details", flat=True)[0])


def test_ending_the_other_browsers_is_audited(browser_a, customer_a):
    other = logged_in(customer_a, HOST_A)

    browser_a.post("/console/account/sessions/end-others/")

    assert recorded("account.other_sessions_ended", customer_a).details == {"sessions": 1}
    assert other.get("/console/account/").status_code == 302


def test_ending_one_other_browser_is_audited(browser_a, customer_a):
    logged_in(customer_a, HOST_A)
    other_session = customer_a.user.login_sessions.exclude(
        session_key=browser_a.session.session_key
    ).get()

    browser_a.post(f"/console/account/sessions/{other_session.pk}/end/")

    recorded("account.session_ended", customer_a)
    assert not customer_a.user.login_sessions.filter(pk=other_session.pk).exists()
