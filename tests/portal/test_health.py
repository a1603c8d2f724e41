import pytest

pytestmark = pytest.mark.django_db


def test_healthz_says_the_process_is_alive(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reports_database_and_e2_ready(client, e2, settings):
    settings.REDIS_URL = ""
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["e2"]["status"] == "ok"
    assert "redis" not in body["checks"]


@pytest.mark.redis
def test_readyz_checks_redis_when_it_is_configured(client, e2, settings):
    import os

    settings.REDIS_URL = os.environ["REDIS_URL"]
    body = client.get("/readyz").json()
    assert body["checks"]["redis"]["status"] == "ok"


def test_readyz_is_unavailable_when_e2_cannot_be_reached(client, settings, unused_tcp_port):
    settings.E2_API_URL = f"http://127.0.0.1:{unused_tcp_port}"
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["e2"]["status"].startswith("error")
    assert body["checks"]["database"]["status"] == "ok"


def test_readyz_is_unavailable_when_redis_cannot_be_reached(client, e2, settings, unused_tcp_port):
    settings.REDIS_URL = f"redis://127.0.0.1:{unused_tcp_port}/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"]["status"].startswith("error")


def test_readyz_on_a_brand_domain_says_only_whether_it_is_up(client, e2):
    from django.core.cache import cache

    from tests.factories import BrandFactory

    cache.clear()
    brand = BrandFactory(name="Bluebird Cloud")
    brand.domains.create(domain="cloud.bluebird.test")

    answer = client.get("/readyz", HTTP_HOST="cloud.bluebird.test")

    assert answer.json() == {"status": "ok"}
    assert "e2" not in answer.content.decode()
    cache.clear()
