"""The reseller console's heavy pages at scale, each next to a bare view in the same run.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/pages.py \\
     [--customers 100000] [--usage-customers 10000] [--usage-days 365] [--audit 1000000] \\
     [--requests 15]

It creates a test database on DATABASE_URL's server (dropped at the end), fills it with
``--customers`` customers, a year of usage days for ``--usage-customers`` of them and
``--audit`` audit records (INSERT … SELECT generate_series, so a million rows take seconds),
then requests each page alternately with the bare view: a view that renders a 20-row table of
customers from the same database through a template, the least a page can do. Printed per
page: the median time, the bare view's median in the same run, their ratio (target: within
3x) and the queries the page made.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")

BARE_TEMPLATE = """<!doctype html><html><body><table>
{% for customer in customers %}<tr><td>{{ customer.email }}</td><td>{{ customer.first_name }}
</td><td>{{ customer.quota_gb }}</td><td>{{ customer.created_at }}</td></tr>{% endfor %}
</table></body></html>"""


def bare_view(request):
    from django.http import HttpResponse
    from django.template import engines

    from portal.customers.models import Customer

    template = engines["django"].from_string(BARE_TEMPLATE)
    customers = Customer.objects.order_by("-pk")[:20]
    return HttpResponse(template.render({"customers": customers}, request))


def urlpatterns_with_bare():
    from django.urls import path

    import portal.urls

    return [path("__bare__/", bare_view), *portal.urls.urlpatterns]


urlpatterns = []  # filled in main(), once Django is set up


def insert_series(model, count: int, columns: dict[str, str]) -> None:
    """``count`` rows of ``model`` in one INSERT … SELECT over generate_series(1, count) as n;
    ``columns`` maps column names to SQL expressions of n, every other column gets its
    default (a field without one must be given)."""
    from django.db import connection

    names, expressions, params = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        names.append(connection.ops.quote_name(field.column))
        if field.column in columns:
            expressions.append(columns[field.column].replace("%", "%%"))
        elif getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
            expressions.append("now()")
        elif field.has_default():
            expressions.append("%s")
            params.append(field.get_db_prep_save(field.get_default(), connection))
        elif field.null:
            expressions.append("NULL")
        elif field.empty_strings_allowed:
            expressions.append("''")
        else:
            raise ValueError(f"give a value for {model.__name__}.{field.column}")
    # The expressions are the bench's own, never input.
    table = connection.ops.quote_name(model._meta.db_table)
    select = ", ".join(expressions)
    sql = f"INSERT INTO {table} ({', '.join(names)}) SELECT {select} FROM generate_series(1, %s) n"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, int(count)])
        cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def fill(args):
    from branding.models import Brand
    from portal.audit.models import AuditRecord
    from portal.customers.models import Customer
    from portal.usage.models import UsageDay

    brand = Brand.objects.create(name="Bench", is_default=True)
    started = time.monotonic()
    insert_series(
        Customer,
        args.customers,
        {
            "brand_id": str(brand.pk),
            "email": "'c' || lpad(n::text, 7, '0') || '@bench' || (n % 97) || '.example'",
            "first_name": "(ARRAY['Ada','Bo','Cy','Di','Ed','Flo','Gus','Hal'])[n % 8 + 1]",
            "last_name": "'Surname' || (n % 5003)",
            "is_active": "n % 11 <> 0",
            "quota_gb": "(n * 37) % 5000",
            "storage_used_bytes": "(n::bigint * 7919 * 1000003) % 5000000000000",
            "e2_created_at": "now() - (n % 900) * interval '1 day'",
        },
    )
    first = Customer.objects.order_by("pk").values_list("pk", flat=True).first()
    insert_series(
        UsageDay,
        args.usage_customers * args.usage_days,
        {
            "customer_id": f"{first} + (n - 1) % {args.usage_customers}",
            "date": f"current_date - ((n - 1) / {args.usage_customers})::int",
            "disk_used": "(n::bigint * 104729) % 900000000000",
            "uploads": "(n::bigint * 7) % 5000000000",
            "downloads": "(n::bigint * 13) % 5000000000",
        },
    )
    insert_series(
        AuditRecord,
        args.audit,
        {
            "actor_label": "'staff' || (n % 17) || '@reseller.example'",
            "action": "(ARRAY['customer.create','customer.disable','region.enable',"
            "'access_key.create','subuser.invite'])[n % 5 + 1]",
            "target": "'c' || lpad((n % 100000)::text, 7, '0') || '@bench.example'",
            "customer_email": "'c' || lpad((n % 100000)::text, 7, '0') || '@bench.example'",
            "outcome": "(ARRAY['succeeded','succeeded','succeeded','failed','unknown'])[n % 5 + 1]",
            "started_at": "now() - n * interval '30 seconds'",
        },
    )
    print(f"filled in {time.monotonic() - started:.0f} s", flush=True)


def measure(client, url: str, rounds: int):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page_times, bare_times, queries = [], [], 0
    for _ in range(2):  # warm both
        client.get(url)
        client.get("/__bare__/")
    for _ in range(rounds):
        started = time.perf_counter()
        bare = client.get("/__bare__/")
        bare_times.append(time.perf_counter() - started)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            page_times.append(time.perf_counter() - started)
        assert response.status_code == 200 and bare.status_code == 200, (url, response.status_code)
        queries = len(captured)
    page, bare = statistics.median(page_times) * 1000, statistics.median(bare_times) * 1000
    return page, bare, page / bare, queries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--usage-customers", type=int, default=10_000)
    parser.add_argument("--usage-days", type=int, default=365)
    parser.add_argument("--audit", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=15)
    args = parser.parse_args()

    import django

    django.setup()
    import logging

    from django.conf import settings
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment

    logging.disable(logging.WARNING)
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = False
    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    globals()["urlpatterns"] = urlpatterns_with_bare()
    settings.ROOT_URLCONF = __name__
    setup_test_environment()
    runner = DiscoverRunner(verbosity=0)
    old_config = runner.setup_databases()
    try:
        from django.db import connection
        from django.test import Client

        from portal.accounts.models import User
        from portal.customers.models import Customer

        assert connection.vendor == "postgresql", "set DATABASE_URL to a PostgreSQL server"
        fill(args)
        staff = User.objects.create_user("bench@reseller.example", "x", role="owner")
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(staff)
        last_page = -(-Customer.objects.count() // 25)
        pages = [
            ("customer list", "/customers/"),
            ("customer search by email", "/customers/?q=c0042"),
            ("customer search by name", "/customers/?q=Surname4242"),
            *(
                (
                    f"customer list sorted by {sort} {order}",
                    f"/customers/?sort={sort}&order={order}",
                )
                for sort in ("email", "status", "usage", "quota", "created")
                for order in ("asc", "desc")
            ),
            ("customer list, last page", f"/customers/?page={last_page}"),
            ("dashboard", "/"),
            ("audit log", "/audit/"),
            ("audit log search", "/audit/?q=c0004242"),
            ("audit log filter", "/audit/?outcome=unknown"),
        ]
        print(
            f"customers={args.customers} usage_days={args.usage_customers * args.usage_days} "
            f"audit={args.audit}"
        )
        worst = 0.0
        for name, url in pages:
            page, bare, ratio, queries = measure(client, url, args.requests)
            worst = max(worst, ratio)
            print(
                f"FIGURE {name}: {page:.1f} ms, bare {bare:.1f} ms, {ratio:.1f}x, "
                f"{queries} queries",
                flush=True,
            )
        print(f"FIGURE worst ratio {worst:.1f}x (target 3x)")
    finally:
        runner.teardown_databases(old_config)


if __name__ == "__main__":
    main()
