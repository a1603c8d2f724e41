"""Every htmx form of both consoles, posted invalid, answers a 4xx whose body is the form
fragment with its error sentence: static/js/portal.js swaps such an answer in place, so the
person reads the sentence next to the field instead of a generic failure toast.

A 4xx with no fragment to show (the 403 and 404 pages) carries its sentence in an HX-Trigger
"toast" event instead.
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from portal.accounts.models import User
from tests.console.conftest import HOST_A
from tests.console.tenants import furnish
from tests.factories import UserFactory
from tests.fixtures.consoles import customer, customer_browser  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@dataclass
class World:
    customer: object
    storage: object
    subuser: object
    console: Client  # the customer, logged in on the brand's domain
    staff: Client  # reseller staff with the admin role
    owner: Client


@pytest.fixture
def world(customer, customer_browser, e2):  # noqa: F811  (fixtures)
    tenant = furnish(customer, e2, "walk")
    staff = Client()
    staff.force_login(UserFactory(email="admin@reseller.example", role=User.Role.ADMIN))
    owner = Client()
    owner.force_login(UserFactory(email="owner@reseller.example", role=User.Role.OWNER))
    return World(customer, tenant.storage, tenant.subuser, customer_browser, staff, owner)


def htmx(client, method, url, data=None):
    return getattr(client, method)(url, data or {}, HTTP_HX_REQUEST="true")


def console_key(w):
    data = {"storage": w.storage.pk, "name": "laptop", "permissions": 2, "buckets": "Bad_Bucket!!"}
    return htmx(w.console, "post", reverse("console:create_key"), data)


def staff_key(w):
    url = reverse("customers:create_key", args=[w.customer.pk, w.storage.pk])
    return htmx(
        w.staff, "post", url, {"name": "laptop", "permissions": 2, "buckets": "Bad_Bucket!!"}
    )


def console_cors(w):
    url = reverse("console:cors", args=[w.storage.pk])
    return htmx(w.console, "post", url, {"cors": "not a domain!"})


def region_access(w):
    url = reverse("reseller:region_access", args=[w.storage.region.pk])
    return htmx(w.owner, "post", url, {"customers_may_enable": "maybe"})


def staff_remove_region(w):
    url = reverse("customers:remove_region", args=[w.customer.pk, w.storage.pk])
    return htmx(w.staff, "post", url, {"confirmation": "someone.else@client.example"})


def staff_delete_customer(w):
    url = reverse("customers:lifecycle", args=[w.customer.pk, "remove"])
    return htmx(w.staff, "post", url, {"confirmation": "someone.else@client.example"})


def staff_set_password(w):
    url = reverse("customers:set_password", args=[w.customer.pk])
    return htmx(w.staff, "post", url, {"password": "long enough 123456", "confirm": "other"})


def staff_team_member(w):
    url = reverse("customers:subuser_update", args=[w.customer.pk, w.subuser.pk])
    return htmx(w.staff, "post", url, {"permissions": 2, "idle_timeout_minutes": 0})


def console_team_activity_range(w):
    url = reverse("console:team_activity", args=[w.subuser.pk])
    return htmx(w.console, "get", url, {"start": "yesterday", "end": "today"})


def staff_usage_range(w):
    url = reverse("customers:usage_fragment", args=[w.customer.pk])
    return htmx(w.staff, "get", url, {"start": "yesterday", "end": "today"})


def console_activity_range(w):
    url = reverse("console:activity_fragment")
    return htmx(w.console, "get", url, {"start": "yesterday", "end": "today"})


FORMS = [
    pytest.param(console_key, "Not a valid bucket name", 'value="laptop"', id="console-key"),
    pytest.param(staff_key, "Not a valid bucket name", 'value="laptop"', id="staff-key"),
    pytest.param(console_cors, "Not a valid domain", "not a domain!", id="console-cors"),
    pytest.param(
        region_access, "Choose whether customers may enable", "region-", id="region-access"
    ),
    pytest.param(
        staff_remove_region, "This does not match", "someone.else@", id="staff-remove-region"
    ),
    pytest.param(
        staff_delete_customer,
        "This does not match",
        "someone.else@",
        id="staff-delete-customer",
    ),
    pytest.param(
        staff_set_password,
        "The two passwords differ",
        "Repeat the password",
        id="staff-set-password",
    ),
    pytest.param(
        staff_team_member,
        "greater than or equal to 1",
        'name="idle_timeout_minutes"',
        id="staff-team-member",
    ),
    pytest.param(
        console_team_activity_range,
        "Enter a date such as",
        "Start date",
        id="console-team-activity-range",
    ),
    pytest.param(
        staff_usage_range,
        "Enter a date such as",
        "Start date",
        id="staff-usage-range",
    ),
    pytest.param(
        console_activity_range,
        "Enter a date such as",
        "Start date",
        id="console-activity-range",
    ),
]


@pytest.mark.parametrize(("post", "sentence", "kept"), FORMS)
def test_an_invalid_htmx_form_answers_4xx_with_the_form_and_its_sentence(
    world, post, sentence, kept
):
    response = post(world)
    body = response.content.decode()
    assert 400 <= response.status_code < 500, (response.status_code, body[:500])
    assert "<html" not in body.lower(), "a fragment, not a whole page"
    if "range" not in post.__name__:  # a range form targets its results, not itself
        assert "<form" in body
    assert sentence in body
    assert kept in body, "the values typed are kept"


def test_the_console_key_form_keeps_every_value_typed(world):
    body = console_key(world).content.decode()
    assert 'value="laptop"' in body
    assert 'value="Bad_Bucket!!"' in body
    assert f'<option value="{world.storage.pk}" selected>' in body
    assert 'aria-invalid="true"' in body


def test_a_403_page_answers_htmx_with_its_sentence_as_a_toast(world):
    support = Client()
    support.force_login(UserFactory(email="support@reseller.example", role=User.Role.SUPPORT))
    url = reverse("customers:create_key", args=[world.customer.pk, world.storage.pk])
    response = htmx(support, "post", url, {"name": "laptop", "permissions": 2})
    assert response.status_code == 403
    assert "You do not have permission to do that." in response["HX-Trigger"]
    assert "toast" in response["HX-Trigger"]


def test_a_404_page_answers_htmx_with_its_sentence_as_a_toast(world):
    url = reverse("console:remove_key", args=[world.storage.pk, 987654])
    response = htmx(world.console, "get", url)
    assert response.status_code == 404
    assert "does not exist any more" in response["HX-Trigger"]


def test_error_pages_without_htmx_send_no_toast(world):
    url = reverse("console:remove_key", args=[world.storage.pk, 987654])
    response = world.console.get(url)
    assert response.status_code == 404
    assert "HX-Trigger" not in response


def test_the_toast_of_a_brand_domain_names_no_vendor(world):
    anonymous_on_brand = Client(HTTP_HOST=HOST_A)
    response = htmx(anonymous_on_brand, "get", "/console/no-such-page/")
    assert response.status_code == 404
    assert "e2" not in response["HX-Trigger"].lower()
    assert "idrive" not in response["HX-Trigger"].lower()
