"""How fast the reseller's customer list answers with 10,000 customers in the mirror.

Run: .venv/bin/python bench/customer_list.py [--customers 10000] [--requests 50]
It uses a throwaway SQLite database (or DATABASE_URL's server, with a test database) and prints
the median and 95th-percentile time per page, and the queries per page.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.runner import DiscoverRunner
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.LOGGING_CONFIG = None
    import logging

    logging.getLogger("portal.request").setLevel(logging.WARNING)
    setup_test_environment()
    runner = DiscoverRunner(verbosity=0)
    old_config = runner.setup_databases()
    try:
        from django.test import Client

        from branding.models import Brand
        from portal.accounts.models import User
        from portal.customers.models import Customer

        brand = Brand.objects.create(name="Bench", is_default=True)
        Customer.objects.bulk_create(
            (
                Customer(
                    brand=brand,
                    email=f"c{n:06}@bench.example",
                    first_name="Bench",
                    last_name=f"{n}",
                    storage_used_bytes=n * 1_000_003,
                    quota_gb=n % 100,
                    is_active=n % 7 != 0,
                )
                for n in range(args.customers)
            ),
            batch_size=2000,
        )
        staff = User.objects.create_user("bench@reseller.example", "x", role="admin")
        client = Client()
        client.force_login(staff)
        pages = ["", "?sort=usage", "?status=disabled&sort=quota", "?q=c00042", "?page=100"]
        timings, queries = [], []
        for number in range(args.requests):
            url = "/customers/" + pages[number % len(pages)]
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, url
            queries.append(len(captured))
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"customers={args.customers} requests={args.requests} "
            f"median_ms={statistics.median(timings):.1f} p95_ms={p95:.1f} "
            f"queries_per_page_max={max(queries)} engine={connection.vendor}"
        )
    finally:
        runner.teardown_databases(old_config)


if __name__ == "__main__":
    main()
