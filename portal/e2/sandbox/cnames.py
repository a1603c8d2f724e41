"""White-label CNAMEs of a storage: add, list, update, remove, with real certificate checks.

Every refusal of these endpoints is 403 `request_processing_failed` with the message telling
which case it is, as the vendor documents (except account_non_existant and user_disabled).
"""

from portal.e2 import limits

from . import errors
from .certificates import CertificateRejected, verify_certificate
from .errors import cname_refused
from .storages import find_storage
from .validation import BodyFields, is_hostname


def _read_target(fields):
    email = fields.email("email")
    storage_dn = fields.string("storage_dn", limits.STORAGE_DN_MAX)
    return email, storage_dn


def _read_cname(fields):
    cname = fields.string("cname", limits.CNAME_MAX)
    if cname is not None and not is_hostname(cname):
        fields.fail("cname", "must be a hostname such as storage.example.com")
        return None
    return cname


def _read_certificate(fields):
    return {
        "public_key": fields.string("public_key", limits.PUBLIC_KEY_MAX),
        "private_key": fields.string("private_key", limits.PRIVATE_KEY_MAX),
        "file_index": fields.string("file_index", limits.FILE_INDEX_MAX, required=False),
        "passphrase": fields.string("passphrase", limits.PASSPHRASE_MAX, required=False),
    }


def _storage(call, email, storage_dn):
    user = call.state.enabled_user(email)
    storage = find_storage(user, storage_dn)
    if storage is None:
        raise cname_refused(errors.CNAME_STORAGE_UNKNOWN)
    return user, storage


def _configured_elsewhere(state, cname, except_record=None):
    for user in state.users.values():
        for storage in user["storages"].values():
            for record in storage["cnames"]:
                if record is not except_record and record["cname"].lower() == cname.lower():
                    return True
    return False


def _certificate_info(call, cname, certificate):
    try:
        return verify_certificate(
            cname,
            certificate["public_key"],
            certificate["private_key"],
            certificate["passphrase"],
            call.state.now(),
        )
    except CertificateRejected as rejection:
        call.note(f"certificate rejected: {rejection}")
        raise cname_refused(errors.CNAME_CERTIFICATE_REJECTED) from rejection


def _next_file_index(storage):
    numbers = [
        int(record["file_index"]) for record in storage["cnames"] if record["file_index"].isdigit()
    ]
    return str(max(numbers, default=0) + 1)


def add_cname(call):
    """POST /api/reseller/v1/storage/cname/add."""
    fields = BodyFields(call.body)
    email, storage_dn = _read_target(fields)
    cname = _read_cname(fields)
    certificate = _read_certificate(fields)
    fields.raise_if_invalid()

    user, storage = _storage(call, email, storage_dn)
    if limits.VENDOR_DOMAIN_PATTERN.search(cname):
        raise cname_refused(errors.CNAME_CANNOT_BE_USED)
    if _configured_elsewhere(call.state, cname):
        raise cname_refused(errors.CNAME_ALREADY_CONFIGURED_ON_ADD)
    file_index = certificate["file_index"] or _next_file_index(storage)
    if any(record["file_index"] == file_index for record in storage["cnames"]):
        fields.fail("file_index", "is already used by another CNAME of this storage")
        fields.raise_if_invalid()
    info = _certificate_info(call, cname, certificate)
    storage["cnames"].append(
        {
            "file_index": file_index,
            "cname": cname,
            "certificate_info": info,
            "creation_date": call.state.timestamp(),
        }
    )
    call.state.record_activity(user, f"CNAME {cname} added to {storage['storage_dn']}", call.ip)
    return {"cname_added": True}


def list_cnames(call):
    """POST /api/reseller/v1/storage/cname."""
    fields = BodyFields(call.body)
    email, storage_dn = _read_target(fields)
    fields.raise_if_invalid()

    _user, storage = _storage(call, email, storage_dn)
    return {"cname_list": [dict(record) for record in storage["cnames"]]}


def update_cname(call):
    """POST /api/reseller/v1/storage/cname/update.

    Replaces the CNAME with the given `file_index`; without one, the storage's only CNAME.
    `region_key` is accepted and not used.
    """
    fields = BodyFields(call.body)
    fields.string("region_key", limits.REGION_MAX, required=False)
    email, storage_dn = _read_target(fields)
    cname = _read_cname(fields)
    certificate = _read_certificate(fields)
    fields.raise_if_invalid()

    user, storage = _storage(call, email, storage_dn)
    if limits.VENDOR_DOMAIN_PATTERN.search(cname):
        raise cname_refused(errors.CNAME_CANNOT_BE_USED)
    record = _record_to_update(fields, storage, certificate["file_index"])
    if _configured_elsewhere(call.state, cname, except_record=record):
        raise cname_refused(errors.CNAME_ALREADY_CONFIGURED_ON_UPDATE)
    info = _certificate_info(call, cname, certificate)
    old_cname = record["cname"]
    record.update(cname=cname, certificate_info=info, creation_date=call.state.timestamp())
    call.state.record_activity(user, f"CNAME {old_cname} replaced by {cname}", call.ip)
    return {"cname_updated": True}


def _record_to_update(fields, storage, file_index):
    if file_index is not None:
        for record in storage["cnames"]:
            if record["file_index"] == file_index:
                return record
        raise cname_refused(errors.CNAME_NOT_FOUND)
    if not storage["cnames"]:
        raise cname_refused(errors.CNAME_NOT_FOUND)
    if len(storage["cnames"]) > 1:
        fields.fail("file_index", "is required when the storage has more than one CNAME")
        fields.raise_if_invalid()
    return storage["cnames"][0]


def remove_cname(call):
    """POST /api/reseller/v1/storage/cname/remove."""
    fields = BodyFields(call.body)
    email, storage_dn = _read_target(fields)
    cname = _read_cname(fields)
    fields.raise_if_invalid()

    user, storage = _storage(call, email, storage_dn)
    if limits.VENDOR_DOMAIN_PATTERN.search(cname):
        raise cname_refused(errors.CNAME_CANNOT_BE_USED)
    remaining = [record for record in storage["cnames"] if record["cname"].lower() != cname.lower()]
    if len(remaining) == len(storage["cnames"]):
        raise cname_refused(errors.CNAME_NOT_FOUND)
    storage["cnames"] = remaining
    call.state.record_activity(user, f"CNAME {cname} removed", call.ip)
    return {"cname_removed": True}
