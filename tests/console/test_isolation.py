"""Every customer-facing URL, asked by one customer for another customer's objects (same brand
and another brand): 404, never 403, never the data. Pages without ids never show them either."""

import pytest
from django.urls import URLPattern, get_resolver

from portal.accounts.models import LoginSession
from tests.console.conftest import HOST_A, HOST_B, logged_in
from tests.console.tenants import furnish

pytestmark = pytest.mark.django_db

# Values for the URL arguments that are not object ids.
FIXED_ARGUMENTS = {
    "file_format": ["csv", "pdf"],
    "action": ["disable", "enable", "remove", "resend", "cancel"],
    "token": ["not-a-token"],
}
# Routes reached without logging in: probed with the other tenant's links below.
PUBLIC_ROUTES = {
    "login",
    "login_code",
    "logout",
    "password_reset",
    "password_reset_confirm",
    "accept_invitation",
    "team_join",
}
MODES = (("get", {}), ("get", {"HTTP_HX_REQUEST": "true"}), ("post", {}))


def console_routes():
    namespace = get_resolver().namespace_dict["console"][1]
    return [p for p in namespace.url_patterns if isinstance(p, URLPattern)]


def object_ids(pattern, victim) -> dict:
    """The victim's object for each id in this route."""
    route = str(pattern.pattern)
    if route.startswith("team/invitations/"):
        pk = victim.invitation.pk
    elif route.startswith("account/sessions/"):
        pk = LoginSession.objects.filter(user=victim.customer.user).first().pk
    else:
        pk = victim.subuser.pk
    return {"pk": pk, "storage_pk": victim.storage.pk, "key_pk": victim.key.pk}


def urls_for(pattern, ids=None):
    """Every URL of this route: object ids from ``ids``, other arguments from their values."""
    combos = [{}]
    for name in pattern.pattern.converters:
        values = FIXED_ARGUMENTS.get(name) or [ids[name]]
        combos = [{**combo, name: value} for combo in combos for value in values]
    urls = []
    for combo in combos:
        path = "/console/" + str(pattern.pattern)
        for name, value in combo.items():
            path = path.replace(f"<int:{name}>", str(value)).replace(f"<str:{name}>", str(value))
        urls.append(path)
    return urls


def has_object_ids(pattern) -> bool:
    return any(name not in FIXED_ARGUMENTS for name in pattern.pattern.converters)


def test_no_console_url_shows_or_changes_another_customers_objects(
    customer_a, neighbour_a, customer_b, e2
):
    own = furnish(customer_a, e2, "own")
    victims = [furnish(neighbour_a, e2, "near"), furnish(customer_b, e2, "far")]
    logged_in(neighbour_a, HOST_A), logged_in(customer_b, HOST_B)  # sessions to aim at
    browser = logged_in(customer_a, HOST_A)
    probes, leaks = 0, []

    def probe(method, url, headers):
        nonlocal probes
        probes += 1
        return getattr(browser, method)(url, **headers)

    for victim in victims:
        for pattern in console_routes():
            if pattern.name in PUBLIC_ROUTES:
                continue
            if has_object_ids(pattern):
                for url in urls_for(pattern, object_ids(pattern, victim)):
                    for method, headers in MODES:
                        status = probe(method, url, headers).status_code
                        if status not in (404, 405):
                            leaks.append((url, method, status))
                continue
            for url in urls_for(pattern):
                for method, headers in MODES[:2]:
                    response = probe(method, url, headers)
                    body = response.content.decode(errors="replace")
                    shown = [canary for canary in victim.canaries() if canary in body]
                    if shown or response.status_code >= 500:
                        leaks.append((url, response.status_code, shown))
        # A team invitation link of another brand's customer does not open on this domain.
        if victim.customer.brand_id != customer_a.brand_id:
            response = probe("get", f"/console/team/join/{victim.invitation_token}/", {})
            if response.status_code != 404:
                leaks.append(("team_join", response.status_code))

    for victim in victims:
        assert victim.customer.subusers.filter(pk=victim.subuser.pk, is_active=True).exists()
        assert victim.storage.access_keys.filter(pk=victim.key.pk).exists()
        assert LoginSession.objects.filter(user=victim.customer.user).exists()
    assert browser.get(f"/console/team/{own.subuser.pk}/").status_code == 200
    print(f"FIGURE T05 probes={probes} leaks={len(leaks)}")
    assert leaks == []
