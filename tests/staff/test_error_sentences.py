"""Every error code e2 documents reaches the reseller's page as a sentence, never as a code."""

import pytest
from django.urls import reverse

from portal.customers.models import Customer
from portal.e2.client import get_client
from portal.e2.errors import HUMAN_MESSAGES, REFUSAL_CLASSES

pytestmark = pytest.mark.django_db

# Codes the client maps from an answer's status rather than its code.
BY_STATUS = {"unauthorized": 401, "invalid_parameters": 400, "server_error": 500}


@pytest.fixture
def customer(e2, brand):
    get_client().create_user("err@client.example", "a long password 123", "Err", quota_gb=1)
    from portal.customers.services import sync_customer_mirror

    sync_customer_mirror()
    return Customer.objects.get()


@pytest.mark.parametrize("code", sorted(REFUSAL_CLASSES) + sorted(BY_STATUS))
def test_each_documented_code_shows_its_sentence_on_the_page(e2, customer, admin_client, code):
    status = BY_STATUS.get(code, 403)
    fault = {"status": status} if code in BY_STATUS else {"status": 403, "code": code}
    e2.fault("/api/reseller/v1/disable_user", times=5, **fault)
    response = admin_client.post(reverse("customers:lifecycle", args=[customer.pk, "disable"]))
    page = response.content.decode()
    sentence = HUMAN_MESSAGES[code]
    if code in ("user_account_already_disabled",):
        # "Already disabled" means e2 agrees with the request: the mirror catches up.
        assert response.status_code == 302
        return
    assert sentence in page, code
    assert f">{code}<" not in page and "Traceback" not in page
    customer.refresh_from_db()
    assert customer.is_active is True
