"""Every staff URL refuses the actors its row in role_matrix.py does not list (T06).

Each cell (URL x method x actor) runs in a savepoint that is rolled back, so one actor's
change never becomes the next actor's state. The e2 API points at a closed port: a view that
calls it fails fast and answers with its error sentence.

"Allowed" means the request got past the role check: any answer but 403, 405 or a redirect
to the login page (a 404 for a sample object that does not exist is past the check). Server
errors behind the check are listed, since they are bugs, but they are not role mismatches.
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.static import serve

from portal.accounts.models import LoginSession, User
from portal.storage.models import AccessKey, Region, Storage
from tests.factories import BrandFactory, CustomerFactory, UserFactory
from tests.staff import role_matrix as matrix

pytestmark = pytest.mark.django_db

LOGIN_REDIRECT_PREFIX = redirect_to_login("/")["Location"].split("?")[0] + "?next="


def named_routes() -> dict[str, list[frozenset[str]]]:
    """Every URL name the matrix must cover -> the argument names of each of its patterns."""
    found: dict[str, list[frozenset[str]]] = {}

    def walk(patterns, namespaces, parameters):
        for pattern in patterns:
            names = parameters | set(pattern.pattern.regex.groupindex)
            if isinstance(pattern, URLResolver):
                namespace = (pattern.namespace,) if pattern.namespace else ()
                walk(pattern.url_patterns, namespaces + namespace, names)
            elif isinstance(pattern, URLPattern):
                if pattern.callback is serve:
                    continue
                if namespaces and namespaces[0] in matrix.EXCLUDED_NAMESPACES:
                    continue
                name = ":".join((*namespaces, str(pattern.name)))
                if name in matrix.EXCLUDED_NAMES:
                    continue
                found.setdefault(name, []).append(frozenset(names))

    walk(get_resolver().url_patterns, (), set())
    return found


@pytest.fixture
def samples(db):
    brand = BrandFactory(is_default=True)
    customer = CustomerFactory(brand=brand)
    region = Region.objects.create(key="TX", name="Dallas", country="United States", code="tx")
    storage = Storage.objects.create(customer=customer, region=region, storage_dn="tx.example")
    users = {
        matrix.OWNER: UserFactory(email="owner@reseller.example", role=User.Role.OWNER),
        matrix.ADMIN: UserFactory(email="admin@reseller.example", role=User.Role.ADMIN),
        matrix.SUPPORT: UserFactory(email="support@reseller.example", role=User.Role.SUPPORT),
        matrix.CUSTOMER: UserFactory(email="customer@client.example", role=User.Role.CUSTOMER),
    }
    return SimpleNamespace(
        users=users,
        brand=brand,
        customer=customer,
        region=region,
        storage=storage,
        access_key=AccessKey.objects.create(storage=storage, key_id="AKSAMPLE", name="sample"),
        colleague=UserFactory(email="colleague@reseller.example", role=User.Role.ADMIN),
        owner_session=LoginSession.objects.create(
            user=users[matrix.OWNER], session_key="sample-session-of-the-owner"
        ),
    )


def parameters_of(access, patterns) -> frozenset[str]:
    """The arguments to fill: the only pattern's, or, where one name has several patterns,
    those of the pattern whose arguments the row gives."""
    if len(patterns) == 1:
        return patterns[0]
    assert frozenset(access.kwargs) in patterns, f"give exactly the arguments of one of {patterns}"
    return frozenset(access.kwargs)


def url_for(name, access, parameters, samples) -> str:
    kwargs = {}
    for parameter in parameters:
        value = access.kwargs.get(parameter, matrix.SAMPLE_KWARGS.get(parameter))
        kwargs[parameter] = value(samples) if callable(value) else value
    return reverse(name, kwargs=kwargs)


def outcome(response) -> str:
    if response.status_code == 403:
        return "denied"
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith(LOGIN_REDIRECT_PREFIX):
        return "denied"
    if response.status_code == 405:
        return "not offered"
    return "allowed"


def as_expected(result: str, allowed: frozenset | None, actor: str) -> bool:
    if allowed is matrix.NOT_OFFERED:
        return result in ("denied", "not offered")
    return (result == "allowed") == (actor in allowed)


def request_as(actor, samples, method, url):
    with transaction.atomic():
        browser = Client(raise_request_exception=False)
        if actor != matrix.ANONYMOUS:
            browser.force_login(samples.users[actor])
        response = getattr(browser, method)(url)
        transaction.set_rollback(True)
    return response


def test_every_staff_url_refuses_the_roles_its_row_does_not_list(
    samples, settings, unused_tcp_port
):
    settings.E2_API_URL = f"http://127.0.0.1:{unused_tcp_port}"
    settings.E2_MAX_ATTEMPTS = 1
    routes = named_routes()
    missing = sorted(set(routes) - set(matrix.ROUTES))
    gone = sorted(set(matrix.ROUTES) - set(routes))

    cells, mismatches, server_errors = 0, [], []
    for name in sorted(set(routes) & set(matrix.ROUTES)):
        rows = matrix.ROUTES[name]
        for access in rows if isinstance(rows, tuple) else (rows,):
            url = url_for(name, access, parameters_of(access, routes[name]), samples)
            for method, allowed in (("get", access.get), ("post", access.post)):
                for actor in matrix.ACTORS:
                    response = request_as(actor, samples, method, url)
                    cells += 1
                    result = outcome(response)
                    if response.status_code >= 500:
                        server_errors.append(f"{method.upper()} {url} as {actor}")
                    if not as_expected(result, allowed, actor):
                        mismatches.append(
                            f"{method.upper()} {url} ({name}) as {actor}: {result} "
                            f"({response.status_code} {response.get('Location', '')})"
                        )

    print(
        f"FIGURE cells={cells} mismatches={len(mismatches)} "
        f"routes_missing_from_table={len(missing)}"
    )
    if server_errors:
        print("Server errors behind the role check:", *server_errors, sep="\n  ")
    assert not missing, f"URLs missing from tests/accounts/role_matrix.py: {missing}"
    assert not gone, f"Rows for URLs that no longer exist: {gone}"
    assert not mismatches, "\n".join(mismatches)
