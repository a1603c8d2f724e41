"""Sub-user operations of an account, on the reseller's behalf (`admin_email` names the account)."""

from portal.e2 import limits

from .errors import forbidden
from .state import email_key, new_invite_url
from .storages import find_storage
from .users import activity_page, read_activity_request
from .validation import BodyFields

# Settings of the invite, create_account and update bodies: field -> reader.
SETTINGS = {
    "permissions": BodyFields.permissions,
    "is_admin": BodyFields.boolean,
    "allow_session_timeout_settings": BodyFields.boolean,
    "idle_timeout": BodyFields.idle_timeout,
    "concurrent_sessions": BodyFields.boolean,
    "allow_concurrent_session_settings": BodyFields.boolean,
}
OPTIONAL_SETTINGS = {
    "disable_delete_object": (BodyFields.boolean, True),
    "sso_login": (BodyFields.boolean, False),
}


def _read_settings(fields, partial):
    """The settings present in the body; every required one unless `partial` (update)."""
    settings = {}
    for field, reader in SETTINGS.items():
        if partial and field not in fields.body:
            continue
        settings[field] = reader(fields, field)
    for field, (reader, default) in OPTIONAL_SETTINGS.items():
        value = reader(fields, field, required=False)
        if value is not None:
            settings[field] = value
        elif not partial:
            settings[field] = default
    if "storage_access" in fields.body or not partial:
        settings["storage_access"] = fields.storage_access("storage_access") or []
    return settings


def _check_settings(user, settings, message="Storage does not exist"):
    for access in settings.get("storage_access", []):
        storage = find_storage(user, access["storage_dn"])
        if storage is None:
            raise forbidden("storage_non_existant", message)
        access["storage_dn"] = storage["storage_dn"]
    if settings.get("sso_login") and not user["sso_configured"]:
        raise forbidden("sso_not_configured")


def _read_pair(fields):
    admin_email = fields.email("admin_email")
    subuser_email = fields.email("subuser_email")
    return admin_email, subuser_email


def _admin_account(state, admin_email):
    return state.user(admin_email)


def _subuser(account, subuser_email):
    subuser = account["subusers"].get(email_key(subuser_email))
    if subuser is None:
        raise forbidden("account_non_existant")
    return subuser


def _signed_up_subuser(account, subuser_email):
    subuser = _subuser(account, subuser_email)
    if not subuser["signed_up"]:
        raise forbidden("user_not_signed_up")
    return subuser


def _check_new_subuser(state, account, subuser_email):
    """Refusals for adding `subuser_email` (the existing invite, if any, is returned)."""
    existing = account["subusers"].get(email_key(subuser_email))
    if existing is not None:
        if existing["signed_up"]:
            raise forbidden("user_already_signedup")
        return existing
    if state.find_user(subuser_email) is not None or state.email_in_use_elsewhere(subuser_email):
        raise forbidden("email_already_in_use")
    if len(account["subusers"]) >= limits.SUBUSER_LIMIT:
        raise forbidden(
            "maximum_limit_reached",
            f"You can invite up to {limits.SUBUSER_LIMIT} users. For inviting more users, "
            "contact support.",
        )
    return None


def _new_subuser(email, settings, created_at):
    subuser = {
        "email": email,
        "first_name": "",
        "last_name": "",
        "account_creation_timestamp": created_at,
        "invite_url": None,
        "signed_up": False,
        "is_active": True,
        "activity": [],
    }
    subuser.update(settings)
    return subuser


def invite(call):
    """PUT /api/subusers/v1/invite: a pending sub-user; re-inviting a pending one is allowed."""
    fields = BodyFields(call.body)
    admin_email, subuser_email = _read_pair(fields)
    settings = _read_settings(fields, partial=False)
    fields.raise_if_invalid()

    state = call.state
    account = _admin_account(state, admin_email)
    _check_settings(account, settings)
    existing = _check_new_subuser(state, account, subuser_email)
    subuser = existing or _new_subuser(subuser_email, settings, state.timestamp())
    subuser.update(settings)
    subuser["invite_url"] = new_invite_url()
    account["subusers"][email_key(subuser_email)] = subuser
    state.record_activity(account, f"Sub-user {subuser_email} invited", call.ip, subuser)
    return {"result": "invite successful", "invite_url": subuser["invite_url"]}


def list_subusers(call):
    """POST /api/subusers/v1/list: `{"users": [...]}` with the vendor's fields plus is_active."""
    fields = BodyFields(call.body)
    admin_email = fields.email("admin_email")
    fields.raise_if_invalid()

    account = _admin_account(call.state, admin_email)
    return {"users": [public_subuser(subuser) for subuser in account["subusers"].values()]}


def public_subuser(subuser):
    """A sub-user as the list answers it."""
    return {
        "email": subuser["email"],
        "first_name": subuser["first_name"],
        "last_name": subuser["last_name"],
        "storage_access": [dict(access) for access in subuser["storage_access"]],
        "account_creation_timestamp": subuser["account_creation_timestamp"],
        "invite_url": subuser["invite_url"],
        "is_admin": subuser["is_admin"],
        "signed_up": subuser["signed_up"],
        "permissions": subuser["permissions"],
        "disable_delete_object": subuser["disable_delete_object"],
        "sso_login": subuser["sso_login"],
        "idle_timeout": subuser["idle_timeout"],
        "concurrent_sessions": subuser["concurrent_sessions"],
        "allow_session_timeout_settings": subuser["allow_session_timeout_settings"],
        "allow_concurrent_session_settings": subuser["allow_concurrent_session_settings"],
        "is_active": subuser["is_active"],
    }


def create_account(call):
    """PUT /api/subusers/v1/create_account: a signed-up sub-user (completes a pending invite)."""
    fields = BodyFields(call.body)
    admin_email, subuser_email = _read_pair(fields)
    settings = _read_settings(fields, partial=False)
    first_name = fields.string("first_name", limits.FIRST_NAME_MAX)
    last_name = fields.string("last_name", limits.LAST_NAME_MAX, required=False, allow_blank=True)
    fields.password("password")
    fields.raise_if_invalid()

    state = call.state
    account = _admin_account(state, admin_email)
    _check_settings(account, settings)
    existing = _check_new_subuser(state, account, subuser_email)
    subuser = existing or _new_subuser(subuser_email, settings, state.timestamp())
    subuser.update(settings, first_name=first_name, last_name=last_name or "")
    subuser.update(signed_up=True, invite_url=None)
    account["subusers"][email_key(subuser_email)] = subuser
    state.record_activity(account, f"Sub-user {subuser_email} created", call.ip, subuser)
    return {"success": True}


def _read_notification_pair(call):
    fields = BodyFields(call.body)
    admin_email, subuser_email = _read_pair(fields)
    fields.boolean("email_notification", required=False)
    fields.raise_if_invalid()
    account = _admin_account(call.state, admin_email)
    return account, subuser_email


def disable(call):
    """POST /api/subusers/v1/disable."""
    account, subuser_email = _read_notification_pair(call)
    subuser = _signed_up_subuser(account, subuser_email)
    if not subuser["is_active"]:
        raise forbidden("user_account_already_disabled")
    subuser["is_active"] = False
    call.state.record_activity(account, f"Sub-user {subuser['email']} disabled", call.ip, subuser)
    return {"success": True}


def enable(call):
    """POST /api/subusers/v1/enable."""
    account, subuser_email = _read_notification_pair(call)
    subuser = _signed_up_subuser(account, subuser_email)
    if subuser["is_active"]:
        raise forbidden("user_account_already_enabled")
    subuser["is_active"] = True
    call.state.record_activity(account, f"Sub-user {subuser['email']} enabled", call.ip, subuser)
    return {"success": True}


def remove(call):
    """POST /api/subusers/v1/remove: only a disabled, signed-up sub-user."""
    account, subuser_email = _read_notification_pair(call)
    subuser = _signed_up_subuser(account, subuser_email)
    if subuser["is_active"]:
        raise forbidden("user_account_not_disabled")
    del account["subusers"][email_key(subuser_email)]
    call.state.record_activity(account, f"Sub-user {subuser['email']} removed", call.ip)
    return {"success": True}


def cancel_invite(call):
    """POST /api/subusers/v1/invite/cancel: only a sub-user who has not signed up."""
    fields = BodyFields(call.body)
    admin_email, subuser_email = _read_pair(fields)
    fields.raise_if_invalid()

    account = _admin_account(call.state, admin_email)
    subuser = _subuser(account, subuser_email)
    if subuser["signed_up"]:
        raise forbidden("user_already_signedup")
    del account["subusers"][email_key(subuser_email)]
    call.state.record_activity(account, f"Invitation of {subuser['email']} cancelled", call.ip)
    return {"success": True}


def update(call):
    """POST /api/subusers/v1/update: only the fields sent change; invited or signed up."""
    fields = BodyFields(call.body)
    admin_email, subuser_email = _read_pair(fields)
    settings = _read_settings(fields, partial=True)
    expire_sessions = fields.boolean("expire_subuser_sessions", required=False)
    fields.raise_if_invalid()

    state = call.state
    account = _admin_account(state, admin_email)
    subuser = _subuser(account, subuser_email)
    _check_settings(account, settings)
    subuser.update(settings)
    state.record_activity(account, f"Sub-user {subuser['email']} updated", call.ip, subuser)
    if expire_sessions:
        subuser["sessions_expired_at"] = state.timestamp()
        state.record_activity(
            account, f"Sessions of sub-user {subuser['email']} expired", call.ip, subuser
        )
    return {"success": True}


def activity_history(call):
    """POST /api/subusers/v1/user_activity_history: the sub-user's own entries."""
    fields = BodyFields(call.body)
    admin_email, subuser_email = _read_pair(fields)
    start_date, end_date, page_no = read_activity_request(fields)
    fields.raise_if_invalid()

    account = _admin_account(call.state, admin_email)
    subuser = _signed_up_subuser(account, subuser_email)
    return activity_page(subuser["activity"], start_date, end_date, page_no)
