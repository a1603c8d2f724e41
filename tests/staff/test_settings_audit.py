"""Branding and session-policy changes are audited like every other change: who, what, when,
how it ended, and which fields changed (never a logo's or a secret's contents)."""

import pytest

from branding.models import Brand
from portal.audit.models import AuditRecord
from portal.console.models import SessionPolicy
from tests.factories import CustomerFactory
from tests.staff.test_branding import brand_post

pytestmark = pytest.mark.django_db


def last(action) -> AuditRecord:
    record = AuditRecord.objects.filter(action=action).latest("pk")
    assert record.actor_label == "owner@reseller.example"
    assert record.outcome == AuditRecord.Outcome.SUCCEEDED
    return record


def test_creating_changing_and_deleting_a_brand_is_audited(owner_client):
    owner_client.post("/settings/branding/new/", brand_post())
    brand = Brand.objects.get(name="Bluebird Cloud")
    created = last("brand.create")
    assert created.target == "Bluebird Cloud" and "primary_colour" in created.details["changed"]

    edit = brand_post(**{"brand-primary_colour": "#123456", "domains-INITIAL_FORMS": "0"})
    edit["domains-0-domain"] = ""
    owner_client.post(f"/settings/branding/{brand.pk}/", edit)
    assert "primary_colour" in last("brand.update").details["changed"]

    owner_client.post(f"/settings/branding/{brand.pk}/delete/")
    assert last("brand.delete").target == "Bluebird Cloud"
    assert not Brand.objects.filter(pk=brand.pk).exists()


def test_session_policy_changes_are_audited(owner_client):
    owner_client.post(
        "/settings/branding/sessions/", {"idle_timeout_minutes": 15, "concurrent_sessions": ""}
    )
    assert SessionPolicy.current().idle_timeout == 900
    assert last("session_policy.update").details["idle_timeout_minutes"] == 15

    customer = CustomerFactory()
    owner_client.post(
        "/settings/branding/sessions/", {"email": customer.email, "concurrent_sessions": "no"}
    )
    override = last("session_policy.account_override")
    assert override.customer == customer and override.details == {"concurrent_sessions": False}
