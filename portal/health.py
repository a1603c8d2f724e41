"""Liveness and readiness probes for load balancers and orchestrators, as JSON."""

import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """The process is alive and serving requests."""
    return JsonResponse({"status": "ok"})


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_redis() -> str:
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
    try:
        client.ping()
    finally:
        client.close()
    return "ok"


def _check_e2() -> str:
    from portal.e2.client import open_client

    with open_client(read_timeout=3, deadline=5, max_attempts=1) as client:
        client.list_regions()
    return "ok"


@never_cache
@require_GET
def readyz(request):
    """The database, Redis (when configured) and the e2 API are all reachable."""
    checks = {"database": _check_database, "e2": _check_e2}
    if settings.REDIS_URL:
        checks["redis"] = _check_redis
    results, ready = {}, True
    for name, check in checks.items():
        started = time.monotonic()
        try:
            status = check()
        except Exception as error:  # a probe reports every failure, never raises
            status, ready = f"error: {type(error).__name__}", False
        results[name] = {"status": status, "ms": round((time.monotonic() - started) * 1000, 1)}
    answer = {"status": "ok" if ready else "unavailable"}
    # A brand's customers may reach this too: they learn whether it is up, not what it runs on.
    if not getattr(request, "is_brand_domain", False):
        answer["checks"] = results
    return JsonResponse(answer, status=200 if ready else 503)
