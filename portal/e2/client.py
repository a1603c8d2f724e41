"""The e2 Reseller API client: one method per documented operation, typed in and out.

This module is the only code that knows the API's paths and JSON shapes. Transport concerns
(session, timeouts, deadline, retries, logging) live in `transport.py`; errors in `errors.py`.
"""

import base64
import datetime
import importlib.metadata
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any

from django.conf import settings

from .credentials import forget_saved_token, saved_token
from .endpoints import (
    ENDPOINTS,
    created_access_key,
    expect_flag,
    invite_url,
    records_of,
    storage_dn_added,
)
from .errors import E2MalformedResponse, E2Unauthorized
from .limits import PERMISSIONS
from .transport import (
    DEFAULT_BACKOFF_BASE,
    DEFAULT_BACKOFF_CAP,
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_DEADLINE,
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_READ_TIMEOUT,
    Reply,
    Transport,
)
from .types import (
    AccessKey,
    ActivityEntry,
    ActivityPage,
    Cname,
    CreatedAccessKey,
    Region,
    StorageAccess,
    Subuser,
    SubuserSettings,
    UsageDay,
    UserList,
    UserRegion,
    storage_access_to_api,
)


def portal_user_agent() -> str:
    """`reseller-portal/<version>`, as installed."""
    try:
        version = importlib.metadata.version("reseller-portal")
    except importlib.metadata.PackageNotFoundError:
        version = "dev"
    return f"reseller-portal/{version}"


def iso_date(value: datetime.date) -> str:
    """`YYYY-MM-DD`, the API's date format."""
    if not isinstance(value, datetime.date):
        raise TypeError(f"expected a datetime.date, got {type(value).__name__}")
    return f"{value:%Y-%m-%d}"


class E2Client:
    """A client for one reseller account of the e2 Reseller API.

    Commands return None and raise an E2Error subclass on failure; reads return frozen
    dataclasses. Dates go in as `datetime.date`. One pooled HTTP session per client: build one
    per process or job and reuse it.
    """

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        backoff_base: float = DEFAULT_BACKOFF_BASE,
        backoff_cap: float = DEFAULT_BACKOFF_CAP,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        session=None,
    ):
        self.transport = Transport(
            base_url,
            token,
            user_agent=portal_user_agent(),
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            deadline=deadline,
            max_attempts=max_attempts,
            backoff_base=backoff_base,
            backoff_cap=backoff_cap,
            max_body_bytes=max_body_bytes,
            session=session,
        )

    def __repr__(self) -> str:
        return f"E2Client({self.transport.base_url!r})"

    def __enter__(self) -> "E2Client":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the pooled connections."""
        self.transport.close()

    def _call(
        self,
        operation: str,
        payload: Mapping[str, Any] | None = None,
        parse: Callable[[Any], Any] | None = None,
    ) -> Reply:
        return self.transport.call(ENDPOINTS[operation], payload, parse)

    def _command(self, operation: str, payload: Mapping[str, Any], flag: str) -> Reply:
        """Call an operation whose success answer is `{flag: true, ...}`."""
        return self._call(operation, payload, partial(expect_flag, flag))

    # Reseller users --------------------------------------------------------------------------

    def list_users(self) -> UserList:
        """Every user under the reseller account."""
        return self._call("list_users", parse=UserList.from_api).body

    def create_user(
        self,
        email: str,
        password: str,
        first_name: str,
        last_name: str = "",
        *,
        quota_gb: int,
        email_notification: bool = False,
    ) -> None:
        """Create a user linked to the reseller; `password` is plain text (sent base64-encoded),
        `quota_gb` 0 means unlimited. Never retried after an ambiguous failure."""
        payload = {
            "email": email,
            "password": base64.b64encode(password.encode("utf-8")).decode("ascii"),
            "first_name": first_name,
            "quota": quota_gb,
            "email_notification": email_notification,
        }
        if last_name:
            payload["last_name"] = last_name
        self._command("create_user", payload, "user_created")

    def disable_user(self, email: str) -> None:
        """Disable the user: no login, no data access."""
        self._command("disable_user", {"email": email}, "user_disabled")

    def enable_user(self, email: str) -> None:
        """Re-enable a disabled user."""
        self._command("enable_user", {"email": email}, "user_enabled")

    def remove_user(self, email: str) -> None:
        """Delete a disabled user and all its data, permanently."""
        self._command("remove_user", {"email": email}, "user_removed")

    def usage_stats(
        self, email: str, date_from: datetime.date, date_to: datetime.date
    ) -> list[UsageDay]:
        """Daily storage use and transfer of the user between two dates, inclusive."""
        payload = {"email": email, "date_from": iso_date(date_from), "date_to": iso_date(date_to)}
        return self._call("usage_stats", payload, partial(records_of, UsageDay, None)).body

    def user_activity_history(
        self, email: str, start_date: datetime.date, end_date: datetime.date, page_no: int = 1
    ) -> ActivityPage:
        """One page (from 1, 200 records each) of the user's activity log."""
        payload = {
            "email": email,
            "start_date": iso_date(start_date),
            "end_date": iso_date(end_date),
            "page_no": page_no,
        }
        return self._call("user_activity_history", payload, ActivityPage.from_api).body

    def iter_user_activity(
        self, email: str, start_date: datetime.date, end_date: datetime.date
    ) -> Iterator[ActivityEntry]:
        """Every activity entry of the user in the date range, page after page."""
        return _all_pages(
            lambda page_no: self.user_activity_history(email, start_date, end_date, page_no)
        )

    # Storage ---------------------------------------------------------------------------------

    def list_regions(self) -> list[Region]:
        """Every region of the reseller account; only active ones can be enabled."""
        return self._call("list_regions", parse=partial(records_of, Region, "regions")).body

    def enable_user_region(self, email: str, region: str) -> str:
        """Enable a region (a `region_key` such as "NY") for the user; its storage DN.

        If a retry after an ambiguous failure finds the region already enabled, the storage DN
        is read back from list_user_regions.
        """
        reply = self._call(
            "enable_user_region", {"email": email, "region": region}, storage_dn_added
        )
        if reply.replayed_code is None:
            return reply.body
        for user_region in self.list_user_regions(email):
            if user_region.region_key == region:
                return user_region.storage_dn
        raise _malformed("enable_user_region", "enabled region not found in list_user_regions")

    def list_user_regions(self, email: str) -> list[UserRegion]:
        """The regions enabled for the user, with their storage DNs."""
        parse = partial(records_of, UserRegion, "user_regions")
        return self._call("list_user_regions", {"email": email}, parse).body

    def remove_user_region(self, email: str, storage_dn: str) -> None:
        """Remove a region from the user, deleting its data (refused while it holds buckets
        and the user is enabled)."""
        self._command("remove_user_region", {"email": email, "storage_dn": storage_dn}, "removed")

    def set_cors(self, email: str, storage_dn: str, cors: str | Sequence[str]) -> None:
        """Set the allowed CORS origins: up to 10 domains (a list or a comma-separated
        string), or "*" for all."""
        value = cors if isinstance(cors, str) else ",".join(cors)
        payload = {"email": email, "storage_dn": storage_dn, "cors": value}
        self._command("set_cors", payload, "cors_updated")

    def create_access_key(
        self,
        email: str,
        storage_dn: str,
        name: str,
        permissions: int,
        buckets: Sequence[str] | None = None,
    ) -> CreatedAccessKey:
        """Create an access key (permissions 0 read, 1 write, 2 read/write), for all buckets
        or only `buckets`. The secret is returned this once. Never retried after an
        ambiguous failure: a replay would create a second key."""
        if permissions not in PERMISSIONS:
            raise ValueError(f"unknown permissions value {permissions!r}")
        payload: dict[str, Any] = {
            "email": email,
            "storage_dn": storage_dn,
            "name": name,
            "permissions": permissions,
        }
        if buckets is not None:
            payload["buckets"] = list(buckets)
        return self._call("create_access_key", payload, created_access_key).body

    def list_access_keys(self, email: str, storage_dn: str) -> list[AccessKey]:
        """The access keys of one storage (without secrets)."""
        payload = {"email": email, "storage_dn": storage_dn}
        parse = partial(records_of, AccessKey, "access_keys")
        return self._call("list_access_keys", payload, parse).body

    def remove_access_key(self, email: str, storage_dn: str, access_key: str) -> None:
        """Revoke an access key."""
        payload = {"email": email, "storage_dn": storage_dn, "access_key": access_key}
        self._command("remove_access_key", payload, "removed")

    # Custom domains (CNAMEs) -----------------------------------------------------------------

    def add_cname(
        self,
        email: str,
        storage_dn: str,
        cname: str,
        public_key: str,
        private_key: str,
        file_index: str | None = None,
        passphrase: str | None = None,
    ) -> None:
        """Map a custom domain to the storage with its certificate (`public_key`, PEM) and
        private key (`passphrase` only for an encrypted key)."""
        payload = _cname_payload(email, storage_dn, cname, public_key, private_key)
        _add_optional(payload, file_index=file_index, passphrase=passphrase)
        self._command("add_cname", payload, "cname_added")

    def list_cnames(self, email: str, storage_dn: str) -> list[Cname]:
        """The custom domains of one storage, with what the API read from their certificates."""
        payload = {"email": email, "storage_dn": storage_dn}
        return self._call("list_cnames", payload, partial(records_of, Cname, "cname_list")).body

    def update_cname(
        self,
        email: str,
        storage_dn: str,
        cname: str,
        public_key: str,
        private_key: str,
        file_index: str | None = None,
        passphrase: str | None = None,
        region_key: str | None = None,
    ) -> None:
        """Replace the storage's custom domain and/or its certificate."""
        payload = _cname_payload(email, storage_dn, cname, public_key, private_key)
        _add_optional(payload, file_index=file_index, passphrase=passphrase, region_key=region_key)
        self._command("update_cname", payload, "cname_updated")

    def remove_cname(self, email: str, storage_dn: str, cname: str) -> None:
        """Remove a custom domain from the storage."""
        payload = {"email": email, "storage_dn": storage_dn, "cname": cname}
        self._command("remove_cname", payload, "cname_removed")

    # Sub-users -------------------------------------------------------------------------------

    def invite_subuser(self, admin_email: str, subuser: SubuserSettings) -> str:
        """Invite a sub-user to the account of `admin_email`; the invitation URL."""
        payload = {**subuser.to_api(), "admin_email": admin_email}
        return self._call("invite_subuser", payload, invite_url).body

    def list_subusers(self, admin_email: str) -> list[Subuser]:
        """The sub-users (invited and signed up) of the account of `admin_email`."""
        parse = partial(records_of, Subuser, "users")
        return self._call("list_subusers", {"admin_email": admin_email}, parse).body

    def create_subuser(
        self,
        admin_email: str,
        subuser: SubuserSettings,
        first_name: str,
        last_name: str,
        password: str,
    ) -> None:
        """Create a signed-up sub-user directly; `last_name` may be "", `password` is plain
        text (sent base64-encoded)."""
        payload = {
            **subuser.to_api(),
            "admin_email": admin_email,
            "first_name": first_name,
            "password": base64.b64encode(password.encode("utf-8")).decode("ascii"),
        }
        if last_name:
            payload["last_name"] = last_name
        self._command("create_subuser", payload, "success")

    def disable_subuser(
        self, admin_email: str, subuser_email: str, email_notification: bool = False
    ) -> None:
        """Disable a signed-up sub-user."""
        self._subuser_command("disable_subuser", admin_email, subuser_email, email_notification)

    def enable_subuser(
        self, admin_email: str, subuser_email: str, email_notification: bool = False
    ) -> None:
        """Re-enable a disabled sub-user."""
        self._subuser_command("enable_subuser", admin_email, subuser_email, email_notification)

    def remove_subuser(
        self, admin_email: str, subuser_email: str, email_notification: bool = False
    ) -> None:
        """Delete a disabled sub-user permanently."""
        self._subuser_command("remove_subuser", admin_email, subuser_email, email_notification)

    def cancel_subuser_invite(self, admin_email: str, subuser_email: str) -> None:
        """Withdraw the invitation of a sub-user who has not signed up."""
        payload = {"admin_email": admin_email, "subuser_email": subuser_email}
        self._command("cancel_subuser_invite", payload, "success")

    def update_subuser(
        self,
        admin_email: str,
        subuser_email: str,
        *,
        permissions: int | None = None,
        is_admin: bool | None = None,
        disable_delete_object: bool | None = None,
        sso_login: bool | None = None,
        allow_session_timeout_settings: bool | None = None,
        idle_timeout: int | None = None,
        concurrent_sessions: bool | None = None,
        allow_concurrent_session_settings: bool | None = None,
        storage_access: Sequence[StorageAccess] | None = None,
        expire_subuser_sessions: bool = False,
    ) -> None:
        """Change only the given settings of a sub-user (None leaves a setting as it is)."""
        changes = {
            "permissions": permissions,
            "is_admin": is_admin,
            "disable_delete_object": disable_delete_object,
            "sso_login": sso_login,
            "allow_session_timeout_settings": allow_session_timeout_settings,
            "idle_timeout": idle_timeout,
            "concurrent_sessions": concurrent_sessions,
            "allow_concurrent_session_settings": allow_concurrent_session_settings,
        }
        payload: dict[str, Any] = {
            "admin_email": admin_email,
            "subuser_email": subuser_email,
            **{name: value for name, value in changes.items() if value is not None},
        }
        if storage_access is not None:
            payload["storage_access"] = storage_access_to_api(storage_access)
        if len(payload) == 2 and not expire_subuser_sessions:
            raise ValueError("update_subuser needs at least one setting to change")
        payload["expire_subuser_sessions"] = expire_subuser_sessions
        self._command("update_subuser", payload, "success")

    def subuser_activity_history(
        self,
        admin_email: str,
        subuser_email: str,
        start_date: datetime.date,
        end_date: datetime.date,
        page_no: int = 1,
    ) -> ActivityPage:
        """One page (from 1, 200 records each) of a sub-user's activity log."""
        payload = {
            "admin_email": admin_email,
            "subuser_email": subuser_email,
            "start_date": iso_date(start_date),
            "end_date": iso_date(end_date),
            "page_no": page_no,
        }
        return self._call("subuser_activity_history", payload, ActivityPage.from_api).body

    def iter_subuser_activity(
        self,
        admin_email: str,
        subuser_email: str,
        start_date: datetime.date,
        end_date: datetime.date,
    ) -> Iterator[ActivityEntry]:
        """Every activity entry of a sub-user in the date range, page after page."""
        return _all_pages(
            lambda page_no: self.subuser_activity_history(
                admin_email, subuser_email, start_date, end_date, page_no
            )
        )

    def _subuser_command(
        self, operation: str, admin_email: str, subuser_email: str, email_notification: bool
    ) -> None:
        payload = {
            "admin_email": admin_email,
            "subuser_email": subuser_email,
            "email_notification": email_notification,
        }
        self._command(operation, payload, "success")


@contextmanager
def open_client(client: E2Client | None = None, **options) -> Iterator[E2Client]:
    """The one way the portal gets a client: ``with open_client(client) as e2: ...``.

    A client given is yielded untouched and left open for its owner; otherwise a new one is
    built by ``get_client(**options)`` and closed on the way out. A rejected token is
    forgotten, so the next client reads the one saved now (perhaps by another process).
    """
    try:
        if client is not None:
            yield client
            return
        with get_client(**options) as own_client:
            yield own_client
    except E2Unauthorized:
        forget_saved_token()
        raise


def get_client(base_url: str | None = None, token: str | None = None, **options) -> E2Client:
    """A new client for the configured API (settings E2_API_URL, E2_API_TOKEN and the E2_*
    timeouts); explicit arguments win. A token the owner saved in the portal (encrypted in
    the database, cached by ``credentials``) takes precedence over the environment's.

    The caller closes it; code outside this package uses ``open_client`` instead."""
    if token is None:
        saved = saved_token()
        token = saved.reveal() if saved is not None else settings.E2_API_TOKEN
    defaults = {
        "connect_timeout": settings.E2_CONNECT_TIMEOUT,
        "read_timeout": settings.E2_READ_TIMEOUT,
        "deadline": settings.E2_DEADLINE,
        "max_attempts": settings.E2_MAX_ATTEMPTS,
    }
    return E2Client(
        base_url if base_url is not None else settings.E2_API_URL, token, **(defaults | options)
    )


def _all_pages(fetch_page) -> Iterator[ActivityEntry]:
    page_no = 1
    while True:
        page = fetch_page(page_no)
        yield from page.logs
        if page.is_last:
            return
        page_no += 1


def _cname_payload(email, storage_dn, cname, public_key, private_key) -> dict[str, Any]:
    return {
        "email": email,
        "storage_dn": storage_dn,
        "cname": cname,
        "public_key": public_key,
        "private_key": private_key,
    }


def _add_optional(payload: dict[str, Any], **values: Any) -> None:
    payload.update({name: value for name, value in values.items() if value is not None})


def _malformed(operation: str, message: str) -> E2MalformedResponse:
    return E2MalformedResponse(message, code="malformed_response", operation=operation)
