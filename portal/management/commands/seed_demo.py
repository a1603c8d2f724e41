"""Fill an empty portal with demo data: an owner, a demo brand and the sandbox's customers."""

import secrets

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from branding.models import Brand, BrandDomain
from portal.accounts.models import User
from portal.audit.services import Actor
from portal.customers.models import Customer
from portal.customers.services import set_customer_password, sync_customer_mirror
from portal.storage.services import refresh_storages, sync_regions
from portal.usage.models import SyncRun
from portal.usage.services import sync_usage

DEMO_OWNER_EMAIL = "owner@demo.example"


def demo_owner_password() -> str:
    """The demo owner's password, generated once and kept under var/."""
    path = settings.VAR_DIR / "demo-owner-password"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(12))
    return path.read_text().strip()


class Command(BaseCommand):
    help = "Seed demo data once: an owner login, a demo brand and the e2 sandbox's customers."

    def handle(self, *args, **options):
        if User.objects.filter(email=DEMO_OWNER_EMAIL).exists():
            self.stdout.write("Demo data already present; leaving it as it is.")
            return
        with transaction.atomic():
            brand = Brand.objects.filter(is_default=True).first() or Brand.objects.create(
                name="Northwind Cloud Storage",
                is_default=True,
                primary_colour="#0f5e9c",
                accent_colour="#f2a900",
                copyright="Northwind Cloud Storage Ltd.",
                support_email="support@northwind.example",
                support_url="https://northwind.example/support",
                email_sender_name="Northwind Cloud Storage",
                email_sender_address="no-reply@northwind.example",
            )
            BrandDomain.objects.get_or_create(domain="localhost", defaults={"brand": brand})
            User.objects.create_superuser(
                email=DEMO_OWNER_EMAIL,
                password=demo_owner_password(),
                first_name="Demo",
                last_name="Owner",
            )
        result = sync_customer_mirror()
        # Mirror what the sandbox's demo holds, so the first pages show real data at once.
        sync_regions()
        for customer in Customer.objects.filter(is_signed_up=True, is_active=True):
            refresh_storages(customer)
        sync_usage(trigger=SyncRun.Trigger.OPS)
        demo_customer = (
            Customer.objects.filter(is_active=True, is_signed_up=True, storages__isnull=False)
            .order_by("email")
            .first()
        )
        if demo_customer is not None:
            # One customer can try the branded console straight away.
            set_customer_password(Actor.system("demo data"), demo_customer, demo_owner_password())
        self.stdout.write(
            self.style.SUCCESS(f"Seeded the demo brand, the owner and {result.total} customers.")
        )


def demo_customer_email() -> str | None:
    """The demo customer who can log into the branded console, if there is one."""
    customer = Customer.objects.filter(user__isnull=False, is_active=True).order_by("email").first()
    return customer.email if customer else None
