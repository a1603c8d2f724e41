"""The nightly usage sync against the sandbox with injected latency: how close a run comes to
its floor, and how many e2 calls it makes.

Run: .venv/bin/python bench/usage_sync.py [--customers 1000] [--latency-ms 100]
     [--concurrency 4] [--rate 10]

It uses a throwaway database (SQLite, or a test database on DATABASE_URL's server), starts an
e2 sandbox, creates the customers there, delays every usage_stats answer by ``--latency-ms``
and runs the sync with the given concurrency and rate limit. The floor is the slower of
customers x latency / concurrency and customers / rate (after the limiter's first burst).
Printed: the run's seconds, the floor, their ratio (target: within 1.25x) and the e2 calls
per path (target: one usage call per customer and one customer list).
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import production_check as production  # noqa: E402

USAGE_PATH = "/api/reseller/v1/usage_stats"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--latency-ms", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--rate", type=float, default=10.0)
    args = parser.parse_args()

    port, token = production.free_port(), "bench-token"
    url = f"http://127.0.0.1:{port}"
    sandbox = subprocess.Popen(
        [
            production.PYTHON,
            "manage.py",
            "e2sandbox",
            "--bind",
            f"127.0.0.1:{port}",
            f"--token={token}",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    import django

    django.setup()
    import logging

    from django.conf import settings
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment

    logging.disable(logging.INFO)
    settings.E2_API_URL, settings.E2_API_TOKEN = url, token
    settings.USAGE_SYNC_CONCURRENCY = args.concurrency
    settings.USAGE_SYNC_RATE_PER_SECOND = args.rate
    setup_test_environment()
    runner = DiscoverRunner(verbosity=0)
    old_config = runner.setup_databases()
    try:
        production.wait_for(
            "the sandbox", lambda: requests.get(f"{url}/_sandbox/health", timeout=2).ok
        )
        from branding.models import Brand
        from portal.e2.client import get_client
        from portal.usage.services import sync_usage

        Brand.objects.create(name="Bench", is_default=True)
        with get_client() as client:
            for number in range(args.customers):
                client.create_user(
                    f"s{number:05}@bench.example", "Bench-password-1", "B", quota_gb=1
                )
        requests.delete(f"{url}/_sandbox/requests", timeout=10)
        requests.post(
            f"{url}/_sandbox/faults",
            json={"path": USAGE_PATH, "times": args.customers, "delay_ms": args.latency_ms},
            timeout=10,
        ).raise_for_status()

        started = time.monotonic()
        run = sync_usage()
        seconds = time.monotonic() - started
        counts = requests.get(f"{url}/_sandbox/requests", timeout=10).json()["counts"]
    finally:
        runner.teardown_databases(old_config)
        os.killpg(sandbox.pid, 15)
    latency_floor = args.customers * args.latency_ms / 1000 / args.concurrency
    rate_floor = max(0.0, args.customers - max(1.0, args.rate)) / args.rate
    floor = max(latency_floor, rate_floor)
    print(
        f"FIGURE usage_sync customers={args.customers} latency_ms={args.latency_ms} "
        f"concurrency={args.concurrency} rate={args.rate:g}/s chunks={run.chunks_total} "
        f"seconds={seconds:.1f} floor={floor:.1f} ratio={seconds / floor:.2f}x "
        f"usage_calls={counts.get(USAGE_PATH, 0)} "
        f"list_calls={counts.get('/api/reseller/v1/users', 0)} "
        f"synced={run.customers_synced}"
    )
    if seconds / floor > 1.25 or counts.get(USAGE_PATH) != args.customers:
        raise SystemExit("FAILED: slower than 1.25x the floor, or not one call per customer")


if __name__ == "__main__":
    main()
