"""The first-run checklist: every step ticked from the real state, in a constant number of
queries, shown to owners on the dashboard until every step is done."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from branding.models import Brand, BrandDomain, BrandEndpoint
from portal.audit.models import AuditRecord
from portal.audit.services import Actor, audited
from portal.e2.models import ApiCredential
from portal.e2.types import Secret
from portal.reseller.onboarding import QUERY_COUNT, first_run_checklist
from portal.storage.models import Region
from tests.factories import DEFAULT_PASSWORD, BrandFactory, CustomerFactory

pytestmark = pytest.mark.django_db

BRAND_PARTS = [
    "brand_name",
    "brand_logo",
    "brand_colours",
    "brand_domain",
    "brand_endpoints",
    "brand_sender",
]


def ticks(checklist) -> dict:
    found = {}
    for step in checklist.steps:
        found[step.key] = step.done
        for part in step.substeps:
            found[part.key] = part.done
    return found


def step(checklist, key):
    return next(s for s in checklist.steps if s.key == key)


def save_credential(user=None):
    credential = ApiCredential(token=Secret("token-for-the-checklist"), updated_by=user)
    credential.save()
    return credential


def record_connection_test():
    with audited("settings.api_test", actor=Actor.system("test"), target="API connection"):
        pass


def furnished_brand(**overrides) -> Brand:
    values = dict(
        name="Northwind Storage",
        is_default=True,
        primary_colour="#0a7f5a",
        email_sender_address="hello@northwind.example",
    )
    values.update(overrides)
    brand = BrandFactory(**values)
    brand.logo.save("logo.png", ContentFile(b"\x89PNG fake"), save=True)
    BrandDomain.objects.create(brand=brand, domain="storage.northwind.example")
    region = Region.objects.create(key="OR", name="Oregon", country="United States", code="us")
    BrandEndpoint.objects.create(brand=brand, region=region, endpoint="or.s3.northwind.example")
    return brand


def test_a_fresh_install_has_every_step_to_do():
    checklist = first_run_checklist()

    assert [s.key for s in checklist.steps] == ["api_key", "connection", "brand", "customer"]
    assert [p.key for p in step(checklist, "brand").substeps] == BRAND_PARTS
    assert not any(ticks(checklist).values())
    assert checklist.done_count == 0 and not checklist.complete


def test_each_step_links_to_where_it_is_done():
    checklist = first_run_checklist()

    assert step(checklist, "api_key").url == reverse("reseller:api")
    assert step(checklist, "connection").url == reverse("reseller:api")
    assert step(checklist, "brand").url == reverse("branding:create")
    assert step(checklist, "customer").url == reverse("customers:create")
    brand = BrandFactory(is_default=True)
    edit = reverse("branding:edit", args=[brand.pk])
    assert step(first_run_checklist(), "brand").url == edit
    assert {p.url for p in step(first_run_checklist(), "brand").substeps} == {edit}


def test_saving_the_api_key_ticks_its_step(owner):
    save_credential(owner)

    assert ticks(first_run_checklist())["api_key"] is True


def test_a_successful_connection_test_ticks_its_step_for_the_key_it_tested():
    record_connection_test()
    assert ticks(first_run_checklist())["connection"] is False, "no key was tested"

    credential = save_credential()
    AuditRecord.objects.update(started_at=credential.updated_at - datetime.timedelta(minutes=1))
    assert ticks(first_run_checklist())["connection"] is False, "the key was replaced since"

    record_connection_test()
    assert ticks(first_run_checklist())["connection"] is True


def test_a_failed_connection_test_does_not_tick_it():
    save_credential()
    AuditRecord.objects.create(
        actor_label="test",
        action="settings.api_test",
        outcome=AuditRecord.Outcome.FAILED,
    )

    assert ticks(first_run_checklist())["connection"] is False


def test_the_connection_test_page_records_a_successful_test(owner_client, e2, settings):
    settings.E2_API_TOKEN = "not-the-sandbox-token"
    owner_client.post(reverse("reseller:api"), {"token": e2.token, "password": DEFAULT_PASSWORD})

    owner_client.post(reverse("reseller:api_test"), HTTP_HX_REQUEST="true")

    record = AuditRecord.objects.get(action="settings.api_test")
    assert record.outcome == AuditRecord.Outcome.SUCCEEDED
    assert record.actor.email == "owner@reseller.example"
    assert e2.token not in str(record.details)
    assert ticks(first_run_checklist())["connection"] is True


def test_a_failed_connection_test_records_nothing(owner_client, e2):
    owner_client.post(reverse("reseller:api"), {"token": "wrong", "password": DEFAULT_PASSWORD})

    owner_client.post(reverse("reseller:api_test"), HTTP_HX_REQUEST="true")

    assert not AuditRecord.objects.filter(action="settings.api_test").exists()


@pytest.mark.parametrize(
    ("part", "make"),
    [
        ("brand_name", lambda brand: None),
        ("brand_logo", lambda brand: brand.logo.save("l.png", ContentFile(b"png"), save=True)),
        (
            "brand_colours",
            lambda brand: Brand.objects.filter(pk=brand.pk).update(accent_colour="#123456"),
        ),
        (
            "brand_domain",
            lambda brand: BrandDomain.objects.create(brand=brand, domain="s.b.example"),
        ),
        (
            "brand_endpoints",
            lambda brand: BrandEndpoint.objects.create(
                brand=brand,
                region=Region.objects.create(key="LDN", name="London", country="UK", code="uk"),
                endpoint="ldn.s3.b.example",
            ),
        ),
        (
            "brand_sender",
            lambda brand: Brand.objects.filter(pk=brand.pk).update(
                email_sender_address="hi@b.example"
            ),
        ),
    ],
)
def test_each_brand_part_is_ticked_from_the_default_brand(part, make):
    brand = BrandFactory(name="Bare", is_default=True)
    before = ticks(first_run_checklist())
    assert before["brand_name"] is True
    if part != "brand_name":
        assert before[part] is False

    make(brand)

    after = ticks(first_run_checklist())
    assert after[part] is True
    others = set(BRAND_PARTS) - {part, "brand_name"}
    assert not any(after[other] for other in others)
    assert after["brand"] is False


def test_a_brand_that_is_not_the_default_does_not_count():
    furnished_brand(is_default=False)

    checklist = first_run_checklist()

    assert not any(ticks(checklist)[part] for part in BRAND_PARTS)
    assert "Default brand" in step(checklist, "brand").substeps[0].text


def test_a_furnished_default_brand_ticks_the_brand_step():
    furnished_brand()

    found = ticks(first_run_checklist())

    assert all(found[part] for part in BRAND_PARTS) and found["brand"] is True


def test_the_first_customer_ticks_the_last_step():
    CustomerFactory()

    assert ticks(first_run_checklist())["customer"] is True


def test_a_complete_install_has_a_complete_checklist():
    save_credential()
    record_connection_test()
    furnished_brand()
    CustomerFactory(brand=Brand.objects.get())

    checklist = first_run_checklist()

    assert checklist.complete and checklist.done_count == checklist.total == 4


@pytest.mark.parametrize("state", ["fresh", "complete"])
def test_the_checklist_makes_a_constant_number_of_queries(state, django_assert_num_queries):
    if state == "complete":
        save_credential()
        record_connection_test()
        furnished_brand()
        CustomerFactory.create_batch(3, brand=Brand.objects.get())
        BrandDomain.objects.create(brand=Brand.objects.get(), domain="more.northwind.example")

    with django_assert_num_queries(QUERY_COUNT):
        checklist = first_run_checklist()
        [part.done for s in checklist.steps for part in s.substeps]

    assert QUERY_COUNT == 4


# --- on the dashboard -----------------------------------------------------------------------


def test_owners_see_the_checklist_on_a_fresh_install(owner_client):
    page = owner_client.get("/").content.decode()

    assert 'id="onboarding"' in page
    assert "0 of 4 steps done" in page
    for key in ["api_key", "connection", "brand", "customer", *BRAND_PARTS]:
        assert f'data-step="{key}" data-done="false"' in page
    assert f'href="{reverse("customers:create")}"' in page
    assert f'href="{reverse("branding:create")}"' in page


def test_the_checklist_ticks_as_the_state_changes(owner_client):
    save_credential()
    CustomerFactory()

    page = owner_client.get("/").content.decode()

    assert "2 of 4 steps done" in page
    assert 'data-step="api_key" data-done="true"' in page
    assert 'data-step="customer" data-done="true"' in page
    assert 'data-step="connection" data-done="false"' in page


def test_the_checklist_is_hidden_once_every_step_is_done(owner_client):
    save_credential()
    record_connection_test()
    furnished_brand()
    CustomerFactory(brand=Brand.objects.get())

    page = owner_client.get("/").content.decode()

    assert 'id="onboarding"' not in page


@pytest.mark.parametrize("staff_client", ["admin_client", "support_client"])
def test_only_owners_see_the_checklist(request, staff_client):
    page = request.getfixturevalue(staff_client).get("/").content.decode()

    assert 'id="onboarding"' not in page


def test_the_checklist_stores_nothing(owner_client):
    counts = (AuditRecord.objects.count(), ApiCredential.objects.count(), Brand.objects.count())

    owner_client.get("/")

    assert (
        AuditRecord.objects.count(),
        ApiCredential.objects.count(),
        Brand.objects.count(),
    ) == counts
