"""Test data, built the way the portal builds it."""

import factory

from branding.models import Brand, BrandDomain
from portal.accounts.models import User
from portal.customers.models import Customer

DEFAULT_PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@reseller.example")
    first_name = "Pat"
    last_name = "Doe"
    role = User.Role.ADMIN
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class BrandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Brand

    name = factory.Sequence(lambda n: f"Brand {n}")
    support_email = factory.Sequence(lambda n: f"support@brand{n}.example")


class BrandDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BrandDomain

    brand = factory.SubFactory(BrandFactory)
    domain = factory.Sequence(lambda n: f"storage{n}.brand.example")


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    brand = factory.SubFactory(BrandFactory)
    email = factory.Sequence(lambda n: f"customer{n}@client.example")
    first_name = "Casey"
    last_name = factory.Sequence(lambda n: f"Customer{n}")
    quota_gb = 100
