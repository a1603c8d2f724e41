"""Customer lifecycle services against a live sandbox: the mirror follows e2, never leads."""

import pytest
from django.core import mail

from portal.audit.models import AuditRecord
from portal.audit.services import Actor
from portal.customers import services
from portal.customers.models import Customer
from portal.e2.client import get_client
from portal.e2.errors import E2ServerError, E2Timeout, EmailAlreadyInUse, UserSignedUp
from tests.factories import BrandFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a long enough password 42"


@pytest.fixture
def staff():
    user = UserFactory(email="admin@reseller.example")
    return Actor(user, user.email, "127.0.0.1")


@pytest.fixture
def brand():
    return BrandFactory(name="Northwind Storage", is_default=True)


def remote_user(email):
    return next((u for u in get_client().list_users() if u.email == email), None)


def create(staff, brand, email="new@client.example", **extra):
    values = dict(
        brand=brand,
        email=email,
        first_name="New",
        last_name="Customer",
        password=PASSWORD,
        quota_gb=50,
    )
    return services.create_customer(staff, **(values | extra))


def test_creating_a_customer_makes_the_e2_account_the_login_and_the_mirror(e2, staff, brand):
    customer = create(staff, brand, regions=["TX", "LDN"], send_welcome=True)

    remote = remote_user("new@client.example")
    assert remote.is_active and remote.storage_quota == 50
    assert customer.user.check_password(PASSWORD)
    assert customer.user.role == "customer"
    assert sorted(s.region.key for s in customer.storages.all()) == ["LDN", "TX"]
    assert AuditRecord.objects.filter(action="customer.create", outcome="succeeded").count() == 1
    assert AuditRecord.objects.filter(action="region.enable", outcome="succeeded").count() == 2
    (welcome,) = mail.outbox
    assert welcome.subject == "Welcome to Northwind Storage"
    assert "idrive" not in (welcome.body + welcome.alternatives[0][0]).lower()


def test_an_existing_account_is_refused_and_nothing_is_mirrored(e2, staff, brand):
    create(staff, brand)
    with pytest.raises(UserSignedUp) as refused:
        create(staff, brand)
    assert "already exists" in refused.value.human_message
    assert Customer.objects.count() == 1
    assert AuditRecord.objects.filter(outcome="failed", error_code="user_signed_up").count() == 1


def test_an_email_of_an_unrelated_account_is_refused(e2, staff, brand):
    e2.control("POST", "/independent_accounts", {"email": "taken@client.example"})
    with pytest.raises(EmailAlreadyInUse):
        create(staff, brand, email="taken@client.example")
    assert not Customer.objects.exists()


def test_a_500_from_e2_leaves_no_customer_behind(e2, staff, brand):
    e2.fault("/api/reseller/v1/create_user", times=1, status=500)
    with pytest.raises(E2ServerError):
        create(staff, brand)
    assert not Customer.objects.exists()
    assert remote_user("new@client.example") is None


def test_a_lost_answer_is_checked_against_e2_before_anything_is_recorded(e2, staff, brand):
    # e2 creates the account, then the connection drops before the answer arrives.
    e2.fault("/api/reseller/v1/create_user", times=1, drop=True, after=True)
    customer = create(staff, brand)
    # The list proves the account exists, so the portal records it, once.
    assert remote_user(customer.email) is not None
    assert AuditRecord.objects.get(action="customer.create").outcome == "succeeded"
    assert e2.request_counts().get("/api/reseller/v1/create_user") == 1


def test_a_lost_answer_for_a_create_that_did_not_happen_is_an_unknown_outcome(
    e2, staff, brand, settings
):
    settings.E2_READ_TIMEOUT = 0.5
    e2.fault("/api/reseller/v1/create_user", times=1, drop=True)
    with pytest.raises(Exception):
        create(staff, brand)
    assert not Customer.objects.exists()
    record = AuditRecord.objects.get(action="customer.create")
    assert record.outcome in ("unknown", "failed")


def test_disable_enable_and_remove_follow_e2(e2, staff, brand):
    customer = create(staff, brand)
    with pytest.raises(services.CustomerNotDisabled):
        services.remove_customer(staff, customer)

    services.disable_customer(staff, customer)
    assert remote_user(customer.email).is_active is False
    assert Customer.objects.get().is_active is False

    services.enable_customer(staff, customer)
    assert remote_user(customer.email).is_active is True

    services.disable_customer(staff, customer)
    services.remove_customer(staff, customer)
    assert remote_user(customer.email) is None
    assert not Customer.objects.exists()
    assert customer.user.__class__.objects.get(pk=customer.user.pk).is_active is False


def test_disabling_after_e2_already_did_brings_the_mirror_in_line(e2, staff, brand):
    customer = create(staff, brand)
    get_client().disable_user(customer.email)
    services.disable_customer(staff, customer)
    assert Customer.objects.get().is_active is False


def test_a_timeout_on_disable_keeps_the_mirror_unchanged(e2, staff, brand, settings):
    customer = create(staff, brand)
    settings.E2_READ_TIMEOUT = 0.5
    settings.E2_MAX_ATTEMPTS = 1
    e2.fault("/api/reseller/v1/disable_user", times=5, delay_ms=1500)
    with pytest.raises(E2Timeout):
        services.disable_customer(staff, customer)
    assert Customer.objects.get().is_active is True
    assert AuditRecord.objects.get(action="customer.disable").outcome == "unknown"


def test_disabling_ends_the_customers_console_sessions(e2, staff, brand, client):
    customer = create(staff, brand)
    client.post("/login/", {"username": customer.email, "password": PASSWORD})
    assert customer.user.login_sessions.count() == 1
    services.disable_customer(staff, customer)
    assert customer.user.login_sessions.count() == 0
    assert "_auth_user_id" not in client.session


def test_mirror_sync_takes_new_changed_and_removed_accounts_in_constant_queries(e2, brand):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = get_client()

    def sync_with(total):
        for number in range(len(Customer.objects.all()), total):
            client.create_user(f"bulk{number}@client.example", PASSWORD, "Bulk", quota_gb=number)
        with CaptureQueriesContext(connection) as queries:
            result = services.sync_customer_mirror()
        return result, len(queries)

    first, _ = sync_with(30)
    assert (first.created, first.total) == (30, 30)
    second, queries_for_60 = sync_with(60)
    assert (second.created, second.updated) == (30, 30)
    third, queries_for_120 = sync_with(120)
    assert (third.created, third.updated) == (60, 60)
    print(f"FIGURE mirror_sync_queries n60={queries_for_60} n120={queries_for_120}")
    assert queries_for_120 == queries_for_60

    client.disable_user("bulk3@client.example")
    client.disable_user("bulk4@client.example")
    client.remove_user("bulk4@client.example")
    result = services.sync_customer_mirror()
    assert (result.updated, result.removed) == (119, 1)
    assert Customer.objects.get(email="bulk3@client.example").is_active is False
