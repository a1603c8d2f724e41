"""Storage operations: regions, a user's storages, their CORS and their access keys."""

import secrets
import string

from portal.e2 import limits

from . import catalogue
from .errors import forbidden
from .validation import BodyFields, read_cors

KEY_ID_ALPHABET = string.ascii_uppercase + string.digits
SECRET_ALPHABET = string.ascii_letters + string.digits
KEY_ID_LENGTH = 20
SECRET_LENGTH = 40


def list_regions(call):
    """GET /api/reseller/v1/regions: a bare array of the catalogue."""
    return catalogue.list_regions()


def find_storage(user, storage_dn):
    """The user's storage with this DN (case-insensitive), or None."""
    return user["storages"].get(storage_dn.lower())


def storage_of(user, storage_dn, message=None):
    """The user's storage, else 403 storage_non_existant."""
    storage = find_storage(user, storage_dn)
    if storage is None:
        raise forbidden("storage_non_existant", message)
    return storage


def enable_user_region(call):
    """POST /api/reseller/v1/enable_user_region: a new storage in an active region."""
    fields = BodyFields(call.body)
    email = fields.email("email")
    region_key = fields.string("region", limits.REGION_MAX)
    fields.raise_if_invalid()
    region = catalogue.find_region(region_key)
    if region is None:
        fields.fail("region", "is not a region_key of the regions list")
        fields.raise_if_invalid()

    state = call.state
    user = state.enabled_user(email)
    if state.data["payment_failed"]:
        raise forbidden("payment_failed")
    if not region["active"]:
        raise forbidden("region_not_active")
    key = region["region_key"]
    if any(storage["region_key"] == key for storage in user["storages"].values()):
        raise forbidden("region_already_enabled")
    storage_dn = catalogue.new_storage_dn(key, state.all_storage_dns())
    user["storages"][storage_dn] = {
        "storage_dn": storage_dn,
        "region_key": key,
        "cors": catalogue.DEFAULT_CORS,
        "creation_date": state.timestamp(),
        "buckets": {},
        "access_keys": [],
        "cnames": [],
    }
    state.record_activity(user, f"Region {region['region_name']} enabled", call.ip)
    return {"storage_added": True, "storage_dn": storage_dn}


def list_user_regions(call):
    """POST /api/reseller/v1/list_user_regions: the user's storages with their region."""
    fields = BodyFields(call.body)
    email = fields.email("email")
    fields.raise_if_invalid()

    user = call.state.enabled_user(email)
    user_regions = []
    for storage in user["storages"].values():
        region = catalogue.find_region(storage["region_key"])
        user_regions.append(
            {
                "region_key": region["region_key"],
                "region_name": region["region_name"],
                "country": region["country"],
                "region_code": region["region_code"],
                "storage_dn": storage["storage_dn"],
                "cors": storage["cors"],
                "hdd_storage": region["hdd_storage"],
            }
        )
    return {"user_regions": user_regions}


def remove_user_region(call):
    """POST /api/reseller/v1/remove_user_region.

    Refused while the storage holds a bucket and the user is enabled; once the user is
    disabled the storage goes, buckets, keys and CNAMEs with it.
    """
    fields = BodyFields(call.body)
    email = fields.email("email")
    storage_dn = fields.string("storage_dn", limits.STORAGE_DN_MAX)
    fields.raise_if_invalid()

    user = call.state.user(email)
    storage = storage_of(user, storage_dn)
    if storage["buckets"] and user["is_active"]:
        raise forbidden("storage_not_empty")
    del user["storages"][storage["storage_dn"]]
    call.state.record_activity(user, f"Storage {storage['storage_dn']} removed", call.ip)
    return {"removed": True}


def set_cors(call):
    """POST /api/reseller/v1/storage/set_cors: `*` or up to 10 comma-separated domains."""
    fields = BodyFields(call.body)
    email = fields.email("email")
    storage_dn = fields.string("storage_dn", limits.STORAGE_DN_MAX)
    cors = fields.string("cors", 2000)
    fields.raise_if_invalid()

    user = call.state.user(email)
    storage = storage_of(user, storage_dn)
    domains = read_cors(cors)
    if domains is None:
        raise forbidden("invalid_cors_policy")
    if len(domains) > limits.CORS_MAX_DOMAINS:
        raise forbidden("invalid_cors_policy", "Maximum 10 cors are allowed")
    storage["cors"] = ",".join(domains)
    call.state.record_activity(user, f"CORS of {storage['storage_dn']} updated", call.ip)
    return {"cors_updated": True}


def _access_key_request(call, extra_fields):
    fields = BodyFields(call.body)
    email = fields.email("email")
    storage_dn = fields.string("storage_dn", limits.STORAGE_DN_MAX)
    extra = extra_fields(fields)
    fields.raise_if_invalid()
    user = call.state.enabled_user(email)
    return user, storage_dn, extra


def create_access_key(call):
    """POST /api/reseller/v1/create_access_key: the secret is in this answer and nowhere else."""

    def read(fields):
        return (
            fields.string("name", limits.ACCESS_KEY_NAME_MAX),
            fields.permissions("permissions"),
            fields.bucket_names("buckets"),
        )

    user, storage_dn, (name, permissions, buckets) = _access_key_request(call, read)
    storage = storage_of(user, storage_dn)
    taken = {key["key_id"] for key in storage["access_keys"]}
    key_id = _random_text(KEY_ID_ALPHABET, KEY_ID_LENGTH)
    while key_id in taken:
        key_id = _random_text(KEY_ID_ALPHABET, KEY_ID_LENGTH)
    storage["access_keys"].append(
        {
            "key_id": key_id,
            "name": name,
            "permissions": permissions,
            "buckets": buckets,
            "creation_date": call.state.timestamp(),
        }
    )
    call.state.record_activity(user, f"Access key {name} created", call.ip)
    secret_key = _random_text(SECRET_ALPHABET, SECRET_LENGTH)
    return {"created": True, "data": {"access_key": key_id, "secret_key": secret_key}}


def list_access_keys(call):
    """POST /api/reseller/v1/list_access_keys: ids, names and descriptions, never secrets."""
    user, storage_dn, _ = _access_key_request(call, lambda fields: None)
    storage = storage_of(user, storage_dn, "Storage does not exist")
    return {
        "storage_dn": storage["storage_dn"],
        "access_keys": [
            {
                "key_id": key["key_id"],
                "name": key["name"],
                "creation_date": key["creation_date"],
                "description": describe_access_key(key),
            }
            for key in storage["access_keys"]
        ],
    }


def remove_access_key(call):
    """POST /api/reseller/v1/remove_access_key."""

    def read(fields):
        return fields.string("access_key", limits.ACCESS_KEY_MAX)

    user, storage_dn, key_id = _access_key_request(call, read)
    storage = storage_of(user, storage_dn)
    remaining = [key for key in storage["access_keys"] if key["key_id"] != key_id]
    if len(remaining) == len(storage["access_keys"]):
        raise forbidden("access_key_non_existant")
    storage["access_keys"] = remaining
    call.state.record_activity(user, f"Access key {key_id} removed", call.ip)
    return {"removed": True}


def describe_access_key(key):
    """The vendor's description: `Read/Write access to all buckets`, `Read access to a, b`."""
    permission = limits.PERMISSIONS[key["permissions"]]
    if not key["buckets"]:
        return f"{permission} access to all buckets"
    return f"{permission} access to buckets: {', '.join(key['buckets'])}"


def _random_text(alphabet, length):
    return "".join(secrets.choice(alphabet) for _ in range(length))
