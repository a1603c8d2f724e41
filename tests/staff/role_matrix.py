"""Who may use each staff URL: the table the role-matrix test walks, deny-by-default.

Every named URL outside the customer console (``console:``) and Django admin (``admin:``)
must have a row here, or the test fails: a new view is added to this table with it.

A row is ``"namespace:name": Access(get=..., post=...)``:

- ``get`` / ``post``: the actors who may use that method, or ``NOT_OFFERED`` when the URL
  does not answer it (405, or refused to everyone). Anyone not listed must be refused:
  403 when logged in, a redirect to the login page when anonymous.
- ``kwargs``: URL arguments. Left out, each argument comes from ``SAMPLE_KWARGS`` below by its
  name; a callable receives the test's sample objects (``samples.customer``...).
- A URL that behaves differently per argument (``customers:lifecycle``'s actions) has a tuple
  of rows, one per sample.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

OWNER, ADMIN, SUPPORT, CUSTOMER, ANONYMOUS = "owner", "admin", "support", "customer", "anonymous"
ACTORS = (OWNER, ADMIN, SUPPORT, CUSTOMER, ANONYMOUS)

EVERYONE = frozenset(ACTORS)
LOGGED_IN = EVERYONE - {ANONYMOUS}
READ = frozenset({OWNER, ADMIN, SUPPORT})
CHANGE = frozenset({OWNER, ADMIN})
OWNERS = frozenset({OWNER})
NOT_OFFERED = None

# A primary key that matches nothing: allowed actors get a 404 after the role check.
MISSING = 987654


@dataclass(frozen=True)
class Access:
    get: frozenset | None
    post: frozenset | None
    kwargs: dict | Callable = field(default_factory=dict)


def page(roles, **kwargs):
    """A page that answers GET and POST (a form) to the same actors."""
    return Access(get=roles, post=roles, kwargs=kwargs)


def read_only(roles, **kwargs):
    return Access(get=roles, post=NOT_OFFERED, kwargs=kwargs)


def action(roles, **kwargs):
    """A POST-only endpoint."""
    return Access(get=NOT_OFFERED, post=roles, kwargs=kwargs)


# URL argument name -> sample value (or a function of the samples).
SAMPLE_KWARGS = {
    "pk": lambda s: s.customer.pk,
    "customer_id": lambda s: s.customer.pk,
    "storage_pk": lambda s: s.storage.pk,
    "storage_id": lambda s: s.storage.pk,
    "key_pk": lambda s: s.access_key.pk,
    "job_id": MISSING,
    "domain_id": MISSING,
    "subuser_pk": MISSING,
    "email": "member@client.example",
    "action": "disable",
    "file_format": "csv",
    "uidb64": "MQ",
    "token": "set-password",
    "kind": "logo",
}

COLLEAGUE = {"pk": lambda s: s.colleague.pk}

ROUTES = {
    # Logging in and out.
    "accounts:login": page(EVERYONE),
    "accounts:logout": action(EVERYONE),
    "accounts:two_factor_verify": page(LOGGED_IN),
    "accounts:forgot_password": page(EVERYONE),
    "accounts:set_password": page(EVERYONE),
    # My account.
    "account:overview": read_only(READ),
    "account:password": action(READ),
    "account:end_session": action(READ, pk=lambda s: s.owner_session.pk),
    "account:end_other_sessions": action(READ),
    "account:two_factor_enrol": page(READ),
    "account:backup_codes": action(READ),
    "account:two_factor_disable": action(READ),
    # Settings: owners only.
    "reseller:api": page(OWNERS),
    "reseller:api_test": action(OWNERS),
    "reseller:regions": read_only(OWNERS),
    "reseller:regions_sync": action(OWNERS),
    "reseller:region_access": action(OWNERS, pk=lambda s: s.region.pk),
    "reseller:security": page(OWNERS),
    "reseller:defaults": page(OWNERS),
    "reseller:staff": read_only(OWNERS),
    "reseller:staff_invite": page(OWNERS),
    "reseller:staff_role": action(OWNERS, **COLLEAGUE),
    "reseller:staff_deactivate": page(OWNERS, **COLLEAGUE),  # GET asks to confirm
    "reseller:staff_reactivate": action(OWNERS, **COLLEAGUE),
    "reseller:staff_reset_two_factor": page(OWNERS, **COLLEAGUE),  # GET asks to confirm
    "reseller:staff_send_link": action(OWNERS, **COLLEAGUE),
    "reseller:staff_withdraw_invitation": page(OWNERS, **COLLEAGUE),  # GET asks to confirm
    # The reseller console.
    "dashboard": page(READ),
    "customers:list": page(READ),
    "customers:export": read_only(READ),
    "customers:bulk": page(CHANGE, action="disable"),
    "customers:refresh": action(CHANGE),
    "customers:create": page(CHANGE),
    "customers:invite": page(CHANGE),
    "customers:invitation_action": action(CHANGE, pk=MISSING, action="resend"),
    "customers:detail": page(READ),
    "customers:set_password": page(CHANGE),
    "customers:reset_link": page(CHANGE),
    "customers:view_as": action(READ),
    "customers:lifecycle": (
        page(CHANGE, action="disable"),
        page(CHANGE, action="enable"),
        page(CHANGE, action="remove"),
        page(READ, action="reset_link"),
    ),
    "customers:usage": page(READ),
    "customers:usage_fragment": page(READ),
    "customers:usage_csv": page(READ),
    "customers:activity": page(READ),
    "customers:activity_fragment": page(READ),
    "customers:activity_export": page(READ),
    "customers:regions": page(READ),
    "customers:refresh_regions": page(CHANGE),
    "customers:enable_region": page(CHANGE),
    "customers:set_cors": page(CHANGE),
    "customers:remove_region": page(CHANGE),
    "customers:keys": page(READ),
    "customers:keys_fragment": page(READ),
    "customers:create_key": page(CHANGE),
    "customers:remove_key": page(CHANGE),
    "customers:subusers": page(READ),
    "customers:subusers_fragment": page(READ),
    "customers:subuser_invite": page(CHANGE),
    "customers:subuser_create": page(CHANGE),
    "customers:subuser_update": page(CHANGE),
    "customers:subuser_activity": page(READ),
    "customers:subuser_action": page(CHANGE, action="disable"),
    "audit:list": page(READ),
    "audit:export": page(READ),
    "jobs:detail": page(READ),
    "jobs:status": page(READ),
    "jobs:cancel": action(CHANGE),
    "jobs:customer_jobs": page(READ),
    "jobs:attach_domain": page(CHANGE),
    "jobs:replace_domain": page(CHANGE),
    "jobs:detach_domain": page(CHANGE),
    "usage:monthly_report_csv": page(READ),
    "usage:customer_csv": page(READ),
    # Branding settings.
    "branding:list": page(OWNERS),
    "branding:create": page(OWNERS),
    "branding:preview": (action(OWNERS), action(OWNERS, pk=lambda s: s.brand.pk)),
    "branding:edit": page(OWNERS, pk=lambda s: s.brand.pk),
    "branding:delete": page(OWNERS, pk=lambda s: s.brand.pk),
    "branding:sessions": page(CHANGE),
    "brand_asset": read_only(EVERYONE, pk=lambda s: s.brand.pk),
}

# Namespaces and names the matrix does not cover, and why.
EXCLUDED_NAMESPACES = {
    "admin",  # Django admin: its own permission system (tests/accounts/test_admin_two_factor.py)
    "console",  # the customer console: customers and sub-users, tested by its own matrix
}
EXCLUDED_NAMES = {"healthz", "readyz"}  # probes, public by design
