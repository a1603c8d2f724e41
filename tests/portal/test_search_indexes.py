"""On PostgreSQL the customer list's and the audit log's substring searches can use their
trigram indexes: the plan of the very query the page runs names them."""

import pytest
from django.db import connection, transaction
from django.test import RequestFactory

from portal.audit.models import AuditRecord
from portal.staff.audit import AuditFilterForm, filtered_records
from portal.staff.customer_list import filtered_customers, list_state

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def plan(queryset) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        # An empty table would be read whole; with plain scans off, what is left is a bitmap
        # scan of whichever index can answer the filter.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        return queryset.explain()


def test_the_customer_search_can_use_the_trigram_indexes():
    _form, state = list_state(RequestFactory().get("/customers/", {"q": "c0042"}).GET)

    text = plan(filtered_customers(state))

    for column in ("email", "first_name", "last_name"):
        assert f"customers_customer_{column}_trgm" in text, text


def test_the_audit_search_can_use_the_trigram_indexes():
    records = filtered_records(AuditFilterForm({"q": "c0004242"}))

    text = plan(records.order_by())
    for column in ("actor_label", "target", "customer_email"):
        assert f"audit_auditrecord_{column}_trgm" in text, text
    assert AuditRecord.objects.count() == 0
