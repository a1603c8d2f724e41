"""Typed inputs and results of the e2 client.

Each result has a `from_api` constructor that reads the API's JSON and raises
E2MalformedResponse when a required field is missing or has the wrong type. Optional fields the
API does not always send default to None. Units follow the API: bytes for storage used and
transfer, GB for quotas (0 = unlimited), ISO dates `YYYY-MM-DD`.
"""

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import E2MalformedResponse
from .limits import PERMISSION_READ_WRITE

MASK = "********"


class Secret:
    """A value that must not end up in logs, tracebacks or templates by accident.

    Its repr and str are masked; `reveal()` returns the value.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str):
        self._value = value

    def reveal(self) -> str:
        """The secret itself; call it only where the value is really needed."""
        return self._value

    def __repr__(self) -> str:
        return f"Secret('{MASK}')"

    def __str__(self) -> str:
        return MASK

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


def _require(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    """data[key], checked to be of `kind`; a wrong shape is the API's fault, not ours."""
    if not isinstance(data, Mapping) or key not in data:
        raise E2MalformedResponse(f"missing field {key!r}", code="malformed_response")
    value = data[key]
    # bool is an int in Python; an int field holding true/false is still a wrong shape.
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
        raise E2MalformedResponse(f"field {key!r} has the wrong type", code="malformed_response")
    return value


def _optional(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    """data[key] if present and of `kind`, else None."""
    value = data.get(key)
    if value is None or not isinstance(value, kind):
        return None
    if isinstance(value, bool) and bool not in _as_tuple(kind):
        return None
    return value


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _number(data: Mapping[str, Any], key: str) -> int:
    """A byte count the API documents as a double, as a whole number of bytes."""
    return round(_require(data, key, (int, float)))


def _string(data: Mapping[str, Any], key: str) -> str:
    return _require(data, key, str)


def _text(data: Mapping[str, Any], key: str) -> str:
    """An optional string field: "" when missing or null."""
    return _optional(data, key, str) or ""


def _records(value: Any, what: str) -> list[Mapping[str, Any]]:
    """A list of JSON objects, else E2MalformedResponse."""
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise E2MalformedResponse(f"{what} is not a list of objects", code="malformed_response")
    return value


# Reseller users ----------------------------------------------------------------------------


@dataclass(frozen=True)
class User:
    """A customer account under the reseller."""

    email: str
    first_name: str
    last_name: str
    account_creation_timestamp: str
    invite_url: str | None
    is_signed_up: bool
    is_active: bool
    storage_used: int  # bytes
    storage_quota: int  # GB, 0 = unlimited

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> "User":
        return cls(
            email=_string(data, "email"),
            first_name=_text(data, "first_name"),
            last_name=_text(data, "last_name"),
            account_creation_timestamp=_text(data, "account_creation_timestamp"),
            invite_url=_optional(data, "invite_url", str),
            is_signed_up=_require(data, "is_signed_up", bool),
            is_active=_require(data, "is_active", bool),
            storage_used=_number(data, "storage_used"),
            storage_quota=_require(data, "storage_quota", int),
        )


@dataclass(frozen=True)
class UserList:
    """The answer of list_users: the reseller's id (when sent) and its users."""

    reseller_id: str | None
    users: tuple[User, ...]

    def __iter__(self) -> Iterator[User]:
        return iter(self.users)

    def __len__(self) -> int:
        return len(self.users)

    @classmethod
    def from_api(cls, body: Any) -> "UserList":
        # The docs say both "array of users" and {id, users}: accept either.
        if isinstance(body, Mapping):
            reseller_id = _optional(body, "id", (str, int))
            users = _records(body.get("users"), "users")
            return cls(str(reseller_id) if reseller_id is not None else None, _users(users))
        return cls(None, _users(_records(body, "users")))


def _users(records: list[Mapping[str, Any]]) -> tuple[User, ...]:
    return tuple(User.from_api(record) for record in records)


@dataclass(frozen=True)
class UsageDay:
    """One day of a user's storage use and transfer, in bytes."""

    date: datetime.date
    disk_used: int
    uploads: int
    downloads: int

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> "UsageDay":
        raw_date = _string(data, "date")
        try:
            # Accept a bare date or a timestamp that starts with one.
            day = datetime.date.fromisoformat(raw_date[:10])
        except ValueError as error:
            raise E2MalformedResponse(f"bad date {raw_date!r}", code="malformed_response") from (
                error
            )
        return cls(
            date=day,
            disk_used=_number(data, "disk_used"),
            uploads=_number(data, "uploads"),
            downloads=_number(data, "downloads"),
        )


@dataclass(frozen=True)
class ActivityEntry:
    """One line of an activity log."""

    timestamp: str
    description: str
    ip: str

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> "ActivityEntry":
        return cls(
            timestamp=_text(data, "timestamp"),
            description=_text(data, "description"),
            ip=_text(data, "ip"),
        )


@dataclass(frozen=True)
class ActivityPage:
    """One page (200 records) of an activity log; pages are numbered from 1."""

    logs: tuple[ActivityEntry, ...]
    total_records: int
    page_no: int
    records_per_page: int

    @property
    def is_last(self) -> bool:
        """True when no further page holds records."""
        return not self.logs or self.page_no * self.records_per_page >= self.total_records

    @classmethod
    def from_api(cls, body: Any) -> "ActivityPage":
        logs = _records(body.get("logs") if isinstance(body, Mapping) else None, "logs")
        pagination = _require(body, "pagination", Mapping)
        return cls(
            logs=tuple(ActivityEntry.from_api(entry) for entry in logs),
            total_records=_require(pagination, "total_records", int),
            page_no=_require(pagination, "page_no", int),
            records_per_page=_require(pagination, "records_per_page", int),
        )


# Storage -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    """A storage region the reseller can enable for users."""

    region_key: str
    region_name: str
    country: str
    region_code: str
    active: bool
    hdd_storage: bool
    cors: str

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> "Region":
        return cls(
            region_key=_string(data, "region_key"),
            region_name=_text(data, "region_name"),
            country=_text(data, "country"),
            region_code=_text(data, "region_code"),
            active=_require(data, "active", bool),
            hdd_storage=bool(_optional(data, "hdd_storage", bool)),
            cors=_text(data, "cors"),
        )


@dataclass(frozen=True)
class UserRegion:
    """A region enabled for a user, with the storage DN its data is reached through."""

    storage_dn: str
    region_key: str | None = None
    region_name: str | None = None
    country: str | None = None
    region_code: str | None = None
    cors: str | None = None
    hdd_storage: bool | None = None

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> "UserRegion":
        return cls(
            storage_dn=_string(data, "storage_dn"),
            region_key=_optional(data, "region_key", str),
            region_name=_optional(data, "region_name", str),
            country=_optional(data, "country", str),
            region_code=_optional(data, "region_code", str),
            cors=_optional(data, "cors", str),
            hdd_storage=_optional(data, "hdd_storage", bool),
        )


@dataclass(frozen=True)
class AccessKey:
    """An access key as listed (the secret is never listed)."""

    key_id: str
    name: str
    creation_date: str
    description: str

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> "AccessKey":
        return cls(
            key_id=_string(data, "key_id"),
            name=_text(data, "name"),
            creation_date=_text(data, "creation_date"),
            description=_text(data, "description"),
        )


@dataclass(frozen=True)
class CreatedAccessKey:
    """A new access key; the secret is returned by the API this once only."""

    access_key: str
    secret_key: Secret

    @classmethod
    def from_api(cls, body: Any) -> "CreatedAccessKey":
        data = _require(body, "data", Mapping)
        return cls(
            access_key=_string(data, "access_key"),
            secret_key=Secret(_string(data, "secret_key")),
        )


@dataclass(frozen=True)
class CertificateInfo:
    """What the API read from a CNAME's certificate; `details` holds every field sent."""

    subject: str | None
    issuer: str | None
    valid_from: str | None
    valid_to: str | None
    serial: str | None
    details: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def from_api(cls, data: Any) -> "CertificateInfo | None":
        if not isinstance(data, Mapping):
            return None

        def text(key: str) -> str | None:
            value = data.get(key)
            return None if value is None else str(value)

        return cls(
            subject=text("subject"),
            issuer=text("issuer"),
            valid_from=text("valid_from"),
            valid_to=text("valid_to"),
            serial=text("serial"),
            details=dict(data),
        )


@dataclass(frozen=True)
class Cname:
    """A custom domain (CNAME) mapped to a user's storage, with its certificate."""

    cname: str
    file_index: str | None
    certificate_info: CertificateInfo | None
    creation_date: str | None

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> "Cname":
        file_index = data.get("file_index")
        return cls(
            cname=_string(data, "cname"),
            file_index=None if file_index is None else str(file_index),
            certificate_info=CertificateInfo.from_api(data.get("certificate_info")),
            creation_date=_optional(data, "creation_date", str),
        )


# Sub-users ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StorageAccess:
    """Bucket-level access of a sub-user within one storage DN."""

    storage_dn: str
    buckets: tuple[str, ...]

    def to_api(self) -> dict[str, Any]:
        return {"storage_dn": self.storage_dn, "buckets": list(self.buckets)}

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> "StorageAccess":
        buckets = data.get("buckets") or []
        return cls(
            storage_dn=_string(data, "storage_dn"),
            buckets=tuple(str(bucket) for bucket in buckets),
        )


def storage_access_to_api(storage_access: "tuple[StorageAccess, ...] | list[StorageAccess]"):
    """The API's storage_access array."""
    return [entry.to_api() for entry in storage_access]


@dataclass(frozen=True)
class SubuserSettings:
    """What an invite or a create sends about a sub-user.

    `disable_delete_object`, `sso_login` and `storage_access` are optional in the API and are
    left out of the request when None (storage_access None means "all buckets").
    """

    subuser_email: str
    permissions: int = PERMISSION_READ_WRITE
    is_admin: bool = False
    allow_session_timeout_settings: bool = False
    idle_timeout: int = 3600  # seconds
    concurrent_sessions: bool = True
    allow_concurrent_session_settings: bool = False
    disable_delete_object: bool | None = None
    sso_login: bool | None = None
    storage_access: tuple[StorageAccess, ...] | None = None

    def to_api(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "subuser_email": self.subuser_email,
            "permissions": self.permissions,
            "is_admin": self.is_admin,
            "allow_session_timeout_settings": self.allow_session_timeout_settings,
            "idle_timeout": self.idle_timeout,
            "concurrent_sessions": self.concurrent_sessions,
            "allow_concurrent_session_settings": self.allow_concurrent_session_settings,
        }
        if self.disable_delete_object is not None:
            payload["disable_delete_object"] = self.disable_delete_object
        if self.sso_login is not None:
            payload["sso_login"] = self.sso_login
        if self.storage_access is not None:
            payload["storage_access"] = storage_access_to_api(self.storage_access)
        return payload


@dataclass(frozen=True)
class Subuser:
    """A sub-user (team member) of a customer account, invited or signed up."""

    email: str
    first_name: str
    last_name: str
    storage_access: tuple[StorageAccess, ...]
    account_creation_timestamp: str
    invite_url: str | None
    is_admin: bool
    signed_up: bool
    permissions: int
    disable_delete_object: bool | None
    sso_login: bool | None
    idle_timeout: int | None
    concurrent_sessions: bool | None
    allow_session_timeout_settings: bool | None
    allow_concurrent_session_settings: bool | None
    is_active: bool | None  # not documented; sent by some answers

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> "Subuser":
        access = data.get("storage_access") or []
        return cls(
            email=_string(data, "email"),
            first_name=_text(data, "first_name"),
            last_name=_text(data, "last_name"),
            storage_access=tuple(
                StorageAccess.from_api(entry) for entry in _records(access, "storage_access")
            ),
            account_creation_timestamp=_text(data, "account_creation_timestamp"),
            invite_url=_optional(data, "invite_url", str),
            is_admin=bool(_optional(data, "is_admin", bool)),
            signed_up=_require(data, "signed_up", bool),
            permissions=_require(data, "permissions", int),
            disable_delete_object=_optional(data, "disable_delete_object", bool),
            sso_login=_optional(data, "sso_login", bool),
            idle_timeout=_optional(data, "idle_timeout", int),
            concurrent_sessions=_optional(data, "concurrent_sessions", bool),
            allow_session_timeout_settings=_optional(data, "allow_session_timeout_settings", bool),
            allow_concurrent_session_settings=_optional(
                data, "allow_concurrent_session_settings", bool
            ),
            is_active=_optional(data, "is_active", bool),
        )
