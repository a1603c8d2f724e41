"""Every page of both consoles, in a real Chromium, at a phone and a laptop width, with axe.

The pages are derived from the URL maps (``portal/staff/urls.py`` and ``portal/console/urls.py``):
every route is either visited (``PAGES``) or in the commented ``SKIPPED`` list, and
``test_every_route_is_visited_or_skipped`` fails on a route that is neither, so a new page
cannot escape. Customer pages are seen in both brands' colours (a dark blue and a light
orange brand), staff pages once; each at 390 px and 1366 px.

For every visit a full-page screenshot is saved to
``var/screenshots/<console>-<brand>-<page>-<width>.png`` (``var/`` is git-ignored), then:

* at 390 px the document may not be wider than the viewport; the failure names the widest
  offending elements (tag#id.class) that are not inside a horizontally scrolling box;
* axe-core (vendored, ``tests/vendor/axe-core``) may find no ``serious`` or ``critical``
  violation, colour contrast included.

All failures of a case (console and width) are collected and asserted once at its end.
Run: ``.venv/bin/python -m pytest tests/browser -m browser``.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from portal.console import urls as console_urls
from portal.staff import urls as staff_urls
from tests.browser.conftest import BRANDS, PASSWORD
from tests.factories import DEFAULT_PASSWORD

REPOSITORY = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPOSITORY / "var" / "screenshots"
AXE = REPOSITORY / "tests" / "vendor" / "axe-core" / "axe.min.js"
AXE_URL = "/__axe__/axe.min.js"
# Registered before any page script runs: every policy violation of the page is kept.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective}: ${event.blockedURI || 'inline'} at ` +
      `${event.sourceFile || ''}:${event.lineNumber}`
  );
});
"""


def new_context(browser, **options):
    """A browser context that records policy violations and can load axe-core."""
    context = browser.new_context(**options)
    context.add_init_script(CSP_LISTENER)
    context.route(
        f"**{AXE_URL}",
        lambda route: route.fulfill(path=str(AXE), content_type="application/javascript"),
    )
    return context


WIDTHS = (390, 1366)
BLOCKING_IMPACTS = {"serious", "critical"}
HTMX_SETTLE_MS = 5_000


# The pages -----------------------------------------------------------------------------------

MEMBER, ANONYMOUS, PENDING_CODE = "member", "anonymous", "pending code"


@dataclass(frozen=True)
class Page:
    """One page to visit: a route, how to fill its URL, and who looks at it."""

    route: str  # "namespace:name" as in reverse()
    kwargs: Callable = lambda world, side: {}
    who: str = MEMBER  # the logged-in person, nobody, or someone halfway through a 2FA login
    variant: str = ""  # tells apart two visits of one route (e.g. two lifecycle actions)
    lands: str = ""  # a regular expression for the path it redirects to, if it does

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", f"{self.route}-{self.variant}".lower()).strip("-")


def customer_pk(world, side):
    return {"pk": side.customer.pk}


def storage_of(world, side):
    return {"pk": side.customer.pk, "storage_pk": side.tenant.storage.pk}


def reset_link(world, side):
    # Made at visit time: the token depends on last_login, which the member context changed.
    user = side.customer.user
    user.refresh_from_db()
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


def staff_set_password_link(world, side):
    _, _, uidb64, token, _ = world.staff_set_password_path.rsplit("/", 4)
    return {"uidb64": uidb64, "token": token}


STAFF_PAGES = [
    Page("dashboard"),
    Page("accounts:login", who=ANONYMOUS),
    Page("accounts:forgot_password", who=ANONYMOUS),
    Page("accounts:two_factor_verify", who=PENDING_CODE),
    # Django's set-password view moves the token into the session, then redirects.
    Page(
        "accounts:set_password",
        staff_set_password_link,
        who=ANONYMOUS,
        lands=r"/login/set-password/[^/]+/choose/",
    ),
    Page("account:overview"),
    Page("account:two_factor_enrol"),
    Page("reseller:api"),
    Page("reseller:regions"),
    Page("reseller:security"),
    Page("reseller:defaults"),
    Page("reseller:staff"),
    Page("reseller:staff_invite"),
    # Confirmations of a colleague's deactivation, second-factor reset, and a withdrawal.
    Page("reseller:staff_deactivate", lambda world, side: {"pk": world.two_factor_staff.pk}),
    Page("reseller:staff_reset_two_factor", lambda world, side: {"pk": world.two_factor_staff.pk}),
    Page("reseller:staff_withdraw_invitation", lambda world, side: {"pk": world.staff_invitee.pk}),
    Page("branding:list"),
    Page("branding:create"),
    Page("branding:edit", lambda world, side: {"pk": side.brand.pk}),
    Page("branding:delete", lambda world, side: {"pk": side.brand.pk}),
    Page("branding:sessions"),
    Page("customers:list"),
    # Opened from the list with rows selected; without a selection it says so (the selected
    # case is checked in tests/browser/test_customer_list_browser.py).
    Page("customers:bulk", lambda world, side: {"action": "disable"}, variant="disable"),
    Page("customers:create"),
    Page("customers:invite"),
    Page("customers:detail", customer_pk),
    Page("customers:set_password", customer_pk),
    Page("customers:reset_link", customer_pk),
    Page(
        "customers:lifecycle",
        lambda w, s: {"pk": s.customer.pk, "action": "disable"},
        variant="disable",
    ),
    Page(
        "customers:lifecycle",
        lambda w, s: {"pk": s.customer.pk, "action": "remove"},
        variant="remove",
    ),
    Page("customers:usage", customer_pk),
    Page("customers:activity", customer_pk),
    Page("customers:regions", customer_pk),
    Page("customers:remove_region", storage_of),
    Page("customers:keys", customer_pk),
    Page("customers:remove_key", lambda w, s: {**storage_of(w, s), "key_pk": s.tenant.key.pk}),
    Page("customers:subusers", customer_pk),
    Page(
        "customers:subuser_update",
        lambda w, s: {"pk": s.customer.pk, "subuser_pk": s.tenant.subuser.pk},
    ),
    Page(
        "customers:subuser_activity",
        lambda w, s: {"pk": s.customer.pk, "subuser_pk": s.tenant.subuser.pk},
    ),
    Page(
        "customers:subuser_action",
        lambda w, s: {"pk": s.customer.pk, "action": "disable", "email": s.tenant.subuser.email},
    ),
    Page("jobs:detail", lambda world, side: {"job_id": world.job.pk}),
    Page("jobs:customer_jobs", lambda world, side: {"customer_id": side.customer.pk}),
    Page("jobs:attach_domain", lambda world, side: {"storage_id": side.tenant.storage.pk}),
    Page("jobs:replace_domain", lambda world, side: {"domain_id": world.domain.pk}),
    Page("jobs:detach_domain", lambda world, side: {"domain_id": world.domain.pk}),
    Page("audit:list"),
]

CONSOLE_PAGES = [
    Page("console:dashboard"),
    Page("console:login", who=ANONYMOUS),
    Page("console:login_code", who=PENDING_CODE),
    Page("console:password_reset", who=ANONYMOUS),
    Page("console:password_reset_confirm", reset_link, who=ANONYMOUS),
    Page(
        "console:accept_invitation",
        lambda world, side: {"token": side.customer_invitation_token},
        who=ANONYMOUS,
    ),
    Page("console:regions"),
    Page("console:cors", lambda world, side: {"storage_pk": side.tenant.storage.pk}),
    Page("console:keys"),
    Page(
        "console:remove_key",
        lambda world, side: {"storage_pk": side.tenant.storage.pk, "key_pk": side.tenant.key.pk},
    ),
    Page("console:activity"),
    Page("console:team"),
    Page("console:team_invite"),
    Page("console:team_create"),
    Page(
        "console:team_join",
        lambda world, side: {"token": side.tenant.invitation_token},
        who=ANONYMOUS,
    ),
    Page("console:team_edit", lambda world, side: {"pk": side.tenant.subuser.pk}),
    Page("console:team_activity", lambda world, side: {"pk": side.tenant.subuser.pk}),
    Page("console:team_action", lambda w, s: {"pk": s.tenant.subuser.pk, "action": "disable"}),
    Page(
        "console:team_invitation_action",
        lambda w, s: {"pk": s.tenant.invitation.pk, "action": "cancel"},
        variant="cancel",
    ),
    Page("console:account"),
    Page("console:two_factor"),
]

# Routes not visited, and why. A route missing from both lists fails the coverage test.
SKIPPED = {
    # Downloads, not pages.
    "customers:usage_csv": "CSV download",
    "customers:export": "CSV download",
    "customers:activity_export": "CSV/PDF download",
    "audit:export": "CSV download",
    "usage:monthly_report_csv": "CSV download",
    "usage:customer_csv": "CSV download",
    "console:activity_export": "CSV/PDF download",
    # Logging out (POST only).
    "accounts:logout": "logout",
    # Support view: POST to start and end it; its single-use link is checked (valid and spent)
    # in tests/browser/test_support_tools_browser.py.
    "customers:view_as": "POST",
    "console:support_view_end": "POST",
    "console:support_view_start": "single-use link",
    "console:logout": "logout",
    # htmx fragments: loaded into the tab or page that is visited, not whole pages.
    "customers:usage_fragment": "fragment of customers:usage",
    "customers:activity_fragment": "fragment of customers:activity",
    "customers:keys_fragment": "fragment of customers:keys",
    "customers:subusers_fragment": "fragment of customers:subusers",
    "jobs:status": "fragment of jobs:detail (polled)",
    "console:usage_chart": "fragment of console:dashboard",
    "console:recent_activity": "fragment of console:dashboard",
    "console:keys_fragment": "fragment of console:keys",
    "console:activity_fragment": "fragment of console:activity",
    "console:team_list": "fragment of console:team",
    # GET does something and redirects: no page of its own.
    "customers:refresh_regions": "re-reads regions from e2, redirects to customers:regions",
    # POST-only (405 on GET) or POST targets of forms shown on visited pages (400 on GET).
    "account:password": "POST (form on account:overview)",
    "console:backup_codes": "POST (form on console:account)",
    "console:session_ping": "POST (the idle warning's Stay signed in)",
    "account:end_session": "POST",
    "account:end_other_sessions": "POST",
    "account:backup_codes": "POST (after account:two_factor_enrol)",
    "account:two_factor_disable": "POST",
    "reseller:api_test": "POST",
    "reseller:regions_sync": "POST",
    "reseller:region_access": "POST (form on reseller:regions)",
    "reseller:staff_role": "POST",
    "reseller:staff_reactivate": "POST",
    "reseller:staff_send_link": "POST",
    "branding:preview": "POST (live preview on branding:create/edit)",
    "customers:refresh": "POST",
    "customers:invitation_action": "POST",
    "customers:enable_region": "POST (form on customers:regions)",
    "customers:set_cors": "POST (form on customers:regions)",
    "customers:create_key": "POST (form on customers:keys)",
    "customers:subuser_invite": "POST (form on customers:subusers)",
    "customers:subuser_create": "POST (form on customers:subusers)",
    "jobs:cancel": "POST",
    "console:enable_region": "POST (form on console:regions)",
    "console:create_key": "POST (form on console:keys)",
    "console:change_password": "POST (form on console:account)",
    "console:session_settings": "POST (form on console:account)",
    "console:end_session": "POST",
    "console:end_others": "POST",
    "console:two_factor_off": "POST",
}


def route_names(patterns, namespace=None):
    """Every named route of a URL map, as "namespace:name"."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            yield from route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"unnamed route {pattern.pattern}: name it to test it"
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def all_routes() -> dict[str, set[str]]:
    return {
        "staff": set(route_names(staff_urls.urlpatterns)),
        "customer": set(route_names(console_urls.urlpatterns, console_urls.app_name)),
    }


PAGES = {"staff": STAFF_PAGES, "customer": CONSOLE_PAGES}


def test_every_route_is_visited_or_skipped():
    problems = []
    for console, routes in all_routes().items():
        visited = {page.route for page in PAGES[console]}
        for route in sorted(routes - visited - SKIPPED.keys()):
            problems.append(f"{console} route {route!r} is neither in PAGES nor in SKIPPED")
        for route in sorted(visited - routes):
            problems.append(f"{console} page {route!r} is not in the URL map any more")
    everything = set().union(*all_routes().values())
    for route in sorted(SKIPPED.keys() - everything):
        problems.append(f"skipped route {route!r} is not in the URL map any more")
    assert not problems, "\n".join(problems)


# In the browser ------------------------------------------------------------------------------

OVERFLOW_JS = """
() => {
  const limit = window.innerWidth;
  const width = document.documentElement.scrollWidth;
  if (width <= limit) return null;
  // The ancestor that keeps an element from widening the page: a box that scrolls or clips
  // sideways, or a fixed one. body and html scroll the viewport itself: stop below them.
  const clipper = el => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) return up;
      if (style.position === 'fixed') return up;
    }
    return null;
  };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const offenders = [], clipped = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (style.position === 'fixed' || style.display === 'none') continue;
    // What spills out of a box (an unbreakable word, a wide child) reaches beyond its edge.
    const reach = style.overflowX === 'visible' ? box.left + el.scrollWidth : box.right;
    const right = Math.max(box.right, reach);
    if (right <= limit + 1) continue;
    let depth = 0;
    for (let up = el; up; up = up.parentElement) depth++;
    const text = (el.innerText || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    const found = {name: name(el), right: Math.round(right), width: Math.round(box.width),
                   depth, text};
    const inside = clipper(el);
    if (inside) {
      found.inside = `${name(inside)} (overflow-x: ${getComputedStyle(inside).overflowX})`;
      clipped.push(found);
    } else {
      offenders.push(found);
    }
  }
  const widest = list => list.sort((a, b) => b.right - a.right || b.depth - a.depth).slice(0, 3);
  // None outside a scrolling box: report what such boxes hold (one of them widens the page).
  return {width, limit, offenders: widest(offenders.length ? offenders : clipped)};
}
"""

AXE_JS = """
async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
    data: v.nodes.slice(0, 1).map(n => {
      const d = (n.any[0] || {}).data;
      return d && d.contrastRatio
        ? `${d.fgColor} on ${d.bgColor} = ${d.contrastRatio}:1 (needs ${d.expectedContrastRatio})`
        : '';
    })[0] || '',
  }));
}
"""


def settle(page, problems):
    page.wait_for_load_state("networkidle")
    try:
        page.wait_for_function(
            "() => !document.querySelector('.htmx-request')", timeout=HTMX_SETTLE_MS
        )
    except Exception:
        problems.append(f"an htmx request was still running after {HTMX_SETTLE_MS} ms")


def check_page(page, width, shot: Path) -> list[str]:
    problems = []
    settle(page, problems)
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    if width <= 390:
        overflow = page.evaluate(OVERFLOW_JS)
        if overflow:
            culprits = (
                "; ".join(
                    f"{o['name']} (right edge {o['right']} px, {o['width']} px wide"
                    + (f", “{o['text']}”" if o["text"] else "")
                    + (f", inside {o['inside']}" if o.get("inside") else "")
                    + ")"
                    for o in overflow["offenders"]
                )
                or "no single element found"
            )
            problems.append(
                f"document is {overflow['width']} px wide in a {overflow['limit']} px "
                f"viewport; widest: {culprits}"
            )
    for violation in page.evaluate("() => window.__cspViolations || []"):
        problems.append(f"Content-Security-Policy refused {violation}")
    # Loaded as a same-origin script, which the page's policy allows, not inlined.
    page.add_script_tag(url=AXE_URL)
    for violation in page.evaluate(AXE_JS):
        if violation["impact"] in BLOCKING_IMPACTS:
            detail = f" [{violation['data']}]" if violation["data"] else ""
            problems.append(
                f"axe {violation['id']} ({violation['impact']}, {violation['count']} nodes): "
                f"{violation['help']}; {', '.join(violation['targets'])}{detail}"
            )
    return problems


@dataclass
class Side:
    """One brand's view: its data, and the browser contexts looking at it."""

    console: str
    label: str  # brand slug in file names, "portal" for the staff console
    base_url: str
    brand: object
    customer: object
    tenant: object
    customer_invitation_token: str = ""


def log_in(context, login_path, email, password, expect_path):
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(login_path)
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: urlsplit(url).path == expect_path)
    return page


def sides_for(console, world, port):
    if console == "staff":
        northwind = world.brands["northwind"]
        return [
            Side(
                "staff",
                "portal",
                f"http://127.0.0.1:{port}",
                northwind.brand,
                northwind.customer,
                northwind.tenant,
            )
        ]
    return [
        Side(
            "customer",
            slug,
            f"http://{bw.host}:{port}",
            bw.brand,
            bw.customer,
            bw.tenant,
            bw.customer_invitation_token,
        )
        for slug, bw in world.brands.items()
    ]


def member_login(console, world, side):
    if console == "staff":
        return "/login/", world.owner.email, DEFAULT_PASSWORD, "/"
    return "/console/login/", side.customer.email, PASSWORD, "/console/"


def pending_code_login(console, world, side):
    if console == "staff":
        return "/login/", world.two_factor_staff.email, DEFAULT_PASSWORD, "/login/verify/"
    coded = world.brands[side.label].two_factor_email
    return "/console/login/", coded, PASSWORD, "/console/login/code/"


def visit(context_page, path):
    response = context_page.goto(path)
    return response.status if response else None


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
@pytest.mark.parametrize("console", ["staff", "customer"])
def test_every_page_fits_and_passes_axe(console, width, world, live_server, brand_chromium):
    port = live_server.url.rsplit(":", 1)[1]
    failures = []
    for side in sides_for(console, world, port):
        viewport = {"viewport": {"width": width, "height": 900}, "base_url": side.base_url}
        member = new_context(brand_chromium, **viewport)
        member_page = log_in(member, *member_login(console, world, side))
        anonymous = new_context(brand_chromium, **viewport)
        anonymous_page = anonymous.new_page()
        anonymous_page.set_default_timeout(15_000)
        try:
            # Members first: the reset link made for the anonymous visit must outlive the login.
            for page_spec in sorted(PAGES[console], key=lambda p: p.who != MEMBER):
                path = reverse(page_spec.route, kwargs=page_spec.kwargs(world, side))
                where = f"{console} {side.label} {page_spec.slug} {width}px ({path})"
                pending = None
                if page_spec.who == MEMBER:
                    page = member_page
                elif page_spec.who == ANONYMOUS:
                    page = anonymous_page
                try:
                    if page_spec.who == PENDING_CODE:
                        pending = new_context(brand_chromium, **viewport)
                        page = log_in(pending, *pending_code_login(console, world, side))
                    status = visit(page, path)
                    problems = []
                    if status != 200:
                        problems.append(f"answered HTTP {status}")
                    landed = urlsplit(page.url).path
                    if landed != path and not (
                        page_spec.lands and re.fullmatch(page_spec.lands, landed)
                    ):
                        problems.append(f"redirected to {landed}")
                    shot = SCREENSHOTS / f"{console}-{side.label}-{page_spec.slug}-{width}.png"
                    problems += check_page(page, width, shot)
                except Exception as error:  # a page that cannot be checked is a failure too
                    problems = [f"could not be checked: {error}".splitlines()[0]]
                finally:
                    if pending is not None:
                        pending.close()
                failures += [f"{where}: {problem}" for problem in problems]
        finally:
            member.close()
            anonymous.close()
    assert not failures, f"{len(failures)} problem(s):\n" + "\n".join(failures)


def test_the_two_brands_have_a_dark_and_a_light_primary_colour():
    from branding.colours import foreground_on

    foregrounds = {foreground_on(spec["primary"]) for spec in BRANDS.values()}
    assert len(foregrounds) == 2, "one brand should take white text, the other dark text"
