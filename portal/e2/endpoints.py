"""The API's operations: HTTP method, path, how safe each is to repeat, and how the success
answers are read.

The table is the idempotency map of RELIABILITY §3.3; the transport retries by it.
"""

from collections.abc import Mapping
from typing import Any

from .errors import E2MalformedResponse
from .transport import Endpoint, Kind
from .types import CreatedAccessKey

RESELLER = "/api/reseller/v1"
SUBUSERS = "/api/subusers/v1"


def _endpoint(name, method, path, kind, *replay_codes):
    return Endpoint(name, method, path, kind, frozenset(replay_codes))


# Every documented operation, and how safe it is to repeat (RELIABILITY §3.3).
ENDPOINTS = {
    endpoint.name: endpoint
    for endpoint in (
        _endpoint("list_users", "GET", f"{RESELLER}/users", Kind.READ),
        _endpoint("create_user", "PUT", f"{RESELLER}/create_user", Kind.CREATE),
        _endpoint(
            "disable_user",
            "POST",
            f"{RESELLER}/disable_user",
            Kind.IDEMPOTENT,
            "user_account_already_disabled",
        ),
        _endpoint(
            "enable_user",
            "POST",
            f"{RESELLER}/enable_user",
            Kind.IDEMPOTENT,
            "user_account_already_enabled",
        ),
        _endpoint("remove_user", "POST", f"{RESELLER}/remove_user", Kind.DESTRUCTIVE),
        _endpoint("usage_stats", "POST", f"{RESELLER}/usage_stats", Kind.READ),
        _endpoint("user_activity_history", "POST", f"{RESELLER}/user_activity_history", Kind.READ),
        _endpoint("list_regions", "GET", f"{RESELLER}/regions", Kind.READ),
        _endpoint(
            "enable_user_region",
            "POST",
            f"{RESELLER}/enable_user_region",
            Kind.IDEMPOTENT,
            "region_already_enabled",
        ),
        _endpoint("list_user_regions", "POST", f"{RESELLER}/list_user_regions", Kind.READ),
        _endpoint("remove_user_region", "POST", f"{RESELLER}/remove_user_region", Kind.DESTRUCTIVE),
        _endpoint("set_cors", "POST", f"{RESELLER}/storage/set_cors", Kind.IDEMPOTENT),
        _endpoint("create_access_key", "POST", f"{RESELLER}/create_access_key", Kind.CREATE),
        _endpoint("list_access_keys", "POST", f"{RESELLER}/list_access_keys", Kind.READ),
        _endpoint("remove_access_key", "POST", f"{RESELLER}/remove_access_key", Kind.DESTRUCTIVE),
        _endpoint("add_cname", "POST", f"{RESELLER}/storage/cname/add", Kind.CREATE),
        _endpoint("list_cnames", "POST", f"{RESELLER}/storage/cname", Kind.READ),
        _endpoint("update_cname", "POST", f"{RESELLER}/storage/cname/update", Kind.IDEMPOTENT),
        _endpoint("remove_cname", "POST", f"{RESELLER}/storage/cname/remove", Kind.DESTRUCTIVE),
        _endpoint("invite_subuser", "PUT", f"{SUBUSERS}/invite", Kind.CREATE),
        _endpoint("list_subusers", "POST", f"{SUBUSERS}/list", Kind.READ),
        _endpoint("create_subuser", "PUT", f"{SUBUSERS}/create_account", Kind.CREATE),
        _endpoint(
            "disable_subuser",
            "POST",
            f"{SUBUSERS}/disable",
            Kind.IDEMPOTENT,
            "user_account_already_disabled",
        ),
        _endpoint(
            "enable_subuser",
            "POST",
            f"{SUBUSERS}/enable",
            Kind.IDEMPOTENT,
            "user_account_already_enabled",
        ),
        _endpoint("remove_subuser", "POST", f"{SUBUSERS}/remove", Kind.DESTRUCTIVE),
        _endpoint("cancel_subuser_invite", "POST", f"{SUBUSERS}/invite/cancel", Kind.DESTRUCTIVE),
        _endpoint("update_subuser", "POST", f"{SUBUSERS}/update", Kind.IDEMPOTENT),
        _endpoint(
            "subuser_activity_history", "POST", f"{SUBUSERS}/user_activity_history", Kind.READ
        ),
    )
}


def records_of(record_type, key: str | None, body: Any) -> list[Any]:
    """The records of a list answer (a bare array, or the array under `key`), parsed."""
    if key is not None and isinstance(body, Mapping):
        body = body.get(key)
    if not isinstance(body, list) or not all(isinstance(item, Mapping) for item in body):
        where = f" under {key!r}" if key else ""
        raise E2MalformedResponse(f"expected a list of objects{where}", code="malformed_response")
    return [record_type.from_api(record) for record in body]


def expect_flag(flag: str, body: Any) -> Any:
    if not isinstance(body, Mapping) or body.get(flag) is not True:
        raise E2MalformedResponse(f"answer lacks {flag}: true", code="malformed_response")
    return body


def storage_dn_added(body: Any) -> str:
    storage_dn = expect_flag("storage_added", body).get("storage_dn")
    if not isinstance(storage_dn, str) or not storage_dn:
        raise E2MalformedResponse("storage_dn missing", code="malformed_response")
    return storage_dn


def created_access_key(body: Any) -> CreatedAccessKey:
    return CreatedAccessKey.from_api(expect_flag("created", body))


def invite_url(body: Any) -> str:
    url = body.get("invite_url") if isinstance(body, Mapping) else None
    if not isinstance(url, str) or not url:
        raise E2MalformedResponse("invite_url missing", code="malformed_response")
    return url
