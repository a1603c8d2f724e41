"""One realistic portal for the every-page browser test, built once per module.

The world (two brands, a furnished customer on each, an owner, a job, invitations, usage and
activity) is built once, then handed to every test of the module: its rows are serialized and
put back by Django's ``serialized_rollback`` after the flush that ends each transactional test,
and the sandbox is reset only once (the function-scoped ``sandbox`` fixture would empty it).
"""

import io
import re
from dataclasses import dataclass

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connections
from django.test import override_settings
from PIL import Image

from portal.accounts.models import User
from portal.audit.services import Actor
from portal.customers.invitations import invite_customer
from portal.jobs import services as job_services
from portal.jobs.models import CustomDomain, Job
from portal.storage.services import sync_regions
from portal.usage.services import sync_usage
from tests.console.conftest import HOST_A, HOST_B, PASSWORD, make_brand, make_customer
from tests.console.tenants import Tenant, furnish
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.fixtures.pem import certificate_and_key
from tests.fixtures.services import launch_chromium_resolving
from tests.usage.conftest import usage_days

ACTOR = Actor.system("test")

# A dark and a light brand colour: white text on the first, dark text on the second.
BRANDS = {
    "northwind": dict(name="Northwind Storage", host=HOST_A, primary="#1d3f8f", is_default=True),
    "sunrise": dict(name="Sunrise Cloud", host=HOST_B, primary="#f7a51e"),
}


@dataclass
class BrandWorld:
    slug: str
    host: str
    brand: object
    tenant: Tenant
    customer_invitation_token: str
    two_factor_email: str  # a customer of this brand who logs in with a code

    @property
    def customer(self):
        return self.tenant.customer


@dataclass
class World:
    brands: dict[str, BrandWorld]
    owner: object
    two_factor_staff: object
    staff_invitee: object
    staff_set_password_path: str
    job: object
    domain: object


def _png(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (120, 32), colour).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="asset.png")


def _link(pattern, since):
    """The first link matching ``pattern`` in the emails sent after index ``since``."""
    for message in mail.outbox[since:]:
        found = re.search(pattern, message.body)
        if found:
            return found
    raise AssertionError(f"no email with {pattern!r}")


def _with_two_factor(user):
    from tests.fixtures.staff import authenticator_for

    authenticator_for(user)
    return user


def _build_world(sandbox) -> World:
    sandbox.reset()
    sandbox.clear_faults()
    cache.clear()
    sync_regions()
    worlds = {}
    for slug, spec in BRANDS.items():
        brand = make_brand(
            spec["name"],
            spec["host"],
            spec["primary"],
            f"help@{spec['host']}",
            is_default=spec.get("is_default", False),
            logo=_png(spec["primary"]),
            favicon=_png(spec["primary"]),
        )
        customer = make_customer(brand, f"olive.{slug}@client.example")
        tenant = furnish(customer, sandbox, slug)
        sandbox.set_usage(customer.email, usage_days(30, disk_used=3_000_000_000))
        coded = make_customer(brand, f"cody.{slug}@client.example", first_name="Cody")
        _with_two_factor(coded.user)
        sent = len(mail.outbox)
        invite_customer(
            ACTOR,
            brand=brand,
            email=f"new.{slug}@client.example",
            first_name="Nina",
            quota_gb=50,
            regions=["CH"],
        )
        token = _link(r"/console/invitation/([^/\s]+)/", sent).group(1)
        worlds[slug] = BrandWorld(slug, spec["host"], brand, tenant, token, coded.email)
    sync_usage()
    owner = UserFactory(email="owner@reseller.example", first_name="Orla", role=User.Role.OWNER)
    two_factor_staff = _with_two_factor(
        UserFactory(email="coded@reseller.example", role=User.Role.ADMIN)
    )
    from portal.accounts.staff import invite_staff

    sent = len(mail.outbox)
    invitee = invite_staff(
        ACTOR,
        email="new.staff@reseller.example",
        first_name="Sam",
        last_name="New",
        role=User.Role.SUPPORT,
    )
    set_password_path = _link(r"/login/set-password/[^/\s]+/[^/\s]+/", sent).group(0)
    certificate, key = certificate_and_key("cdn.northwind.example")
    job = job_services.queue_cname_job(
        Job.Kind.CNAME_ADD,
        storage=worlds["northwind"].tenant.storage,
        requested_by=owner,
        cname="cdn.northwind.example",
        certificate=certificate,
        private_key=key,
    )
    domain = CustomDomain.objects.create(
        storage=worlds["northwind"].tenant.storage,
        cname="media.northwind.example",
        certificate_subject="CN=media.northwind.example",
        certificate_issuer="CN=Test CA",
    )
    return World(worlds, owner, two_factor_staff, invitee, set_password_path, job, domain)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, e2_sandbox_server, tmp_path_factory):
    """The portal's data, built once; restored for each test by ``serialized_rollback``."""
    media = tmp_path_factory.mktemp("media")
    overrides = override_settings(
        E2_API_URL=e2_sandbox_server.url,
        E2_API_TOKEN=e2_sandbox_server.token,
        MEDIA_ROOT=media,
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
    )
    overrides.enable()
    connection = connections["default"]
    had, before = hasattr(connection, "_test_serialized_contents"), None
    if had:
        before = connection._test_serialized_contents
    try:
        with django_db_blocker.unblock():
            world = _build_world(e2_sandbox_server)
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
        yield world
    finally:
        if had:
            connection._test_serialized_contents = before
        elif hasattr(connection, "_test_serialized_contents"):
            del connection._test_serialized_contents
        overrides.disable()
        cache.clear()


@pytest.fixture(scope="module")
def brand_chromium(playwright_driver):
    """One Chromium for the module; the brand domains resolve to the live server."""
    browser = launch_chromium_resolving(playwright_driver, *(b["host"] for b in BRANDS.values()))
    yield browser
    browser.close()


__all__ = ["DEFAULT_PASSWORD", "PASSWORD", "BrandWorld", "World"]
