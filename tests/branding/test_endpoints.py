import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from branding.endpoints import with_endpoints
from branding.models import BrandEndpoint
from portal.jobs.models import CustomDomain
from portal.storage.models import Region, Storage
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def storages_for(customer, count):
    for number in range(count):
        region, _ = Region.objects.get_or_create(
            key=f"R{number}", defaults={"name": f"R {number}", "country": "X", "code": "x"}
        )
        storage = Storage.objects.create(
            customer=customer, region=region, storage_dn=f"s{number}-{customer.pk}.vendor-host.test"
        )
        if number % 3 == 0:
            CustomDomain.objects.create(
                storage=storage, cname=f"files{number}-{customer.pk}.brand.test"
            )
        elif number % 3 == 1:
            BrandEndpoint.objects.create(
                brand=customer.brand, region=region, endpoint=f"r{number}.brand.test"
            )
    return customer.storages.select_related("region", "customer")


def test_branded_endpoints_take_the_same_queries_for_two_or_twelve_storages():
    counts = []
    for customer, count in ((CustomerFactory(), 2), (CustomerFactory(), 12)):
        queryset = storages_for(customer, count)
        with CaptureQueriesContext(connection) as queries:
            storages = with_endpoints(queryset)
        counts.append(len(queries))
        for storage in storages:
            number = int(storage.region.key[1:])
            assert (
                storage.endpoint
                == [
                    f"files{number}-{customer.pk}.brand.test",
                    f"r{number}.brand.test",
                    f"s{number}-{customer.pk}.vendor-host.test",
                ][number % 3]
            )
    assert counts[0] == counts[1]
